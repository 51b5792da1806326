/**
 * `voice report emergency` end to end: the real CLI over real HTTP to the emulator, Teams
 * reads in real pwsh. examples/frontline applied (its Spokane network included) reads as ready; a member added to a granted group later
 * (emulator admin API) turns it into gaps that name them; the HTML page escapes a hostile
 * display name; and the calls a report costs do not grow with the members.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { htmlProblems } from '../support/html-balance.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
let folder: string;
let scratch: string;

async function emulatorCall(method: string, route: string, body?: unknown): Promise<Response> {
    return fetch(`${emulator.url}${route}`, {
        method, headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body)
    });
}

/** A Teams cmdlet on the emulator; a 409 (the object exists, e.g. made by apply) is fine. */
async function cmdlet(name: string, parameters: Record<string, unknown>): Promise<unknown> {
    const answer = await emulatorCall('POST', `/teams/${name}`, parameters);
    if (answer.status === 409) return null;
    expect(answer.status, `${name}: ${await answer.clone().text()}`).toBe(200);
    return ((await answer.json()) as { value: unknown }).value;
}

async function addMember(group: string, user: { userPrincipalName: string; displayName: string; licenses?: string[] }): Promise<void> {
    const created = await emulatorCall('POST', '/emulator/users', { usageLocation: 'US', ...user });
    expect(created.status, await created.clone().text()).toBe(201);
    const added = await emulatorCall('POST', `/emulator/groups/${encodeURIComponent(group)}/members`, { member: user.userPrincipalName });
    expect(added.status, await added.clone().text()).toBe(204);
}

