/** The throttled tenant model over real HTTP: token buckets per surface with Retry-After, refill, $batch items, the in-flight limit, the admin endpoint and the CLI knobs. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { emulatorCommand } from '../../cli/commands/emulator.js';
import { UsageError } from '../../cli/usage-error.js';
import { DEFAULT_TENANT_LIMITS, parseRate, startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { call, teams } from './client.js';

const running: EmulatorHandle[] = [];

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorHandle> {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
}

afterEach(async () => {
    await Promise.all(running.splice(0).map(e => e.stop()));
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('token bucket per surface', () => {
    test('past the rate a call is answered 429 with Retry-After; other surface unaffected; the bucket refills', async () => {
        const emulator = await start({ limits: { teams: { requests: 3, windowSeconds: 1.5 } } });
        const first = [];
        for (let i = 0; i < 3; i++) first.push((await teams(emulator, 'Get-CsOnlineUser')).status);
        expect(first).toEqual([200, 200, 200]);
        const refused = await teams(emulator, 'Get-CsOnlineUser');
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toBe('1');
        expect(refused.body.error.code).toBe('TooManyRequests');
        // Graph has its own (here: no) bucket.
        expect((await call(emulator, 'GET', '/v1.0/groups')).status).toBe(200);
        // One token every 500 ms: after Retry-After there is one, and only one.
        await sleep(Number(refused.headers.get('retry-after')) * 1000 - 400);
        expect((await teams(emulator, 'Get-CsOnlineUser')).status).toBe(200);
        expect((await teams(emulator, 'Get-CsOnlineUser')).status).toBe(429);
        expect(emulator.limits.counts.rate).toEqual({ graph: 0, teams: 2 });
        expect(emulator.callLog.entries.filter(e => e.status === 429)).toHaveLength(2);
    });

    test('Retry-After says how long until a token is back, in whole seconds rounded up', async () => {
        const emulator = await start({ limits: { graph: { requests: 1, windowSeconds: 3 } } });
        expect((await call(emulator, 'GET', '/v1.0/users?$top=1')).status).toBe(200);
        const refused = await call(emulator, 'GET', '/v1.0/users?$top=1');
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toBe('3');
    });

    test('each $batch item takes a token of its own: the items past the rate are inner 429s', async () => {
        const emulator = await start({ limits: { graph: { requests: 3, windowSeconds: 60 } } });
        const batch = await call(emulator, 'POST', '/v1.0/$batch', { requests: Array.from({ length: 5 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' })) });
        expect(batch.status).toBe(200);
        const statuses = (batch.body.responses as { status: number; headers: Record<string, string> }[]).map(r => r.status).sort();
        expect(statuses).toEqual([200, 200, 200, 429, 429]);
        const inner = (batch.body.responses as { status: number; headers: Record<string, string> }[]).find(r => r.status === 429)!;
        expect(inner.headers['Retry-After']).toBe('20');
    });
});

describe('requests in flight', () => {
    test('past the concurrency limit a call is answered 429 with Retry-After, per surface', async () => {
        const emulator = await start({ faults: { latencyMs: 400 }, limits: { maxConcurrency: 2 } });
        const replies = await Promise.all([
            ...Array.from({ length: 4 }, () => teams(emulator, 'Get-CsOnlineUser')),
            call(emulator, 'GET', '/v1.0/groups')
        ]);
        const teamsStatuses = replies.slice(0, 4).map(r => r.status).sort();
        expect(teamsStatuses).toEqual([200, 200, 429, 429]);
        expect(replies[4]!.status).toBe(200);
        expect(replies.find(r => r.status === 429)!.headers.get('retry-after')).toBe('1');
        expect(emulator.limits.counts.concurrency).toEqual({ graph: 0, teams: 2 });
        expect(emulator.limits.counts.peakInFlight.teams).toBe(2);
        // Answered calls leave: the next ones get in.
        expect((await Promise.all([teams(emulator, 'Get-CsOnlineUser'), teams(emulator, 'Get-CsOnlineUser')])).map(r => r.status)).toEqual([200, 200]);
    });
});

describe('switching the model on', () => {
    test('off unless asked; POST /emulator/limits validates and turns limits on at run time; stats report them', async () => {
        const emulator = await start();
        expect(emulator.limits.settings).toEqual({ graph: null, teams: null, maxConcurrency: null });
        expect((await call(emulator, 'POST', '/emulator/limits', { teams: { requests: 0, windowSeconds: 1 } })).status).toBe(400);
        expect((await call(emulator, 'POST', '/emulator/limits', { maxConcurrency: 1.5 })).status).toBe(400);
        const set = await call(emulator, 'POST', '/emulator/limits', { teams: { requests: 1, windowSeconds: 60 } });
        expect(set.body.limits).toMatchObject({ teams: { requests: 1, windowSeconds: 60 }, graph: null });
        expect((await teams(emulator, 'Get-CsTenant')).status).toBe(200);
        expect((await teams(emulator, 'Get-CsTenant')).status).toBe(429);
        const stats = await call(emulator, 'GET', '/emulator/stats');
        expect(stats.body.refused.rate.teams).toBe(1);
        await call(emulator, 'POST', '/emulator/limits', { teams: null });
        expect((await teams(emulator, 'Get-CsTenant')).status).toBe(200);
    });

    test('RATE/WINDOW parsing and the CLI knobs', async () => {
        expect(parseRate('200/10s')).toEqual({ requests: 200, windowSeconds: 10 });
        expect(parseRate('20/s')).toEqual({ requests: 20, windowSeconds: 1 });
        expect(parseRate('600/1m')).toEqual({ requests: 600, windowSeconds: 60 });
        expect(parseRate('5/500ms')).toEqual({ requests: 5, windowSeconds: 0.5 });
        expect(() => parseRate('fast')).toThrow(/RATE\/WINDOW/);
        expect(() => parseRate('0/1s')).toThrow();
        await expect(emulatorCommand.run(['--throttle-teams', 'lots'])).rejects.toBeInstanceOf(UsageError);
        await expect(emulatorCommand.run(['--max-concurrency', '0'])).rejects.toThrow(/--max-concurrency/);
        expect(DEFAULT_TENANT_LIMITS.teams.requests / DEFAULT_TENANT_LIMITS.teams.windowSeconds).toBe(20);
    });

    test('voice emulator --tenant-limits: the defaults, one switched off, and the limits enforced over HTTP', async () => {
        const lines: string[] = [];
        const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
        try {
            const running = emulatorCommand.run(['--port', '0', '--tenant-limits', '--throttle-teams', 'off', '--throttle-graph', '2/60s']);
            await vi.waitFor(() => expect(lines.join('\n')).toContain('Press Ctrl+C'));
            const output = lines.join('\n');
            expect(output).toContain('Tenant limits: Graph 2/60s, Teams unlimited, in flight per surface 9');
            const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
            const token = /Bearer token: (\S+)/.exec(output)![1]!;
            const statuses = [];
            for (let i = 0; i < 3; i++) statuses.push((await call({ url, token }, 'GET', '/v1.0/groups')).status);
            expect(statuses).toEqual([200, 200, 429]);
            expect((await teams({ url, token }, 'Get-CsTenant')).status).toBe(200);
            process.emit('SIGINT');
            expect(await running).toBe(0);
        } finally {
            log.mockRestore();
        }
    });
});
