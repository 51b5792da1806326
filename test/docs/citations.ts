/**
 * Finds citation keys ([SC-SETUP], [NEW-SCRP, SC-SETUP], [SET-PNA; E.164 …]) in repository
 * text, and the keys that docs/sources.md defines.
 *
 * A key is upper case letters, digits and dashes, starting with a letter and holding two
 * letters in a row (so regex classes like [A-Z] or [A-Z0-9] are not keys). A bracket is a
 * citation when it opens with a key followed by `]`, `,`, `;` or a space; inside it, every
 * part separated by `,` or `;` that opens with a key cites that key, and the rest is prose
 * ("§1.7", "group assignment disputed"). A bracket followed by `(` or `[` is a markdown link.
 * In TypeScript and JavaScript only comments and string literals are read, so an upper-case
 * constant in an array literal or a computed property name is never taken for a citation.
 */
import ts from 'typescript';

export interface Citation {
    key: string;
    /** 1-based line of the key itself. */
    line: number;
}

const KEY = /[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*/y;
const TWO_LETTERS = /[A-Z]{2}/;
const AFTER_FIRST_KEY = /[\],;\s]/;
/** A bracket longer than this is not a citation (it would be code or a table of data). */
const MAX_BRACKET = 400;

const SCRIPT_FILE = /\.(?:[cm]?ts|[cm]?js|tsx|jsx)$/;

/** The key that starts exactly at `index`, if one does. */
function keyAt(text: string, index: number): string | undefined {
    KEY.lastIndex = index;
    const match = KEY.exec(text);
    return match && TWO_LETTERS.test(match[0]) ? match[0] : undefined;
}

function lineOf(text: string, index: number): number {
    let line = 1;
    for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}

/** Every citation in `text` (already reduced to prose for script files). */
export function citationsInText(text: string): Citation[] {
    const found: Citation[] = [];
    for (let open = text.indexOf('['); open !== -1; open = text.indexOf('[', open + 1)) {
        const first = keyAt(text, open + 1);
        if (!first || !AFTER_FIRST_KEY.test(text.charAt(open + 1 + first.length))) continue;
        const close = text.indexOf(']', open + 1);
        const nextOpen = text.indexOf('[', open + 1);
        const bracketed = close !== -1 && close - open <= MAX_BRACKET && (nextOpen === -1 || nextOpen > close);
        if (bracketed && (text.charAt(close + 1) === '(' || text.charAt(close + 1) === '[')) continue;
        if (!bracketed) {
            // An unclosed bracket still cites its first key, so a typo there is not missed.
            found.push({ key: first, line: lineOf(text, open) });
            continue;
        }
        const body = text.slice(open + 1, close);
        let partStart = 0;
        for (const part of body.split(/[,;]/)) {
            const lead = part.length - part.trimStart().length;
            const key = keyAt(part, lead);
            const after = key === undefined ? '' : part.charAt(lead + key.length);
            if (key && (after === '' || /\s/.test(after))) {
                found.push({ key, line: lineOf(text, open + 1 + partStart + lead) });
            }
            partStart += part.length + 1;
        }
    }
    return found;
}

/**
 * The comments and string literals of a script, every other character blanked (newlines
 * kept), so offsets and lines stay those of the file.
 */
export function proseOfScript(text: string, fileName: string): string {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    const keep: Array<[number, number]> = [];
    const seenComments = new Set<number>();
    const addComments = (ranges: readonly ts.CommentRange[] | undefined): void => {
        for (const range of ranges ?? []) {
            if (seenComments.has(range.pos)) continue;
            seenComments.add(range.pos);
            keep.push([range.pos, range.end]);
        }
    };
    const visit = (node: ts.Node): void => {
        addComments(ts.getLeadingCommentRanges(text, node.getFullStart()));
        addComments(ts.getTrailingCommentRanges(text, node.getEnd()));
        if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) keep.push([node.getStart(source), node.getEnd()]);
        for (const child of node.getChildren(source)) visit(child);
    };
    visit(source);
    const chars = text.replace(/[^\n]/g, ' ').split('');
    for (const [start, end] of keep) for (let i = start; i < end; i++) chars[i] = text.charAt(i);
    return chars.join('');
}

/** Every citation in a repository file, reading only the prose of script files. */
export function citationsInFile(text: string, fileName: string): Citation[] {
    return citationsInText(SCRIPT_FILE.test(fileName) ? proseOfScript(text, fileName) : text);
}

export interface SourceEntry {
    key: string;
    line: number;
    /** The whole table row, to check that a source has an address. */
    row: string;
    /** A marker ([CONFLICT], …) qualifies a fact and has no source of its own. */
    marker: boolean;
}

/**
 * The keys and markers docs/sources.md defines: the first cell of a table row, written as
 * `KEY` or **KEY**. Rows under a "Markers" heading are markers; every other row is a key.
 */
export function entriesOfSources(markdown: string): SourceEntry[] {
    const entries: SourceEntry[] = [];
    let inMarkers = false;
    markdown.split('\n').forEach((row, index) => {
        const heading = /^#{2,}\s+(.*)$/.exec(row);
        if (heading) inMarkers = /^markers\b/i.test(heading[1]);
        if (!row.startsWith('|')) return;
        const cell = row.split('|')[1]?.trim().replace(/^(\*\*|`)(.*)\1$/, '$2') ?? '';
        const key = keyAt(cell, 0);
        if (key === cell) entries.push({ key, line: index + 1, row, marker: inMarkers });
    });
    return entries;
}
