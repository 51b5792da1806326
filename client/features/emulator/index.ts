import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import type { VoiceSettings } from '../../../shared/settings.js';
import type { CliProcess, VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { localEmulatorPort } from '../../logic/emulator-url.js';

export type EmulatorState = 'stopped' | 'starting' | 'running' | 'external';

/** The local tenant emulator as the other features see it. */
export interface LocalEmulator {
    readonly state: EmulatorState;
    readonly url: string | undefined;
    readonly onDidChange: vscode.Event<EmulatorState>;
    /** Before a plan or apply against the emulator: when none answers, offers to start one; throws when the user declines. */
    offerToStart(settings: VoiceSettings): Promise<void>;
}

/** Does a tenant emulator answer at `url`? (It hands out its token on loopback: GET /emulator/token.) */
export async function emulatorAnswers(url: string): Promise<boolean> {
    try {
        const response = await fetch(new URL('/emulator/token', url), { signal: AbortSignal.timeout(2000) });
        return response.ok;
    } catch {
        return false;
    }
}

/**
 * "Start / Stop / Reset Local Tenant Emulator": runs `voice emulator` from the bundled CLI
 * on the port of `voice.emulatorUrl`, its tenant kept in the extension's global storage
 * (so it survives restarts, and Reset starts again from the seed). It stops with VS Code.
 */
export function activateEmulator(context: vscode.ExtensionContext, deps: { commands: CommandRegistry; cli: VoiceCli; log: Log }): LocalEmulator {
    const { commands, cli, log } = deps;
    const folder = path.join(context.globalStorageUri.fsPath, 'emulator');
    const statePath = path.join(folder, 'tenant.json');
    const changed = new vscode.EventEmitter<EmulatorState>();
    let child: CliProcess | undefined;
    let state: EmulatorState = 'stopped';
    let url: string | undefined;
    const setState = (next: EmulatorState): void => {
        state = next;
        changed.fire(next);
    };

    const start = async (settings = readSettings(vscode.window.activeTextEditor?.document.uri)): Promise<string> => {
        if (child) return url!;
        const port = localEmulatorPort(settings.emulatorUrl);
        if ('problem' in port) throw new UserFacingError(`Cannot start the local tenant emulator: ${port.problem}.`);
        if (await emulatorAnswers(settings.emulatorUrl)) {
            url = settings.emulatorUrl;
            setState('external');
            void vscode.window.showInformationMessage(`A tenant emulator already answers at ${settings.emulatorUrl}; Plan and Apply use it.`);
            return url;
        }
        await vscode.workspace.fs.createDirectory(vscode.Uri.file(folder));
        setState('starting');
        const proc = await cli.start(['emulator', '--port', String(port.port), '--state', statePath], folder);
        child = proc;
        try {
            await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Starting the local tenant emulator' }, () => listening(proc));
        } catch (error) {
            child = undefined;
            setState('stopped');
            throw error;
        }
        url = settings.emulatorUrl;
        proc.once('exit', code => {
            if (child !== proc) return;
            child = undefined;
            log.warn(`The local tenant emulator stopped (exit ${code ?? 'signal'}).`);
            setState('stopped');
        });
        log.info(`Local tenant emulator running at ${url} (state in ${statePath}).`);
        setState('running');
        return url;
    };

    /** Resolves once the emulator prints its URL; rejects with its first error line when it exits first. Never logs its token. */
    const listening = (proc: CliProcess): Promise<void> => new Promise((resolve, reject) => {
        let stderr = '';
        proc.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
        proc.stdout.on('data', (chunk: Buffer) => { if (/listening on/.test(String(chunk))) resolve(); });
        proc.once('exit', code => {
            log.append(stderr);
            reject(new UserFacingError(`The local tenant emulator did not start (exit ${code ?? 'signal'}): ${stderr.trim().split('\n')[0] || 'no message'}`));
        });
    });

    const stop = async (): Promise<void> => {
        const proc = child;
        child = undefined;
        if (!proc) {
            if (state === 'external') setState('stopped');
            return;
        }
        await new Promise<void>(resolve => {
            proc.once('exit', () => resolve());
            proc.kill('SIGTERM');
        });
        log.info('Local tenant emulator stopped.');
        setState('stopped');
    };

    commands.register(Commands.startEmulator, async () => {
        const at = await start();
        return at;
    });
    commands.register(Commands.stopEmulator, stop);
    commands.register(Commands.resetEmulator, async () => {
        await stop();
        await rm(statePath, { force: true });
        log.info('Local tenant emulator reset to its seed.');
        return start();
    });
    context.subscriptions.push(changed, { dispose: () => { child?.kill('SIGTERM'); } });

    return {
        get state() { return state; },
        get url() { return url; },
        onDidChange: changed.event,
        offerToStart: async settings => {
            if (await emulatorAnswers(settings.emulatorUrl)) return;
            const startIt = 'Start Local Tenant Emulator';
            const choice = await vscode.window.showInformationMessage(
                `No tenant emulator answers at ${settings.emulatorUrl}. Start the local one? It keeps its tenant in the extension's storage.`, startIt);
            if (choice !== startIt) throw new UserCancelled();
            await start(settings);
        }
    };
}
