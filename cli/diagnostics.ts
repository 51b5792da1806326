/** Diagnostics of a checked workspace, flattened for reporting (1-based lines and columns). */
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface FileDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
    /** The other statements of a conflict between statements (possibly in other files). */
    related?: RelatedLocation[];
}

export interface RelatedLocation {
    file: string;
    line: number;
    column: number;
    message: string;
}

const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** Langium's own diagnostics (lexing, parsing, linking) carry their code in `data`. */
function codeOf(diagnostic: Diagnostic): string {
    if (typeof diagnostic.code === 'string') return diagnostic.code;
    const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
    switch (dataCode) {
        case 'lexing-error':
        case 'parsing-error': return 'syntax-error';
        case 'linking-error': return 'unresolved-reference';
        default: return dataCode ?? 'error';
    }
}

export function relativeFile(fsPath: string): string {
    const relative = path.relative(process.cwd(), fsPath);
    return relative.startsWith('..') || path.isAbsolute(relative) ? fsPath : relative;
}

export function flattenDiagnostics(documents: LangiumDocument[]): FileDiagnostic[] {
    const result: FileDiagnostic[] = [];
    for (const document of documents) {
        for (const d of document.diagnostics ?? []) {
            result.push({
                file: relativeFile(document.uri.fsPath),
                line: d.range.start.line + 1,
                column: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
                severity: SEVERITIES[d.severity ?? 1],
                code: codeOf(d),
                message: typeof d.message === 'string' ? d.message : d.message.value,
                ...(d.relatedInformation?.length ? {
                    related: d.relatedInformation.map(r => ({
                        file: relativeFile(URI.parse(r.location.uri).fsPath),
                        line: r.location.range.start.line + 1,
                        column: r.location.range.start.character + 1,
                        message: r.message
                    }))
                } : {})
            });
        }
    }
    return result.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
