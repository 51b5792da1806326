import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import { EMULATOR, describeTarget } from '../../../shared/settings.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { exportArgs, exportOutcome, filesToOpen, type ExportScope } from '../../logic/export-tenant.js';
import type { LocalEmulator } from '../emulator/index.js';
import type { PowerShell } from '../powershell/index.js';

export interface ExportTenantDependencies {
    commands: CommandRegistry;
    cli: VoiceCli;
    log: Log;
    emulator: LocalEmulator;
    powershell: PowerShell;
}

/** What the command returns (tests read it): where it wrote, what it opened, and the status shown. */
export interface ExportShown {
    folder: string;
    files: string[];
    status: string;
}

/** Tests (and callers) may name the folder and scope instead of picking them. */
interface ExportRequest { folder?: string; scope?: ExportScope; force?: boolean }

/**
 * "Export Tenant to Folder…" runs `voice export` against the configured target (sign-in as plan
 * does, a cancellable progress notification with the CLI's progress lines) into a folder the
 * user picks, then opens network.voice (docs/export.md). An export with errors the tenant holds
 * is written and opened too, with a warning; a refused or failed export is an error.
 */
export function activateExportTenant(deps: ExportTenantDependencies): void {
    const { commands, cli, log } = deps;

    commands.register(Commands.exportTenant, async (arg?: unknown): Promise<ExportShown> => {
        if (!(await cli.has('export'))) throw new UserFacingError('Export is not in this build of Voice yet.');
        const request = (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as ExportRequest;
        const folder = request.folder ? vscode.Uri.file(request.folder) : arg instanceof vscode.Uri ? arg : await pickFolder();
        const scope = request.scope ?? await pickScope();
        const force = request.force ?? await confirmReplace(folder);
        const settings = readSettings(folder);
        if (settings.tenant === EMULATOR) await deps.emulator.offerToStart(settings);
        else await deps.powershell.checkTeamsModule(settings.tenant);
        const target = describeTarget(settings);
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Exporting ${target}`, cancellable: true },
            (progress, token) => cli.run(exportArgs(settings, folder.fsPath, scope, force), folder.fsPath, token, (text, stream) => {
                const last = stream === 'stderr' ? text.trim().split(/[\r\n]/).pop() : undefined;
                if (last) progress.report({ message: last.slice(0, 120) });
            })
        );
        log.append(result.stdout);
        log.append(result.stderr);
        const outcome = exportOutcome(result);
        if (outcome.kind === 'error') throw new UserFacingError(outcome.message);
        const names = filesToOpen((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
        if (names[0]) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, names[0]), { preview: false });
        if (outcome.kind === 'errors') void vscode.window.showWarningMessage(outcome.status);
        else void vscode.window.showInformationMessage(outcome.status);
        log.info(outcome.status);
        return { folder: folder.fsPath, files: names, status: outcome.status };
    });
}

async function pickFolder(): Promise<vscode.Uri> {
    const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here',
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri
    });
    if (!picked?.[0]) throw new UserCancelled();
    return picked[0];
}

async function pickScope(): Promise<ExportScope> {
    const picked = await vscode.window.showQuickPick([
        { label: 'Shared Calling', description: 'the shared calling policies and what they use', scope: 'shared-calling' as const },
        { label: 'All voice objects', description: 'everything the tool reads', scope: 'all-voice' as const }
    ], { placeHolder: 'What to export' });
    if (!picked) throw new UserCancelled();
    return picked.scope;
}

/** A folder that holds .voice files already: they would join the setup, so the export replaces them, if the user agrees. */
async function confirmReplace(folder: vscode.Uri): Promise<boolean> {
    let existing: string[] = [];
    try {
        existing = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter(n => n.endsWith('.voice'));
    } catch {
        return false;
    }
    if (existing.length === 0) return false;
    const replace = 'Replace Them';
    const answer = await vscode.window.showWarningMessage(`${folder.fsPath} holds ${existing.length} .voice file(s). Replace them with the export?`, { modal: true }, replace);
    if (answer !== replace) throw new UserCancelled();
    return true;
}
