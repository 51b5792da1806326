/** Faults on demand and persistence: 429 + Retry-After, 503, latency, replication delay (reads, and writes' look-ups), crash-stop, a lost reply, --state across restarts. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { call, teams } from './client.js';

const running: EmulatorHandle[] = [];
const folders: string[] = [];

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorHandle> {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
}

function scratch(): string {
    const dir = mkdtempSync(join(tmpdir(), 'voice-emulator-'));
    folders.push(dir);
    return dir;
}

afterEach(async () => {
    await Promise.all(running.splice(0).map(e => e.stop()));
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function statuses(emulator: EmulatorHandle, n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await call(emulator, 'GET', '/v1.0/users?$top=1')).status);
    return out;
}

describe('throttling and errors', () => {
    test('a share of calls is answered 429 with Retry-After (seconds) and a Graph error body; counted in the call log', async () => {
        const emulator = await start({ faults: { throttleRate: 0.5, retryAfterSeconds: 3, randomSeed: 42 } });
        const replies = [];
        for (let i = 0; i < 40; i++) replies.push(await call(emulator, 'GET', '/v1.0/users?$top=1'));
        const throttled = replies.filter(r => r.status === 429);
        expect(throttled.length).toBeGreaterThan(8);
        expect(throttled.length).toBeLessThan(32);
        expect(throttled[0]!.headers.get('retry-after')).toBe('3');
        expect(throttled[0]!.body.error.code).toBe('TooManyRequests');
        expect(emulator.callLog.count('GET /v1.0/users')).toBe(40);
        expect(emulator.callLog.entries.filter(e => e.status === 429)).toHaveLength(throttled.length);
    });

    test('the same random seed gives the same fault sequence', async () => {
        const a = await start({ faults: { throttleRate: 0.3, errorRate: 0.2, randomSeed: 7 } });
        const b = await start({ faults: { throttleRate: 0.3, errorRate: 0.2, randomSeed: 7 } });
        const sa = await statuses(a, 30);
        expect(await statuses(b, 30)).toEqual(sa);
        expect(sa).toContain(503);
        expect(sa).toContain(429);
    });

    test('a share of calls is answered 503; faults apply to Teams calls and to $batch items too', async () => {
        const emulator = await start({ faults: { errorRate: 1 } });
        const graph = await call(emulator, 'GET', '/v1.0/users');
        expect(graph.status).toBe(503);
        expect(graph.body.error.code).toBe('ServiceUnavailable');
        expect((await teams(emulator, 'Get-CsOnlineUser')).status).toBe(503);
        await call(emulator, 'POST', '/emulator/faults', { errorRate: 0, throttleRate: 0.5, randomSeed: 1 });
        let itemStatuses: number[] = [];
        for (let attempt = 0; attempt < 10 && !itemStatuses.includes(429); attempt++) {
            const batch = await call(emulator, 'POST', '/v1.0/$batch', { requests: Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' })) });
            if (batch.status === 200) itemStatuses = batch.body.responses.map((r: { status: number }) => r.status);
        }
        expect(itemStatuses).toContain(429);
    });

    test('admin endpoints: POST /emulator/faults validates, GET /emulator/stats counts by route, POST /emulator/reset restores', async () => {
        const emulator = await start();
        expect((await call(emulator, 'POST', '/emulator/faults', { throttleRate: 2 })).status).toBe(400);
        await call(emulator, 'PATCH', '/v1.0/users/it.admin@contoso.com', { usageLocation: 'GB' });
        await call(emulator, 'GET', '/v1.0/users/it.admin@contoso.com');
        const stats = await call(emulator, 'GET', '/emulator/stats');
        expect(stats.body).toMatchObject({ calls: 2, byRoute: { 'PATCH /v1.0/users/{id}': 1, 'GET /v1.0/users/{id}': 1 } });
        expect((await call(emulator, 'POST', '/emulator/reset')).status).toBe(204);
        expect(emulator.state.users.find(u => u.userPrincipalName === 'it.admin@contoso.com')!.usageLocation).toBe('US');
        expect((await call(emulator, 'GET', '/emulator/stats')).body.calls).toBe(0);
    });
});

describe('latency and replication delay', () => {
    test('latency is added to every call', async () => {
        const emulator = await start({ faults: { latencyMs: 150 } });
        const started = Date.now();
        await call(emulator, 'GET', '/v1.0/users?$top=1');
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    test('a just-created object is invisible to reads during the replication delay, then appears', async () => {
        // The emulator's clock stands still until the test moves it: on a loaded machine 400 ms of
        // real time can pass between the create and the reads that must not see it.
        vi.useFakeTimers({ toFake: ['Date'] });
        onTestFinished(() => { vi.useRealTimers(); });
        const emulator = await start({ faults: { replicationDelayMs: 400 } });
        const created = await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'main-aa@contoso.com' });
        expect(created.status).toBe(200);
        expect((await call(emulator, 'GET', '/v1.0/users/main-aa@contoso.com')).status).toBe(404);
        expect((await call(emulator, 'PATCH', '/v1.0/users/main-aa@contoso.com', { usageLocation: 'US' })).status).toBe(404);
        expect((await teams(emulator, 'Get-CsOnlineUser', { Identity: 'main-aa@contoso.com' })).status).toBe(404);
        await teams(emulator, 'Set-CsOnlinePstnUsage', { Usage: { add: ['U'] } });
        await teams(emulator, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'P' });
        expect((await teams(emulator, 'Get-CsOnlineVoiceRoutingPolicy', { Identity: 'P' })).status).toBe(404);
        vi.setSystemTime(Date.now() + 450);
        expect((await call(emulator, 'GET', '/v1.0/users/main-aa@contoso.com')).status).toBe(200);
        expect((await teams(emulator, 'Get-CsOnlineUser', { Identity: 'main-aa@contoso.com' })).status).toBe(200);
        expect((await teams(emulator, 'Get-CsOnlineVoiceRoutingPolicy', { Identity: 'P' })).status).toBe(200);
    });
});

describe('replication delay for the look-ups writes make (replicationAppliesToWrites)', () => {
    /** A policy, a gateway and a location created just now, and the writes that name them. */
    async function createAndRefer(emulator: EmulatorHandle): Promise<number[]> {
        await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['U'] } });
        expect((await teams(emulator, 'New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'E' })).status).toBe(200);
        expect((await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc1.contoso.com', SipSignalingPort: 5061 })).status).toBe(200);
        const address = await teams(emulator, 'New-CsOnlineLisCivicAddress', {
            CompanyName: 'C', CountryOrRegion: 'US', HouseNumber: '1', StreetName: 'Pike St', City: 'Seattle', StateOrProvince: 'WA', PostalCode: '98101',
            Latitude: '47.6', Longitude: '-122.3'
        });
        return [
            (await teams(emulator, 'Grant-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'avery.chen@contoso.com', PolicyName: 'E' })).status,
            (await teams(emulator, 'New-CsOnlineVoiceRoute', { Identity: 'R', NumberPattern: '.*', OnlinePstnUsages: ['U'], OnlinePstnGatewayList: ['sbc1.contoso.com'] })).status,
            (await teams(emulator, 'Set-CsPhoneNumberAssignment', {
                Identity: 'avery.chen@contoso.com', TelephoneNumber: '+12065550150', NumberType: 'DirectRouting', LocationId: address.body.value.DefaultLocationId
            })).status,
            (await teams(emulator, 'New-CsOnlineLisLocation', { CivicAddressId: address.body.value.CivicAddressId, Location: 'Floor 1' })).status
        ];
    }

    test('off (the default): reads do not see a new policy, yet a grant of it succeeds at once', async () => {
        const emulator = await start({ faults: { replicationDelayMs: 5000 } });
        expect(await createAndRefer(emulator)).toEqual([200, 200, 200, 200]);
        expect((await teams(emulator, 'Get-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'E' })).status).toBe(404);
    });

    test('on: a grant of a just-created policy, a route to a new gateway, a number at a new location and a location at a new address are refused as "not found" until the delay is over', async () => {
        const emulator = await start({ faults: { replicationDelayMs: 600, replicationAppliesToWrites: true } });
        const refused = await createAndRefer(emulator);
        expect(refused).toEqual([404, 400, 404, 404]);
        const grant = emulator.callLog.entries.find(e => e.route === 'POST /teams/Grant-CsTeamsEmergencyCallRoutingPolicy')!;
        expect(grant.status).toBe(404);
        expect(emulator.state.userPolicyAssignments.some(a => a.policyName === 'E')).toBe(false);
        await new Promise(resolve => setTimeout(resolve, 650));
        expect((await teams(emulator, 'Grant-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'avery.chen@contoso.com', PolicyName: 'E' })).status).toBe(200);
        expect((await teams(emulator, 'New-CsOnlineVoiceRoute', { Identity: 'R', NumberPattern: '.*', OnlinePstnUsages: ['U'], OnlinePstnGatewayList: ['sbc1.contoso.com'] })).status).toBe(200);
    });

    test('the knob is settable at run time through POST /emulator/faults and shows in the stats', async () => {
        const emulator = await start({ faults: { replicationDelayMs: 5000 } });
        expect((await call(emulator, 'POST', '/emulator/faults', { replicationAppliesToWrites: true })).status).toBe(200);
        expect((await createAndRefer(emulator))[0]).toBe(404);
        expect((await call(emulator, 'GET', '/emulator/stats')).body.faults).toMatchObject({ replicationAppliesToWrites: true });
        expect((await call(emulator, 'POST', '/emulator/faults', { replicationAppliesToWrites: 'yes' })).status).toBe(400);
    });
});

describe('a lost reply (loseReplyAfter)', () => {
    test('the Nth write is done and persisted, then the connection closes without a reply; later calls are answered', async () => {
        const statePath = join(scratch(), 'tenant.json');
        const emulator = await start({ statePath, faults: { loseReplyAfter: 2 } });
        // Reads are not counted: only the second write loses its reply.
        expect((await call(emulator, 'GET', '/v1.0/users?$top=1')).status).toBe(200);
        expect((await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['U'] } })).status).toBe(200);
        await expect(teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc1.contoso.com', SipSignalingPort: 5061 })).rejects.toThrow();
        expect(emulator.state.pstnGateways.map(g => g.fqdn)).toEqual(['sbc1.contoso.com']);
        expect(JSON.parse(readFileSync(statePath, 'utf8')).state.pstnGateways).toHaveLength(1);
        expect(emulator.callLog.entries.at(-1)).toMatchObject({ route: 'POST /teams/New-CsOnlinePSTNGateway', status: 200, replyLost: true });
        // Once only: sending it again meets the object ("already exists").
        expect((await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc1.contoso.com', SipSignalingPort: 5061 })).status).toBe(409);
        expect((await call(emulator, 'GET', '/emulator/stats')).body).toMatchObject({ repliesLost: 1, crashed: false });
    });

    test('a $batch holding the Nth write is done whole and loses its reply; set through POST /emulator/faults, counting from then', async () => {
        const emulator = await start();
        await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['U'] } });
        expect((await call(emulator, 'POST', '/emulator/faults', { loseReplyAfter: 1 })).status).toBe(200);
        await expect(call(emulator, 'POST', '/v1.0/$batch', { requests: [
            { id: '1', method: 'GET', url: '/users/it.admin@contoso.com' },
            { id: '2', method: 'PATCH', url: '/users/it.admin@contoso.com', headers: { 'Content-Type': 'application/json' }, body: { usageLocation: 'GB' } }
        ] })).rejects.toThrow();
        expect(emulator.state.users.find(u => u.userPrincipalName === 'it.admin@contoso.com')?.usageLocation).toBe('GB');
        expect((await call(emulator, 'POST', '/emulator/faults', { loseReplyAfter: 0 })).status).toBe(400);
    });
});

describe('crash-stop and persistence', () => {
    test('the server stops abruptly at the Nth call; state written before it survives a restart with --state', async () => {
        const statePath = join(scratch(), 'tenant.json');
        let crashCallbacks = 0;
        const first = await start({ statePath, faults: { crashAfter: 3 }, onCrash: () => { crashCallbacks++; } });
        expect((await call(first, 'PATCH', '/v1.0/users/it.admin@contoso.com', { usageLocation: 'GB' })).status).toBe(204);
        expect((await teams(first, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc.contoso.com', SipSignalingPort: 5061, Enabled: true })).status).toBe(200);
        await expect(call(first, 'PATCH', '/v1.0/users/avery.chen@contoso.com', { usageLocation: 'CA' })).rejects.toThrow();
        await first.stopped;
        expect(first.crashed).toBe(true);
        expect(crashCallbacks).toBe(1);
        await expect(fetch(`${first.url}/emulator/token`)).rejects.toThrow();
        expect(JSON.parse(readFileSync(statePath, 'utf8')).format).toBe('voice-emulator-state');

        const second = await start({ statePath });
        expect((await call(second, 'GET', '/v1.0/users/it.admin@contoso.com?$select=usageLocation')).body.usageLocation).toBe('GB');
        expect((await call(second, 'GET', '/v1.0/users/avery.chen@contoso.com?$select=usageLocation')).body.usageLocation).toBe('US');
        expect((await teams(second, 'Get-CsOnlinePSTNGateway')).body.value).toEqual([expect.objectContaining({ Fqdn: 'sbc.contoso.com', Enabled: true })]);
    });

    test('without --state a restart begins again from the seed; a seed can be given as an object', async () => {
        const emulator = await start({ seed: { tenant: { domain: 'fabrikam.onmicrosoft.com', verifiedDomains: ['fabrikam.com'] }, users: [{ userPrincipalName: 'a@fabrikam.com', displayName: 'A' }] } });
        const users = await call(emulator, 'GET', '/v1.0/users');
        expect(users.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(['a@fabrikam.com']);
        expect((await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc.fabrikam.com', SipSignalingPort: 5061 })).status).toBe(200);
    });
});
