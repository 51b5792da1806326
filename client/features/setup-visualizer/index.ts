import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { GraphLink, GraphResult } from '../../../shared/protocol.js';
import { Commands, GraphRequest } from '../../../shared/protocol.js';
import type { FromVisualizer, ToVisualizer } from '../../../shared/webview-messages.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { targetDocument } from '../../infrastructure/documents.js';
import type { Log } from '../../infrastructure/log.js';
import { setupName } from '../../logic/plan-documents.js';
import { visualizerHtml } from '../../logic/visualizer-page.js';
import type { VoiceLanguage } from '../language-client/index.js';

/** What the visualizer's page last drew, counted from its DOM (tests read it). */
export interface VisualizerRendered {
    nodes: number;
    edges: number;
    view: string;
    /** Milliseconds from the request for the picture to the page's report that it drew it. */
    elapsedMs: number;
    /** When the page's report arrived (Date.now()). */
    at: number;
}

/** The visualizer as tests drive it: what the page drew, and a click on a node. */
export interface VisualizerControl {
    rendered(): VisualizerRendered | undefined;
    click(id: string): Promise<void>;
    filter(text: string): Promise<void>;
}

/** Typing pauses this long before the picture is redrawn. */
const TYPING_PAUSE_MS = 300;

/**
 * "Show Setup Visualizer": the setup of the active file as a graph (the language server's
 * `voice/graph`, laid out by Graphviz) in a webview beside it, redrawn as the setup's files
 * change and following the active .voice editor. A click (or Enter) on a node goes to its
 * statement; the filter draws one store or group of a large setup (docs/graph.md).
 */
export function activateSetupVisualizer(context: vscode.ExtensionContext, commands: CommandRegistry, language: VoiceLanguage, log: Log): VisualizerControl {
    let panel: vscode.WebviewPanel | undefined;
    let source: vscode.Uri | undefined;
    let filterText = '';
    let links: Record<string, GraphLink> = {};
    let rendered: VisualizerRendered | undefined;
    let requestedAt = 0;
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const webviews = vscode.Uri.joinPath(context.extensionUri, 'out', 'webviews');

    const post = (message: ToVisualizer): void => { void panel?.webview.postMessage(message); };

    /** A new panel's picture, asked for while its page loads (the two take about as long). */
    let early: Promise<GraphResult> | undefined;
    const request = (uri: vscode.Uri): Promise<GraphResult> => language.request(GraphRequest, { uri: uri.toString(), filter: filterText });

    const redraw = async (): Promise<void> => {
        if (!panel || !source) return;
        const mine = ++generation;
        const asked = early;
        early = undefined;
        if (!asked) requestedAt = Date.now();
        const result = await (asked ?? request(source));
        if (mine !== generation || !panel) return; // a newer picture is on its way
        links = result.links;
        const { links: _links, ...graph } = result;
        post({ type: 'graph', setup: setupName(source.path), graph });
    };
    const redrawSoon = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => void redraw().catch(error => log.error(`Setup visualizer: ${String(error)}`)), TYPING_PAUSE_MS);
    };

    const open = async (id: string): Promise<void> => {
        const target = links[id];
        if (!target) return;
        const position = new vscode.Position(target.line - 1, target.column - 1);
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
        const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === target.uri);
        await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    };

    const onMessage = (message: FromVisualizer): void => {
        switch (message.type) {
            case 'ready': redraw().catch(error => log.error(`Setup visualizer: ${String(error)}`)); break;
            case 'rendered': rendered = { nodes: message.nodes, edges: message.edges, view: message.view, elapsedMs: Date.now() - requestedAt, at: Date.now() }; break;
            case 'open': void open(message.id); break;
            case 'filter': filterText = message.text; redraw().catch(error => log.error(`Setup visualizer: ${String(error)}`)); break;
        }
    };

    const show = async (document: vscode.TextDocument): Promise<void> => {
        source = document.uri;
        rendered = undefined;
        if (!panel) {
            requestedAt = Date.now();
            early = request(source);
            early.catch(() => undefined); // awaited once the page is ready; a failure shows there
            panel = vscode.window.createWebviewPanel('voice.setupVisualizer', `Setup: ${setupName(source.path)}`,
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
                { enableScripts: true, localResourceRoots: [webviews], retainContextWhenHidden: true });
            panel.onDidDispose(() => { panel = undefined; source = undefined; }, undefined, context.subscriptions);
            panel.webview.onDidReceiveMessage(onMessage, undefined, context.subscriptions);
            const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(webviews, 'visualizer.js')).toString();
            panel.webview.html = visualizerHtml(randomBytes(16).toString('base64'), panel.webview.cspSource, script, setupName(source.path));
        } else {
            panel.title = `Setup: ${setupName(source.path)}`;
            panel.reveal(undefined, true);
            await redraw();
        }
    };

    commands.register(Commands.showVisualizer, async (arg?: unknown) => {
        await show(await targetDocument(arg));
    });
    context.subscriptions.push(
        // Live as you type: any .voice change may change the setup's picture (an imported file too).
        vscode.workspace.onDidChangeTextDocument(event => {
            if (panel && event.document.languageId === 'voice' && event.contentChanges.length > 0) redrawSoon();
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (panel && editor?.document.languageId === 'voice' && editor.document.uri.toString() !== source?.toString()) {
                source = editor.document.uri;
                panel.title = `Setup: ${setupName(source.path)}`;
                redrawSoon();
            }
        })
    );
    return {
        rendered: () => rendered,
        click: async id => post({ type: 'click', id }),
        filter: async text => { filterText = text; await redraw(); }
    };
}
