/**
 * Helpers for the end-to-end suite. Runner-agnostic: only the `vscode` API and mocha's
 * globals, so the same bundle runs in code-server (npm run test:e2e) and under
 * @vscode/test-electron (npm run test:electron).
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'shared-calling-as-code.shared-calling-as-code';

export interface VoiceApi {
    ready(): Promise<void>;
    overrideConfirmation(confirm: ((message: string, detail: string, button: string) => Promise<boolean>) | undefined): void;
    overrideAnswer(answer: ((message: string, choices: string[]) => Promise<string | undefined>) | undefined): void;
}

/** Activates the extension and waits until its language server answered `initialize`. */
export async function activated(): Promise<VoiceApi> {
    const extension = vscode.extensions.getExtension<VoiceApi>(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    await api.ready();
    return api;
}

export function workspaceRoot(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the suite needs a workspace folder containing examples/');
    return folder.uri;
}

export function exampleUri(...segments: string[]): vscode.Uri {
    return vscode.Uri.joinPath(workspaceRoot(), 'examples', ...segments);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls `probe` until it returns a value that is not undefined/false; observable state only, never a fixed sleep. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    let delay = 20;
    while (Date.now() < deadline) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value as T;
        } catch (error) {
            last = error;
        }
        await new Promise(resolve => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 250);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** A diagnostic's code as text, whether VS Code carries it as a string or as { value, target }. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = diagnostic.code;
    if (code === undefined) return undefined;
    return typeof code === 'object' ? String(code.value) : String(code);
}

export function positionOf(document: vscode.TextDocument, text: string, offsetInText = 0): vscode.Position {
    const index = document.getText().indexOf(text);
    if (index < 0) throw new Error(`'${text}' not found in ${document.uri.path}`);
    return document.positionAt(index + offsetInText);
}

/** The Teams reads that together cover every object an apply of examples/frontline creates or changes. */
const TENANT_READS = [
    'Get-CsOnlinePSTNGateway', 'Get-CsOnlinePstnUsage', 'Get-CsOnlineVoiceRoute', 'Get-CsOnlineVoiceRoutingPolicy',
    'Get-CsOnlineLisCivicAddress', 'Get-CsOnlineApplicationInstance', 'Get-CsTeamsSharedCallingRoutingPolicy',
    'Get-CsGroupPolicyAssignment', 'Get-CsTeamsEmergencyCallRoutingPolicy', 'Get-CsPhoneNumberAssignment', 'Get-CsAutoAttendant'
] as const;

export interface TenantSnapshot {
    /** Each read's objects, by cmdlet (and `users` from Graph). */
    objects: Record<string, unknown>;
    /** Calls the emulator answered that may write (anything but a GET or a Get- cmdlet), since it started. */
    writeCalls: number;
}

/** One call to the tenant emulator the workspace targets (voice.emulatorUrl), over its HTTP API as any client would make it. */
export async function emulatorCall(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const url = vscode.workspace.getConfiguration('voice').get<string>('emulatorUrl');
    if (!url) throw new Error('the suite needs voice.emulatorUrl in the workspace settings');
    const { token } = await (await fetch(`${url}/emulator/token`)).json() as { token: string };
    const response = await fetch(url + path, {
        method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? {} : await response.json() as Record<string, unknown>;
}

/**
 * The tenant the workspace targets, read over the emulator's HTTP API: its objects, and
 * how many calls that may write it has answered.
 */
export async function tenantSnapshot(): Promise<TenantSnapshot> {
    const objects: Record<string, unknown> = {};
    for (const cmdlet of TENANT_READS) objects[cmdlet] = (await emulatorCall('POST', `/teams/${cmdlet}`)).value;
    objects.users = (await emulatorCall('GET', '/v1.0/users?$top=999')).value;
    const { byRoute } = await emulatorCall('GET', '/emulator/stats') as { byRoute: Record<string, number> };
    const writeCalls = Object.entries(byRoute)
        .filter(([route]) => !/^GET |^POST \/teams\/Get-|^POST \/v1\.0\/\$batch$/.test(route))
        .reduce((sum, [, count]) => sum + count, 0);
    return { objects, writeCalls };
}

/** The command of a code lens the server shows on `uri`, once it shows it. */
export async function lens(uri: vscode.Uri, command: string): Promise<vscode.Command> {
    const lenses = await waitFor(`${command} lens`, async () => {
        const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return result?.some(l => l.command?.command === command) ? result : undefined;
    });
    return lenses.find(l => l.command?.command === command)!.command!;
}
