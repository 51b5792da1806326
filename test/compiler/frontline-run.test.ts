/**
 * The compiled frontline script run by real pwsh, with the stand-in modules, against the
 * emulator seeded with its default seed (which matches examples/frontline).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { runPwshFile, type PwshRun } from '../support/pwsh.js';
import { releaseWhenCalled } from '../support/replication.js';
import { compileFile, compileSources, REPO, type Compiled } from './compile-helpers.js';
import { expectTenantMatches } from './tenant-matches.js';

const STORES = path.join(REPO, 'examples', 'frontline', 'stores.voice');
let emulator: EmulatorHandle;
let compiled: Compiled;
let script: string;
const folder = mkdtempSync(path.join(tmpdir(), 'voice-run-'));

async function run(file: string, ...args: string[]): Promise<PwshRun> {
    const result = await runPwshFile(file, ['-ReplicationTimeoutSeconds', '60', ...args], { emulator, timeoutMs: 240_000 });
    if (result.exitCode !== 0) throw new Error(`pwsh exited ${result.exitCode}:\n${result.stdout}\n${result.stderr}`);
    return result;
}

/** The tenant without timestamps (a read-only run must leave everything else byte-identical). */
const snapshot = () => JSON.stringify(emulator.state, (key, value) => (key === 'modifiedDateTime' || key === 'createdDateTime' || key === 'createdTime' ? undefined : value));

beforeAll(async () => {
    // New objects stay invisible for a moment, so the script's replication waits are exercised too.
    emulator = await startEmulator({ faults: { replicationDelayMs: 1500 } });
    compiled = await compileFile(STORES);
    script = path.join(folder, 'stores.ps1');
    writeFileSync(script, compiled.text, 'utf8');
});

afterAll(async () => {
    await emulator?.stop();
});

describe('compiled frontline script against the emulator', () => {
    test('-WhatIf changes nothing and says what it would do', async () => {
        const before = snapshot();
        const result = await run(script, '-WhatIf');
        expect(snapshot()).toBe(before);
        expect(result.stdout).toContain('What if: Performing the operation "Create resource account" on target "sc-washington@contoso.com"');
        expect(result.stdout).toMatch(/Not done \(-WhatIf or declined\): [1-9]/);
    }, 300_000);

    test('a real run builds the whole setup; a second run changes nothing and says so', async () => {
        const first = await run(script);
        expect(first.stdout).toMatch(/Created: [1-9]/);
        expectTenantMatches(emulator.state, compiled.plans);
        // The plan model above is the one the script came from: also check, independently of it,
        // what examples/frontline declares, so a statement both of them drop does not go unseen.
        const state = emulator.state;
        const accountId = (upn: string) => state.users.find(u => u.userPrincipalName === upn)?.id;
        expect(state.sharedCallingPolicies.map(p => p.identity).sort()).toEqual(['OregonStores', 'WashingtonStores']);
        expect(state.users.map(u => u.userPrincipalName).filter(upn => upn.startsWith('sc-')).sort()).toEqual(['sc-oregon@contoso.com', 'sc-washington@contoso.com']);
        expect(state.civicAddresses.map(a => a.description).filter(d => d?.startsWith('voice:')).sort()).toEqual(['voice:PortlandStore', 'voice:SeattleStore', 'voice:SpokaneStore']);
        expect(state.groupPolicyAssignments.filter(a => a.policyType === 'TeamsSharedCallingRoutingPolicy').map(a => `${a.policyName} ${a.rank}`).sort())
            .toEqual(['OregonStores 3', 'WashingtonStores 1', 'WashingtonStores 2']);
        const assignedTo = (number: string) => state.phoneNumbers.find(n => n.telephoneNumber === number)?.assignedPstnTargetId;
        expect(assignedTo('+12065550100')).toBe(accountId('sc-washington@contoso.com'));
        expect(assignedTo('+15035550100')).toBe(accountId('sc-oregon@contoso.com'));
        expect(accountId('sc-washington@contoso.com')).toBeTruthy();
        const before = snapshot();
        const second = await run(script);
        expect(second.stdout).toContain('Nothing changed: the tenant already matches the setup.');
        expect(second.stdout).toMatch(/Created: 0\n\s+Changed: 0\n\s+Not done \(-WhatIf or declined\): 0/);
        expect(snapshot()).toBe(before);
    }, 600_000);

    test('a run against a tenant where half the setup exists completes the rest', async () => {
        emulator.reset();
        // The first half: the network file and the stores file up to the policies (numbers, accounts, assignments).
        const stores = readFileSync(STORES, 'utf8');
        const half = await compileSources({
            'network.voice': readFileSync(path.join(REPO, 'examples', 'frontline', 'network.voice'), 'utf8'),
            'stores.voice': stores.slice(0, stores.indexOf('// Step 4'))
        }, 'stores.voice');
        const halfScript = path.join(half.folder, 'half.ps1');
        writeFileSync(halfScript, half.text, 'utf8');
        await run(halfScript);
        expect(emulator.state.sharedCallingPolicies).toEqual([]);

        const rest = await run(script);
        expect(rest.stdout).toMatch(/Created: [1-9]/);
        expect(rest.stdout).toMatch(/Already in place: [1-9]/);
        expect(rest.stdout).toContain('Unchanged  resource account: sc-washington@contoso.com');
        expectTenantMatches(emulator.state, compiled.plans);
    }, 600_000);
});

describe('a second run before the first run\'s objects are readable (replication) [issue 14]', () => {
    test('creates that find the object already there wait until it is readable, then converge: no error, nothing created twice', async () => {
        const slow = await startEmulator({});
        try {
            const once = async () => {
                const result = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator: slow, timeoutMs: 240_000 });
                if (result.exitCode !== 0) throw new Error(`pwsh exited ${result.exitCode}:\n${result.stdout}\n${result.stderr}`);
                return result;
            };
            await once();
            // The first run's policies are not readable yet when the second run looks; they replicate once it has tried to create one.
            slow.tenant.hideUntilReleased(slow.state.sharedCallingPolicies.map(p => p.policyId));
            const release = releaseWhenCalled(slow, 'POST /teams/New-CsTeamsSharedCallingRoutingPolicy');
            const second = await once();
            expect(release.stop(), 'the second run tried to create a policy it could not see').toBe(true);
            expect(second.stdout).not.toMatch(/Created +shared calling policy/);
            expect(slow.state.sharedCallingPolicies.map(p => p.identity).sort()).toEqual(['OregonStores', 'WashingtonStores']);
            expect(slow.state.pstnGateways).toHaveLength(1);
        } finally {
            await slow.stop();
        }
    }, 300_000);
});
