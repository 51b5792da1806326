/**
 * Applies that race [issue 14]: a second apply before the first one's objects replicated,
 * two applies at once from one state folder (one machine), and from two (two machines).
 * The real `voice` CLI over real HTTP to the emulator, with real pwsh. "Not replicated yet"
 * is a hold on the emulator's replication that the test releases at a step of its own, not a
 * delay in milliseconds: a delay races the machine's load (a second run that starts late finds
 * everything replicated and tests nothing).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { releaseWhenCalled } from '../support/replication.js';

let emulator: EmulatorHandle | undefined;
let scratch: string;
let network: string;
let frontline: string;

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-concurrent-'));
    frontline = path.join(scratch, 'frontline');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), frontline, { recursive: true });
    network = path.join(frontline, 'network.voice');
});

afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
});

const target = (e: EmulatorHandle, stateDir: string): string[] => ['--tenant', 'emulator', '--emulator-url', e.url, '--state-dir', stateDir];
const apply = (e: EmulatorHandle, setup: string, stateDir: string, onStderr?: (soFar: string) => void) =>
    runVoiceAsync(['apply', setup, ...target(e, stateDir), '--auto-approve'], { timeoutMs: 240_000, onStderr });
const newStateDir = () => mkdtempSync(path.join(scratch, 'state-'));

/** The tool's civic addresses in the tenant (hidden ones included), by description. */
const addresses = (e: EmulatorHandle) => e.state.civicAddresses.map(a => a.description).filter(d => d?.startsWith('voice:')).sort();
const NETWORK_ADDRESSES = ['voice:PortlandStore', 'voice:SeattleStore', 'voice:SpokaneStore'];
const placesAt = (e: EmulatorHandle, place: string) => e.state.locations.filter(l => l.location === place).length;

