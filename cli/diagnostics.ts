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
            // A problem inside another file (a row of an extension CSV) is reported where it is.
            const elsewhere = (d.data as { file?: { uri: string; line: number; column: number; length: number } } | undefined)?.file;
            result.push({
                file: relativeFile(elsewhere ? URI.parse(elsewhere.uri).fsPath : document.uri.fsPath),
                line: elsewhere ? elsewhere.line : d.range.start.line + 1,
                column: elsewhere ? elsewhere.column : d.range.start.character + 1,
                endLine: elsewhere ? elsewhere.line : d.range.end.line + 1,
                endColumn: elsewhere ? elsewhere.column + elsewhere.length : d.range.end.character + 1,
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
