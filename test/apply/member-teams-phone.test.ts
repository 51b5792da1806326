/**
 * The plan's tenant check `member-without-teams-phone` end to end: the real CLI over real
 * HTTP to the emulator. Two members of a granted group lack Teams Phone: one holds E5 with
 * the MCOEV service plan switched off (through Graph's assignLicense, as an admin would), one
 * holds no licence at all. `voice plan` warns on the grant in text, JSON and markdown, names
 * both, and still exits 0 (a warning); the other members, licensed, are not named.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { PLAN_TEAMS_PHONE, SKU_SPE_E5 } from '../../tenant/emulator/model.js';
import type { SeedFile } from '../../tenant/emulator/seed.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
const FRONTLINE = path.join(REPO_ROOT, 'examples', 'frontline');
const GROUP = 'Store Associates Seattle';

async function call(method: string, route: string, body: unknown): Promise<Response> {
    return fetch(`${emulator.url}${route}`, {
        method, headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body)
    });
}

async function addMember(userPrincipalName: string, licenses: string[]): Promise<void> {
    const user = await call('POST', '/emulator/users', { userPrincipalName, displayName: userPrincipalName, usageLocation: 'US', licenses });
    expect(user.status, await user.clone().text()).toBe(201);
    const added = await call('POST', `/emulator/groups/${encodeURIComponent(GROUP)}/members`, { member: userPrincipalName });
    expect(added.status, await added.clone().text()).toBe(204);
}

const plan = (format: string) => runVoiceAsync(['plan', FRONTLINE, '--tenant', 'emulator', '--emulator-url', emulator.url, '--format', format], { timeoutMs: 120_000 });

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    const seed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'seeds', 'frontline.json'), 'utf8')) as SeedFile;
    seed.skus = [...seed.skus ?? [], { skuId: SKU_SPE_E5, skuPartNumber: 'SPE_E5', prepaidUnits: 5 }];
    emulator = await startEmulator({ port: 0, seed });
    await addMember('e5.phone.off@contoso.com', ['SPE_E5']);
    await addMember('no.licence@contoso.com', []);
    // E5 carries Teams Phone; switched off in the assignment [G-ASSIGNLIC, SKU-REF].
    const off = await call('POST', '/v1.0/users/e5.phone.off@contoso.com/assignLicense', { addLicenses: [{ skuId: SKU_SPE_E5, disabledPlans: [PLAN_TEAMS_PHONE] }], removeLicenses: [] });
    expect(off.status, await off.clone().text()).toBe(200);
}, 120_000);

afterAll(async () => { await emulator?.stop(); });

describe('member-without-teams-phone', () => {
    it('JSON: one warning on the grant that names both members, none of the licensed ones; exit 0', async () => {
        const result = await plan('json');
        expect(result.status, result.stdout + result.stderr).toBe(0);
        const findings = (JSON.parse(result.stdout) as { findings: { code: string; severity: string; message: string; file: string; line: number }[] }).findings
            .filter(f => f.code === 'member-without-teams-phone');
        expect(findings.map(f => [f.severity, f.file, f.line])).toEqual([['warning', 'stores.voice', 50]]);
        expect(findings[0]!.message).toMatch(/^2 of 6 member\(s\) of group SeattleAssociates hold no Teams Phone licence: /);
        expect(findings[0]!.message).toContain('e5.phone.off@contoso.com (MCOEV is switched off in SPE_E5)');
        expect(findings[0]!.message).toContain('no.licence@contoso.com (none: no assigned SKU has the Teams Phone service plan (MCOEV))');
        expect(findings[0]!.message).not.toContain('avery.chen');
    }, 120_000);

    it('text and markdown show it in their tenant checks', async () => {
        const text = await plan('text');
        expect(text.stdout).toMatch(/stores\.voice:50 warning member-without-teams-phone 2 of 6 member\(s\)/);
        const markdown = await plan('markdown');
        expect(markdown.stdout).toContain('**warning** `member-without-teams-phone` 2 of 6 member(s)');
    }, 240_000);
});
