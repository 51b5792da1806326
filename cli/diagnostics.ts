/** Diagnostics of a checked workspace, flattened for reporting (1-based lines and columns). */
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { diagnosticCode, diagnosticMessage, severityName, type SeverityName } from '../language/diagnostic-names.js';

export interface FileDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: SeverityName;
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
                severity: severityName(d),
                code: diagnosticCode(d),
                message: diagnosticMessage(d),
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
