import * as vscode from 'vscode';
import type { LanguageClientOptions, Middleware, RequestParam, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { VoiceRequest } from '../../../shared/protocol.js';
import { Commands } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import type { Log } from '../../infrastructure/log.js';
import type { DocsLinks } from '../docs-links/index.js';
import { requestType } from '../../infrastructure/requests.js';

/** The running language server, as the other features see it. */
export interface VoiceLanguage {
    client(): LanguageClient;
    /** Resolves once the current server answered `initialize`. */
    ready(): Promise<void>;
    /** Sends a Voice request (shared/protocol.ts) once the server is ready. */
    request<P, R>(type: VoiceRequest<P, R>, params: P): Promise<R>;
}

/**
 * Starts the bundled language server (out/server.cjs) for every `voice` document of any
 * scheme (files, unsaved untitled files, remote), and offers "Restart language server".
 */
export function activateLanguageClient(context: vscode.ExtensionContext, commands: CommandRegistry, log: Log, docsLinks: DocsLinks): VoiceLanguage {
    const module = context.asAbsolutePath('out/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.voice');
    context.subscriptions.push(watcher);
    // Diagnostic codes open their rendered section (client/features/docs-links).
    const middleware: Middleware = {
        handleDiagnostics: (uri, diagnostics, next) => {
            for (const diagnostic of diagnostics) {
                const code = diagnostic.code;
                if (typeof code === 'object') diagnostic.code = { value: code.value, target: docsLinks.rewrite(code.target) };
            }
            next(uri, diagnostics);
        }
    };
    const clientOptions: LanguageClientOptions = {
        middleware,
        documentSelector: [{ language: 'voice' }],
        // Created, changed and deleted files reach the server, so no diagnostic outlives its file.
        synchronize: { fileEvents: watcher },
        outputChannel: log.channel,
        diagnosticCollectionName: 'voice'
    };
    let client = new LanguageClient('voice', 'Voice Language Server', serverOptions, clientOptions);
    let starting = client.start();
    context.subscriptions.push({ dispose: () => void client.stop() });

    commands.register(Commands.restartServer, async () => {
        log.info('Restarting the language server.');
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Voice language server' }, async () => {
            try {
                await client.stop(5000);
            } catch (error) {
                log.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
            }
            client = new LanguageClient('voice', 'Voice Language Server', serverOptions, clientOptions);
            starting = client.start();
            await starting;
        });
        log.info('Language server restarted.');
    });

    return {
        client: () => client,
        ready: () => starting,
        request: async (type, params) => {
            await starting;
            // Voice requests never take null params, so P is its own RequestParam<P>.
            return client.sendRequest(requestType(type), params as RequestParam<typeof params>);
        }
    };
}
