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
    switch (dataCode) {
        case 'lexing-error':
        case 'parsing-error': return 'syntax-error';
        case 'linking-error': return 'unresolved-reference';
        default: return dataCode ?? 'error';
    }
}

export function diagnosticMessage(diagnostic: { message: string | { value: string } }): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
