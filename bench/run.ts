/**
 * `npm run bench`: the tool at scale. Generated workspaces of 100, 1,000 and 5,000 stores;
 * full check (time, peak memory), incremental re-validation, completion and hover latency
 * through the language server services, compile time, plan and apply against the emulator
 * with 100 ms per call (also under the throttled tenant model), and the compiled script run
 * sequentially on a smaller workload with the same mix of granted and ungranted stores, and
 * the check of an extension CSV of 50,000 rows.
 *
 * Every figure goes to one JSON file (bench/results.json; a --quick run to
 * out/bench/results-quick.json), and the table in docs/performance.md is rendered from it.
 * A target missed makes the run exit 1 after listing the misses.
 *
 * Options: --quick (small sizes, a smoke run; writes no docs unless --out is given),
 * --only baseline,check,editor,visualizer,compile,tenant,throttled,report,export,fleet,extensions, --out FILE (default docs/performance.md;
 * --out - prints only), --json FILE, --report-only (render the table from --json, measure
 * nothing), --apply-stores N (default 1000), --script-stores N (default 125), --throttled-stores N
 * (default: --apply-stores), --throttle-graph R/W and --throttle-teams R/W (the throttled case's buckets, as
 * `voice emulator` takes them, e.g. 50/10s; default DEFAULT_TENANT_LIMITS), --latency MS (default 100), --report-members N (default 5000),
 * --fleet-tenants N (default 100) --fleet-stores N (default 10) --fleet-parallel N (default 4):
 * `voice plan --tenants` of N tenants of that many stores each.
 * --baseline-runs N (default 5: runs of the baseline and of the check, alternating).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TENANT_LIMITS, parseRate, type TenantLimits } from '../tenant/emulator/index.js';
import { MAX_GRANTED_STORES } from '../test/support/generate-setup.js';
import { benchBaseline, medianWall } from './baseline-ratio.js';
import { benchEditor } from './editor.js';
import { benchServerProcess } from './server-process.js';
import { benchVisualizer } from './visualizer.js';
import { benchExport } from './export.js';
import { benchFleet } from './fleet.js';
import { benchExtensions } from './extensions.js';
import { loadNow, machineNow } from './machine.js';
import { PeakMemorySampler } from './memory.js';
import { runMeasured, type MeasuredRun } from './processes.js';
import { renderReport, type ApplyRun, type BenchResults, type CheckFigure } from './report.js';
import { benchReadiness } from './readiness.js';
import { benchApply, benchScript } from './tenant.js';
import { writeWorkspace, type BenchWorkspace } from './workspace.js';

const { values } = parseArgs({
    options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'string' },
        'report-only': { type: 'boolean' },
        'apply-stores': { type: 'string' },
        'script-stores': { type: 'string' },
        'throttled-stores': { type: 'string' },
        'throttle-graph': { type: 'string' },
        'throttle-teams': { type: 'string' },
        latency: { type: 'string', default: '100' },
        'report-members': { type: 'string' },
        'fleet-tenants': { type: 'string' },
        'fleet-stores': { type: 'string' },
        'fleet-parallel': { type: 'string' },
        'baseline-runs': { type: 'string' }
    }
});

const quick = values.quick ?? false;
const jsonFile = values.json ?? (quick ? path.join('out', 'bench', 'results-quick.json') : path.join('bench', 'results.json'));
const outFile = values.out ?? (quick ? '-' : path.join('docs', 'performance.md'));
const sections = new Set((values.only ?? 'baseline,check,editor,visualizer,compile,tenant,throttled,report,export,fleet,extensions').split(',').map(s => s.trim()));
const sizes = quick ? [20, 100, 300] : [100, 1000, 5000];
const largest = sizes[sizes.length - 1]!;
const applyStores = Number(values['apply-stores'] ?? (quick ? 100 : 1000));
const scriptStores = Number(values['script-stores'] ?? (quick ? 10 : 125));
const throttledStores = Number(values['throttled-stores'] ?? applyStores);
/** The throttled case's buckets: the emulator's defaults unless given (a smaller bucket makes a small run rate-bound too). */
const throttledLimits: TenantLimits = {
    ...DEFAULT_TENANT_LIMITS,
    ...(values['throttle-graph'] ? { graph: parseRate(values['throttle-graph']) } : {}),
    ...(values['throttle-teams'] ? { teams: parseRate(values['throttle-teams']) } : {})
};
const smallApply = quick ? 20 : 100;
const latencyMs = Number(values.latency);
const reportMembers = Number(values['report-members'] ?? (quick ? 500 : 5000));
const fleetTenants = Number(values['fleet-tenants'] ?? (quick ? 10 : 100));
const fleetStores = Number(values['fleet-stores'] ?? 10);
const fleetParallel = Number(values['fleet-parallel'] ?? 4);

