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
import { startEmulator } from '../tenant/emulator/index.js';
import { generatedSeed } from '../test/support/generate-setup.js';
import { findPwsh, runPwshFile } from '../test/support/pwsh.js';
import { runMeasured } from './processes.js';

export interface CallCount {
    /** HTTP requests the emulator answered (a $batch counts once). */
    requests: number;
    /** Operations: requests plus the items inside each $batch. */
    operations: number;
    graph: number;
    teams: number;
    /** Requests by route, most first (for the log with VOICE_BENCH_VERBOSE=1). */
    byRoute: [string, number][];
}

export interface ApplyMeasure {
    stores: number;
    wallMs: number;
    calls: CallCount;
    changes: number;
}

export interface PlanMeasure {
    stores: number;
    wallMs: number;
    calls: CallCount;
}

export interface ScriptMeasure {
    stores: number;
    wallMs: number;
    calls: CallCount;
}

function counted(emulator: EmulatorHandle): CallCount {
    const entries = emulator.callLog.entries;
    const requests = entries.filter(e => !e.inBatch);
    return {
        requests: requests.length,
        operations: entries.filter(e => e.route !== 'POST /v1.0/$batch').length + requests.filter(e => e.route === 'POST /v1.0/$batch').length,
        graph: requests.filter(e => !e.route.startsWith('POST /teams/')).length,
        teams: requests.filter(e => e.route.startsWith('POST /teams/')).length,
        byRoute: Object.entries(emulator.callLog.byRoute()).sort((a, b) => b[1] - a[1])
    };
}

const target = (emulator: EmulatorHandle, stateDir?: string): string[] =>
    ['--tenant', 'emulator', '--emulator-url', emulator.url, ...(stateDir ? ['--state-dir', stateDir] : [])];

async function emulatorFor(stores: number, latencyMs: number): Promise<EmulatorHandle> {
    return startEmulator({ port: 0, seed: generatedSeed(stores), faults: { latencyMs } });
}

/** Applies a generated workspace to a fresh emulator, then plans again (no changes) and counts that plan's calls. */
export async function benchApply(folder: string, stores: number, latencyMs: number, scratch: string): Promise<{ apply: ApplyMeasure; plan: PlanMeasure }> {
    process.env.VOICE_PWSH ??= findPwsh();
    const emulator = await emulatorFor(stores, latencyMs);
    try {
        const stateDir = mkdtempSync(path.join(scratch, `state-${stores}-`));
        const apply = await runMeasured(['apply', folder, ...target(emulator, stateDir), '--auto-approve']);
        const done = /Apply complete: (\d+) change\(s\) applied/.exec(apply.stderr);
        if (apply.status !== 0 || !done) throw new Error(`bench: apply of ${stores} stores failed (exit ${apply.status}):\n${apply.stderr.slice(-2000)}`);
        const applyCalls = counted(emulator);
        if (process.env.VOICE_BENCH_VERBOSE) {
            console.error(`[bench] apply ${stores} calls by route: ${JSON.stringify(applyCalls.byRoute)}`);
            console.error(`[bench] apply ${stores} waves:\n${waveTimeline(stateDir)}`);
        }
        emulator.callLog.clear();
        const plan = await runMeasured(['plan', folder, ...target(emulator), '--detailed-exitcode']);
        if (plan.status !== 0) throw new Error(`bench: the plan after applying ${stores} stores is not empty (exit ${plan.status}):\n${plan.stdout.slice(-2000)}${plan.stderr.slice(-2000)}`);
        return {
            apply: { stores, wallMs: apply.wallMs, calls: applyCalls, changes: Number(done[1]) },
            plan: { stores, wallMs: plan.wallMs, calls: counted(emulator) }
        };
    } finally {
        await emulator.stop();
    }
}

/** Compiles the one-file setup and runs the script with pwsh against a fresh emulator; checks the tenant then plans clean. */
export async function benchScript(singleFile: string, folder: string, stores: number, latencyMs: number, scratch: string): Promise<ScriptMeasure> {
    const script = path.join(mkdtempSync(path.join(scratch, 'script-')), `stores-${stores}.ps1`);
    const compiled = await runMeasured(['compile', singleFile, '-o', script]);
    if (compiled.status !== 0) throw new Error(`bench: compile failed:\n${compiled.stderr}`);
    const emulator = await emulatorFor(stores, latencyMs);
    try {
        const started = performance.now();
        const run = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 60 * 60_000 });
        const wallMs = performance.now() - started;
        if (run.exitCode !== 0) throw new Error(`bench: the compiled script failed (exit ${run.exitCode}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
        const calls = counted(emulator);
        if (process.env.VOICE_BENCH_VERBOSE) console.error(`[bench] script ${stores} calls by route: ${JSON.stringify(calls.byRoute)}`);
        emulator.faults.configure({ latencyMs: 0 });
        const plan = await runMeasured(['plan', folder, ...target(emulator), '--detailed-exitcode']);
        if (plan.status !== 0) throw new Error(`bench: after the script, the plan is not empty (exit ${plan.status}):\n${plan.stdout.slice(-3000)}`);
        return { stores, wallMs, calls };
    } finally {
        await emulator.stop();
    }
}

export function writeText(file: string, text: string): void {
    writeFileSync(file, text, 'utf8');
}

/** When each kind of step started and finished, from the apply journal (for the verbose log). */
function waveTimeline(stateDir: string): string {
    const folder = readdirSync(stateDir)[0];
    if (!folder) return '(no journal)';
    const events = readFileSync(path.join(stateDir, folder, 'journal.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l) as { event: string; at: string; step?: string });
    const start = Date.parse(events[0]!.at);
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
    return [...kinds].map(([kind, k]) => `  ${kind.padEnd(32)} ${String(k.first).padStart(7)} .. ${String(k.last).padStart(7)} ms  ${k.n} done`).join('\n');
}
