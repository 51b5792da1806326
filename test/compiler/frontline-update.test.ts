/**
 * The update path of the compiled frontline script: after the setup is in place, the tenant
 * drifts (a gateway port, a route pattern, an OVRP's usages, an ECRP's dial strings, an SC
 * policy's description and emergency numbers, a group grant's policy); a rerun puts every
 * one back with the Set-/Remove- cmdlets, says what it changed, and a third run changes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { driftFrontline } from '../support/frontline-drift.js';
import { compileFile, REPO, runCompiled, type Compiled } from './compile-helpers.js';
import { expectTenantMatches } from './tenant-matches.js';

let emulator: EmulatorHandle;
let compiled: Compiled;
let script: string;

const run = () => runCompiled(script, emulator);

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    compiled = await compileFile(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
    script = path.join(mkdtempSync(path.join(tmpdir(), 'voice-update-')), 'stores.ps1');
    writeFileSync(script, compiled.text, 'utf8');
});

afterAll(async () => {
    await emulator?.stop();
});

describe('compiled frontline script: the update path', () => {
    test('a drifted tenant converges on a rerun, which reports each change; the next run changes nothing', async () => {
        await run();
        expectTenantMatches(emulator.state, compiled.plans);
        await driftFrontline(emulator);
        const seattle = emulator.state.groups.find(g => g.mail === 'store-associates-seattle@contoso.com')!.id;
        expect(emulator.state.groupPolicyAssignments.find(a => a.groupId === seattle && a.policyType === 'TeamsSharedCallingRoutingPolicy')!.policyName).toBe('OregonStores');

        const converge = await run();
        const changed = converge.stdout.split('\n').filter(line => line.startsWith('Changed ')).map(line => line.replace(/\s+/g, ' ').trim());
        expect(changed).toEqual(expect.arrayContaining([
            'Changed PSTN gateway: sbc1.contoso.com',
            'Changed voice route: CteloUS-Outbound',
            'Changed voice routing policy: SharedCalling-Users-NoPstn',
            'Changed emergency call routing policy: SharedCalling-Emergency-SeattleAssociates',
            'Changed shared calling policy: WashingtonStores',
            'Changed shared calling policy group grant: SeattleAssociates'
        ]));
        expect(changed).toHaveLength(6);
        expect(converge.stdout).toMatch(/Created: 0\n\s+Changed: 6\n/);
        expectTenantMatches(emulator.state, compiled.plans);
        const washington = emulator.state.sharedCallingPolicies.find(p => p.identity === 'WashingtonStores')!;
        expect([...washington.emergencyNumbers].sort()).toEqual(['+12065550111', '+15095550111']);
        // The number dropped from the policy is free again; the one put back is the policy's.
        const target = (n: string) => emulator.state.phoneNumbers.find(p => p.telephoneNumber === n)?.assignedPstnTargetId ?? null;
        expect(target('+12065550112')).toBeNull();
        expect(target('+15095550111')).toBe('TeamsSharedCallingRoutingPolicy|Tag:WashingtonStores');
        expect(emulator.callLog.count('POST /teams/Remove-CsGroupPolicyAssignment')).toBe(1);

        const third = await run();
        expect(third.stdout).toContain('Nothing changed: the tenant already matches the setup.');
        expect(third.stdout).toMatch(/Created: 0\n\s+Changed: 0\n/);
    }, 600_000);
});
