/**
 * Plan and apply against the tenant emulator with a fixed latency per call (every Graph
 * call, every $batch item and every Teams cmdlet call), through the real CLI in a child
 * process; and the same setup applied by the compiled PowerShell script, run sequentially
 * by real pwsh with the stand-in modules, for the ratio.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EmulatorHandle } from '../tenant/emulator/index.js';
import { IN_MEMORY_CMDLETS, startEmulator, type TenantLimits } from '../tenant/emulator/index.js';
import { isReadCmdlet } from '../tenant/emulator/teams/index.js';
import { generatedSeed } from '../test/support/generate-setup.js';
import { findPwsh, runPwshFile } from '../test/support/pwsh.js';
import { withPeakMemory, type MemoryPeak } from './memory.js';
import { runMeasured } from './processes.js';
import { surfaceTimeline } from './throttle-timeline.js';

export interface CallCount {
    /** HTTP requests the emulator answered (a $batch counts once). */
    requests: number;
    /** Operations: requests plus the items inside each $batch. */
    operations: number;
    graph: number;
    teams: number;
    /** Answers 429 (direct calls and $batch items). */
    throttled: number;
    /** Operations each surface admitted (not 429; a $batch envelope is not one): what a token bucket must let through. */
    admitted: { graph: number; teams: number };
    /** Writes each surface carried out (answered < 300; Graph non-GET, Teams cmdlets other than Get-* and in-memory ones). */
    writes?: { graph: number; teams: number };
    /** Cmdlets that only build an object in memory (New-CsTeamsEmergencyNumber): the stand-in module sends them, the real one makes no service call. */
    inMemory?: number;
    /** Requests by route, most first (for the log with VOICE_BENCH_VERBOSE=1). */
    byRoute: [string, number][];
}

/** Peak memory of a tenant figure: the voice process itself, and it with its pwsh sessions (sampled). */
export interface TenantMemory {
    voiceRssKb: number;
    treeRssKb: number;
}

export interface ApplyMeasure {
    stores: number;
    grantedStores: number;
    wallMs: number;
    calls: CallCount;
    changes: number;
    memory: TenantMemory;
    /** The tenant limits the emulator applied (none when absent). */
    limits?: TenantLimits;
    /** CPU time of the voice process, and of it with its pwsh sessions (user + system). */
    cpuMs?: { voice: number; tree: number };
    /** Why the apply did not complete (only for the throttled figure, which reports a failure instead of stopping the bench). */
    failed?: string;
}

export interface PlanMeasure {
    stores: number;
    wallMs: number;
    calls: CallCount;
    memory: TenantMemory;
}

export interface ScriptMeasure {
    stores: number;
    grantedStores: number;
    wallMs: number;
    calls: CallCount;
    /** The pwsh process running the script (sampled). */
    pwshRssKb: number;
}

/** The calls the emulator answered so far, by surface (also the readiness report's count). */
export function counted(emulator: EmulatorHandle): CallCount {
    const entries = emulator.callLog.entries;
    const requests = entries.filter(e => !e.inBatch);
    const operations = entries.filter(e => e.route !== 'POST /v1.0/$batch' && e.status !== 429);
    return {
        requests: requests.length,
        operations: entries.filter(e => e.route !== 'POST /v1.0/$batch').length + requests.filter(e => e.route === 'POST /v1.0/$batch').length,
        graph: requests.filter(e => !e.route.startsWith('POST /teams/')).length,
        teams: requests.filter(e => e.route.startsWith('POST /teams/')).length,
        throttled: entries.filter(e => e.status === 429).length,
        admitted: { graph: operations.filter(e => !e.route.startsWith('POST /teams/')).length, teams: operations.filter(e => e.route.startsWith('POST /teams/')).length },
        writes: {
            graph: operations.filter(e => e.status < 300 && !e.route.startsWith('POST /teams/') && e.method !== 'GET').length,
            teams: operations.filter(e => e.status < 300 && e.route.startsWith('POST /teams/') && !isReadCmdlet(cmdletOf(e.route))).length
        },
        inMemory: requests.filter(e => IN_MEMORY_CMDLETS.has(cmdletOf(e.route))).length,
        byRoute: Object.entries(emulator.callLog.byRoute()).sort((a, b) => b[1] - a[1])
    };
}