const report = (...extra: string[]) => runVoiceAsync(['report', 'emergency', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, ...extra]);

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-report-'));
    folder = path.join(scratch, 'frontline');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    emulator = await startEmulator({ port: 0 });
    const apply = await runVoiceAsync(['apply', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--auto-approve', '--state-dir', path.join(scratch, 'state')], { timeoutMs: 240_000 });
    // Apply creates the Spokane network too (network.voice): trusted IP, site, subnet and the LIS map.
    expect(apply.status, apply.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
    await emulator?.stop();
});

describe('voice report emergency', () => {
    it('reads examples/frontline, applied (with its Spokane network), as ready (exit 0)', async () => {
        const result = await report();
        expect(result.status, result.stdout + result.stderr).toBe(0);
        expect(result.stdout).toMatch(/10 of 10 member\(s\) in 3 group\(s\) ready\./);
        expect(result.stdout).toContain('on the SpokaneStore network (subnet 10.20.1.0, access point 00-11-22-33-44-55, port B8-BE-BF-4A-A3-00 port G1/0/30): SpokaneStore; anywhere else: SeattleStore');
    }, 120_000);

    it('JSON: the format, the summary, every group and seven checks a member, each with a status and sources', async () => {
        const result = await report('--format', 'json');
        expect(result.status).toBe(0);
        const json = JSON.parse(result.stdout) as {
            format: string; version: number; ready: boolean; summary: Record<string, number>;
            dynamic: { trustedIps: string[]; lis: string[] };
            groups: { key: string; groupId: string; fallback: { number: string }; location: { status: string }; members: { userPrincipalName: string; ready: boolean; checks: Record<string, { status: string; value: string; sources: string[] }> }[] }[];
        };
        expect(json).toMatchObject({ format: 'voice-emergency-readiness', version: 1, ready: true, summary: { groups: 3, members: 10, ready: 10, withGaps: 0 } });
        expect(json.dynamic.trustedIps).toEqual(['198.51.100.0/24']);
        expect(json.groups.map(g => g.key)).toEqual(['SeattleAssociates', 'SpokaneAssociates', 'PortlandAssociates']);
        expect(json.groups.map(g => g.fallback.number)).toEqual(['+12065550100', '+12065550100', '+15035550100']);
        const checks = json.groups[0]!.members[0]!.checks;
        expect(Object.keys(checks)).toEqual(['licence', 'enterpriseVoice', 'sharedCalling', 'emergencyRouting', 'emergencyCalling', 'phoneNumber', 'voiceRouting']);
        for (const check of Object.values(checks)) expect(check.sources.length).toBeGreaterThan(0);
        expect(checks.sharedCalling!.value).toBe('WashingtonStores (group Store Associates Seattle, rank 1)');
    }, 120_000);

    it('a member added to a granted group after apply: exit 2, named with what they lack', async () => {
        await addMember('Store Associates Seattle', { userPrincipalName: 'new.hire@contoso.com', displayName: 'New Hire' });
        const result = await report();
        expect(result.status, result.stdout + result.stderr).toBe(2);
        const block = result.stdout.slice(result.stdout.indexOf('✗ New Hire <new.hire@contoso.com>'));
        expect(block).toMatch(/^✗ New Hire <new\.hire@contoso\.com>\n\s+✗ Teams Phone licence: none/);
        expect(block).toMatch(/✗ Enterprise Voice: off/);
        expect(block).toMatch(/✗ Emergency call routing policy: Global \(tenant default\), not SharedCalling-Emergency-SeattleAssociates/);
        // The group grant reached them: the Shared Calling policy is in place.
        expect(block.split('\n\n')[0]).not.toMatch(/Shared Calling policy:/);
    }, 120_000);

    it('HTML: one well-formed page that escapes a hostile display name and loads nothing', async () => {
        const hostile = '<img src=x onerror="alert(1)"> & </td>';
        await addMember('Store Associates Portland', { userPrincipalName: 'hostile@contoso.com', displayName: hostile, licenses: ['MCOEV'] });
        const out = path.join(scratch, 'report.html');
        const result = await report('--format', 'html', '--out', out);
        expect(result.status).toBe(2);
        const html = readFileSync(out, 'utf8');
        expect(htmlProblems(html)).toEqual([]);
        expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/td&gt;');
        expect(html).not.toMatch(/<img|<script|<[^>]*\s(src|href)=/i);
    }, 120_000);

    it('costs the same calls for 50 members as for 500 (the groups, not the members, count)', async () => {
        const calls = async () => {
            const before = emulator.callLog.count();
            const result = await report('--format', 'json');
            expect(result.status, result.stderr.slice(-2000)).toBe(2);
            return { calls: emulator.callLog.count() - before, members: (JSON.parse(result.stdout) as { summary: { members: number } }).summary.members };
        };
        const addMany = async (from: number, to: number) => {
            for (let i = from; i < to; i++) await addMember('Store Associates Spokane', { userPrincipalName: `crowd${i}@contoso.com`, displayName: `Crowd ${i}`, licenses: ['MCOEV'] });
        };
        await addMany(0, 40);
        const small = await calls();
        await addMany(40, 490);
        const large = await calls();
        console.log(`report: ${small.calls} calls for ${small.members} members, ${large.calls} calls for ${large.members} members`);
        expect(small.members).toBeGreaterThanOrEqual(50);
        expect(large.members).toBeGreaterThanOrEqual(500);
        expect(large.calls).toBe(small.calls);
        expect(large.calls).toBeLessThan(40);
    }, 240_000);

    it('the declared emergency calling policy reaches members through the group; another one granted over it is a gap', async () => {
        type Json = { groups: { key: string; members: { userPrincipalName: string; checks: Record<string, { status: string; value: string; sources: string[] }> }[] }[] };
        const casey = (json: Json) => json.groups.find(g => g.key === 'PortlandAssociates')!.members.find(m => m.userPrincipalName === 'casey.morgan@contoso.com')!;
        const applied = JSON.parse((await report('--format', 'json')).stdout) as Json;
        expect(casey(applied).checks.emergencyCalling).toEqual({
            status: 'ok', sources: ['ECP-NEW', 'ECP-GRANT'],
            value: 'StoresSecurityDesk (group Store Associates Portland, rank 3): notifies store-security@contoso.com;regional-managers@contoso.com (ConferenceMuted); users may enter a remote address'
        });
        // Someone replaces the group's assignment by hand: the desk the files name is no longer notified.
        await cmdlet('New-CsTeamsEmergencyCallingPolicy', { Identity: 'SecurityDesk', NotificationGroup: 'desk@contoso.com', NotificationMode: 'NotificationOnly' });
        const portland = emulator.state.groups.find(g => g.displayName === 'Store Associates Portland')!;
        await cmdlet('Remove-CsGroupPolicyAssignment', { GroupId: portland.id, PolicyType: 'TeamsEmergencyCallingPolicy' });
        await cmdlet('Grant-CsTeamsEmergencyCallingPolicy', { Group: portland.id, PolicyName: 'SecurityDesk', Rank: 1 });
        const result = await report('--format', 'json');
        expect(result.status).toBe(2);
        expect(casey(JSON.parse(result.stdout) as Json).checks.emergencyCalling).toEqual({
            status: 'gap', sources: ['ECP-GRANT', 'GPA-NEW'],
            value: 'SecurityDesk (group Store Associates Portland, rank 1), not StoresSecurityDesk: the security desk the files name is not notified'
        });
    }, 120_000);
});
