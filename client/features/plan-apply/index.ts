import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DesiredStateResult } from '../../../shared/protocol.js';
import { Commands, DesiredStateRequest } from '../../../shared/protocol.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { cliCwdOf, targetDocument, untilText } from '../../infrastructure/documents.js';
import { CliCancelled, UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { describeTarget, EMULATOR } from '../../../shared/settings.js';
import { desiredStatePlan, PLAN_SCHEME, planLinks, PlanTexts, setupFolder, setupName } from '../../logic/plan-documents.js';
import type { PlanCounts, SavedPlan } from '../../logic/saved-plans.js';
import { applyConfirmation, applyRefusal, hasChangesToApply, readPlanCounts, refusalPrompt, savedPlanNote, SavedPlans, stoppedMessage } from '../../logic/saved-plans.js';
import { PlanStore } from './plan-store.js';
import type { LocalEmulator } from '../emulator/index.js';
import type { VoiceLanguage } from '../language-client/index.js';
import type { PowerShell } from '../powershell/index.js';
import { setupFiles, setupPaths } from '../language-client/setup-files.js';

/**
 * Read-only plan documents (a content provider's documents cannot be edited), one per setup
 * (its folder), refreshed in place by each plan; `stores.voice:12` in them links to the
 * statement. Their texts and links live in client/logic/plan-documents.ts.
 */
class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
    private readonly texts = new PlanTexts();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    /** Sets the setup's plan text; its document is `source`'s scheme and authority for the links. */
    show(source: vscode.Uri, text: string, files: readonly string[]): { uri: vscode.Uri; text: string } {
        const path = this.texts.set(setupFolder(source.path), text, files);
        const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path, query: source.with({ path: '/' }).toString() });
        this.changed.fire(uri);
        return { uri, text };
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.text(uri.path);
    }

    provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
        const base = vscode.Uri.parse(document.uri.query || 'file:///');
        return planLinks(document.getText(), this.texts.files(document.uri.path), setupFolder(document.uri.path)).map(link => {
            const target = base.with({ path: link.file, fragment: `L${link.target}` });
            const item = new vscode.DocumentLink(new vscode.Range(link.line, link.start, link.line, link.end), target);
            item.tooltip = `Go to ${link.file.split('/').pop()}, line ${link.target}`;
            return item;
        });
    }
}

/** Asks the user a modal question with one action button; resolves true for that button. */
export type Confirm = (message: string, detail: string, button: string) => Promise<boolean>;

/** The modal question (VS Code refuses modal dialogs in extension tests: tests replace it through the API). */
export const modalConfirm: Confirm = async (message, detail, button) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, button)) === button;

export interface PlanApplyDependencies {
    /** The confirmation before apply, and the offer to plan again after a refusal; read on each use. */
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
 * "Plan" runs `voice plan … --out <file>` into the extension's storage and shows the plan
 * in a read-only document. "Apply" takes the document's saved plan (planning first when
 * there is none, or the file or target changed since), asks for a modal confirmation
 * naming the tenant and the plan's counts, then runs `voice apply <file>`: exactly that
 * plan, with a cancellable progress notification, logging to the "Voice" channel. When the
 * tenant or the files moved since the plan, the CLI refuses and applies nothing; the user
 * sees what moved and is offered to plan again. Without a plan engine in this build, Plan
 * shows the setup's desired state (no tenant read) and Apply says it is not available yet.
 */