const log = (line: string) => console.error(`[bench] ${line}`);
const granted = (stores: number) => Math.min(MAX_GRANTED_STORES, stores);
/** The script's workload has the large apply's share of granted stores (64 of 1,000 → 8 of 125). */
const scriptGranted = Math.round(scriptStores * granted(applyStores) / applyStores);

function required(run: Awaited<ReturnType<typeof benchApply>>): ApplyRun {
    if (!run.plan) throw new Error(`bench: ${run.apply.failed ?? 'the apply left no plan to measure'}`);
    return { apply: run.apply, plan: run.plan };
}

/** Strips the captured output of the child processes: the JSON keeps figures, not logs. */
const figuresOnly = (key: string, value: unknown) => (key === 'stdout' || key === 'stderr' ? undefined : value);

/** Written after every section, so a run stopped part-way keeps what it measured (marked partial). */
function save(results: BenchResults): void {
    mkdirSync(path.dirname(jsonFile), { recursive: true });
    writeFileSync(jsonFile, JSON.stringify(results, figuresOnly, 2) + '\n', 'utf8');
}

async function measure(): Promise<BenchResults> {
    const scratch = mkdtempSync(path.join(tmpdir(), 'voice-bench-'));
    const started = Date.now();
    const results: BenchResults = {
        date: new Date().toISOString(), node: process.version, quick, latencyMs, machine: machineNow(),
        command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
        check: [], compile: [], partial: true
    };
    const sectionDone = () => {
        results.machine.loadAfter = loadNow();
        results.totalMs = Date.now() - started;
        save(results);
    };
    try {
        const workspaces = new Map<string, BenchWorkspace>();
        const workspace = (stores: number, grantedStores = granted(stores)): BenchWorkspace => {
            const key = `${stores}-${grantedStores}`;
            if (!workspaces.has(key)) workspaces.set(key, writeWorkspace(scratch, stores, grantedStores));
            return workspaces.get(key)!;
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
        sectionDone();
        if (sections.has('baseline')) {
            const run = await benchBaseline(workspace(largest), Number(values['baseline-runs'] ?? (quick ? 3 : 5)));
            results.baseline = run;
            log(`baseline ${largest} stores: ${run.links.references} references, ${run.links.unresolved} unresolved; medians baseline ${medianWall(run.baseline).toFixed(0)} ms, check ${medianWall(run.check).toFixed(0)} ms`);
        }
        sectionDone();
        if (sections.has('editor')) {
            const ws = workspace(largest);
            // The services run in this process: its peak RSS is the language server's.
            const sampler = new PeakMemorySampler(false);
            const editor = await benchEditor(ws.files, workspace(sizes[1]!).singleFile, { edits: quick ? 10 : 40, samples: quick ? 60 : 300, memory: sampler });
            const peak = sampler.stop();
            const stores = ws.files.filter(f => /stores-\d+\.voice$/.test(f));
            const serverProcess = await benchServerProcess(ws.folder, ws.files, stores[Math.floor(stores.length / 2)]!, quick ? 6 : 20);
            results.editor = { stores: largest, files: ws.files.length, result: editor, peakRssKb: peak.selfKb, serverProcess };
            log(`language server process: load ${serverProcess.loadMs.toFixed(0)} ms, ${(serverProcess.afterLoadRssKb / 1024).toFixed(0)} MB after it, peak ${(serverProcess.peakRssKb / 1024).toFixed(0)} MB, edit p95 ${serverProcess.edit.p95.toFixed(0)} ms`);
            log(`editor: edit p95 ${editor.edit.p95.toFixed(0)} ms, completion p95 ${editor.completion.p95.toFixed(1)} ms, hover p95 ${editor.hover.p95.toFixed(1)} ms, workspace peak ${(editor.workspacePeakRssKb / 1024).toFixed(0)} MB`);
        }
        sectionDone();
        if (sections.has('visualizer')) {
            // The visualizer on the 1,000-store workspace (the issue's size), in services of its own.
            const visualizer = await benchVisualizer(workspace(sizes[1]!).files, sizes[1]!, quick ? 4 : 10);
            results.visualizer = visualizer;
            log(`visualizer ${sizes[1]} stores: first ${visualizer.firstMs.toFixed(0)} ms (${visualizer.view}, ${visualizer.nodes} of ${visualizer.setupNodes} nodes), redraw p95 ${visualizer.redraw.p95.toFixed(0)} ms`);
        }
        sectionDone();
        if (sections.has('compile')) {
            for (const stores of sizes) {
                const ws = workspace(stores);
                const out = path.join(scratch, `compiled-${stores}.ps1`);
                const compile = async (): Promise<MeasuredRun> => {
                    const run = await runMeasured(['compile', ws.singleFile, '-o', out]);
                    if (run.status !== 0) throw new Error(`bench: compile of ${stores} stores failed: ${run.stderr.slice(0, 2000)}`);
                    return run;
                };
                const run = await compile();
                // The target's ratio: the check of the same file and the compile, each run followed by a run of
                // the other, medians compared (single runs minutes apart swung the ratio from 1.07x to 1.59x).
                const pairs: { check: MeasuredRun; compile: MeasuredRun }[] = [];
                if (stores === largest) {
                    for (let i = 0; i < (quick ? 2 : 3); i++) {
                        const check = await runMeasured(['check', ws.singleFile]);
                        if (check.status !== 0) throw new Error(`bench: check of the one-file ${stores} stores failed: ${check.stdout.slice(0, 2000)}`);
                        pairs.push({ check, compile: await compile() });
                    }
                }
                results.compile.push({ stores, run, ...(pairs.length > 0 ? { pairs } : {}) });
                log(`compile ${stores} stores: ${run.wallMs.toFixed(0)} ms${pairs.length > 0 ? `; alternating with the check, medians ${medianWall(pairs.map(p => p.compile)).toFixed(0)} / ${medianWall(pairs.map(p => p.check)).toFixed(0)} ms` : ''}`);
            }
        }
        sectionDone();
        if (sections.has('tenant')) {
            const applyOf = async (stores: number, grantedStores = granted(stores)) =>
                required(await benchApply(workspace(stores, grantedStores).folder, stores, latencyMs, scratch, { grantedStores }));
            const small = await applyOf(smallApply);
            log(`apply ${smallApply}: ${small.apply.wallMs.toFixed(0)} ms, ${small.apply.calls.requests} requests; no-change plan ${small.plan.calls.requests} requests`);
            const large = applyStores === smallApply ? small : await applyOf(applyStores);
            log(`apply ${applyStores}: ${large.apply.wallMs.toFixed(0)} ms, ${large.apply.calls.requests} requests; no-change plan ${large.plan.calls.requests} requests`);
            const sameMix = await applyOf(scriptStores, scriptGranted);
            const ws = workspace(scriptStores, scriptGranted);
            const script = await benchScript(ws.singleFile, ws.folder, scriptStores, scriptGranted, latencyMs, scratch);
            log(`script ${scriptStores} (${scriptGranted} granted): ${script.wallMs.toFixed(0)} ms, ${script.calls.requests} requests; apply of the same ${sameMix.apply.wallMs.toFixed(0)} ms`);
            results.tenant = { small, large, sameMix, script };
        }
        sectionDone();
        if (sections.has('throttled')) {
            const grantedStores = granted(throttledStores);
            const run = await benchApply(workspace(throttledStores).folder, throttledStores, latencyMs, scratch, { grantedStores, limits: throttledLimits, tolerateFailure: true });
            results.throttled = run;
            log(`apply ${throttledStores} throttled: ${run.apply.failed ? 'FAILED' : `${run.apply.wallMs.toFixed(0)} ms`}, ${run.apply.calls.requests} requests, ${run.apply.calls.throttled} answered 429`);
        }
        sectionDone();
        if (sections.has('export')) {
            const run = await benchExport(applyStores, latencyMs, scratch);
            results.export = run;
            log(`export ${applyStores} stores: ${run.export.run.wallMs.toFixed(0)} ms, ${run.export.calls.requests} requests; no-change plan ${run.plan.run.wallMs.toFixed(0)} ms, ${run.plan.calls.requests} requests`);
        }
        sectionDone();
        if (sections.has('extensions')) {
            results.extensions = await benchExtensions(quick ? 5_000 : 50_000, scratch);
            log(`check with ${results.extensions.rows} extension rows: ${results.extensions.run.wallMs.toFixed(0)} ms`);
        }
        sectionDone();
        if (sections.has('report')) {
            const small = await benchReadiness(50, latencyMs);
            const large = await benchReadiness(reportMembers, latencyMs);
            results.readiness = { small, large };
            log(`readiness report: ${small.members} members ${small.wallMs.toFixed(0)} ms, ${small.calls.requests} requests; ${large.members} members ${large.wallMs.toFixed(0)} ms, ${large.calls.requests} requests`);
        }
        sectionDone();
        if (sections.has('fleet')) {
            const run = await benchFleet(workspace(fleetStores).folder, fleetTenants, fleetStores, fleetParallel, latencyMs, scratch);
            results.fleet = run;
            log(`plan ${fleetTenants} tenants x ${fleetStores} stores, ${fleetParallel} at a time: ${run.wallMs.toFixed(0)} ms, ${run.calls.requests} requests`);
        }
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    delete results.partial;
    sectionDone();
    return results;
}

async function main(): Promise<number> {
    let results: BenchResults;
    if (values['report-only']) {
        results = JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchResults;
    } else {
        results = await measure();
        log(`wrote ${jsonFile}`);
    }
    const report = renderReport(results, jsonFile);
    console.log(report.console);
    if (outFile !== '-') {
        report.write(outFile);
        log(`wrote ${outFile}`);
    }
    if (report.misses.length > 0) {
        console.error(`\nbench: ${report.misses.length} target(s) missed:\n${report.misses.map(m => `  MISS  ${m}`).join('\n')}`);
        return 1;
    }
    return 0;
}

main().then(code => process.exit(code), error => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
});
