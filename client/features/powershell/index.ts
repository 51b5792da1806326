import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings, writeSetting } from '../../infrastructure/settings.js';
import type { PwshMachine } from '../../logic/pwsh-discovery.js';
import { discoverPwsh, pwshExecutable, toolPwsh } from '../../logic/pwsh-discovery.js';
import type { OfferAction } from '../../logic/pwsh-offer.js';
import { acquisitionOffer, dotnetInstallArgs, OFFER_LABELS, PWSH_INSTALL_PAGE, PWSH_TOOL_VERSION } from '../../logic/pwsh-offer.js';
import { INSTALL_TEAMS_MODULE, LIST_TEAMS_MODULE, teamsModuleMessage, teamsModuleStatus } from '../../logic/teams-module.js';

/** PowerShell 7 as the plan and apply features see it. */
export interface PowerShell {
    /** The pwsh to run; when none is found, offers to get one and resolves once there is one, or throws. */
    require(): Promise<string>;
    /** Before signing in to a real tenant: says so when the MicrosoftTeams module is missing or too old, offering Install-Module. */
    checkTeamsModule(tenant: string): Promise<void>;
}

/** A non-modal question with choices; resolves with the chosen one, undefined when dismissed. */
export type Answer = (message: string, choices: string[]) => Promise<string | undefined>;

/** The notification (tests, which cannot click one, replace it through the extension's API). */
export const warningAnswer: Answer = async (message, choices) => vscode.window.showWarningMessage(message, ...choices);

/** The context key set once a pwsh is found: the walkthrough's PowerShell step completes on it (package.json onContext). */
export const PWSH_FOUND_CONTEXT = 'voice.pwshFound';

