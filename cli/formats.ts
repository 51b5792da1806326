/** The three output formats of `voice check`: text lines, JSON, and SARIF 2.1.0. */
import type { FileDiagnostic } from './diagnostics.js';
import { DEFAULT_DOCS_BASE } from '../language/issue-codes.js';

export type OutputFormat = 'text' | 'json' | 'sarif';

export function formatText(diagnostics: FileDiagnostic[]): string {
    // One diagnostic a line, whatever the message holds (the parser's messages span lines).
    return diagnostics.map(d => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

export function formatJson(diagnostics: FileDiagnostic[]): string {
    return JSON.stringify({ diagnostics }, null, 2);
}

const SARIF_LEVEL: Record<FileDiagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A SARIF 2.1.0 log with one run, one rule per code that occurs, artifact paths relative to the working folder. */
export function formatSarif(diagnostics: FileDiagnostic[], version: string): string {
    const codes = [...new Set(diagnostics.map(d => d.code))].sort();
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'voice',
                    version,
                    informationUri: 'https://learn.microsoft.com/microsoftteams/shared-calling-setup',
                    rules: codes.map(code => ({
                        id: code,
                        name: code,
                        shortDescription: { text: code.replace(/-/g, ' ') },
                        helpUri: `${DEFAULT_DOCS_BASE}#${code}`
                    }))
                }
            },
            originalUriBaseIds: { SRCROOT: { uri: `${pathToFileUri(process.cwd())}/` } },
            results: diagnostics.map(d => ({
                ruleId: d.code,
                ruleIndex: codes.indexOf(d.code),
                level: SARIF_LEVEL[d.severity],
                message: { text: d.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: artifact(d.file),
                        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                    }
                }],
                ...(d.related ? {
                    relatedLocations: d.related.map((r, id) => ({
                        id,
                        message: { text: r.message },
                        physicalLocation: { artifactLocation: artifact(r.file), region: { startLine: r.line, startColumn: r.column } }
                    }))
                } : {})
            }))
        }]
    };
    return JSON.stringify(log, null, 2);
}

function artifact(file: string): { uri: string; uriBaseId: string } {
    return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function pathToFileUri(p: string): string {
    return `file://${p.split(/[\\/]/).map(encodeURIComponent).join('/')}`;
}
