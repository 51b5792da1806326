/**
 * `voice check` against the bare Langium baseline (bench/baseline/): the same 5,000-store
 * workspace parsed and linked by a minimal grammar with no validation, in a child process
 * measured as `voice check` is. The two alternate run by run, so a change in the machine's
 * load falls on both; the ratio is of the medians, the memory ratio of the highest peaks.
 */
import * as path from 'node:path';
import { REPO_ROOT, runMeasured, runMeasuredScript, type MeasuredRun } from './processes.js';
import { percentile } from './stats.js';
import type { BenchWorkspace } from './workspace.js';

const BASELINE_BIN = path.join(REPO_ROOT, 'out', 'bench', 'baseline.cjs');

/** What the baseline reports on stdout: every reference it linked, and those it could not. */
export interface BaselineLinks {
    files: number;
    references: number;
    unresolved: number;
    syntaxErrors: number;
}

export interface BaselineMeasure {
    stores: number;
    files: number;
    statements: number;
    links: BaselineLinks;
    baseline: MeasuredRun[];
    check: MeasuredRun[];
}

export const medianWall = (runs: MeasuredRun[]) => percentile(runs.map(r => r.wallMs), 50);
export const highestPeak = (runs: MeasuredRun[]) => Math.max(...runs.map(r => r.maxRssKb));

export async function benchBaseline(ws: BenchWorkspace, runs: number): Promise<BaselineMeasure> {
    const baseline: MeasuredRun[] = [];
    const check: MeasuredRun[] = [];
    let links: BaselineLinks | undefined;
    for (let i = 0; i < runs; i++) {
        const b = await runMeasuredScript(BASELINE_BIN, [ws.folder]);
        if (b.status !== 0) throw new Error(`bench: the baseline failed (exit ${b.status}): ${b.stdout.slice(0, 2000)}${b.stderr.slice(0, 2000)}`);
        links = JSON.parse(b.stdout) as BaselineLinks;
        baseline.push(b);
        const c = await runMeasured(['check', ws.folder]);
        if (c.status !== 0) throw new Error(`bench: check of ${ws.stores} stores failed (exit ${c.status}): ${c.stdout.slice(0, 2000)}${c.stderr.slice(0, 2000)}`);
        check.push(c);
    }
    return { stores: ws.stores, files: ws.files.length, statements: ws.statements, links: links!, baseline, check };
}
