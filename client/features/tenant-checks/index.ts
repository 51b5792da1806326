import * as vscode from 'vscode';
import { Commands, SetupInfoRequest } from '../../../shared/protocol.js';
import type { VoiceCli } from '../../infrastructure/cli.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { cliCwdOf, targetDocument } from '../../infrastructure/documents.js';
import { UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { readSettings } from '../../infrastructure/settings.js';
import { describeTarget } from '../../../shared/settings.js';
import type { Finding, PlacedFinding } from '../../logic/findings.js';
import { findingsSummary, lineWithin, parseFindings, placeFindings } from '../../logic/findings.js';
import type { DocsLinks } from '../docs-links/index.js';
import type { VoiceLanguage } from '../language-client/index.js';
import { setupPaths } from '../language-client/setup-files.js';

export interface TenantChecksDependencies {
    commands: CommandRegistry;
    language: VoiceLanguage;
    cli: VoiceCli;
    log: Log;
    /** Tells the status bar which tenant the last successful read reached. */
    connected(target: string): void;
    docsLinks: DocsLinks;
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
    context.subscriptions.push(collection);

    /** The setup's files: the file itself first, then the setup's other files (from the language server). */
    const setupFiles = async (document: vscode.TextDocument): Promise<vscode.Uri[]> => {
        const info = await language.request(SetupInfoRequest, { uri: document.uri.toString() });
        return [document.uri, ...(info.otherFiles ?? []).map(uri => vscode.Uri.parse(uri))];
    };

    const diagnosticOf = (placed: PlacedFinding, document: vscode.TextDocument): vscode.Diagnostic => {
        const line = document.lineAt(lineWithin(placed.line, document.lineCount));
        const range = new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.range.end.character);
        const diagnostic = new vscode.Diagnostic(range, placed.message,
            placed.finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'voice (tenant)';
        diagnostic.code = { value: placed.finding.code, target: deps.docsLinks.link('diagnostics.md', placed.finding.code) };
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
        const roots = await setupPaths(language, document);
        const files = await setupFiles(document);
        for (const uri of files) collection.delete(uri);
        const settings = readSettings(document.uri);
        const name = document.uri.path.split('/').pop() ?? 'setup';
        const result = await vscode.window.withProgress(
            { location, title: `Checking ${name} against ${describeTarget(settings)}`, cancellable: true },
            (_progress, token) => cli.run(['plan', ...roots, '--format', 'json', ...cli.targetArgs(settings)], cliCwdOf(document), token)
        );
        // Exit 1 with a JSON plan means error findings; anything else unparseable is a failure.
        const findings = parseFindings(result.stdout);
        if (!findings) {
            log.append(result.stderr || result.stdout);
            throw new UserFacingError(`Tenant check failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`);
        }
        deps.connected(describeTarget(settings));

        for (const [uri, placed] of placeFindings(findings, files.map(file => file.toString()))) {
            const file = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
            collection.set(file.uri, placed.map(entry => diagnosticOf(entry, file)));
        }
        const summary = findingsSummary(findings);
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
