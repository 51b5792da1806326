/**
 * The only way user text reaches a compiled script: as single-quoted PowerShell string
 * constants. PowerShell treats ' ‘ ’ ‚ ‛ all as single quotes [engineering.md], so every
 * one of them is doubled; double quotes, `$`, backticks and `#` are inert inside single
 * quotes. Characters a reviewer cannot see (control, bidi, zero-width, line separators)
 * are spelled as `[char]0x....` so no line of the script hides or reorders text.
 */

/** The characters PowerShell's tokenizer accepts as a single quote. */
export const SINGLE_QUOTES = ['\u0027', '\u2018', '\u2019', '\u201A', '\u201B'] as const;

const SINGLE_QUOTE_CLASS = /['\u2018\u2019\u201A\u201B]/g;

/** Controls, soft hyphen, NEL, zero-width/bidi marks, line/paragraph separators, bidi embeddings and isolates, BOM, lone surrogates. */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The same classes, for a test without a global regex's iterator (most text has neither: a compile quotes millions of strings). */
const HAS_SINGLE_QUOTE = new RegExp(SINGLE_QUOTE_CLASS.source);
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

/** The body of a single-quoted string: every single-quote character doubled. */
function escapeSingleQuoted(text: string): string {
    return HAS_SINGLE_QUOTE.test(text) ? text.replace(SINGLE_QUOTE_CLASS, quote => quote + quote) : text;
}

/**
 * A PowerShell expression whose value is exactly `text`. Usually one single-quoted
 * constant; text with invisible characters becomes a parenthesised concatenation of
 * constants and `[char]0x....` values, which is still a single argument.
 */
export function psString(text: string): string {
    if (!HAS_INVISIBLE.test(text)) return `'${escapeSingleQuoted(text)}'`;
    const parts: string[] = [];
    let last = 0;
    for (const match of text.matchAll(INVISIBLE)) {
        const index = match.index!;
        if (index > last) parts.push(`'${escapeSingleQuoted(text.slice(last, index))}'`);
        parts.push(`[char]0x${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
        last = index + match[0].length;
    }
    if (parts.length === 0) return `'${escapeSingleQuoted(text)}'`;
    if (last < text.length) parts.push(`'${escapeSingleQuoted(text.slice(last))}'`);
    // A leading [char] would make `+` add numbers; starting from '' keeps it a string.
    if (parts[0]!.startsWith('[char]')) parts.unshift(`''`);
    return `(${parts.join(' + ')})`;
}

/** `@('a', 'b')`: an array of string constants (`@()` when empty). */
export function psStringArray(items: readonly string[]): string {
    return `@(${items.map(psString).join(', ')})`;
}

/** An integer literal; anything else is a bug upstream (the validator guarantees integers). */
export function psInteger(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`expected an integer, got ${String(value)}`);
    return String(value);
}

/** A finite decimal as a string constant (the LIS cmdlets take latitude and longitude as strings). */
export function psDecimalString(value: number): string {
    if (!Number.isFinite(value)) throw new Error(`expected a finite number, got ${String(value)}`);
    return `'${String(value)}'`;
}

/**
 * Text safe inside a `#` line comment: comments only ever carry identifiers, file names
 * and numbers, so anything else (a newline, `<#`) is replaced rather than escaped.
 */
export function psCommentText(text: string): string {
    return text.replace(/[^A-Za-z0-9_.,:;/()+=\- ]/g, '_');
}
