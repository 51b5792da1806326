/**
 * The bundled language server (out/server.cjs, built by `npm run build`) in a child
 * process, spoken to over stdio as an editor would: initialize with a workspace folder,
 * open documents, send requests. Server-to-client requests get empty answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection, RequestParam } from 'vscode-jsonrpc/node';
import { createMessageConnection, RequestType, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { VoiceRequest } from '../../shared/protocol.js';
import { REPO_ROOT } from './cli.js';

export class LanguageServerProcess {
    private constructor(private readonly child: ChildProcess, private readonly connection: MessageConnection) {}

    /** Starts the server with `folder` as its one workspace folder and waits for `initialize`. */
    static async start(folder: string): Promise<LanguageServerProcess> {
        const child = spawn(process.execPath, [path.join(REPO_ROOT, 'out', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        connection.onRequest((method: string, params: unknown) =>
            method === 'workspace/configuration' ? ((params as { items: unknown[] }).items).map(() => null) : null);
        connection.listen();
        const uri = pathToFileURL(folder).href;
        await connection.sendRequest('initialize', {
            processId: process.pid, rootUri: uri, capabilities: { workspace: { configuration: true, workspaceFolders: true } },
            workspaceFolders: [{ uri, name: path.basename(folder) }]
        });
        await connection.sendNotification('initialized', {});
        return new LanguageServerProcess(child, connection);
    }

    /** Opens a file as the editor does (textDocument/didOpen) and returns its URI. */
    async open(file: string): Promise<string> {
        const uri = pathToFileURL(file).href;
        await this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'voice', version: 1, text: readFileSync(file, 'utf8') }
        });
        return uri;
    }

    /** The server's process id (the bench samples its memory). */
    get pid(): number {
        return this.child.pid!;
    }

    /** Calls `listener` with every textDocument/publishDiagnostics the server sends. */
    onDiagnostics(listener: (params: { uri: string; version?: number; diagnostics: { severity?: number; message: string }[] }) => void): void {
        this.connection.onNotification('textDocument/publishDiagnostics', listener);
    }

    /** Replaces an open document's whole text as the editor does (textDocument/didChange, full sync). */
    async change(uri: string, version: number, text: string): Promise<void> {
        await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    /** Sends a Voice request (shared/protocol.ts) with its types. */
    request<P, R>(type: VoiceRequest<P, R>, params: P): Promise<R> {
        return this.connection.sendRequest(new RequestType<P, R, void>(type.method), params as RequestParam<P>);
    }

    async stop(): Promise<void> {
        try {
            await this.connection.sendRequest('shutdown');
            await this.connection.sendNotification('exit');
        } finally {
            this.connection.dispose();
            this.child.kill();
        }
    }
}
