/**
 * Langium's lexing, parsing and linking errors as catalogue diagnostics: with their code
 * (`syntax-error`, `unresolved-reference`) and its docs link, in the editor as in `voice check`
 * (diagnostic-names.ts names them the same way from `data`). Langium keeps reading its own
 * code in `data` (lexing-error, parsing-error, linking-error), which stays as it is.
 */
import type { DocumentValidator, LangiumDocument, ParseResult, ValidationOptions } from 'langium';
import { DefaultDocumentValidator } from 'langium';
import { diagnosticCode } from './diagnostic-names.js';
import { docsLink } from './issue-codes.js';
import type { VoiceCoreServices } from './voice-module.js';

/** The LSP diagnostic type, through Langium (language/ imports nothing else). */
type Diagnostic = Awaited<ReturnType<DocumentValidator['validateDocument']>>[number];

export class VoiceDocumentValidator extends DefaultDocumentValidator {
    constructor(private readonly voice: VoiceCoreServices) {
        super(voice);
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
