/**
 * Apply under the emulator's throttled tenant model (token buckets and an in-flight limit
 * tighter than DEFAULT_TENANT_LIMITS): it converges (the plan after it is clean), every
 * throttled call is sent again only after its Retry-After (the emulator logs when each call
 * arrived and what each 429 asked).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { runVoiceAsync } from '../support/cli.js';
import { generateStores, generatedSeed } from '../support/generate-setup.js';
import { findPwsh } from '../support/pwsh.js';

let scratch: string;
beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-throttled-'));
});

type Entry = EmulatorHandle['callLog']['entries'][number];

/** The same call again: route, path and (for a cmdlet) its parameters, in name order (each pwsh session orders a hashtable its own way). */
const sameCall = (entry: Entry): string =>
    `${entry.path} ${JSON.stringify(Object.entries(entry.parameters ?? {}).sort(([a], [b]) => a.localeCompare(b)))}`;

/** Each 429 with the next arrival of the same call: how long after the 429's answer it came, against its Retry-After. */
function retriesAfter429(entries: readonly Entry[]): { call: string; waitedMs: number; retryAfterMs: number }[] {
    return entries.filter(e => e.status === 429).map(refused => {
        const next = entries.find(e => e.seq > refused.seq && sameCall(e) === sameCall(refused));
        expect(next, `${sameCall(refused)} was throttled and never sent again`).toBeDefined();
        return { call: sameCall(refused), waitedMs: next!.arrivedAt! - refused.at, retryAfterMs: refused.retryAfterSeconds! * 1000 };
    });
}

describe('apply under a throttled tenant', () => {
    it('converges with every Retry-After honoured', async () => {
        const stores = 10;
        // Far tighter than DEFAULT_TENANT_LIMITS (200 per 10 s, 9 in flight): Teams is throttled even on a busy machine.
        const emulator = await startEmulator({
            port: 0, seed: generatedSeed(stores),
            limits: { graph: { requests: 3, windowSeconds: 1 }, teams: { requests: 3, windowSeconds: 1 }, maxConcurrency: 3 }
        });
        try {
            const file = path.join(scratch, `stores-${stores}.voice`);
            writeFileSync(file, generateStores(stores).text);
            const target = ['--tenant', 'emulator', '--emulator-url', emulator.url];
            const apply = await runVoiceAsync(['apply', file, ...target, '--auto-approve', '--state-dir', path.join(scratch, 'state')], { timeoutMs: 400_000 });
            expect(apply.status, apply.stderr.slice(-2000)).toBe(0);
            const entries = [...emulator.callLog.entries];
            const refused = entries.filter(e => e.status === 429);
            // The throttle was met on both surfaces (else this proves nothing) ...
            expect(emulator.limits.counts.rate.teams).toBeGreaterThan(0);
            expect(emulator.limits.counts.rate.graph).toBeGreaterThan(0);
            // ... and every throttled call came again, no sooner than its Retry-After after the 429.
            const retries = retriesAfter429(entries);
            const early = retries.filter(r => r.waitedMs < r.retryAfterMs);
            expect(early, JSON.stringify(early.slice(0, 5))).toEqual([]);
            const admitted = entries.filter(e => e.status !== 429 && e.route !== 'POST /v1.0/$batch').length;
            console.log(`throttled apply of ${stores} stores: ${admitted} calls admitted, ${refused.length} answered 429 ` +
                `(${refused.filter(e => e.inBatch).length} $batch items); ${JSON.stringify(emulator.limits.counts)}`);

            const plan = await runVoiceAsync(['plan', file, ...target, '--detailed-exitcode']);
            expect(plan.status, plan.stdout.slice(-2000)).toBe(0);
        } finally {
            await emulator.stop();
        }
    }, 600_000);
});
