/**
 * How a diagnostic is named in reports (`voice check`, `voice graph`): its code and its
 * severity as a word. Langium's own diagnostics (lexing, parsing, linking) carry their
 * code in `data`; ours carry it in `code`.
 */
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'] as const;

export function severityName(diagnostic: { severity?: number }): SeverityName {
    return SEVERITIES[diagnostic.severity ?? 1] ?? 'error';
}

export function diagnosticCode(diagnostic: { code?: number | string; data?: unknown }): string {
    if (typeof diagnostic.code === 'string') return diagnostic.code;
    const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
    if (dataCode === undefined) return 'error';
    return LANGIUM_CODES.get(dataCode) ?? dataCode;
}

/** Langium's own codes, as reports name them. */
const LANGIUM_CODES: ReadonlyMap<string, string> = new Map([
    ['lexing-error', 'syntax-error'], ['parsing-error', 'syntax-error'], ['linking-error', 'unresolved-reference']
]);

export function diagnosticMessage(diagnostic: { message: string | { value: string } }): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
