/**
 * The plan's tenant checks on the users a grant reaches and on the 64-group limit, end to
 * end: the real CLI over real HTTP to the emulator seeded with examples/seeds/shared-tenant.json.
 * There, Store Associates Seattle has kim.desk with a number of her own and riley.nguyen with
 * a direct voice routing policy with PSTN usages; Store Associates Spokane nests Spokane Night
 * Shift. A second tenant adds 60 more groups of the other team's voice routing grant, so the
 * setup's three grants of that type would pass the 64-group limit.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type EmulatorHandle, type SeedFile } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { SHARED_TENANT } from '../support/ranks.js';

interface Finding { code: string; severity: string; message: string; file: string; line: number }

let shared: EmulatorHandle;
let crowded: EmulatorHandle;

const plan = async (emulator: EmulatorHandle) => {
    const result = await runVoiceAsync(['plan', path.join(REPO_ROOT, 'examples', 'frontline'), '--tenant', 'emulator', '--emulator-url', emulator.url, '--format', 'json'], { timeoutMs: 120_000 });
    return { status: result.status, output: result.stdout + result.stderr, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
};

/** The shared tenant with 60 more groups granted the other team's voice routing policy: 62 in all. */
function crowdedSeed(): SeedFile {
    const seed = readSeedFile(SHARED_TENANT);
    const extra = Array.from({ length: 60 }, (_, i) => `Sales Team ${i + 1}`);
    seed.groups = [...seed.groups ?? [], ...extra.map(displayName => ({ displayName, members: [] }))];
    seed.teams!.groupPolicyAssignments = [
        ...seed.teams!.groupPolicyAssignments ?? [],
        ...extra.map(group => ({ group, policyType: 'OnlineVoiceRoutingPolicy', policyName: 'Sales-Outbound' }))
    ];
    return seed;
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    shared = await startEmulator({ port: 0, seed: readSeedFile(SHARED_TENANT) });
    crowded = await startEmulator({ port: 0, seed: crowdedSeed() });
}, 60_000);

afterAll(async () => {
    await shared?.stop();
    await crowded?.stop();
});

describe('tenant checks on the members of granted groups', () => {
    it('warns on the grant of a member with a number of their own, one with a direct routing policy with usages, and a nested group; exit 0', async () => {
        const { status, output, findings } = await plan(shared);
        expect(status, output).toBe(0);
        const of = (code: string) => findings.filter(f => f.code === code);
        expect(of('member-with-phone-number').map(f => [f.severity, f.file, f.line])).toEqual([['warning', 'stores.voice', 50]]);
        expect(of('member-with-phone-number')[0]!.message).toMatch(/^1 member\(s\) of group SeattleAssociates have a phone number of their own: kim\.desk@contoso\.com \(\+12065550150\)\./);
        expect(of('member-with-routing-usages').map(f => [f.severity, f.file, f.line])).toEqual([['warning', 'stores.voice', 50]]);
        expect(of('member-with-routing-usages')[0]!.message).toContain('riley.nguyen@contoso.com (Sales-Outbound: Sales-PSTN)');
        expect(of('nested-group-member').map(f => [f.severity, f.file, f.line])).toEqual([['warning', 'stores.voice', 51]]);
        expect(of('nested-group-member')[0]!.message).toContain('Spokane Night Shift');
        expect(of('group-limit-exceeded')).toEqual([]);
    }, 120_000);

    it('counts the 64-group limit tenant-wide: the other team\'s 62 voice routing grants and the setup\'s 3 are an error on the grant past it', async () => {
        const { status, output, findings } = await plan(crowded);
        expect(status, output).toBe(1);
        const limit = findings.filter(f => f.code === 'group-limit-exceeded');
        expect(limit.map(f => [f.severity, f.file, f.line])).toEqual([['error', 'stores.voice', 52]]);
        expect(limit[0]!.message).toMatch(/^OnlineVoiceRoutingPolicy would be assigned to 65 groups: the tenant assigns it to 62 now .* and this setup adds 3\./);
    }, 120_000);
});
