import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DocumentState, URI } from 'langium';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { RequestType } from 'vscode-languageserver';
import { compileSetup, defaultScriptName } from '../language/compile-setup.js';
import type { Model } from '../language/generated/ast.js';
import { isTenant } from '../language/generated/ast.js';
import type { IssueCode } from '../language/issue-codes.js';
import { allIssueCodes } from '../language/issue-codes.js';
import { planSetup } from '../language/plan/desired-setup.js';
import type { SeedStep } from '../language/plan/resources.js';
import { SEED_STEPS } from '../language/plan/resources.js';
import { setupOfDocument } from '../language/setups.js';
import type { VoiceRequest } from '../shared/protocol.js';
import { CompileRequest, DesiredStateRequest, GraphRequest, SetupInfoRequest } from '../shared/protocol.js';
import type { SeverityLevel, VoiceSettings } from '../shared/settings.js';
import { readVoiceSettings, sectionLookup } from '../shared/settings.js';
import { toolVersion } from '../shared/version.js';
import { describeResource } from './voice-facts.js';
import { setupGraphResult } from './voice-graph.js';
import type { VoiceServices, VoiceSharedServices } from './voice-server-module.js';

/** The server's typed `RequestType` for a Voice request (shared/protocol.ts). */
export function requestType<P, R>(request: VoiceRequest<P, R>): RequestType<P, R, void> {
    return new RequestType<P, R, void>(request.method);
}

/** Applies `voice.diagnostics.severity` to the validator; unknown codes are ignored. Returns whether anything changed. */
export function applySeverityOverrides(services: VoiceServices, settings: Pick<VoiceSettings, 'severity'>): boolean {
    const overrides: Partial<Record<IssueCode, SeverityLevel>> = {};
    for (const [code, value] of Object.entries(settings.severity)) {
        if ((allIssueCodes as readonly string[]).includes(code)) overrides[code as IssueCode] = value;
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

/** The models of the document's setup (its folder's files and their imports), in setup order. */
function setupModels(shared: VoiceSharedServices, document: LangiumDocument): Model[] {
    const setup = setupOfDocument(shared.voice.Setups, document.uri);
    return setup ? [...setup.models] : [document.parseResult.value as Model];
}

function errorsOf(shared: VoiceSharedServices, document: LangiumDocument): string[] {
    return setupModels(shared, document).flatMap(model => {
        const doc = model.$document!;
        const name = doc.uri.path.split('/').pop();
        return (doc.diagnostics ?? []).filter((d: Diagnostic) => d.severity === 1)
            .map(d => `${name}:${d.range.start.line + 1}: ${d.code ?? 'syntax'} ${d.message}`);
    });
}

function tenantOf(shared: VoiceSharedServices, document: LangiumDocument): string | undefined {
    return setupModels(shared, document).flatMap(m => m.statements).find(isTenant)?.domain;
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

/** Registers the Voice requests (shared/protocol.ts) and the settings handling on the connection. */
export function registerVoiceRequests(connection: Connection, shared: VoiceSharedServices, services: VoiceServices): void {
    connection.onRequest(requestType(CompileRequest), async params => {
        const document = await built(shared, params.uri);
        if (!document) return { errors: [], message: `${params.uri} is not open in the language server.` };
        const errors = errorsOf(shared, document);
        if (errors.length > 0) return { errors, message: 'Fix the errors before compiling.' };
        const compiled = compileSetup(setupModels(shared, document), document.uri, { toolVersion: toolVersion() });
        return { script: compiled.script, sourceMap: compiled.sourceMapText, fileName: defaultScriptName(document.uri), errors: [] };
    });

    connection.onRequest(requestType(DesiredStateRequest), async params => {
        const document = await built(shared, params.uri);
        if (!document) return { errors: [`${params.uri} is not open in the language server.`] };
        const errors = errorsOf(shared, document);
        if (errors.length > 0) return { errors, tenant: tenantOf(shared, document) };
        return { text: desiredStateText(setupModels(shared, document), document.uri.path.split('/').pop() ?? 'setup'), tenant: tenantOf(shared, document), errors: [] };
    });

    connection.onRequest(requestType(SetupInfoRequest), async params => {
        const document = await built(shared, params.uri);
        if (!document) return { errorCount: 0 };
        const setup = setupOfDocument(shared.voice.Setups, document.uri);
        const self = document.uri.toString();
        const otherFiles = (setup?.documents ?? []).map(d => d.uri.toString()).filter(uri => uri !== self);
        const roots = setup ? setup.roots.map(d => d.uri.toString()) : [self];
        return { tenant: tenantOf(shared, document), errorCount: errorsOf(shared, document).length, otherFiles, roots };
    });

    connection.onRequest(requestType(GraphRequest), async params => {
        const document = await built(shared, params.uri);
        if (!document) {
            const none = { missingCoverage: 0, unassigned: 0, withoutAddress: 0, withDiagnostics: 0 };
            return { view: 'setup', nodes: 0, edges: 0, setupNodes: 0, setupEdges: 0, marks: none, links: {}, message: `${params.uri} is not open in the language server.` };
        }
        return setupGraphResult(shared, document, params.filter);
    });

    const configuration = shared.workspace.ConfigurationProvider;
    const apply = (section: unknown): void => {
        if (!applySeverityOverrides(services, readVoiceSettings(sectionLookup(section)))) return;
        // Re-validate everything so no stale diagnostic survives a settings change.
        const uris = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        void shared.workspace.DocumentBuilder.update(uris, []);
    };
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === 'voice') apply(update.configuration);
    });
    void configuration.ready
        .then(() => configuration.getConfiguration('voice', 'diagnostics'))
        .then((diagnostics: unknown) => apply({ diagnostics }), () => undefined);
}