const cmdletOf = (route: string): string => route.replace(/^POST \/teams\//, '');

const target = (emulator: EmulatorHandle, stateDir?: string): string[] =>
    ['--tenant', 'emulator', '--emulator-url', emulator.url, ...(stateDir ? ['--state-dir', stateDir] : [])];

async function emulatorFor(stores: number, latencyMs: number, limits?: TenantLimits): Promise<EmulatorHandle> {
    return startEmulator({ port: 0, seed: generatedSeed(stores), faults: { latencyMs }, limits });
}

const memoryOf = (rssKb: number, peak: MemoryPeak): TenantMemory => ({ voiceRssKb: rssKb, treeRssKb: Math.max(rssKb, peak.descendantsKb) });

export interface ApplyOptions {
    /** The stores of the workspace that carry a grant (for the report). */
    grantedStores: number;
    /** Tenant limits for the emulator during the apply (the plan after it runs without). */
    limits?: TenantLimits;
    /** Report a failed apply in the result instead of throwing. */
    tolerateFailure?: boolean;
}

/** Applies a generated workspace to a fresh emulator, then plans again (no changes) and counts that plan's calls. */
export async function benchApply(folder: string, stores: number, latencyMs: number, scratch: string, options: ApplyOptions): Promise<{ apply: ApplyMeasure; plan?: PlanMeasure }> {
    process.env.VOICE_PWSH ??= findPwsh();
    const emulator = await emulatorFor(stores, latencyMs, options.limits);
    try {
        const stateDir = mkdtempSync(path.join(scratch, `state-${stores}-`));
        const startedAt = Date.now();
        const { value: apply, memory } = await withPeakMemory(() => runMeasured(['apply', folder, ...target(emulator, stateDir), '--auto-approve']));
        const cpuMs = { voice: apply.cpuMs, tree: memory.descendantsCpuMs ?? NaN };
        const done = /Apply complete: (\d+) change\(s\) applied/.exec(apply.stderr);
        const applyCalls = counted(emulator);
        const base = { stores, grantedStores: options.grantedStores, wallMs: apply.wallMs, calls: applyCalls, memory: memoryOf(apply.maxRssKb, memory), cpuMs, ...(options.limits ? { limits: options.limits } : {}) };
        if (apply.status !== 0 || !done) {
            const why = `apply of ${stores} stores failed (exit ${apply.status}):\n${apply.stderr.slice(-2000)}`;
            if (options.tolerateFailure) return { apply: { ...base, changes: 0, failed: why } };
            throw new Error(`bench: ${why}`);
        }
        if (process.env.VOICE_BENCH_VERBOSE) {
            console.error(`[bench] apply ${stores} calls by route: ${JSON.stringify(applyCalls.byRoute)}`);
            console.error(`[bench] apply ${stores}: ${Math.round(apply.wallMs)} ms wall, CPU ${Math.round(cpuMs.voice)} ms voice, ${Math.round(cpuMs.tree)} ms with its pwsh sessions`);
            console.error(`[bench] apply ${stores} waves (ms from the apply's start):\n${waveTimeline(stateDir, startedAt)}`);
            if (options.limits) console.error(`[bench] apply ${stores} by surface:\n${surfaceTimeline(emulator.callLog.entries, startedAt, options.limits)}`);
        }
        emulator.callLog.clear();
        emulator.limits.configure({ graph: null, teams: null, maxConcurrency: null });
        const { value: plan, memory: planMemory } = await withPeakMemory(() => runMeasured(['plan', folder, ...target(emulator), '--detailed-exitcode']));
        if (plan.status !== 0) throw new Error(`bench: the plan after applying ${stores} stores is not empty (exit ${plan.status}):\n${plan.stdout.slice(-2000)}${plan.stderr.slice(-2000)}`);
        return {
            apply: { ...base, changes: Number(done[1]) },
            plan: { stores, wallMs: plan.wallMs, calls: counted(emulator), memory: memoryOf(plan.maxRssKb, planMemory) }
        };
    } finally {
        await emulator.stop();
    }
}

/** Compiles the one-file setup and runs the script with pwsh against a fresh emulator; checks the tenant then plans clean. */
export async function benchScript(singleFile: string, folder: string, stores: number, grantedStores: number, latencyMs: number, scratch: string): Promise<ScriptMeasure> {
    const script = path.join(mkdtempSync(path.join(scratch, 'script-')), `stores-${stores}.ps1`);
    const compiled = await runMeasured(['compile', singleFile, '-o', script]);
    if (compiled.status !== 0) throw new Error(`bench: compile failed:\n${compiled.stderr}`);
    const emulator = await emulatorFor(stores, latencyMs);
    try {
        const started = performance.now();
        const { value: run, memory } = await withPeakMemory(() => runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 60 * 60_000 }));
        const wallMs = performance.now() - started;
        if (run.exitCode !== 0) throw new Error(`bench: the compiled script failed (exit ${run.exitCode}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
        const calls = counted(emulator);
        if (process.env.VOICE_BENCH_VERBOSE) console.error(`[bench] script ${stores} calls by route: ${JSON.stringify(calls.byRoute)}`);
        emulator.faults.configure({ latencyMs: 0 });
        const plan = await runMeasured(['plan', folder, ...target(emulator), '--detailed-exitcode']);
        if (plan.status !== 0) throw new Error(`bench: after the script, the plan is not empty (exit ${plan.status}):\n${plan.stdout.slice(-3000)}`);
        return { stores, grantedStores, wallMs, calls, pwshRssKb: memory.descendantsKb };
    } finally {
        await emulator.stop();
    }
}

export function writeText(file: string, text: string): void {
    writeFileSync(file, text, 'utf8');
}

/** When each kind of step started and finished, from the apply journal (for the verbose log). */
function waveTimeline(stateDir: string, startedAt: number): string {
    const folder = readdirSync(stateDir)[0];
    if (!folder) return '(no journal)';
    const events = readFileSync(path.join(stateDir, folder, 'journal.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l) as { event: string; at: string; step?: string });
    const start = startedAt;
    const run = events.find(e => e.event === 'run-started');
    const kinds = new Map<string, { first: number; last: number; n: number }>();
    for (const e of events) {
        if (!e.step) continue;
        const kind = e.step.split(':')[0]!;
        const t = Date.parse(e.at) - start;
        const k = kinds.get(kind) ?? { first: t, last: t, n: 0 };
        k.last = t;
        if (e.event === 'step-done') k.n++;
        kinds.set(kind, k);
    }
    return [`  ${'run started'.padEnd(32)} ${String(run ? Date.parse(run.at) - start : '?').padStart(7)}`,
        ...[...kinds].map(([kind, k]) => `  ${kind.padEnd(32)} ${String(k.first).padStart(7)} .. ${String(k.last).padStart(7)} ms  ${k.n} done`)].join('\n');
}
