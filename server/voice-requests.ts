import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { isTenant } from '../language/generated/ast.js';
import { importClosure } from '../language/imports.js';
import type { IssueCode } from '../language/issue-codes.js';
import { allIssueCodes } from '../language/issue-codes.js';
import { planSetup } from '../language/plan/desired-setup.js';
import type { SeedStep } from '../language/plan/resources.js';
import { SEED_STEPS } from '../language/plan/resources.js';
import { modelsInSetupOrder } from '../language/setup-context.js';
import type { CompileResult, DesiredStateResult, DocumentParams, SetupInfoResult } from './protocol.js';
import { CompileRequest, DesiredStateRequest, SetupInfoRequest } from './protocol.js';
import { describeResource } from './voice-facts.js';
import { compileDocument } from './voice-compile.js';
import type { VoiceServices } from './voice-server-module.js';

type Severity = 'error' | 'warning' | 'info' | 'hint' | 'off';
const SEVERITIES = new Set<Severity>(['error', 'warning', 'info', 'hint', 'off']);

/** The `voice` settings the server reads (the client owns the rest). */
export interface VoiceServerSettings {
    diagnostics?: { severity?: Record<string, string> };
}

/** Applies `voice.diagnostics.severity` to the validator; unknown codes and values are ignored. Returns whether anything changed. */
export function applySeverityOverrides(services: VoiceServices, settings: VoiceServerSettings | undefined): boolean {
    const overrides: Partial<Record<IssueCode, Severity>> = {};
    for (const [code, value] of Object.entries(settings?.diagnostics?.severity ?? {})) {
        if ((allIssueCodes as readonly string[]).includes(code) && SEVERITIES.has(value as Severity)) {
            overrides[code as IssueCode] = value as Severity;
        }
    }
    const validator = services.validation.VoiceValidator;
    const changed = JSON.stringify(validator.severityOverrides) !== JSON.stringify(overrides);
    validator.severityOverrides = overrides;
    return changed;
}

/** The built document at `uri`, with everything it imports, once validated. */
async function built(shared: LangiumSharedCoreServices, uri: string): Promise<LangiumDocument | undefined> {
    const parsed = URI.parse(uri);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(parsed)) return undefined;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    return documents.getDocument(parsed);
}

function errorsOf(shared: LangiumSharedCoreServices, document: LangiumDocument): string[] {
    const models = modelsInSetupOrder(shared.workspace.LangiumDocuments, document.uri);
    return models.flatMap(model => {
        const doc = model.$document!;
        const name = doc.uri.path.split('/').pop();
        return (doc.diagnostics ?? []).filter((d: Diagnostic) => d.severity === 1)
            .map(d => `${name}:${d.range.start.line + 1}: ${d.code ?? 'syntax'} ${d.message}`);
    });
}

function tenantOf(shared: LangiumSharedCoreServices, document: LangiumDocument): string | undefined {
    const models = modelsInSetupOrder(shared.workspace.LangiumDocuments, document.uri);
    return models.flatMap(m => m.statements).find(isTenant)?.domain;
}

/** The desired state of a setup, as Markdown, one section per seed step. */
export function desiredStateText(models: Model[], title: string): string {
    const sections = new Map<SeedStep, string[]>();
    for (const plan of planSetup(models)) {
        const lines = sections.get(plan.step) ?? [];
        for (const r of plan.resources) lines.push(`- ${describeResource(r)}`);
        for (const n of plan.requiredNumbers) lines.push(`- requires ${n.telephoneNumber} (${n.numberType}) in the number inventory`);
        sections.set(plan.step, lines);
    }
    const body = (Object.keys(SEED_STEPS) as SeedStep[])
        .filter(step => (sections.get(step)?.length ?? 0) > 0)
        .map(step => `## ${SEED_STEPS[step]}\n\n${sections.get(step)!.join('\n')}`);
    return [`# Desired state of ${title}`, '', ...body.flatMap(b => [b, ''])].join('\n');
}

/** Registers the Voice requests (server/protocol.ts) and the settings handling on the connection. */
export function registerVoiceRequests(connection: Connection, shared: LangiumSharedCoreServices, services: VoiceServices): void {
    connection.onRequest(CompileRequest.method, async (params: DocumentParams): Promise<CompileResult> => {
        const document = await built(shared, params.uri);
        if (!document) return { errors: [], message: `${params.uri} is not open in the language server.` };
        const errors = errorsOf(shared, document);
        if (errors.length > 0) return { errors, message: 'Fix the errors before compiling.' };
        const script = compileDocument(shared.workspace.LangiumDocuments, document);
        const base = document.uri.path.split('/').pop()!.replace(/\.voice$/, '');
        return { script, fileName: `${base || 'setup'}.ps1`, errors: [] };
    });

    connection.onRequest(DesiredStateRequest.method, async (params: DocumentParams): Promise<DesiredStateResult> => {
        const document = await built(shared, params.uri);
        if (!document) return { errors: [`${params.uri} is not open in the language server.`] };
        const errors = errorsOf(shared, document);
        if (errors.length > 0) return { errors, tenant: tenantOf(shared, document) };
        const models = modelsInSetupOrder(shared.workspace.LangiumDocuments, document.uri);
        return { text: desiredStateText(models, document.uri.path.split('/').pop() ?? 'setup'), tenant: tenantOf(shared, document), errors: [] };
    });

    connection.onRequest(SetupInfoRequest.method, async (params: DocumentParams): Promise<SetupInfoResult> => {
        const document = await built(shared, params.uri);
        if (!document) return { errorCount: 0 };
        const imports = [...importClosure(shared.workspace.LangiumDocuments, document.uri)];
        return { tenant: tenantOf(shared, document), errorCount: errorsOf(shared, document).length, imports };
    });

    const configuration = shared.workspace.ConfigurationProvider;
    const apply = (settings: VoiceServerSettings | undefined): void => {
        if (!applySeverityOverrides(services, settings)) return;
        // Re-validate everything so no stale diagnostic survives a settings change.
        const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        void shared.workspace.DocumentBuilder.update(uris, []);
    };
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === 'voice') apply(update.configuration as VoiceServerSettings);
    });
    void configuration.ready
        .then(() => configuration.getConfiguration('voice', 'diagnostics'))
        .then((diagnostics: VoiceServerSettings['diagnostics']) => apply({ diagnostics }), () => undefined);
}
