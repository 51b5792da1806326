/**
 * Apply under every emulator fault: 429 storms, 503s, replication delay, and a crash-stop
 * at sampled steps of the apply (the tenant and the operator's process stop together; the
 * tenant restarts from its persisted state and apply runs again). Every time the tenant
 * ends exactly as after a clean apply (nothing duplicated, nothing lost), the journal
 * tells what happened, and a run that gives up exits non-zero with one line, no stack trace.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatorHandle, FaultOptions } from '../../tenant/emulator/index.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { projection, STACK_LINE, startVoice, unusedSchedules } from './support.js';

let scratch: string;
let folder: string;
let emulator: EmulatorHandle | undefined;
/** The tenant after a clean apply of examples/frontline, for comparison. */
let reference: string[];
/** Calls (Graph and Teams) a clean apply makes, from the first read to the last write. */
let applyCalls: number;

const target = (e: EmulatorHandle, stateDir: string): string[] => ['--tenant', 'emulator', '--emulator-url', e.url, '--state-dir', stateDir];
const journalOf = (stateDir: string) => path.join(stateDir, 'emulator-contoso.onmicrosoft.com', 'journal.jsonl');
type JournalLine = { event: string; run: string; outcome?: string; step?: string };
const journal = (stateDir: string): JournalLine[] => existsSync(journalOf(stateDir))
    ? readFileSync(journalOf(stateDir), 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as JournalLine) : [];

async function applyOnce(e: EmulatorHandle, stateDir: string, timeoutMs = 180_000) {
    const result = await runVoiceAsync(['apply', folder, ...target(e, stateDir), '--auto-approve'], { timeoutMs });
    expect(result.stderr).not.toMatch(STACK_LINE);
    return result;
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-faults-'));
    folder = path.join(scratch, 'frontline');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    const clean = await startEmulator({ port: 0 });
    try {
        const result = await applyOnce(clean, mkdtempSync(path.join(scratch, 'state-')));
        expect(result.status, result.stderr).toBe(0);
        applyCalls = clean.callLog.entries.filter(e => !e.inBatch).length;
        reference = projection(clean.state);
    } finally {
        await clean.stop();
    }
}, 180_000);

afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
});

describe('apply under faults converges to the same tenant as a clean apply', () => {
    const cases: [string, FaultOptions][] = [
        ['a 429 storm (40% of calls, Retry-After: 0)', { throttleRate: 0.4, retryAfterSeconds: 0, randomSeed: 11 }],
        ['429s with Retry-After: 1 (10% of calls)', { throttleRate: 0.1, retryAfterSeconds: 1, randomSeed: 12 }],
        ['503s (15% of calls)', { errorRate: 0.15, randomSeed: 13 }],
        ['replication delay of 1,500 ms', { replicationDelayMs: 1500 }]
    ];
    test.each(cases)('%s', async (_name, faults) => {
        emulator = await startEmulator({ port: 0, faults });
        const stateDir = mkdtempSync(path.join(scratch, 'state-'));
        const result = await applyOnce(emulator, stateDir, 240_000);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/Apply complete: \d+ change\(s\) applied/);
        if (faults.throttleRate) expect(emulator.callLog.entries.some(e => e.status === 429)).toBe(true);
        if (faults.errorRate) expect(emulator.callLog.entries.some(e => e.status === 503)).toBe(true);
        expect(projection(emulator.state)).toEqual(reference);
        // A retried auto attendant call took the schedules its failed try had made.
        expect(unusedSchedules(emulator.state)).toEqual([]);
        const events = journal(stateDir);
        expect(events.at(-1)).toMatchObject({ event: 'run-finished', outcome: 'succeeded' });
    }, 300_000);
});

describe('a lane keeps plan order through retries', () => {
    /**
     * The three Shared Calling grants (ranks 1, 2, 3) share a lane. Answering the 1st, 2nd and
     * 4th grant call 503 is the sequence that once put OregonStores above WashingtonStores: the
     * rank-3 grant went ahead of the failed ones, and the retries inserted above it.
     */
    test('group grants answered 503 at chosen calls are granted in rank order and end as after a clean apply', async () => {
        const cmdlet = 'Grant-CsTeamsSharedCallingRoutingPolicy';
        emulator = await startEmulator({ port: 0, faults: { unavailableCalls: { [cmdlet]: [1, 2, 4] } } });
        const stateDir = mkdtempSync(path.join(scratch, 'state-'));
        const result = await applyOnce(emulator, stateDir);
        expect(result.status, result.stderr).toBe(0);
        const grants = emulator.callLog.entries.filter(e => e.route === `POST /teams/${cmdlet}`);
        expect(grants.filter(e => e.status === 503)).toHaveLength(3);
        expect(grants.filter(e => e.status === 200).map(e => e.parameters?.Rank)).toEqual([1, 2, 3]);
        expect(projection(emulator.state)).toEqual(reference);
    }, 300_000);
});

