import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import { EMULATOR } from '../../../shared/settings.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { cliCwdOf, targetDocument } from '../../infrastructure/documents.js';
import { UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { setupName } from '../../logic/plan-documents.js';
import { readinessArgs, readinessOutcome, webviewHtml } from '../../logic/readiness-report.js';
import type { LocalEmulator } from '../emulator/index.js';
import type { VoiceLanguage } from '../language-client/index.js';
import { setupPaths } from '../language-client/setup-files.js';
import type { PowerShell } from '../powershell/index.js';

export interface EmergencyReadinessDependencies {
    commands: CommandRegistry;
    language: VoiceLanguage;
    cli: VoiceCli;
    log: Log;
    emulator: LocalEmulator;
    powershell: PowerShell;
}

/** What the command returns (tests read it): the panel's title, the HTML it shows, and the status shown to the user. */
export interface ReadinessShown {
    title: string;
    html: string;
    status: string;
}

/**
 * "Emergency Readiness" runs `voice report emergency <setup> --format html` against the
 * configured target (with a cancellable progress notification) and shows the report in a
 * webview panel that runs no script and loads nothing (docs/emergency.md, "Readiness report").
 * Gaps found (exit 2) are a report, with a warning; a failed report is an error.
 */
export function activateEmergencyReadiness(context: vscode.ExtensionContext, deps: EmergencyReadinessDependencies): void {
    const { commands, language, cli, log } = deps;
    let panel: vscode.WebviewPanel | undefined;

    const show = (title: string, html: string): string => {
        if (!panel) {
            // No scripts, no local resources: the page is self-contained.
            panel = vscode.window.createWebviewPanel('voice.emergencyReadiness', title, vscode.ViewColumn.Beside,
                { enableScripts: false, localResourceRoots: [] });
            panel.onDidDispose(() => { panel = undefined; }, undefined, context.subscriptions);
        }
        panel.title = title;
        panel.webview.html = webviewHtml(html, randomBytes(16).toString('base64'));
        panel.reveal(vscode.ViewColumn.Beside, true);
        return panel.webview.html;
    };

    commands.register(Commands.emergencyReadiness, async (arg?: unknown): Promise<ReadinessShown> => {
        const document = await targetDocument(arg);
        if (!(await cli.has('report'))) throw new UserFacingError('The readiness report is not in this build of Voice yet.');
        const files = await setupPaths(language, document);
        const settings = readSettings(document.uri);
        if (settings.tenant === EMULATOR) await deps.emulator.offerToStart(settings);
        else await deps.powershell.checkTeamsModule(settings.tenant);
        const name = setupName(document.uri.path);
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Emergency readiness of ${name}`, cancellable: true },
            (progress, token) => cli.run(readinessArgs(files, settings), cliCwdOf(document), token, (text, stream) => {
                // The CLI's progress (members, users read so far) is on standard error; the page on standard output.
                const last = stream === 'stderr' ? text.trim().split(/[\r\n]/).pop() : undefined;
                if (last) progress.report({ message: last.slice(0, 120) });
            })
        );
        const outcome = readinessOutcome(result);
        if (outcome.kind === 'error') {
            log.append(result.stderr);
            throw new UserFacingError(outcome.message);
        }
        const title = `Emergency Readiness: ${name}`;
        const html = show(title, outcome.html);
        log.info(outcome.status);
        if (outcome.kind === 'gaps') void vscode.window.showWarningMessage(outcome.status);
        else void vscode.window.showInformationMessage(outcome.status);
        return { title, html, status: outcome.status };
    });
}
