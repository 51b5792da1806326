import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import { describeTarget } from '../../../shared/settings.js';
import type { FromPlanPane, ToPlanPane } from '../../../shared/webview-messages.js';
import { cliCwdOf, targetDocument } from '../../infrastructure/documents.js';
import { CliCancelled, UserFacingError } from '../../infrastructure/errors.js';
import { readSettings } from '../../infrastructure/settings.js';
import { setupName } from '../../logic/plan-documents.js';
import { planPaneBody, planPaneHtml, progressLine, readPanePlan } from '../../logic/plan-pane-page.js';
import type { PanePlan } from '../../logic/plan-pane-page.js';
import { applyConfirmation, applyRefusal, hasChangesToApply, refusalPrompt, stoppedMessage } from '../../logic/saved-plans.js';
import { setupFiles } from '../language-client/setup-files.js';
import type { PlanApplyDependencies } from '../plan-apply/index.js';
import { planToFile } from '../plan-apply/index.js';
import { PlanStore } from '../plan-apply/plan-store.js';

/** What the pane shows and what its page counted in its DOM (tests read both). */
export interface PlanPaneState {
    file: string;
    plan: PanePlan;
    rendered?: Record<string, number>;
    /** The last outcome of an apply from the pane. */
    outcome?: { kind: string; text: string };
}

export interface PlanPaneControl {
    state(): PlanPaneState | undefined;
    /** Presses a button of the page, as a user would (tests). */
    press(button: 'plan' | 'apply' | 'cancel'): Promise<void>;
}

/**
 * "Open Plan Pane": the setup's plan as a view beside the file (in the style of Bicep's
 * deployment pane), from the saved plan file `voice plan --out` writes. Apply asks the same
 * confirmation as the Apply command and applies exactly that file (`voice apply <file>`),
 * marking each object as its progress line arrives; Cancel stops it after the steps under
 * way; Plan again reads the tenant and the files afresh.
 */
export function activatePlanPane(context: vscode.ExtensionContext, deps: PlanApplyDependencies): PlanPaneControl {
    const { commands, cli, log, language } = deps;
    const store = new PlanStore(path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'plans'));
    const webviews = vscode.Uri.joinPath(context.extensionUri, 'out', 'webviews');
    let panel: vscode.WebviewPanel | undefined;
    let source: vscode.TextDocument | undefined;
    let state: PlanPaneState | undefined;
    let applying: vscode.CancellationTokenSource | undefined;

    const post = (message: ToPlanPane): void => { void panel?.webview.postMessage(message); };

    const planAgain = async (): Promise<void> => {
        if (!panel || !source) return;
        const document = source;
        post({ type: 'busy', what: 'planning' });
        try {
            const file = store.newFile(setupName(document.uri.path));
            await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Planning ${setupName(document.uri.path)}`, cancellable: true },
                (_progress, token) => planToFile(deps, document, file, token));
            const plan = readPanePlan(store.read(file), file);
            if (state) store.discard(state.file);
            state = { file, plan };
            const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(webviews, 'plan-pane.js')).toString();
            panel.webview.html = planPaneHtml(randomBytes(16).toString('base64'), panel.webview.cspSource, script, setupName(document.uri.path),
                planPaneBody(setupName(document.uri.path), plan, file));
        } finally {
            post({ type: 'busy', what: undefined });
        }
    };

    const apply = async (): Promise<void> => {
        if (!state || !source || applying) return;
        const document = source;
        const shown = state;
        const settings = readSettings(document.uri);
        const target = describeTarget(settings);
        const setup = setupName(document.uri.path);
        if (!hasChangesToApply(shown.plan.counts)) return;
        const question = applyConfirmation(setup, target, shown.plan.counts);
        if (!(await deps.confirm()(question.message, question.detail, question.button))) return;
        applying = new vscode.CancellationTokenSource();
        post({ type: 'busy', what: 'applying' });
        log.info(`Applying ${setup} to ${target} from the plan pane: the saved plan ${shown.file}.`);
        let pending = '';
        const outcome = (kind: 'done' | 'stopped' | 'refused' | 'failed', text: string): void => {
            shown.outcome = { kind, text };
            post({ type: 'outcome', kind, text });
        };
        try {
            const result = await cli.run(['apply', shown.file, ...cli.targetArgs(settings)], cliCwdOf(document), applying.token, text => {
                log.append(text);
                pending += text;
                const lines = pending.split('\n');
                pending = lines.pop() ?? '';
                for (const line of lines) {
                    const step = progressLine(line);
                    if (step) post({ type: 'step', step: step.id, state: step.outcome, text: `${step.done} of ${step.total}: ${line.trim()}` });
                }
            });
            if (result.code === 0) {
                deps.connected(target);
                outcome('done', `Applied ${setup} to ${target}. Plan again to see the tenant as it is now.`);
            } else {
                const refusal = applyRefusal(result.stderr, shown.file);
                if (refusal) outcome('refused', `${refusalPrompt(setup, target, refusal).message} ${refusal.moved.join('; ')} Plan again.`);
                else outcome('failed', `Apply failed (exit ${result.code}): ${result.stderr.trim().split('\n')[0] ?? ''}`);
            }
        } catch (error) {
            if (!(error instanceof CliCancelled)) throw error;
            outcome('stopped', stoppedMessage(error.output));
        } finally {
            applying.dispose();
            applying = undefined;
            post({ type: 'busy', what: undefined });
        }
    };

    /** A statement link: the file's base name among the setup's files. */
    const open = async (file: string, line: number): Promise<void> => {
        if (!source) return;
        const paths = await setupFiles(language, source);
        const match = paths.find(p => p.split('/').pop() === file);
        if (!match) throw new UserFacingError(`${file} is not a file of this setup.`);
        const position = new vscode.Position(Math.max(line - 1, 0), 0);
        await vscode.window.showTextDocument(source.uri.with({ path: match }), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    };

    const failed = (error: unknown): void => {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Plan pane: ${message}`);
        void vscode.window.showErrorMessage(message, 'Show log').then(c => c === 'Show log' && log.show());
    };
    const onMessage = (message: FromPlanPane): void => {
        switch (message.type) {
            case 'ready': break;
            case 'rendered': if (state) state.rendered = message.counts; break;
            case 'plan': planAgain().catch(failed); break;
            case 'apply': apply().catch(failed); break;
            case 'cancel': applying?.cancel(); break;
            case 'open': open(message.file, message.line).catch(failed); break;
        }
    };

    commands.register(Commands.planPane, async (arg?: unknown) => {
        source = await targetDocument(arg);
        if (!panel) {
            panel = vscode.window.createWebviewPanel('voice.planPane', `Plan: ${setupName(source.uri.path)}`, vscode.ViewColumn.Beside,
                { enableScripts: true, localResourceRoots: [webviews], retainContextWhenHidden: true });
            panel.onDidDispose(() => { panel = undefined; state = undefined; applying?.cancel(); }, undefined, context.subscriptions);
            panel.webview.onDidReceiveMessage(onMessage, undefined, context.subscriptions);
        }
        panel.title = `Plan: ${setupName(source.uri.path)}`;
        panel.reveal(undefined, true);
        await planAgain();
        return state;
    });

    return {
        state: () => state,
        press: async button => onMessage({ type: button })
    };
}
