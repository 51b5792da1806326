/**
 * State reads scale with object types, not objects: a no-change plan of a 200-store
 * setup makes exactly as many emulator calls as one of a 20-store setup.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../tenant/emulator/index.js';
import { runVoiceAsync } from '../support/cli.js';
import { generateStores, generatedSeed } from '../support/generate-setup.js';
import { findPwsh } from '../support/pwsh.js';

let scratch: string;
beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-calls-'));
});

/** Applies a generated setup, then counts the calls a second, no-change plan makes. */
async function noChangePlanCalls(stores: number): Promise<number> {
    const emulator = await startEmulator({ port: 0, seed: generatedSeed(stores) });
    try {
        const file = path.join(scratch, `stores-${stores}.voice`);
        writeFileSync(file, generateStores(stores).text);
        const target = ['--tenant', 'emulator', '--emulator-url', emulator.url];
        const apply = await runVoiceAsync(['apply', file, ...target, '--auto-approve', '--state-dir', path.join(scratch, `state-${stores}`)], { timeoutMs: 400_000 });
        expect(apply.status, apply.stderr.slice(-2000)).toBe(0);
        const before = emulator.callLog.count();
        const plan = await runVoiceAsync(['plan', file, ...target, '--detailed-exitcode']);
        expect(plan.status, plan.stdout.slice(-2000)).toBe(0);
        return emulator.callLog.count() - before;
    } finally {
        await emulator.stop();
    }
}

describe('no-change plan call count', () => {
    it('does not grow with the number of stores (20 vs 200)', async () => {
        const small = await noChangePlanCalls(20);
        const large = await noChangePlanCalls(200);
        console.log(`no-change plan: ${small} calls for 20 stores, ${large} calls for 200 stores`);
        expect(large).toBe(small);
        expect(large).toBeLessThan(30);
    }, 900_000);
});
