/**
 * Members added to a granted group after apply [issue 12]: the group's Shared Calling policy
 * reaches them by itself, emergency routing and Enterprise Voice do not (they are granted per
 * member). `voice plan --detailed-exitcode` must exit 2 and name each such member; apply
 * covers them; the emergency readiness report then shows every member ready. The real CLI
 * over real HTTP, the member added through the emulator's admin API as Entra would.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
let folder: string;
let stateDir: string;

const target = () => ['--tenant', 'emulator', '--emulator-url', emulator.url];

async function admin(method: string, route: string, body: unknown): Promise<Response> {
    return fetch(`${emulator.url}${route}`, {
        method, headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body)
    });
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    const scratch = mkdtempSync(path.join(tmpdir(), 'voice-members-'));
    folder = path.join(scratch, 'frontline');
    stateDir = path.join(scratch, 'state');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    emulator = await startEmulator({ port: 0 });
    const apply = await runVoiceAsync(['apply', folder, ...target(), '--auto-approve', '--state-dir', stateDir], { timeoutMs: 240_000 });
    expect(apply.status, apply.stderr).toBe(0);
}, 300_000);

afterAll(async () => { await emulator?.stop(); });

describe('a member added to a granted group after apply', () => {
    it('is named by plan (exit 2), covered by apply, and then ready in the report', async () => {
        const user = await admin('POST', '/emulator/users', { userPrincipalName: 'new.hire@contoso.com', displayName: 'New Hire', usageLocation: 'US', licenses: ['MCOEV'] });
        expect(user.status, await user.clone().text()).toBe(201);
        const added = await admin('POST', `/emulator/groups/${encodeURIComponent('Store Associates Seattle')}/members`, { member: 'new.hire@contoso.com' });
        expect(added.status, await added.clone().text()).toBe(204);

        const plan = await runVoiceAsync(['plan', folder, ...target(), '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(plan.status, plan.stdout + plan.stderr).toBe(2);
        expect(plan.stdout).toMatch(/~ update\s+emergency-members-grant SeattleAssociates \(to 1 of \d+ member\(s\)\)/);
        expect(plan.stdout).toContain('member new.hire@contoso.com: "the tenant default (Global), Enterprise Voice off" -> "SharedCalling-Emergency-SeattleAssociates, Enterprise Voice on"');
        expect(plan.stdout).toMatch(/Plan: 0 to create, 1 to update/);

        const apply = await runVoiceAsync(['apply', folder, ...target(), '--auto-approve', '--state-dir', stateDir], { timeoutMs: 240_000 });
        expect(apply.status, apply.stderr).toBe(0);
        const again = await runVoiceAsync(['plan', folder, ...target(), '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(again.status, again.stdout).toBe(0);

        const report = await runVoiceAsync(['report', 'emergency', folder, ...target()], { timeoutMs: 120_000 });
        expect(report.status, report.stdout + report.stderr).toBe(0);
        expect(report.stdout).toMatch(/11 of 11 member\(s\) in 3 group\(s\) ready\./);
    }, 600_000);
});
