/**
 * Retry-After against the emulator over real HTTP [G-THROTTLE, G-BATCH]: a Graph call, a
 * $batch item with its own Retry-After, and a Teams cmdlet through real pwsh each wait at
 * least what the tenant asked (measured between the emulator's two answers); a wait beyond
 * the policy stops at once with a message naming the wait, and nothing is sent early.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import { startEmulator, standInModulePath, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { createRandom } from '../../tenant/emulator/random.js';
import { GraphApi } from '../../tenant/graph/graph-api.js';
import { PowerShellSession } from '../../tenant/teams/powershell-session.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
    vi.useRealTimers();
    await emulator?.stop();
    emulator = undefined;
});

const credentialFor = (e: EmulatorHandle): TokenCredential => ({ getToken: async () => ({ token: e.token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

/** A Graph client that lifts the emulator's throttling once the first attempt has been answered. */
function graphThrottledOnce(e: EmulatorHandle): GraphApi {
    return new GraphApi({
        credential: credentialFor(e), baseUrl: e.url,
        observer: { onAttempt: (_method, _url, _status, attempt) => { if (attempt === 1) e.faults.configure({ throttleRate: 0 }); } }
    });
}

/** The time between consecutive answers the emulator logged for calls matching `pick`, with their statuses. */
function answers(e: EmulatorHandle, pick: (entry: EmulatorHandle['callLog']['entries'][number]) => boolean) {
    const entries = e.callLog.entries.filter(pick);
    return { statuses: entries.map(x => x.status), gaps: entries.slice(1).map((x, i) => x.at - entries[i]!.at) };
}

/** A seed whose first draw lets the $batch request through and whose second throttles its one item. */
function seedThrottlingTheItemOnly(rate: number): number {
    for (let seed = 1; ; seed++) {
        const random = createRandom(seed);
        if (random() >= rate && random() < rate) return seed;
    }
}

describe('Retry-After is waited in full', () => {
    test('a Graph call answered 429 with Retry-After: 2 is sent again no sooner than 2 s later', async () => {
        emulator = await startEmulator({ port: 0, faults: { throttleRate: 1, retryAfterSeconds: 2 } });
        await graphThrottledOnce(emulator).get('/users?$top=1');
        const { statuses, gaps } = answers(emulator, x => x.route === 'GET /v1.0/users');
        expect(statuses).toEqual([429, 200]);
        expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    });

    test('a $batch item answered 429 with its own Retry-After: 2 is sent again no sooner than 2 s later', async () => {
        const rate = 0.5;
        emulator = await startEmulator({ port: 0, faults: { throttleRate: rate, retryAfterSeconds: 2, randomSeed: seedThrottlingTheItemOnly(rate) } });
        const results = await graphThrottledOnce(emulator).batch([{ id: 'a', method: 'GET', url: '/users?$top=1' }]);
        expect(results.get('a')?.status).toBe(200);
        expect(answers(emulator, x => x.route === 'POST /v1.0/$batch').statuses).toEqual([200, 200]);
        const { statuses, gaps } = answers(emulator, x => x.inBatch);
        expect(statuses).toEqual([429, 200]);
        expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    });

    test('a Teams cmdlet throttled with Retry-After: 2 (real pwsh) is sent again no sooner than 2 s later', async () => {
        emulator = await startEmulator({ port: 0 });
        const session = new PowerShellSession({ pwshPath: findPwsh(), modulePaths: [standInModulePath()], env: { VOICE_EMULATOR_URL: emulator.url } });
        await session.start();
        try {
            await session.connect(emulator.token, emulator.token);
            emulator.faults.configure({ throttleRate: 1, retryAfterSeconds: 2 });
            const lift = setInterval(() => { if (emulator!.callLog.entries.some(x => x.status === 429)) emulator!.faults.configure({ throttleRate: 0 }); }, 20);
            try {
                await session.invoke({ command: 'Get-CsOnlinePSTNGateway' });
            } finally {
                clearInterval(lift);
            }
        } finally {
            await session.dispose();
        }
        const { statuses, gaps } = answers(emulator, x => x.route === 'POST /teams/Get-CsOnlinePSTNGateway');
        expect(statuses).toEqual([429, 200]);
        expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    }, 60_000);

    test('Retry-After: 40 is not cut to the 30 s backoff cap (fake clock)', async () => {
        emulator = await startEmulator({ port: 0, faults: { throttleRate: 1, retryAfterSeconds: 40 } });
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        const call = graphThrottledOnce(emulator).get('/users?$top=1');
        const throttledAnswers = () => emulator!.callLog.entries.filter(x => x.route === 'GET /v1.0/users').length;
        await vi.waitFor(() => expect(throttledAnswers()).toBe(1));
        await vi.advanceTimersByTimeAsync(39_000);
        expect(throttledAnswers()).toBe(1);
        await vi.advanceTimersByTimeAsync(1_000);
        vi.useRealTimers();
        await call;
        expect(answers(emulator, x => x.route === 'GET /v1.0/users').statuses).toEqual([429, 200]);
    });
});

describe('a Retry-After beyond what voice waits stops the call with a clear message', () => {
    test('a Graph call: the wait, the call and "run again later"; sent once, never early', async () => {
        emulator = await startEmulator({ port: 0, faults: { throttleRate: 1, retryAfterSeconds: 400 } });
        const graph = new GraphApi({ credential: credentialFor(emulator), baseUrl: emulator.url });
        await expect(graph.get('/users?$top=1')).rejects.toThrow(
            /^Graph GET \/users: the tenant asked to wait 400 s \(Retry-After\) before trying again, longer than voice waits \(300 s\); run again later$/);
        expect(emulator.callLog.entries).toHaveLength(1);
    });

    test('a $batch item', async () => {
        const rate = 0.5;
        emulator = await startEmulator({ port: 0, faults: { throttleRate: rate, retryAfterSeconds: 400, randomSeed: seedThrottlingTheItemOnly(rate) } });
        const graph = new GraphApi({ credential: credentialFor(emulator), baseUrl: emulator.url });
        await expect(graph.batch([{ id: 'a', method: 'GET', url: '/users?$top=1' }])).rejects.toThrow(
            /^Graph \$batch item GET \/users: the tenant asked to wait 400 s \(Retry-After\).*run again later$/);
        expect(emulator.callLog.entries.filter(x => x.route === 'POST /v1.0/$batch')).toHaveLength(1);
    });
});

test('voice apply against a tenant asking for 400 s: one line naming the wait, exit 1, at once', async () => {
    emulator = await startEmulator({ port: 0, faults: { throttleRate: 1, retryAfterSeconds: 400 } });
    const started = Date.now();
    const result = await runVoiceAsync(['apply', path.join(REPO_ROOT, 'examples', 'frontline'), '--tenant', 'emulator', '--emulator-url', emulator.url,
        '--state-dir', mkdtempSync(path.join(tmpdir(), 'voice-retry-after-')), '--auto-approve'], { env: { VOICE_PWSH: findPwsh() }, timeoutMs: 60_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^voice apply: .*the tenant asked to wait 400 s \(Retry-After\).*; run again later$/)]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(emulator.callLog.entries.filter(e => e.status === 429)).toHaveLength(1);
}, 90_000);
