import type { LangiumCoreServices, LangiumDocument, MaybePromise } from 'langium';
import type { Formatter } from 'langium/lsp';
import type {
    DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams,
    FormattingOptions, Range, TextEdit
} from 'vscode-languageserver';
import { grammarKeywords } from '../language/grammar-keywords.js';

interface Token { image: string; start: number; end: number; kind: 'comment-line' | 'comment-block' | 'token' }

/**
 * The `.voice` house style, as in examples/: one statement per line (blank lines kept, at
 * most one in a row), blocks with one property per line indented one level and the
 * values aligned in a column, `}` on its own line, no space before a comma and one after.
 * Spacing between tokens of a top-level line is kept when it is at least one space, so
 * hand-aligned columns survive. Comments stay where they are. Formatting twice changes
 * nothing more. A file with syntax errors is left alone.
 */
export class VoiceFormatter implements Formatter {
    /** Needs only the parser's lexer and the grammar (for its keywords), so the command line can use it without an LSP connection. */
    constructor(private readonly services: Pick<LangiumCoreServices, 'parser' | 'Grammar'>) {}

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.format(document, params.options);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return this.format(document, params.options, params.range);
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private tokens(text: string): Token[] | undefined {
        const result = this.services.parser.Lexer.tokenize(text);
        if (result.errors.length > 0) return undefined;
        const hidden = (result.hidden ?? []).filter(t => t.tokenType.name !== 'WS');
        return [...result.tokens, ...hidden]
            .map(t => ({
                image: t.image, start: t.startOffset, end: t.startOffset + t.image.length,
                kind: t.tokenType.name === 'SL_COMMENT' ? 'comment-line' as const
                    : t.tokenType.name === 'ML_COMMENT' ? 'comment-block' as const : 'token' as const
            }))
            .sort((a, b) => a.start - b.start);
    }

    private format(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const { parseResult, textDocument } = document;
        if (parseResult.lexerErrors.length > 0 || parseResult.parserErrors.length > 0) return [];
        const text = textDocument.getText();
        const tokens = this.tokens(text);
        if (!tokens) return [];
        const unit = options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize || 4);
        const { statements, propertyLines } = grammarKeywords(this.services.Grammar);
        const widths = propertyWidths(tokens, propertyLines);
        const edits: TextEdit[] = [];
        const replace = (start: number, end: number, newText: string): void => {
            if (text.slice(start, end) === newText) return;
            const editRange = { start: textDocument.positionAt(start), end: textDocument.positionAt(end) };
            if (range && (editRange.end.line < range.start.line || editRange.start.line > range.end.line)) return;
            edits.push({ range: editRange, newText });
        };

        let depth = 0;
        let blockIndex = -1;
        let blockWidth = 0;
        let lineFirst: Token | undefined;
        replace(0, tokens[0]?.start ?? text.length, '');
        tokens.forEach((token, i) => {
            if (i > 0) {
                const prev = tokens[i - 1];
                const gap = text.slice(prev.end, token.start);
                const breaks = (gap.match(/\n/g) ?? []).length;
                const closing = token.image === '}' && token.kind === 'token';
                const indentDepth = closing ? depth - 1 : depth;
                let newLine: boolean;
                if (prev.kind === 'comment-line') newLine = true;
                else if (token.kind !== 'token') newLine = breaks > 0;
                else if (closing || prev.image === '{' && prev.kind === 'token') newLine = true;
                // `answer <account> with auto-attendant "…"`: there the statement keyword names what answers, it starts nothing.
                else if (depth === 0) newLine = (statements.has(token.image) && !(prev.kind === 'token' && prev.image === 'with')) || (breaks > 0 && prev.kind === 'comment-block');
                else newLine = propertyLines.has(token.image) && !(token.image === 'resource-account' && lineFirst?.image === 'resource-account') && !isTransferTarget(prev);
                let whitespace: string;
                if (newLine) {
                    const afterOpen = prev.image === '{' && prev.kind === 'token';
                    const lines = afterOpen || closing ? 1 : Math.min(Math.max(breaks, 1), 2);
                    whitespace = '\n'.repeat(lines) + unit.repeat(Math.max(indentDepth, 0));
                    lineFirst = token;
                } else if (breaks > 0) {
                    // A statement continued on the next line: keep the break, indent one level more.
                    whitespace = '\n' + unit.repeat(depth + 1);
                } else if (token.image === ',' && token.kind === 'token') {
                    whitespace = '';
                } else if (depth > 0 && prev === lineFirst && propertyLines.has(prev.image) && token.kind === 'token') {
                    whitespace = ' '.repeat(Math.max(blockWidth + 1 - prev.image.length, 1));
                } else if (depth > 0 && token.kind === 'token') {
                    whitespace = ' ';
                } else {
                    whitespace = gap.length > 0 ? gap : ' ';
                }
                replace(prev.end, token.start, whitespace);
            } else {
                lineFirst = token;
            }
            if (token.kind === 'token' && token.image === '{') {
                depth++;
                if (depth === 1) blockWidth = widths[++blockIndex] ?? 0;
            } else if (token.kind === 'token' && token.image === '}') {
                depth = Math.max(depth - 1, 0);
            }
        });
        const last = tokens[tokens.length - 1];
        if (last) replace(last.end, text.length, '\n');
        return edits;
    }
}

/** For each top-level block in order, the width of its longest property keyword. */
function propertyWidths(tokens: Token[], propertyKeywords: ReadonlySet<string>): number[] {
    const widths: number[] = [];
    let depth = 0;
    let previous: Token | undefined;
    for (const token of tokens) {
        if (token.kind !== 'token') continue;
        if (token.image === '{') {
            depth++;
            if (depth === 1) widths.push(0);
        } else if (token.image === '}') {
            depth = Math.max(depth - 1, 0);
        } else if (depth === 1 && propertyKeywords.has(token.image) && isPropertyStart(previous, token)) {
            widths[widths.length - 1] = Math.max(widths[widths.length - 1], token.image.length);
        }
        previous = token;
    }
    return widths;
}

function isPropertyStart(previous: Token | undefined, token: Token): boolean {
    // 'resource-account' after 'resource-account' would be a reference named like the keyword: never here.
    return !(previous?.image === 'resource-account' && token.image === 'resource-account') && !isTransferTarget(previous);
}

/** `transfer operator` (after-hours, holiday): there 'operator' is what a call goes to, it starts no property line. */
function isTransferTarget(previous: Token | undefined): boolean {
    return previous?.kind === 'token' && previous.image === 'transfer';
}
