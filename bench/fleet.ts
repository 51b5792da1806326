/**
 * A fleet plan: `voice plan --tenants` of one setup to many emulator tenants (one emulator
 * each, the same per-call latency as the other tenant figures), through the real CLI. Wall
 * time of the whole run, and the calls all tenants answered, summed.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EmulatorHandle } from '../tenant/emulator/index.js';
import { startEmulator } from '../tenant/emulator/index.js';
import { generatedSeed } from '../test/support/generate-setup.js';
import { findPwsh } from '../test/support/pwsh.js';
import { runMeasured } from './processes.js';
import { counted, type CallCount } from './tenant.js';

export interface FleetMeasure {
    tenants: number;
    storesPerTenant: number;
    /** `--parallel`: tenants planned at a time. */
    parallel: number;
    wallMs: number;
    /** Summed over the tenants. */
    calls: CallCount;
    maxRssKb: number;
}

export async function benchFleet(folder: string, tenants: number, stores: number, parallel: number, latencyMs: number, scratch: string): Promise<FleetMeasure> {
    process.env.VOICE_PWSH ??= findPwsh();
    const seed = generatedSeed(stores);
    const emulators: EmulatorHandle[] = [];
    try {
        for (let i = 0; i < tenants; i++) emulators.push(await startEmulator({ port: 0, seed, faults: { latencyMs } }));
        const file = path.join(scratch, `fleet-${tenants}.json`);
        writeFileSync(file, JSON.stringify({ tenants: emulators.map((e, i) => ({ name: `tenant-${i + 1}`, tenant: 'emulator', emulatorUrl: e.url })) }));
        const run = await runMeasured(['plan', folder, '--tenants', file, '--parallel', String(parallel)]);
        if (run.status !== 0 || !run.stdout.includes(`${tenants} tenant(s): ${tenants} succeeded, 0 failed.`)) {
            throw new Error(`bench: the plan of ${tenants} tenants failed (exit ${run.status}):\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
        }
        return { tenants, storesPerTenant: stores, parallel, wallMs: run.wallMs, calls: sumCalls(emulators.map(counted)), maxRssKb: run.maxRssKb };
    } finally {
        await Promise.all(emulators.map(e => e.stop()));
    }
}

function sumCalls(counts: CallCount[]): CallCount {
    const sum = (pick: (c: CallCount) => number) => counts.reduce((total, c) => total + pick(c), 0);
    return {
        requests: sum(c => c.requests), operations: sum(c => c.operations), graph: sum(c => c.graph), teams: sum(c => c.teams),
        throttled: sum(c => c.throttled), admitted: { graph: sum(c => c.admitted.graph), teams: sum(c => c.admitted.teams) }, byRoute: []
    };
}
