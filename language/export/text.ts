/** Writing `.voice` text: strings, numbers, blocks and the comments that say where each object came from. */

/** A string literal: the grammar's STRING, with `\` and `"` escaped. Line breaks cannot be written in one, so they become spaces. */
export function voiceString(value: string): string {
    return `"${value.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A NUMBER literal (digits, an optional fraction, never an exponent). */
export function voiceNumber(value: number): string {
    const text = String(value);
    return /e/i.test(text) ? value.toFixed(12).replace(/\.?0+$/, '') : text;
}

/** One exported statement: comment lines (the Teams identity), then its text. */
export interface ExportedStatement {
    comments: string[];
    lines: string[];
}

/** `keyword Name {` one property a line `}`; properties whose value is undefined are left out. */
export function block(head: string, properties: [keyword: string, value: string | undefined][]): string[] {
    return [`${head} {`, ...properties.flatMap(([k, v]) => (v === undefined ? [] : [`    ${k} ${v}`])), '}'];
}

export function statement(comments: string[], lines: string[]): ExportedStatement {
    return { comments: comments.map(c => `// ${c}`.trimEnd()), lines };
}

export function renderStatements(statements: readonly ExportedStatement[]): string[] {
    return statements.flatMap(s => [...s.comments, ...s.lines, '']);
}
