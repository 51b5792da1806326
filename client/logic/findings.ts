/**
 * The tenant checks' findings (`voice plan --format json`, language/plan/render.ts
 * renderPlanJson) and the files they belong to. Plain logic, no vscode: the tenant-checks
 * feature turns the result into diagnostics.
 */

/** One entry of the plan JSON's `findings`. */
export interface Finding {
    code: string;
    severity: 'error' | 'warning';
    message: string;
    /** Base name of the .voice file. */
    file: string;
    /** 1-based. */
    line: number;
}

/** The findings of `voice plan --format json` output; undefined when the output is no plan (the CLI failed). */
export function parseFindings(stdout: string): Finding[] | undefined {
    try {
        const findings = (JSON.parse(stdout) as { findings?: unknown }).findings;
        return Array.isArray(findings) ? findings as Finding[] : undefined;
    } catch {
        return undefined;
    }
}

/** A finding placed in a file: `located` when the file is the one it names, else it sits on the checked file with its origin in the message. */
export interface PlacedFinding {
    finding: Finding;
    /** 0-based line (clamp it with `lineWithin`: a file may have changed since the check). */
    line: number;
    message: string;
}

/**
 * Groups findings by the URI of the setup file they name. `files` are the setup's files,
 * the checked file first: a base name two files share goes to the one nearer the checked
 * file. A finding naming no setup file goes to the checked file, saying where it came from.
 */
export function placeFindings(findings: Finding[], files: string[]): Map<string, PlacedFinding[]> {
    const byName = new Map<string, string>();
    for (const uri of [...files].reverse()) byName.set(baseNameOf(uri), uri);
    const placed = new Map<string, PlacedFinding[]>();
    for (const finding of findings) {
        const named = byName.get(finding.file);
        const uri = named ?? files[0]!;
        const line = finding.line - 1;
        const message = named ? finding.message : `${finding.file}:${finding.line}: ${finding.message}`;
        placed.set(uri, [...placed.get(uri) ?? [], { finding, line, message }]);
    }
    return placed;
}

/** A 0-based line inside a file of `lineCount` lines. */
export function lineWithin(line: number, lineCount: number): number {
    return Math.min(Math.max(line, 0), Math.max(lineCount - 1, 0));
}

function baseNameOf(uri: string): string {
    return decodeURIComponent(uri.split(/[?#]/)[0]!.split('/').pop() ?? '');
}

/** The status line after a check. */
export function findingsSummary(findings: Finding[]): string {
    return findings.length === 0 ? 'no findings' : `${findings.length} finding(s)`;
}