export function activatePlanApply(context: vscode.ExtensionContext, deps: PlanApplyDependencies): void {
    const { commands, language, cli, log } = deps;
    const plans = new PlanDocuments();
    const saved = new SavedPlans();
    const store = new PlanStore(path.join((context.storageUri ?? context.globalStorageUri).fsPath, 'plans'));
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, plans),
        vscode.languages.registerDocumentLinkProvider({ scheme: PLAN_SCHEME }, plans));

    const desiredState = async (document: vscode.TextDocument): Promise<DesiredStateResult> => {
        return language.request(DesiredStateRequest, { uri: document.uri.toString() });
    };

    const livePlan = (document: vscode.TextDocument, out: string, token?: vscode.CancellationToken): Promise<string> => planToFile(deps, document, out, token);

    /** Shows the setup's plan document, once it holds `text` when given (an open one refreshes a moment after the change). */
    const showPlan = async (uri: vscode.Uri, preserveFocus: boolean, text?: string): Promise<vscode.TextDocument> => {
        const shown = await vscode.workspace.openTextDocument(uri);
        if (text !== undefined) await untilText(shown, text);
        // Where it is open already (refreshed in place), else beside the file.
        const open = vscode.window.tabGroups.all.find(g => g.tabs.some(t => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
        await vscode.window.showTextDocument(shown, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.Beside, preview: false, preserveFocus });
        return shown;
    };
    const setupOf = (document: vscode.TextDocument): string => setupFolder(document.uri.with({ query: '', fragment: '' }).toString());

    /** Plans into a new saved plan, shows it, and makes it the one the document's Apply uses. */
    const planAndSave = async (document: vscode.TextDocument, preserveFocus: boolean): Promise<{ shown: vscode.TextDocument; plan: SavedPlan }> => {
        const file = store.newFile(baseName(document));
        const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Planning ${baseName(document)}`, cancellable: true },
            (_progress, token) => livePlan(document, file, token));
        const shown = plans.show(document.uri, text + savedPlanNote(file), await setupFiles(language, document));
        const plan: SavedPlan = { file, document: document.uri.toString(), target: targetKey(document), version: document.version, shown: shown.uri.toString() };
        const replaced = saved.remember(setupOf(document), plan);
        if (replaced) store.discard(replaced);
        log.info(`Plan of ${baseName(document)} ready, saved to ${file}.`);
        return { shown: await showPlan(shown.uri, preserveFocus, shown.text), plan };
    };

    const targetKey = (document: vscode.TextDocument): string => cli.targetArgs(readSettings(document.uri)).join(' ');

    commands.register(Commands.plan, async (arg?: unknown) => {
        const document = await targetDocument(arg);
        if (await cli.has('plan')) return (await planAndSave(document, false)).shown;
        const state = await desiredState(document);
        if (state.errors.length > 0) throw new UserFacingError(`${state.errors.length} error(s) block planning: ${state.errors[0]}`);
        log.info(`Plan of ${baseName(document)} ready.`);
        const shown = plans.show(document.uri, desiredStatePlan(state.text ?? ''), await setupFiles(language, document));
        return showPlan(shown.uri, false, shown.text);
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
        const key = setupOf(document);
        // The plan Plan showed, while it still describes this file and target; else plan now.
        let plan = saved.current(key, document.uri.toString(), targetKey(document), document.version);
        if (plan) await showPlan(vscode.Uri.parse(plan.shown), true);
        else plan = (await planAndSave(document, true)).plan;

        let counts: PlanCounts;
        try {
            counts = readPlanCounts(store.read(plan.file), plan.file);
        } catch (error) {
            saved.forget(key);
            throw new UserFacingError(error instanceof Error ? error.message : String(error));
        }
        if (!hasChangesToApply(counts)) {
            log.info(`Apply: the plan of ${baseName(document)} has no changes for ${target}.`);
            void vscode.window.showInformationMessage(`Nothing to apply: ${target} matches ${baseName(document)}.`);
            return undefined;
        }
        const question = applyConfirmation(baseName(document), target, counts);
        if (!(await deps.confirm()(question.message, question.detail, question.button))) throw new UserCancelled();

        // Applied, refused or interrupted, a plan is not offered again: the next Apply plans afresh.
        saved.forget(key);
        log.info(`Applying ${baseName(document)} to ${target}: the saved plan ${plan.file}.`);
        log.show();
        const file = plan.file;
        const result = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: `Applying ${baseName(document)} to ${target}`, cancellable: true },
            (progress, token) => cli.run(['apply', file, ...cli.targetArgs(settings)], cliCwdOf(document), token, text => {
                log.append(text);
                const last = text.trim().split('\n').pop();
                if (last) progress.report({ message: last.slice(0, 120) });
            })
        ).then(undefined, (error: unknown) => {
            // Cancelled while the CLI ran: say what was done and how to finish, in the editor's words (the CLI's speak of Ctrl-C and --resume).
            if (error instanceof CliCancelled) {
                const message = stoppedMessage(error.output);
                log.warn(`Apply of ${baseName(document)} to ${target}: ${message}`);
                void vscode.window.showWarningMessage(message, 'Show log').then(c => c === 'Show log' && log.show());
            }
            throw error;
        });
        if (result.code !== 0) {
            const refusal = applyRefusal(result.stderr, file);
            if (!refusal) throw new UserFacingError(`Apply failed (exit ${result.code}): ${firstLine(result.stderr || result.stdout)}`);
            log.warn(`Apply of ${baseName(document)} refused, nothing applied: ${refusal.reason}.`);
            const offer = refusalPrompt(baseName(document), target, refusal);
            if (await deps.confirm()(offer.message, offer.detail, offer.button)) await planAndSave(document, false);
            return undefined;
        }
        deps.connected(target);
        log.info(`Applied ${baseName(document)} to ${target}.`);
        void vscode.window.showInformationMessage(`Applied ${baseName(document)} to ${target}.`, 'Show log').then(c => c === 'Show log' && log.show());
        return result.output;
    });
}

/**
 * Runs `voice plan <setup> --target… --out <file>` for a document's setup (offering to start
 * the emulator, or checking the Teams module first); returns the plan's text. Plan, Apply and
 * the plan pane plan through it.
 */
export async function planToFile(deps: Pick<PlanApplyDependencies, 'language' | 'cli' | 'log' | 'emulator' | 'powershell' | 'connected'>,
    document: vscode.TextDocument, out: string, token?: vscode.CancellationToken): Promise<string> {
    const files = await setupPaths(deps.language, document);
    const settings = readSettings(document.uri);
    if (settings.tenant === EMULATOR) await deps.emulator.offerToStart(settings);
    else await deps.powershell.checkTeamsModule(settings.tenant);
    const result = await deps.cli.run(['plan', ...files, ...deps.cli.targetArgs(settings), '--out', out], cliCwdOf(document), token);
    if (result.code !== 0) {
        deps.log.append(result.stderr);
        throw new UserFacingError(`Plan failed (exit ${result.code}): ${firstLine(result.stderr || result.stdout)}`);
    }
    deps.connected(describeTarget(settings));
    return result.stdout;
}

function baseName(document: vscode.TextDocument): string {
    return setupName(document.uri.path);
}

function firstLine(text: string): string {
    return text.trim().split('\n')[0] ?? '';
}
