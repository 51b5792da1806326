import * as vscode from 'vscode';
import { Commands, SetupInfoRequest } from '../../../shared/protocol.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { cliCwdOf, requireSaved, targetDocument } from '../../infrastructure/documents.js';
import { UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { describeTarget } from '../../../shared/settings.js';
import type { VoiceLanguage } from '../language-client/index.js';

/** One entry of `voice plan --format json`'s `findings` (language/plan/render.ts, renderPlanJson). */
interface Finding {
    code: string;
    severity: 'error' | 'warning';
    message: string;
    /** Base name of the .voice file. */
    file: string;
    /** 1-based. */
    line: number;
}

export interface TenantChecksDependencies {
    commands: CommandRegistry;
    language: VoiceLanguage;
    cli: VoiceCli;
    log: Log;
    /** Tells the status bar which tenant the last successful read reached. */
    connected(target: string): void;
}

/**
 * "Check Against Tenant" runs `voice plan <file> --format json` against the configured
 * target and shows its tenant checks (group-not-found, number-not-in-inventory, ...) as
 * diagnostics in the `voice-tenant` collection, on the file and the files it imports.
 * They are cleared when a file changes (they may be stale) and before each run; with
 * `voice.tenantChecks.onSave` the check runs after each save of a .voice file.
 */
export function activateTenantChecks(context: vscode.ExtensionContext, deps: TenantChecksDependencies): void {
    const { commands, language, cli, log } = deps;
    const collection = vscode.languages.createDiagnosticCollection('voice-tenant');
    const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md');
    context.subscriptions.push(collection);

    /** The setup's files: the file itself first, then what it imports (from the language server). */
    const setupFiles = async (document: vscode.TextDocument): Promise<vscode.Uri[]> => {
        const info = await language.request(SetupInfoRequest, { uri: document.uri.toString() });
        return [document.uri, ...(info.imports ?? []).map(uri => vscode.Uri.parse(uri))];
    };

    const diagnosticOf = async (finding: Finding, uri: vscode.Uri, located: boolean): Promise<vscode.Diagnostic> => {
        const document = await vscode.workspace.openTextDocument(uri);
        const line = document.lineAt(Math.min(Math.max(finding.line - 1, 0), document.lineCount - 1));
        const range = new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.range.end.character);
        const message = located ? finding.message : `${finding.file}:${finding.line}: ${finding.message}`;
        const diagnostic = new vscode.Diagnostic(range, message,
            finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'voice (tenant)';
        diagnostic.code = { value: finding.code, target: docs.with({ fragment: finding.code }) };
        return diagnostic;
    };

    /** Files being checked: a save made by the check itself does not start a second one. */
    const running = new Set<string>();

    // The second argument is internal: the on-save check shows its progress in the status bar only.
    commands.register(Commands.checkTenant, async (arg?: unknown, options?: unknown) => {
        const document = await targetDocument(arg);
        if (!(await cli.has('plan'))) throw new UserFacingError('Tenant checks need the plan engine, which is not in this build yet.');
        const key = document.uri.toString();
        if (running.has(key)) return undefined;
        running.add(key);
        try {
            return await check(document, (options as { onSave?: boolean } | undefined)?.onSave ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification);
        } finally {
            running.delete(key);
        }
    });

    const check = async (document: vscode.TextDocument, location: vscode.ProgressLocation): Promise<Finding[]> => {
        await requireSaved(document);
        const files = await setupFiles(document);
        for (const uri of files) collection.delete(uri);
        const settings = readSettings(document.uri);
        const name = document.uri.path.split('/').pop() ?? 'setup';
        const result = await vscode.window.withProgress(
            { location, title: `Checking ${name} against ${describeTarget(settings)}`, cancellable: true },
            (_progress, token) => cli.run(['plan', document.uri.fsPath, '--format', 'json', ...cli.targetArgs(settings)], cliCwdOf(document), token)
        );
        // Exit 1 with a JSON plan means error findings; anything else unparseable is a failure.
        let findings: Finding[];
        try {
            findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
        } catch {
            log.append(result.stderr || result.stdout);
            throw new UserFacingError(`Tenant check failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`);
        }
        deps.connected(describeTarget(settings));

        const byName = new Map<string, vscode.Uri>();
        for (const uri of [...files].reverse()) byName.set(uri.path.split('/').pop() ?? '', uri);
        const published = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
        for (const finding of findings) {
            const uri = byName.get(finding.file);
            const target = uri ?? document.uri;
            const entry = published.get(target.toString()) ?? { uri: target, diagnostics: [] };
            entry.diagnostics.push(await diagnosticOf(finding, target, uri !== undefined));
            published.set(target.toString(), entry);
        }
        for (const { uri, diagnostics } of published.values()) collection.set(uri, diagnostics);
        const summary = findings.length === 0 ? 'no findings' : `${findings.length} finding(s)`;
        log.info(`Tenant checks of ${name}: ${summary}.`);
        vscode.window.setStatusBarMessage(`Voice tenant checks of ${name}: ${summary}`, 5000);
        return findings;
    };

    context.subscriptions.push(
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.contentChanges.length > 0 && collection.has(event.document.uri)) collection.delete(event.document.uri);
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (document.languageId !== 'voice' || document.uri.scheme !== 'file') return;
            if (!readSettings(document.uri).tenantChecksOnSave) return;
            void vscode.commands.executeCommand(Commands.checkTenant, document.uri, { onSave: true });
        })
    );
}
