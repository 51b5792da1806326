/**
 * `voice export` at scale: a generated tenant of N stores (made by an admin's cmdlets, without
 * apply, then every call delayed by the bench's latency), exported through the real CLI.
 * Measured beside a no-change plan of the same stores: the export reads what plan reads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadSetup } from '../cli/setup-loader.js';
import { startEmulator } from '../tenant/emulator/index.js';
import { generateStores, generatedSeed } from '../test/support/generate-setup.js';
import { findPwsh } from '../test/support/pwsh.js';
import { TenantAdmin } from '../test/support/tenant-admin.js';
import { runMeasured, type MeasuredRun } from './processes.js';
import { counted, type CallCount } from './tenant.js';

export interface ExportMeasure {
    stores: number;
    export: { run: MeasuredRun; calls: CallCount };
    plan: { run: MeasuredRun; calls: CallCount };
}

export async function benchExport(stores: number, latencyMs: number, scratch: string): Promise<ExportMeasure> {
    process.env.VOICE_PWSH ??= findPwsh();
    const folder = mkdtempSync(path.join(scratch, 'export-'));
    const file = path.join(folder, 'stores.voice');
    writeFileSync(file, generateStores(stores).text);
    const setup = await loadSetup([file]);
    if ('exitCode' in setup) throw new Error(`bench: the ${stores}-store setup does not check:\n${setup.lines.join('\n')}`);
    const emulator = await startEmulator({ port: 0, seed: generatedSeed(stores) });
    try {
        await new TenantAdmin(emulator.url, emulator.token).build(setup.plans);
        emulator.faults.configure({ latencyMs });
        const on = ['--tenant', 'emulator', '--emulator-url', emulator.url];
        emulator.callLog.clear();
        const plan = await runMeasured(['plan', file, ...on, '--detailed-exitcode']);
        if (plan.status !== 0) throw new Error(`bench: the no-change plan of ${stores} stores exited ${plan.status}:\n${plan.stdout.slice(-2000)}`);
        const planCalls = counted(emulator);
        emulator.callLog.clear();
        const run = await runMeasured(['export', ...on, '--out', path.join(folder, 'export')]);
        if (run.status !== 0) throw new Error(`bench: the export of ${stores} stores exited ${run.status}:\n${run.stderr.slice(-2000)}`);
        return { stores, export: { run, calls: counted(emulator) }, plan: { run: plan, calls: planCalls } };
    } finally {
        await emulator.stop();
    }
}
