/**
 * Langium's lexing, parsing and linking errors as catalogue diagnostics: with their code
 * (`syntax-error`, `unresolved-reference`) and its docs link, in the editor as in `voice check`
 * (diagnostic-names.ts names them the same way from `data`). Langium keeps reading its own
 * code in `data` (lexing-error, parsing-error, linking-error), which stays as it is.
 *
 * A file's diagnostics are its own (syntax, links, each statement's checks) plus the setup's
 * (rules across files). When only another file of its setup changed, the file is neither
 * re-parsed nor re-linked, so its own diagnostics are kept and only the setup's are taken
 * again (VoiceDocumentBuilder says which files those are). Not for a file whose own checks
 * read other files (ownChecksReadOtherFiles): it is checked in full.
 */
import type { AstNode, DiagnosticInfo, DocumentValidator, LangiumDocument, ParseResult, ValidationAcceptor, ValidationCheck, ValidationOptions } from 'langium';
import { AstUtils, Cancellation, DefaultDocumentValidator, interruptAndCheck } from 'langium';
import type { Model } from './generated/ast.js';
import { NODES_BETWEEN_INTERRUPTS } from './cancellation.js';
import { diagnosticCode } from './diagnostic-names.js';
import { VALUES_EXTENSION, mayHoldPlaceholder } from './parameters.js';
import { docsLink } from './issue-codes.js';
import type { VoiceCoreServices } from './voice-module.js';

/** The LSP diagnostic type, through Langium (language/ imports nothing else). */
type Diagnostic = Awaited<ReturnType<DocumentValidator['validateDocument']>>[number];

/**
 * Whether a file's own statement checks read other files of its setup, so that an edit there
 * can change them: a values file (its template's parameters), `${Name}` placeholders (the
 * parameters declared in other files), `extensions from` (the numbers other files declare,
 * the other CSVs of the setup).
 */
function ownChecksReadOtherFiles(document: LangiumDocument): boolean {
    if (document.uri.path.endsWith(VALUES_EXTENSION)) return true;
    const model = document.parseResult.value as Model;
    return model.statements.some(s => s.$type === 'Extensions') || mayHoldPlaceholder(document.textDocument.getText());
}

/**
 * What a diagnostic is made from, as a string: equal for two reports on one parse exactly when
 * they give the same diagnostic. The node by its place and type (the range comes from it and
 * the property); related locations by their ranges, which an edit in their file may move.
 */
function sameDiagnosticKey(severity: string, message: string, info: DiagnosticInfo<AstNode>): string {
    const { node, ...rest } = info;
    return JSON.stringify([severity, message, node.$type, node.$cstNode?.offset, node.$cstNode?.end, rest]);
}

export class VoiceDocumentValidator extends DefaultDocumentValidator {
    /** Each file's own diagnostics, for the parse (root node) and severity settings they were made with. */
    private readonly own = new WeakMap<LangiumDocument, { root: AstNode; settings: string; diagnostics: Diagnostic[] }>();
    /** Files whose own diagnostics still hold: only the setup's rules run for them at their next validation. */
    private readonly setupOnly = new WeakSet<LangiumDocument>();
    /** Roots whose statement checks ran (a validation stopped after syntax errors runs none, nor the setup's rules). */
    private readonly checked = new WeakSet<AstNode>();
    /**
     * Each file's setup-wide diagnostics of its last validation, by what they say, for the parse
     * they were made on: an edit elsewhere takes the setup's findings again for every file of the
     * setup (10,000 at 5,000 stores), and the ones that say the same keep their diagnostic
     * instead of a new one that the next edit would drop (in the language server only).
     */
    private readonly setupWideOf = new WeakMap<LangiumDocument, { root: AstNode; byKey: Map<string, Diagnostic> }>();

    constructor(private readonly voice: VoiceCoreServices) {
        super(voice);
    }

    /** Marks a file whose own text and links are unchanged since its last validation (another file of its setup changed). */
    revalidateSetupOnly(document: LangiumDocument): void {
        this.setupOnly.add(document);
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const root = document.parseResult.value;
        const settings = JSON.stringify(this.voice.validation.VoiceValidator.severityOverrides);
        const kept = this.setupOnly.has(document) && !ownChecksReadOtherFiles(document) ? this.own.get(document) : undefined;
        this.setupOnly.delete(document);
        let own: Diagnostic[];
        if (kept && kept.root === root && kept.settings === settings) {
            own = kept.diagnostics;
        } else {
            own = await super.validateDocument(document, options, cancelToken);
            this.own.set(document, { root, settings, diagnostics: own });
        }
        if (!this.checked.has(root) || (options.categories && !options.categories.includes('fast'))) return own;
        const setupWide: Diagnostic[] = [];
        const validator = this.voice.validation.VoiceValidator;
        const previous = this.setupWideOf.get(document);
        const reusable = previous?.root === root ? previous.byKey : undefined;
        const byKey = validator.keepSetupMemory ? new Map<string, Diagnostic>() : undefined;
        validator.checkSetupWide(root as Model, (severity, message, info) => {
            const key = byKey ? sameDiagnosticKey(severity, message, info) : undefined;
            const diagnostic = (key === undefined ? undefined : reusable?.get(key)) ?? this.toDiagnostic(severity, message, info);
            if (byKey && key !== undefined) byKey.set(key, diagnostic);
            setupWide.push(diagnostic);
        });
        if (byKey) this.setupWideOf.set(document, { root, byKey });
        return [...own, ...setupWide];
    }

    override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateAst(rootNode, options, cancelToken);
        this.checked.add(rootNode);
        return diagnostics;
    }

    /**
     * Langium's walk asks the registry for each node's checks and awaits a cancellation check
     * at every node: a third of validation at 40,000 statements. The same walk with each type's
     * checks looked up once, the cancellation checked every few hundred nodes, and a check
     * awaited only when it returns a promise.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const checksOf = new Map<string, ValidationCheck[]>();
        let visited = 0;
        for (const node of AstUtils.streamAst(rootNode)) {
            if (visited++ % NODES_BETWEEN_INTERRUPTS === 0) await interruptAndCheck(cancelToken);
            let checks = checksOf.get(node.$type);
            if (!checks) checksOf.set(node.$type, checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray());
            for (const check of checks) {
                // Synchronous checks return nothing to wait for (VoiceValidationRegistry).
                const pending = check(node, acceptor, cancelToken);
                if (pending) await pending;
            }
        }
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        this.withCodes(diagnostics, added => super.processLexingErrors(parseResult, added, options));
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        this.withCodes(diagnostics, added => super.processParsingErrors(parseResult, added, options));
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        this.withCodes(diagnostics, added => super.processLinkingErrors(document, added, options));
    }

    /** Runs `process` and gives each diagnostic it adds the code the CLI reports and its docs link. */
    private withCodes(diagnostics: Diagnostic[], process: (added: Diagnostic[]) => void): void {
        const added: Diagnostic[] = [];
        process(added);
        const base = this.voice.validation.VoiceValidator.docsBase;
        for (const diagnostic of added) {
            const code = diagnosticCode(diagnostic);
            diagnostics.push({ ...diagnostic, code, codeDescription: { href: docsLink(code, base) } });
        }
    }
}
