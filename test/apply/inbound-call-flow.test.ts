/**
 * Inbound for the shared numbers, end to end on the emulator: examples/frontline applied by the
 * real `voice` CLI, and compiled to a script run by real pwsh. Either way each state's auto
 * attendant exists, is associated with the resource account of the shared number, its dial scope
 * holds exactly the groups granted the policy that shares that account, Washington's business
 * hours and holidays are schedules with their call flows, and a plan afterwards has no changes
 * (nor does a second run of the script). Checked on the emulator's own records, not through the
 * product's reads. Last, a shared number answered by an existing call queue (the seed's).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle, type TenantState } from '../../tenant/emulator/index.js';
import { compileFile } from '../compiler/compile-helpers.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh, runPwshFile } from '../support/pwsh.js';

/** The frontline call flow: auto attendant name, the account of the shared number, the groups granted its policy. */
const EXPECTED = [
    {
        name: 'Contoso Stores Washington', account: 'sc-washington@contoso.com', groups: ['Store Associates Seattle', 'Store Associates Spokane'], search: 'ByExtension',
        // hours mon to fri "08:00-12:00", "13:00-20:00"; hours sat "10:00-16:00"; after-hours disconnect; two holidays, the end day included.
        callHandling: [
            'AfterHours: Mon 08:00:00-12:00:00,13:00:00-20:00:00 Tue 08:00:00-12:00:00,13:00:00-20:00:00 Wed 08:00:00-12:00:00,13:00:00-20:00:00 ' +
            'Thu 08:00:00-12:00:00,13:00:00-20:00:00 Fri 08:00:00-12:00:00,13:00:00-20:00:00 Sat 10:00:00-16:00:00 (complement) -> DisconnectCall',
            'Holiday: Christmas: 2026-12-24T00:00:00..2026-12-27T00:00:00 -> DisconnectCall',
            'Holiday: New Year: 2027-01-01T00:00:00..2027-01-02T00:00:00 -> DisconnectCall'
        ]
    },
    { name: 'Contoso Stores Oregon', account: 'sc-oregon@contoso.com', groups: ['Store Associates Portland'], search: 'ByName', callHandling: [] as string[] }
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
        expect(callHandling(state, attendant), `${expected.name} hours and holidays`).toEqual(expected.callHandling);
    }
}

type Json = Record<string, unknown>;

/** Each call handling association as `Type: schedule -> what its call flow does`, from the emulator's records. */
function callHandling(state: TenantState, attendant: NonNullable<TenantState['autoAttendants']>[number]): string[] {
    return (attendant.callHandlingAssociations as Json[]).map(association => {
        const schedule = (state.schedules ?? []).find(x => x.id === association.ScheduleId);
        const flow = (attendant.callFlows as Json[]).find(f => f.Id === association.CallFlowId);
        const option = ((flow?.Menu as Json | undefined)?.MenuOptions as Json[] | undefined)?.[0];
        const when = schedule?.weeklyRecurrentSchedule
            ? Object.entries(schedule.weeklyRecurrentSchedule).filter(([, v]) => Array.isArray(v) && v.length > 0)
                .map(([day, v]) => `${day.slice(0, 3)} ${(v as Json[]).map(r => `${String(r.Start)}-${String(r.End)}`).join(',')}`).join(' ') +
                (schedule.weeklyRecurrentSchedule.ComplementEnabled === true ? ' (complement)' : '')
            : `${schedule?.name}: ${(schedule?.fixedSchedule?.DateTimeRanges ?? []).map(r => `${r.Start}..${r.End}`).join(',')}`;
        return `${String(association.Type)}: ${when} -> ${String(option?.Action)}`;
    });
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
        // The script's own comparison agrees: a second run changes nothing (no new schedules either).
        const schedules = emulator.state.schedules?.length;
        const again = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 240_000 });
        expect(again.exitCode, `${again.stdout}\n${again.stderr}`).toBe(0);
        expect(again.stdout).toMatch(/Changed: 0\b/);
        expect(emulator.state.schedules?.length).toBe(schedules);
    }, 300_000);

    it('a changed schedule is planned as an update of the auto attendant, and apply converges it', async () => {
        emulator = await startEmulator({ port: 0 });
        const folder = copyFrontline();
        const state = path.join(scratch, 'state-update');
        const apply = ['apply', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--state-dir', state, '--auto-approve'];
        expect((await runVoiceAsync(apply)).status).toBe(0);
        const stores = path.join(folder, 'stores.voice');
        writeFileSync(stores, readFileSync(stores, 'utf8').replace('hours             sat "10:00-16:00"', 'hours             sat "09:00-17:00"'), 'utf8');
        const plan = await runVoiceAsync(['plan', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--format', 'json']);
        const changes = (JSON.parse(plan.stdout) as { changes: { action: string; kind: string; fields?: { field: string; from: unknown; to: unknown }[] }[] }).changes
            .filter(c => c.action !== 'unchanged');
        expect(changes.map(c => `${c.action} ${c.kind}`)).toEqual(['update auto-attendant']);
        expect(JSON.stringify(changes[0])).toContain('sat 09:00-17:00');
        expect((await runVoiceAsync(apply)).status).toBe(0);
        await planIsClean(emulator, folder);
    }, 300_000);

    it('answer with call-queue: an existing call queue (read by name) answers the shared number; plan after apply is clean', async () => {
        emulator = await startEmulator({ port: 0 });
        const folder = copyFrontline();
        const stores = path.join(folder, 'stores.voice');
        // Oregon's line goes to the seed's call queue "Store Help Desk" instead of an auto attendant of its own.
        const text = readFileSync(stores, 'utf8')
            .replace(/(upn {12}"sc-oregon@contoso\.com"[\s\S]*?kind {11})auto-attendant/, '$1call-queue')
            .replace(/auto-attendant OregonReception answers OregonRA \{[^}]*\}/, 'answer OregonRA with call-queue "Store Help Desk"');
        expect(text).toContain('answer OregonRA with call-queue');
        expect(text).toMatch(/kind {11}call-queue/);
        writeFileSync(stores, text, 'utf8');
        const apply = await runVoiceAsync(['apply', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--state-dir', path.join(scratch, 'state-cq'), '--auto-approve']);
        expect(apply.status, apply.stderr).toBe(0);
        const queue = emulator.state.callQueues!.find(q => q.name === 'Store Help Desk')!;
        const account = emulator.state.users.find(u => u.userPrincipalName === 'sc-oregon@contoso.com')!;
        expect(emulator.state.applicationInstanceAssociations.find(a => a.objectId === account.id))
            .toMatchObject({ configurationId: queue.identity, configurationType: 'CallQueue' });
        await planIsClean(emulator, folder);
        // Read once per named queue, by name: Get-CsCallQueue's reference marks -NameFilter and -Sort mandatory [CQ-GET].
        const reads = emulator.callLog.entries.filter(c => c.path.endsWith('/Get-CsCallQueue'));
        expect(reads.length).toBeGreaterThan(0);
        for (const read of reads) expect(read.parameters).toMatchObject({ NameFilter: 'Store Help Desk', Sort: 'Name' });
    }, 300_000);
});
