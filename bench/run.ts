/**
 * `npm run bench`: the tool at scale. Generated workspaces of 100, 1,000 and 5,000 stores;
 * full check (time, peak memory), incremental re-validation, completion and hover latency
 * through the language server services, compile time, plan and apply against the emulator
 * with 100 ms per call, and the compiled script run sequentially for the ratio. Prints every
 * figure with its target and writes the table into docs/performance.md.
 *
 * Options: --quick (small sizes, a smoke run), --only check,editor,compile,tenant,
 * --out FILE (default docs/performance.md; --out - prints only), --apply-stores N (default 1000),
 * --script-stores N (default 50), --latency MS (default 100).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEditor, type EditorResult } from './editor.js';
import { runMeasured, type MeasuredRun } from './processes.js';
import { renderReport, type BenchResults, type CheckFigure } from './report.js';
import { benchApply, benchScript } from './tenant.js';
import { writeWorkspace, type BenchWorkspace } from './workspace.js';

const { values } = parseArgs({
    options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string', default: path.join('docs', 'performance.md') },
        'apply-stores': { type: 'string' },
        'script-stores': { type: 'string' },
        latency: { type: 'string', default: '100' }
    }
});

const quick = values.quick ?? false;
const sections = new Set((values.only ?? 'check,editor,compile,tenant').split(',').map(s => s.trim()));
const sizes = quick ? [20, 100, 300] : [100, 1000, 5000];
const largest = sizes[sizes.length - 1]!;
const applyStores = Number(values['apply-stores'] ?? (quick ? 100 : 1000));
const scriptStores = Number(values['script-stores'] ?? (quick ? 5 : 50));
const smallApply = quick ? 20 : 100;
const latencyMs = Number(values.latency);

const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
    const scratch = mkdtempSync(path.join(tmpdir(), 'voice-bench-'));
    const started = Date.now();
    const results: BenchResults = {
        date: new Date().toISOString(), node: process.version, quick, loadBefore: loadavg()[0]!, latencyMs,
        command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
        check: [], compile: []
    };
    try {
        const workspaces = new Map<number, BenchWorkspace>();
        const workspace = (stores: number): BenchWorkspace => {
            if (!workspaces.has(stores)) workspaces.set(stores, writeWorkspace(scratch, stores));
            return workspaces.get(stores)!;
        };
        if (sections.has('check')) {
            for (const stores of sizes) {
                const ws = workspace(stores);
                const runs: MeasuredRun[] = [];
                for (let i = 0; i < (stores === largest ? 3 : 2); i++) {
                    const run = await runMeasured(['check', ws.folder]);
                    if (run.status !== 0) throw new Error(`bench: check of ${stores} stores failed (exit ${run.status}): ${run.stdout.slice(0, 2000)}${run.stderr.slice(0, 2000)}`);
                    runs.push(run);
                }
                const single = await runMeasured(['check', ws.singleFile]);
                if (single.status !== 0) throw new Error(`bench: check of the one-file ${stores} stores failed: ${single.stdout.slice(0, 2000)}`);
                const figure: CheckFigure = { stores, statements: ws.statements, files: ws.files.length, runs, singleFile: single };
                results.check.push(figure);
                log(`check ${stores} stores: best ${Math.min(...runs.map(r => r.wallMs)).toFixed(0)} ms wall, ${Math.max(...runs.map(r => r.maxRssKb / 1024)).toFixed(0)} MB; one file ${single.wallMs.toFixed(0)} ms`);
            }
        }
        if (sections.has('editor')) {
            const ws = workspace(largest);
            const editor: EditorResult = await benchEditor(ws.files, workspace(sizes[1]!).singleFile, { edits: quick ? 10 : 40, samples: quick ? 60 : 300 });
            results.editor = { stores: largest, files: ws.files.length, result: editor };
            log(`editor: edit p95 ${editor.edit.p95.toFixed(0)} ms, completion p95 ${editor.completion.p95.toFixed(1)} ms, hover p95 ${editor.hover.p95.toFixed(1)} ms`);
        }
        if (sections.has('compile')) {
            for (const stores of sizes) {
                const ws = workspace(stores);
                const out = path.join(scratch, `compiled-${stores}.ps1`);
                const run = await runMeasured(['compile', ws.singleFile, '-o', out]);
                if (run.status !== 0) throw new Error(`bench: compile of ${stores} stores failed: ${run.stderr.slice(0, 2000)}`);
                results.compile.push({ stores, run });
                log(`compile ${stores} stores: ${run.wallMs.toFixed(0)} ms`);
            }
        }
        if (sections.has('tenant')) {
            const small = await benchApply(workspace(smallApply).folder, smallApply, latencyMs, scratch);
            log(`apply ${smallApply}: ${small.apply.wallMs.toFixed(0)} ms, ${small.apply.calls.requests} requests; no-change plan ${small.plan.calls.requests} requests`);
            const large = applyStores === smallApply ? small : await benchApply(workspace(applyStores).folder, applyStores, latencyMs, scratch);
            log(`apply ${applyStores}: ${large.apply.wallMs.toFixed(0)} ms, ${large.apply.calls.requests} requests; no-change plan ${large.plan.calls.requests} requests`);
            const sameSize = scriptStores === smallApply ? small : await benchApply(workspace(scriptStores).folder, scriptStores, latencyMs, scratch);
            const ws = workspace(scriptStores);
            const script = await benchScript(ws.singleFile, ws.folder, scriptStores, latencyMs, scratch);
            log(`script ${scriptStores}: ${script.wallMs.toFixed(0)} ms, ${script.calls.requests} requests; apply of the same ${sameSize.apply.wallMs.toFixed(0)} ms`);
            results.tenant = { small, large, sameSize, script };
        }
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    results.loadAfter = loadavg()[0]!;
    results.totalMs = Date.now() - started;
    const report = renderReport(results);
    console.log(report.console);
    if (values.out !== '-') {
        report.write(values.out);
        log(`wrote ${values.out}`);
    }
}

main().catch(error => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