describe('crash-stop at sampled steps, then restart and apply again', () => {
    /**
     * Crash points: every k-th call of a clean apply's call range (about 12 points, the first
     * and last calls included), so the loop stays around a minute. The read phase,
     * every wave and the Graph $batch steps all get hit over the sample.
     */
    const points = (): number[] => {
        const step = Math.max(1, Math.ceil(applyCalls / 11));
        const sampled = new Set<number>([1]);
        for (let c = step; c < applyCalls; c += step) sampled.add(c);
        sampled.add(applyCalls);
        return [...sampled].sort((a, b) => a - b);
    };

    test('every sampled crash point converges, with nothing duplicated or lost, and the journal tells the story', async () => {
        const failures: string[] = [];
        for (const crashAt of points()) {
            const statePath = path.join(mkdtempSync(path.join(scratch, 'tenant-')), 'tenant.json');
            const stateDir = mkdtempSync(path.join(scratch, 'state-'));
            emulator = await startEmulator({ port: 0, statePath, faults: { crashAfter: crashAt } });
            const port = emulator.port;
            const running = startVoice(['apply', folder, ...target(emulator, stateDir), '--auto-approve']);
            const first = await Promise.race([emulator.stopped.then(() => 'crashed' as const), running.done.then(() => 'finished' as const)]);
            // The operator's process goes down with the tenant (a power cut): nothing gets to clean up.
            if (first === 'crashed') running.child.kill('SIGKILL');
            await running.done;
            await emulator.stop();

            emulator = await startEmulator({ port, statePath });
            const second = await applyOnce(emulator, stateDir);
            const events = journal(stateDir);
            const runs = [...new Set(events.map(e => e.run))];
            const label = `crash at call ${crashAt} of ${applyCalls}`;
            if (second.status !== 0) failures.push(`${label}: second apply exited ${second.status}: ${second.stderr.slice(-500)}`);
            else if (JSON.stringify(projection(emulator.state)) !== JSON.stringify(reference)) failures.push(`${label}: the tenant differs from a clean apply`);
            else if (events.at(-1)?.event !== 'run-finished' || events.at(-1)?.outcome !== 'succeeded') failures.push(`${label}: the journal does not end with a successful run`);
            else if (runs.length === 2) {
                // The crashed run started, never finished; the next one says it resumes it.
                if (events.some(e => e.run === runs[0] && e.event === 'run-finished')) failures.push(`${label}: the crashed run is journaled as finished`);
                if (!/Resuming: the previous apply \(.*stopped unexpectedly\)/.test(second.stderr)) failures.push(`${label}: the second run does not say it resumes`);
            }
            await emulator.stop();
            emulator = undefined;
        }
        expect(failures).toEqual([]);
    }, 360_000);

    test('with the tenant gone for good, apply gives up: non-zero exit, one clear line, no stack trace, journal says failed', async () => {
        const statePath = path.join(mkdtempSync(path.join(scratch, 'tenant-')), 'tenant.json');
        const stateDir = mkdtempSync(path.join(scratch, 'state-'));
        // Past the reads, inside the waves: the crash hits a write and stays down.
        emulator = await startEmulator({ port: 0, statePath, faults: { crashAfter: Math.ceil(applyCalls / 2) } });
        const result = await applyOnce(emulator, stateDir, 240_000);
        expect(result.status).not.toBe(0);
        const last = result.stderr.trim().split('\n').at(-1)!;
        expect(last).toMatch(/^(Apply stopped: \d+ step\(s\) failed .*Journal: |voice apply: )/);
        expect(result.stderr).not.toMatch(STACK_LINE);
        const events = journal(stateDir);
        expect(events.some(e => e.event === 'step-failed')).toBe(true);
        expect(events.at(-1)).toMatchObject({ event: 'run-finished', outcome: 'failed' });
    }, 300_000);

    test('a tenant that throttles every call: apply gives up quickly with one line', async () => {
        emulator = await startEmulator({ port: 0, faults: { throttleRate: 1, retryAfterSeconds: 0 } });
        const result = await applyOnce(emulator, mkdtempSync(path.join(scratch, 'state-')));
        expect(result.status).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/^voice apply: .*429/);
    }, 120_000);
});
