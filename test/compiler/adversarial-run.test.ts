/** Adversarial names and descriptions survive the whole trip: .voice -> script -> real pwsh -> emulator. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle, type SeedFile } from '../../tenant/emulator/index.js';
import { runPwshFile } from '../support/pwsh.js';
import { ADVERSARIAL } from './adversarial.js';
import { adversarialSources } from './adversarial.js';
import { compileSources, REPO } from './compile-helpers.js';
import { writeScript } from './pwsh-ast.js';

const text = (label: string) => ADVERSARIAL.find(a => a.label === label)!.text;
let emulator: EmulatorHandle;

beforeAll(async () => {
    const seed = JSON.parse(readFileSync(path.join(REPO, 'examples', 'seeds', 'frontline.json'), 'utf8')) as SeedFile;
    seed.groups = [...(seed.groups ?? []), { displayName: text('group display name'), members: ['avery.chen@contoso.com', 'jordan.blake@contoso.com'] }];
    emulator = await startEmulator({ seed });
});

afterAll(async () => {
    await emulator?.stop();
});

test('every adversarial text arrives intact in the tenant', async () => {
    const compiled = await compileSources(adversarialSources(), 'adversarial.voice');
    const script = writeScript(compiled.folder, 'adversarial.ps1', compiled.text);
    const result = await runPwshFile(script, [], { emulator, timeoutMs: 240_000 });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);

    const state = emulator.state;
    const address = state.civicAddresses.find(a => a.description === 'voice:SeattleStore')!;
    expect(address.companyName).toBe(text('company with every quote kind'));
    expect(address.streetName).toBe('1 Pike St\nSuite 2');
    expect(address.city).toBe(text('very long city'));
    expect(state.users.find(u => u.userPrincipalName === 'sc-frontline@contoso.com')!.displayName).toBe(text('display name'));
    expect(state.sharedCallingPolicies.find(p => p.identity === 'Frontline')!.description).toBe(text('policy description'));
    const group = state.groups.find(g => g.displayName === text('group display name'))!;
    expect(state.groupPolicyAssignments.find(a => a.groupId === group.id && a.policyType === 'TeamsSharedCallingRoutingPolicy')?.policyName).toBe('Frontline');
}, 300_000);
