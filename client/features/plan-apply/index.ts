import * as vscode from 'vscode';
import type { DesiredStateResult } from '../../../shared/protocol.js';
import { Commands, DesiredStateRequest } from '../../../shared/protocol.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { cliCwdOf, targetDocument } from '../../infrastructure/documents.js';
import { UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { describeTarget, EMULATOR } from '../../../shared/settings.js';
import { desiredStatePlan, PLAN_SCHEME, planDocumentName, PlanTexts, setupName } from '../../logic/plan-documents.js';
import type { LocalEmulator } from '../emulator/index.js';
import type { VoiceLanguage } from '../language-client/index.js';
import type { PowerShell } from '../powershell/index.js';
import { setupPaths } from '../language-client/setup-files.js';

/** Read-only plan documents (a content provider's documents cannot be edited); their texts live in client/logic/plan-documents.ts. */
class PlanDocuments implements vscode.TextDocumentContentProvider {
    private readonly texts = new PlanTexts();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    show(name: string, text: string): vscode.Uri {
        const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, ...this.texts.add(name, text) });
        this.changed.fire(uri);
        return uri;
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.text({ path: uri.path, query: uri.query });
    }
}

/** Asks the user to confirm an apply; resolves true to go ahead. */
export type Confirm = (message: string, detail: string, button: string) => Promise<boolean>;

/** The modal confirmation (VS Code refuses modal dialogs in extension tests: tests replace it through the API). */
export const modalConfirm: Confirm = async (message, detail, button) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button;

export interface PlanApplyDependencies {
    /** The confirmation before apply; read on each apply. */
    confirm(): Confirm;
    commands: CommandRegistry;
    language: VoiceLanguage;
    cli: VoiceCli;
    log: Log;
    /** Tells the status bar which tenant the last successful plan or apply reached. */
    connected(target: string): void;
    /** Offers to start the local emulator when the target is the emulator and none answers. */
    emulator: LocalEmulator;
    /** Before signing in to a real tenant: the MicrosoftTeams module check. */
    powershell: PowerShell;
}

/**
 * "Plan" shows what would change in a read-only document; "Apply" shows the plan, asks
 * for a modal confirmation naming the tenant, then applies with a cancellable progress
 * notification, logging to the "Voice" channel. Both use the CLI engine (voice plan /
 * voice apply) when this build has it; without it, Plan shows the setup's desired state
 * (no tenant read) and Apply says it is not available yet.
 */
export function activatePlanApply(context: vscode.ExtensionContext, deps: PlanApplyDependencies): void {
    const { commands, language, cli, log } = deps;
    const plans = new PlanDocuments();
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, plans));

    const desiredState = async (document: vscode.TextDocument): Promise<DesiredStateResult> => {
        return language.request(DesiredStateRequest, { uri: document.uri.toString() });
    };

    const livePlan = async (document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<string> => {
        const files = await setupPaths(language, document);
        const settings = readSettings(document.uri);
        if (settings.tenant === EMULATOR) await deps.emulator.offerToStart(settings);
        else await deps.powershell.checkTeamsModule(settings.tenant);
        const result = await cli.run(['plan', ...files, ...cli.targetArgs(settings)], cliCwdOf(document), token);
        if (result.code !== 0) {
            log.append(result.stderr);
            throw new UserFacingError(`Plan failed (exit ${result.code}): ${firstLine(result.stderr || result.stdout)}`);
        }
        deps.connected(describeTarget(settings));
        return result.stdout;
    };

    commands.register(Commands.plan, async (arg?: unknown) => {
        const document = await targetDocument(arg);
        const name = planDocumentName(document.uri.path);
        let text: string;
        if (await cli.has('plan')) {
            text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Planning ${baseName(document)}`, cancellable: true },
                (_progress, token) => livePlan(document, token));
        } else {
            const state = await desiredState(document);
            if (state.errors.length > 0) throw new UserFacingError(`${state.errors.length} error(s) block planning: ${state.errors[0]}`);
            text = desiredStatePlan(state.text ?? '');
        }
        log.info(`Plan of ${baseName(document)} ready.`);
        const shown = await vscode.workspace.openTextDocument(plans.show(name, text));
        await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return shown;
    });

    commands.register(Commands.apply, async (arg?: unknown) => {
        const document = await targetDocument(arg);
        if (!(await cli.has('apply'))) {
            log.warn('Apply: the apply engine is not in this build yet.');
            void vscode.window.showInformationMessage(
                'Apply is not available yet in this build of Voice. Use "Compile" and run the script, or "Plan" to review the setup.', 'Show log'
            ).then(choice => choice === 'Show log' && log.show());
            return undefined;
        }
        const settings = readSettings(document.uri);
        const target = describeTarget(settings);
        const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Planning ${baseName(document)}`, cancellable: true },
            (_progress, token) => livePlan(document, token));
        const shown = await vscode.workspace.openTextDocument(plans.show(planDocumentName(document.uri.path), plan));
        await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
        const confirmed = await deps.confirm()(
            `Apply ${baseName(document)} to ${target}?`, 'The plan is open beside the file. Applying changes the tenant.', `Apply to ${target}`
        );
        if (!confirmed) throw new UserCancelled();
        log.info(`Applying ${baseName(document)} to ${target}.`);
        log.show();
        const files = await setupPaths(language, document);
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Applying ${baseName(document)} to ${target}`, cancellable: true },
            (progress, token) => cli.run(['apply', ...files, '--auto-approve', ...cli.targetArgs(settings)], cliCwdOf(document), token, text => {
                log.append(text);
                const last = text.trim().split('\n').pop();
                if (last) progress.report({ message: last.slice(0, 120) });
            })
        );
        if (result.code !== 0) throw new UserFacingError(`Apply failed (exit ${result.code}): ${firstLine(result.stderr || result.stdout)}`);
        deps.connected(target);
        log.info(`Applied ${baseName(document)} to ${target}.`);
        void vscode.window.showInformationMessage(`Applied ${baseName(document)} to ${target}.`, 'Show log').then(c => c === 'Show log' && log.show());
        return result.output;
    });
}

function baseName(document: vscode.TextDocument): string {
    return setupName(document.uri.path);
}

function firstLine(text: string): string {
    return text.trim().split('\n')[0] ?? '';
}
