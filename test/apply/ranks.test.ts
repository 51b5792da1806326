/**
 * Ranks never churn (issue 13, item 5). examples/seeds/shared-tenant.json: another team
 * already grants its policies of the three types the setup grants (Shared Calling, voice
 * routing, emergency calling) to two groups, at ranks 1 and 2. `voice apply examples/frontline`
 * places the setup's grants in its own order without touching theirs; then the other team
 * grants one more group between the setup's grants (shifting their numbers); a second apply
 * sends no Remove-CsGroupPolicyAssignment and no group grant, the other team's relative
 * order is what it was, and plan is clean. The real CLI over real HTTP to the emulator.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { groupWrites, order, OTHER_TEAM, otherTeamGrantsBetween, POLICY_TYPES, SETUP, SHARED_TENANT } from '../support/ranks.js';

let emulator: EmulatorHandle;
const target = () => ['--tenant', 'emulator', '--emulator-url', emulator.url];

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    emulator = await startEmulator({ port: 0, seed: readSeedFile(SHARED_TENANT) });
}, 60_000);

afterAll(async () => { await emulator?.stop(); });

describe('ranks among another team\'s grants', () => {
    it('apply places the setup\'s grants in its order and leaves the other team\'s order alone; a second apply after they shifted the numbers moves nothing', async () => {
        const state = mkdtempSync(path.join(tmpdir(), 'voice-ranks-'));
        const before = POLICY_TYPES.map(t => order(emulator, t, OTHER_TEAM));
        expect(before).toEqual(POLICY_TYPES.map(() => ['Sales Seattle', 'Warehouse']));

        const first = await runVoiceAsync(['apply', 'examples/frontline', ...target(), '--state-dir', state, '--auto-approve'], { timeoutMs: 240_000 });
        expect(first.status, first.stdout + first.stderr).toBe(0);
        expect(POLICY_TYPES.map(t => order(emulator, t, OTHER_TEAM))).toEqual(before);
        // The setup's grants go after the other team's (as low as the setup's own order allows), in the declared order.
        for (const type of POLICY_TYPES) expect(order(emulator, type, [...OTHER_TEAM, ...SETUP]), type).toEqual(['Sales Seattle', 'Warehouse', ...SETUP]);

        await otherTeamGrantsBetween(emulator);
        for (const type of POLICY_TYPES) {
            expect(order(emulator, type, [...OTHER_TEAM, ...SETUP]), type).toEqual(['Sales Seattle', 'Warehouse', SETUP[0], 'Store Managers', SETUP[1], SETUP[2]]);
        }
        const shifted = JSON.stringify(emulator.state.groupPolicyAssignments.map(a => [a.groupId, a.policyType, a.rank]));

        emulator.callLog.clear();
        const second = await runVoiceAsync(['apply', 'examples/frontline', ...target(), '--state-dir', state, '--auto-approve'], { timeoutMs: 240_000 });
        expect(second.status, second.stdout + second.stderr).toBe(0);
        expect(groupWrites(emulator.callLog.entries)).toEqual([]);
        expect(emulator.callLog.count('POST /teams/Get-CsGroupPolicyAssignment')).toBeGreaterThan(0);
        expect(JSON.stringify(emulator.state.groupPolicyAssignments.map(a => [a.groupId, a.policyType, a.rank]))).toBe(shifted);
        expect(POLICY_TYPES.map(t => order(emulator, t, OTHER_TEAM))).toEqual(POLICY_TYPES.map(() => OTHER_TEAM));

        const plan = await runVoiceAsync(['plan', 'examples/frontline', ...target(), '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(plan.status, plan.stdout + plan.stderr).toBe(0);
    }, 600_000);
});
