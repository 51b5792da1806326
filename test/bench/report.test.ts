/** The bench's verdicts from one result: misses are listed (the run then exits 1), the script ratio is like for like, the throttle's lower bound. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderReport, throttleLowerBoundMs, type ApplyRun, type BenchResults } from '../../bench/report.js';
import type { ApplyMeasure, CallCount } from '../../bench/tenant.js';
import type { BaselineMeasure } from '../../bench/baseline-ratio.js';
import type { MeasuredRun } from '../../bench/processes.js';
import { DEFAULT_TENANT_LIMITS } from '../../tenant/emulator/index.js';
import { repoRoot } from '../support/pwsh.js';

const calls = (operations: number, admitted = { graph: 0, teams: operations }, throttled = 0): CallCount =>
    ({ requests: operations, operations, graph: admitted.graph, teams: admitted.teams, throttled, admitted, byRoute: [] });
const memory = { voiceRssKb: 100 * 1024, treeRssKb: 400 * 1024 };

function applyRun(stores: number, grantedStores: number, wallMs: number, changes: number): ApplyRun {
    return {
        apply: { stores, grantedStores, wallMs, calls: calls(changes), changes, memory },
        plan: { stores, wallMs: 1000, calls: calls(15), memory }
    };
}

function results(scriptGranted: number, scriptWallMs: number): BenchResults {
    return {
        date: '2026-12-02T19:00:00.000Z', node: 'v24.0.0', quick: false, command: 'npm run bench', latencyMs: 100,
        machine: { cores: 2, cpuModel: 'test cpu', totalMemoryMb: 8192, loadBefore: [1.5, 1, 0.5], loadAfter: [2, 1, 0.5] },
        check: [], compile: [],
        tenant: {
            small: applyRun(100, 64, 50_000, 800),
            large: applyRun(1000, 64, 100_000, 6000),
            sameMix: applyRun(125, scriptGranted, 40_000, 900),
            script: { stores: 125, grantedStores: scriptGranted, wallMs: scriptWallMs, calls: calls(2000), pwshRssKb: 200 * 1024 }
        }
    };
}

const rowOf = (text: string, figure: RegExp) => text.split('\n').find(line => figure.test(line)) ?? '';

describe('bench report', () => {
    test('apply vs script compares time per store on the same mix; a miss is listed', () => {
        // apply: 100 ms per store; script: 1.2 s per store on 8 of 125 granted = the same 6.4 %.
        const pass = renderReport(results(8, 150_000), 'bench/results.json');
        expect(rowOf(pass.console, /time per store/)).toMatch(/^PASS .*12\.0x faster/);
        expect(pass.misses).toEqual([]);
        // 0.8 s per store: 8x, a miss.
        const slow = renderReport(results(8, 100_000), 'bench/results.json');
        expect(slow.misses).toHaveLength(1);
        expect(slow.misses[0]).toMatch(/8\.0x faster.*at least 10x/);
        // A script workload with another mix never passes, whatever the ratio.
        const otherMix = renderReport(results(64, 150_000), 'bench/results.json');
        expect(rowOf(otherMix.console, /time per store/)).toMatch(/^MISS .*not the same mix/);
    });

    test('the throttle lower bound: admitted operations past the burst, at the refill rate, slower surface', () => {
        const apply: ApplyMeasure = {
            stores: 1000, grantedStores: 64, wallMs: 500_000, changes: 6000, memory,
            calls: calls(8200, { graph: 1200, teams: 8200 }, 300), limits: DEFAULT_TENANT_LIMITS
        };
        // Teams: (8,200 - 200) / 20 per second = 400 s; Graph: (1,200 - 200) / 20 = 50 s.
        expect(throttleLowerBoundMs(apply)).toBeCloseTo(400_000);
        const r: BenchResults = { ...results(8, 150_000), throttled: { apply } };
        const report = renderReport(r, 'bench/results.json');
        expect(rowOf(report.console, /throttled tenant model/)).toMatch(/^PASS .*lower bound 400\.0 s .*1\.25x; 300 answers 429/);
        expect(report.misses).toEqual([]);
        const slower = renderReport({ ...r, throttled: { apply: { ...apply, wallMs: 600_000 } } }, 'x.json');
        expect(slower.misses.join('\n')).toMatch(/throttled tenant model.*1\.50x.*within 1\.3x/);
        const failed = renderReport({ ...r, throttled: { apply: { ...apply, failed: 'apply of 1000 stores failed (exit 1):\nError: HTTP 429 TooManyRequests' } } }, 'x.json');
        expect(failed.misses.join('\n')).toMatch(/\*\*failed\*\*.*HTTP 429/);
    });

    test('check against the bare Langium baseline: median time within 1.2x, highest peak within 1.1x, every reference linked', () => {
        const run = (wallMs: number, mb: number): MeasuredRun => ({ status: 0, stdout: '', stderr: '', wallMs, cpuMs: wallMs / 2, maxRssKb: mb * 1024 });
        const measure = (check: MeasuredRun[], unresolved = 0): BaselineMeasure => ({
            stores: 5000, files: 51, statements: 40_116, links: { files: 51, references: 55_128, unresolved, syntaxErrors: 0 },
            baseline: [run(1000, 350), run(5000, 340), run(1100, 300)], check
        });
        const verdict = (b: BaselineMeasure) => renderReport({ ...results(8, 150_000), baseline: b }, 'x.json');
        // Medians 1,100 and 1,300 ms (the 5 s outlier does not count): 1.18x; peaks 385 and 350 MB: 1.10x.
        const pass = verdict(measure([run(1300, 385), run(1200, 300), run(9000, 300)]));
        expect(rowOf(pass.console, /against the baseline/)).toMatch(/^PASS .*1\.18x the baseline's time \(CPU 1\.18x\), 1\.10x its peak memory/);
        expect(pass.console).toContain('55,128 references linked, 0 unresolved');
        expect(verdict(measure([run(1400, 300), run(1400, 300), run(1400, 300)])).misses.join('\n')).toMatch(/1\.27x the baseline's time/);
        expect(verdict(measure([run(1100, 390), run(1100, 300), run(1100, 300)])).misses.join('\n')).toMatch(/1\.11x its peak memory/);
        expect(verdict(measure([run(1100, 300), run(1100, 300), run(1100, 300)], 3)).misses).toHaveLength(1);
    });

    test('compile against the check of the same file: medians of alternating runs within 1.5x, every compile peak under 500 MB', () => {
        const run = (wallMs: number, mb = 400): MeasuredRun => ({ status: 0, stdout: '', stderr: '', wallMs, cpuMs: wallMs, maxRssKb: mb * 1024 });
        const verdict = (pairs: { check: MeasuredRun; compile: MeasuredRun }[], first = run(4000)) => renderReport({
            ...results(8, 150_000),
            check: [{ stores: 5000, statements: 40_116, files: 51, runs: [run(2000)], singleFile: run(1000) }],
            compile: [{ stores: 5000, run: first, pairs }]
        }, 'x.json');
        // Medians 4,000 and 2,800 ms: 1.43x, whatever the single check run of the check section (1 s) says.
        const pass = verdict([{ check: run(2800), compile: run(4000) }, { check: run(2700), compile: run(4100) }, { check: run(9000), compile: run(3900) }]);
        expect(rowOf(pass.console, /Compile 5,000/)).toMatch(/^PASS .*median 4\.00 s wall .* the check's 2\.80 s .*: 1\.43x; peak 400 MB/);
        const slow = verdict([{ check: run(2500), compile: run(4000) }, { check: run(2500), compile: run(4000) }, { check: run(2500), compile: run(4000) }]);
        expect(slow.misses.join('\n')).toMatch(/1\.60x/);
        const heavy = verdict([{ check: run(2800), compile: run(4000, 510) }, { check: run(2800), compile: run(4000) }, { check: run(2800), compile: run(4000) }]);
        expect(heavy.misses.join('\n')).toMatch(/peak 510 MB/);
    });

    test('the table names the measured machine and the JSON it comes from, between the markers', () => {
        const dir = mkdtempSync(join(tmpdir(), 'voice-bench-report-'));
        try {
            const file = join(dir, 'performance.md');
            renderReport(results(8, 150_000), 'bench/results.json').write(file);
            const text = readFileSync(file, 'utf8');
            expect(text).toContain('on 2 cores (test cpu), 8 GB; load average (1 / 5 / 15 min) 1.50 / 1.00 / 0.50 at the start, 2.00 / 1.00 / 0.50 at the end');
            expect(text).toContain('Rendered from `bench/results.json`');
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    test('`npm run bench` exits 1 on a miss, listing it, and 0 when all pass (rendered from the JSON with --report-only)', () => {
        const dir = mkdtempSync(join(tmpdir(), 'voice-bench-exit-'));
        try {
            const run = (r: BenchResults) => {
                const json = join(dir, 'results.json');
                writeFileSync(json, JSON.stringify(r));
                return spawnSync(process.execPath, [join(repoRoot(), 'bench', 'run.mjs'), '--report-only', '--json', json, '--out', join(dir, 'performance.md')], { encoding: 'utf8' });
            };
            const missed = run(results(8, 100_000));
            expect(missed.status).toBe(1);
            expect(missed.stderr).toMatch(/1 target\(s\) missed:\n {2}MISS {2}Apply 1,000 stores .*time per store/);
            expect(readFileSync(join(dir, 'performance.md'), 'utf8')).toContain('| **miss** |');
            const passed = run(results(8, 150_000));
            expect(passed.stderr).not.toContain('missed');
            expect(passed.status).toBe(0);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
