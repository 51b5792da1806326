/**
 * Inbound for the shared numbers, end to end on the emulator: examples/frontline applied by the
 * real `voice` CLI, and compiled to a script run by real pwsh. Either way each state's auto
 * attendant exists, is associated with the resource account of the shared number, its dial scope
 * holds exactly the groups granted the policy that shares that account, and a plan afterwards
 * has no changes. Checked on the emulator's own records, not through the product's reads.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle, type TenantState } from '../../tenant/emulator/index.js';
import { compileFile } from '../compiler/compile-helpers.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh, runPwshFile } from '../support/pwsh.js';

/** The frontline call flow: auto attendant name, the account of the shared number, the groups granted its policy. */
const EXPECTED = [
    { name: 'Contoso Stores Washington', account: 'sc-washington@contoso.com', groups: ['Store Associates Seattle', 'Store Associates Spokane'], search: 'ByExtension' },
    { name: 'Contoso Stores Oregon', account: 'sc-oregon@contoso.com', groups: ['Store Associates Portland'], search: 'ByName' }
];

let emulator: EmulatorHandle | undefined;
let scratch: string;

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-inbound-'));
});

afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
});

function expectCallFlows(state: TenantState): void {
    for (const expected of EXPECTED) {
        const attendants = (state.autoAttendants ?? []).filter(a => a.name === expected.name);
        expect(attendants, expected.name).toHaveLength(1);
        const attendant = attendants[0]!;
        const account = state.users.find(u => u.userPrincipalName === expected.account)!;
        const association = state.applicationInstanceAssociations.find(a => a.objectId === account.id);
        expect(association, `${expected.account} is associated`).toMatchObject({ configurationId: attendant.id, configurationType: 'AutoAttendant' });
        const groupIds = expected.groups.map(name => state.groups.find(g => g.displayName === name)!.id);
        const scope = (attendant.inclusionScope as { GroupScope?: { GroupIds?: string[] } } | null)?.GroupScope?.GroupIds ?? [];
        expect([...scope].sort(), `${expected.name} dial scope`).toEqual([...groupIds].sort());
        const menu = (attendant.defaultCallFlow as { Menu?: Record<string, unknown> }).Menu;
        expect(menu, `${expected.name} menu`).toMatchObject({ DialByNameEnabled: true, DirectorySearchMethod: expected.search });
    }
}

async function planIsClean(e: EmulatorHandle, folder: string): Promise<void> {
    const plan = await runVoiceAsync(['plan', folder, '--tenant', 'emulator', '--emulator-url', e.url, '--format', 'json']);
    expect(plan.status, plan.stderr).toBe(0);
    const changes = (JSON.parse(plan.stdout) as { changes: { action: string; kind: string; name: string }[] }).changes;
    expect(changes.filter(c => c.action !== 'unchanged').map(c => `${c.action} ${c.kind} ${c.name}`)).toEqual([]);
}

function copyFrontline(): string {
    const folder = mkdtempSync(path.join(scratch, 'frontline-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    return folder;
}

describe('inbound call flow of the shared numbers', () => {
    it('voice apply: the auto attendants answer the shared numbers, scoped to the granted groups; plan after apply is clean', async () => {
        emulator = await startEmulator({ port: 0 });
        const folder = copyFrontline();
        const apply = await runVoiceAsync(['apply', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--state-dir', path.join(scratch, 'state'), '--auto-approve']);
        expect(apply.status, apply.stderr).toBe(0);
        expectCallFlows(emulator.state);
        await planIsClean(emulator, folder);
    }, 300_000);

    it('the compiled script, run by pwsh: the same call flow, and plan after it is clean', async () => {
        emulator = await startEmulator({ port: 0 });
        const folder = copyFrontline();
        const script = path.join(folder, 'compiled.ps1');
        writeFileSync(script, (await compileFile(path.join(folder, 'stores.voice'))).text, 'utf8');
        const run = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 240_000 });
        expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
        expectCallFlows(emulator.state);
        await planIsClean(emulator, folder);
    }, 300_000);
});