interface JsonPlan { summary: { create: number; update: number }; changes: { action: string; kind: string; name: string }[]; findings: { code: string; message: string }[] }
async function planJson(e: EmulatorHandle, setup: string): Promise<JsonPlan> {
    const result = await runVoiceAsync(['plan', setup, '--tenant', 'emulator', '--emulator-url', e.url, '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as JsonPlan;
}

const journalDetails = (stateDir: string): string[] => readFileSync(path.join(stateDir, 'emulator-contoso.onmicrosoft.com', 'journal.jsonl'), 'utf8')
    .split('\n').filter(Boolean).map(l => JSON.parse(l) as { event: string; step?: string; detail?: string })
    .filter(e => e.event === 'step-done' && e.detail).map(e => `${e.step} ${e.detail}`);

describe('a second apply before the first one\'s objects are readable', () => {
    test('applying network.voice twice in quick succession, under a replication delay longer than the gap, creates each civic address once', async () => {
        emulator = await startEmulator({ port: 0 });
        emulator.tenant.holdReplication();
        const stateDir = newStateDir();
        const first = await apply(emulator, network, stateDir);
        expect(first.status, first.stderr).toBe(0);
        // The first run's objects replicate only while the second one waits for them.
        const e = emulator;
        const second = await apply(emulator, network, stateDir, soFar => { if (soFar.includes('Waiting up to')) e.tenant.releaseReplication(); });
        expect(second.status, second.stderr).toBe(0);
        // The second run planned the creates (it could not see the addresses) and waited for them instead.
        expect(second.stderr).toMatch(/Waiting up to 60 s for 3 object\(s\) an earlier apply created lately .*civic-address:SeattleStore/);
        expect(addresses(emulator)).toEqual(NETWORK_ADDRESSES);
        expect(placesAt(emulator, 'Sales floor')).toBe(1);
        expect(emulator.state.pstnGateways).toHaveLength(1);
        const plan = await planJson(emulator, network);
        expect(plan.summary).toMatchObject({ create: 0, update: 0 });
    }, 300_000);

    test('an "already exists" answer to a create (another machine\'s run, not replicated yet) converges: no error, the policy compared and kept', async () => {
        emulator = await startEmulator({ port: 0 });
        const first = await apply(emulator, frontline, newStateDir());
        expect(first.status, first.stderr).toBe(0);
        // Another state folder: nothing tells this run about the first one. The first run's policies are not
        // replicated yet, so Teams answers their creates "already exists"; they replicate once this run has tried.
        emulator.tenant.hideUntilReleased(emulator.state.sharedCallingPolicies.map(p => p.policyId));
        const release = releaseWhenCalled(emulator, 'POST /teams/New-CsTeamsSharedCallingRoutingPolicy');
        const stateDir = newStateDir();
        const second = await apply(emulator, frontline, stateDir);
        expect(release.stop(), 'the second run tried to create a policy').toBe(true);
        expect(second.status, second.stderr).toBe(0);
        expect(journalDetails(stateDir)).toEqual(expect.arrayContaining([
            'shared-calling-policy:WashingtonStores already existed', 'shared-calling-policy:OregonStores already existed'
        ]));
        expect(emulator.state.sharedCallingPolicies.map(p => p.identity).sort()).toEqual(['OregonStores', 'WashingtonStores']);
        expect(emulator.state.pstnGateways).toHaveLength(1);
    }, 300_000);
});

describe('an auto attendant an interrupted run made', () => {
    test('not readable when planned, found again before its create: its association uses its id', async () => {
        emulator = await startEmulator({ port: 0 });
        const first = await apply(emulator, frontline, newStateDir());
        expect(first.status, first.stderr).toBe(0);
        // As if the first run had stopped after the attendants, before their associations, and they were
        // not replicated yet: the plan cannot see them; they show once the plan has read.
        emulator.state.applicationInstanceAssociations = [];
        emulator.tenant.hideUntilReleased(emulator.state.autoAttendants!.map(a => a.id));
        const attendants = emulator.state.autoAttendants!.length;
        const release = releaseWhenCalled(emulator, 'POST /teams/Get-CsAutoAttendant');
        const stateDir = newStateDir();
        const second = await apply(emulator, frontline, stateDir);
        expect(release.stop(), 'the plan read the auto attendants').toBe(true);
        expect(second.status, second.stderr).toBe(0);
        expect(journalDetails(stateDir).filter(d => d.startsWith('auto-attendant:')).join('\n')).toMatch(/already existed/);
        expect(emulator.state.autoAttendants).toHaveLength(attendants);
        const attendantIds = new Set(emulator.state.autoAttendants!.map(a => a.id));
        expect(emulator.state.applicationInstanceAssociations.length).toBeGreaterThan(0);
        for (const association of emulator.state.applicationInstanceAssociations) expect(attendantIds.has(association.configurationId)).toBe(true);
        const plan = await planJson(emulator, frontline);
        expect(plan.summary).toMatchObject({ create: 0, update: 0 });
    }, 300_000);
});

describe('two applies at once', () => {
    test('from one state folder: one applies, the other refuses with who holds the lock; nothing twice', async () => {
        emulator = await startEmulator({ port: 0 });
        const stateDir = newStateDir();
        const runs = await Promise.all([apply(emulator, network, stateDir), apply(emulator, network, stateDir)]);
        const refused = runs.filter(r => r.status === 1);
        expect(runs.map(r => r.status).sort()).toEqual([0, 1]);
        expect(refused[0]!.stderr).toMatch(/^Not applying: Another apply to this tenant is running: process \d+ on .+ \(apply .*network\.voice\), since \d{4}-.*Nothing was applied\.$/m);
        expect(addresses(emulator)).toEqual(NETWORK_ADDRESSES);
        expect(placesAt(emulator, 'Sales floor')).toBe(1);
        // The lock went with the run: the next apply runs.
        const again = await apply(emulator, network, stateDir);
        expect(again.status, again.stderr).toBe(0);
    }, 300_000);

    test('from two state folders (two machines), each before the other\'s addresses replicated: plans name the duplicates and stay stable', async () => {
        emulator = await startEmulator({ port: 0 });
        emulator.tenant.holdReplication();
        // Only objects without a unique name: a named one answered "already exists" would make the second run wait until the first one's replicated.
        const unnamed = path.join(scratch, 'addresses.voice');
        writeFileSync(unnamed, readFileSync(network, 'utf8').replace(/\/\*\* The carrier's SBC[\s\S]*?\n}\n/, '')
            .replace(/\/\*\* The stores' public[\s\S]*?(?=\/\*\* The Spokane store's wired)/, ''));
        const runs = await Promise.all([apply(emulator, unnamed, newStateDir()), apply(emulator, unnamed, newStateDir())]);
        for (const run of runs) expect(run.status, run.stderr).toBe(0);
        emulator.tenant.releaseReplication();
        // Neither run could see the other's addresses: each made its own (the limit docs/apply.md states).
        const duplicated = [...new Set(addresses(emulator).filter((d, i, all) => all.indexOf(d) !== i))];
        expect(duplicated).toContain('voice:SpokaneStore');
        const first = await planJson(emulator, unnamed);
        const named = first.findings.filter(f => f.code === 'address-duplicate');
        expect(named).toHaveLength(duplicated.length);
        for (const description of duplicated) expect(named.some(f => f.message.includes(`Description '${description}'`))).toBe(true);
        // Teams promises no order: the plan must not depend on the order the addresses are listed in.
        emulator.state.civicAddresses.reverse();
        expect(await planJson(emulator, unnamed)).toEqual(first);
        // One more apply settles the network objects on the kept addresses; after that no plan moves anything, whatever the order.
        const settle = await apply(emulator, unnamed, newStateDir());
        expect(settle.status, settle.stderr).toBe(0);
        expect(settle.stdout).toMatch(/Civic address 'SpokaneStore' exists 2 times in the tenant/);
        const second = await planJson(emulator, unnamed);
        emulator.state.civicAddresses.reverse();
        const third = await planJson(emulator, unnamed);
        expect(second.summary).toMatchObject({ create: 0, update: 0 });
        expect(third).toEqual(second);
    }, 300_000);
});