function run(file: string, args: string[], timeout = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(file, args, { timeout, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
}

/** The real machine for client/logic/pwsh-discovery.ts. */
function thisMachine(toolPath: string): PwshMachine {
    return {
        platform: process.platform, env: process.env, home: homedir(), toolPath, exists: existsSync,
        loginShellPwsh: () => run(process.env.SHELL || '/bin/sh', ['-lc', 'command -v pwsh'], 5000).catch(() => undefined)
    };
}

/**
 * Finds PowerShell 7 for the CLI (which gets it as VOICE_PWSH), the way Bicep acquires .NET:
 * the setting, then discovery; when none is found, a message with the options: a one-click
 * `dotnet tool install` into the extension's storage where `dotnet` is on PATH, choosing a
 * pwsh, or Microsoft's install page.
 */
export function activatePowerShell(context: vscode.ExtensionContext, deps: { commands: CommandRegistry; cli: VoiceCli; log: Log; answer: () => Answer }): PowerShell {
    const { cli, log } = deps;
    const markFound = (pwsh: string | undefined) => { if (pwsh) void vscode.commands.executeCommand('setContext', PWSH_FOUND_CONTEXT, true); };
    const toolPath = path.join(context.globalStorageUri.fsPath, 'pwsh');
    let found: string | undefined;
    const teamsModuleOk = new Set<string>();
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('voice.powershell.path')) found = undefined;
    }));

    const discover = async (): Promise<{ path?: string; problems: string[] }> => {
        const search = await discoverPwsh(readSettings().powershellPath || undefined, thisMachine(toolPath));
        if (search.found) log.info(`PowerShell 7: ${search.found.path} (from ${search.found.source}).`);
        for (const problem of search.problems) log.warn(problem);
        return { path: search.found?.path, problems: search.found ? [] : search.problems };
    };

    const dotnet = async (): Promise<string | undefined> => {
        const exe = process.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
        const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
        return dirs.map(dir => path.join(dir, exe)).find(candidate => existsSync(candidate));
    };

    const install = (dotnetPath: string): Thenable<string> => vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Installing PowerShell ${PWSH_TOOL_VERSION} (.NET global tool)`, cancellable: true },
        (progress, token) => new Promise<string>((resolve, reject) => {
            const args = dotnetInstallArgs(toolPath);
            log.info(`dotnet ${args.join(' ')}`);
            const child = spawn(dotnetPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
            const report = (chunk: Buffer) => {
                log.append(String(chunk));
                const last = String(chunk).trim().split('\n').pop();
                if (last) progress.report({ message: last.slice(0, 100) });
            };
            child.stdout.on('data', report);
            child.stderr.on('data', report);
            token.onCancellationRequested(() => child.kill());
            child.on('error', reject);
            child.on('close', code => {
                const pwsh = toolPwsh({ platform: process.platform, toolPath });
                if (token.isCancellationRequested) reject(new UserCancelled());
                else if (code === 0 && existsSync(pwsh)) resolve(pwsh);
                else reject(new UserFacingError(`Installing PowerShell with dotnet failed (exit ${code}); the Voice log has its output.`));
            });
        })
    );

    const choose = async (): Promise<string> => {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use this pwsh', title: `Choose PowerShell 7 (${pwshExecutable(process.platform)})` });
        if (!picked?.[0]) throw new UserCancelled();
        await writeSetting('powershell.path', picked[0].fsPath, undefined, true);
        return picked[0].fsPath;
    };

    /** Shows the acquisition offer; resolves with a pwsh when the user got one. */
    const offer = async (problems: string[]): Promise<string> => {
        const dotnetPath = await dotnet();
        const { message, actions } = acquisitionOffer(problems, dotnetPath !== undefined);
        const choice = await deps.answer()(message, actions.map(a => OFFER_LABELS[a]));
        const action = actions.find(a => OFFER_LABELS[a] === choice) as OfferAction | undefined;
        if (action === 'install' && dotnetPath) {
            const pwsh = await install(dotnetPath);
            void vscode.window.showInformationMessage(`PowerShell ${PWSH_TOOL_VERSION} is installed in the extension's storage.`);
            return pwsh;
        }
        if (action === 'choose') return choose();
        if (action === 'open-page') void vscode.env.openExternal(vscode.Uri.parse(PWSH_INSTALL_PAGE));
        throw new UserCancelled('No PowerShell 7 yet.');
    };

    const requirePwsh = async (): Promise<string> => {
        if (found && existsSync(found)) return found;
        const search = await discover();
        found = search.path ?? await offer(search.problems);
        markFound(found);
        return found;
    };

    // The walkthrough's step ticks when a pwsh is there already: a quiet look at activation (files and the login shell, no network, nothing cached).
    void discoverPwsh(readSettings().powershellPath || undefined, thisMachine(toolPath)).then(search => markFound(search.found?.path), () => undefined);
    deps.commands.register(Commands.findPowerShell, async () => {
        const pwsh = await requirePwsh();
        void vscode.window.showInformationMessage(`PowerShell 7: ${pwsh}`);
        return pwsh;
    });

    const checkTeamsModule = async (tenant: string): Promise<void> => {
        const pwsh = await requirePwsh();
        if (teamsModuleOk.has(pwsh)) return;
        const output = await run(pwsh, ['-NoProfile', '-NonInteractive', '-Command', LIST_TEAMS_MODULE], 60_000).catch(() => '');
        const status = teamsModuleStatus(output);
        if (status.ok) {
            log.info(`MicrosoftTeams module ${status.version} found.`);
            teamsModuleOk.add(pwsh);
            return;
        }
        const message = teamsModuleMessage(tenant, status);
        log.warn(message);
        const installIt = 'Open a terminal with Install-Module';
        const choice = await vscode.window.showWarningMessage(message, installIt, 'Sign in anyway');
        if (choice === installIt) {
            const terminal = vscode.window.createTerminal({ name: 'Install MicrosoftTeams', shellPath: pwsh, shellArgs: ['-NoLogo'] });
            terminal.show();
            // Typed, not run: the user reads it and presses Enter.
            terminal.sendText(INSTALL_TEAMS_MODULE, false);
            throw new UserCancelled();
        }
        if (choice !== 'Sign in anyway') throw new UserCancelled();
    };

    // Plan, apply (and the tenant checks, which plan) and the readiness report run pwsh; the other subcommands do not.
    const PWSH_COMMANDS = new Set(['plan', 'apply', 'report']);
    cli.useEnvironment(async (command): Promise<Record<string, string>> => (PWSH_COMMANDS.has(command) ? { VOICE_PWSH: await requirePwsh() } : {}));
    return { require: requirePwsh, checkTeamsModule };
}
