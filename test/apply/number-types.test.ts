/**
 * The Calling Plan and Operator Connect examples on the emulator's default seed, through the
 * real CLI: they check, apply and plan clean; the Calling Plan resource account gets the
 * pay-as-you-go Calling Plan besides its own licence [SC-SETUP step 5], and the plan says so.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLING_PLAN_PAYG_SKU, CALLING_PLAN_PAYG_SKU_ID, RESOURCE_ACCOUNT_SKU_ID } from '../../language/kinds/resource-account.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
const target = () => ['--tenant', 'emulator', '--emulator-url', emulator.url];

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    emulator = await startEmulator({ port: 0 });
}, 60_000);

afterAll(async () => {
    await emulator?.stop();
});

async function licencesOf(upn: string): Promise<string[]> {
    const user = await (await fetch(`${emulator.url}/v1.0/users/${upn}?$select=assignedLicenses`, {
        headers: { authorization: `Bearer ${emulator.token}` }
    })).json() as { assignedLicenses: { skuId: string }[] };
    return user.assignedLicenses.map(l => l.skuId);
}

describe.each([
    ['calling-plan', 'sc-chicago@contoso.com'],
    ['operator-connect', 'sc-boston@contoso.com']
])('examples/%s', (example, account) => {
    it('checks without errors or warnings, plans, applies and then plans clean', async () => {
        const check = await runVoiceAsync(['check', `examples/${example}`]);
        expect(check.status, check.stdout + check.stderr).toBe(0);
        expect(check.stdout).not.toMatch(/ (error|warning) /);
        const plan = await runVoiceAsync(['plan', `examples/${example}`, ...target()], { timeoutMs: 120_000 });
        expect(plan.status, plan.stderr).toBe(0);
        if (example === 'calling-plan') expect(plan.stdout).toContain(`licence PHONESYSTEM_VIRTUALUSER + ${CALLING_PLAN_PAYG_SKU}`);
        else expect(plan.stdout).not.toContain('pay_as_you_go');
        const state = mkdtempSync(path.join(tmpdir(), `voice-${example}-`));
        const apply = await runVoiceAsync(['apply', `examples/${example}`, ...target(), '--state-dir', state, '--auto-approve'], { timeoutMs: 240_000 });
        expect(apply.status, apply.stdout + apply.stderr).toBe(0);
        const licences = await licencesOf(account);
        expect(licences).toContain(RESOURCE_ACCOUNT_SKU_ID);
        expect(licences.includes(CALLING_PLAN_PAYG_SKU_ID)).toBe(example === 'calling-plan');
        const again = await runVoiceAsync(['plan', `examples/${example}`, ...target(), '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(again.status, again.stdout + again.stderr).toBe(0);
    }, 400_000);
});
