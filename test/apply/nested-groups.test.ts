/**
 * Only users receive policies: a granted group with a nested group among its direct members
 * must never send the nested group's id to a Grant or Set cmdlet (members of nested groups
 * receive no group policy [GPA-NEW]). Live apply of examples/frontline against an emulator
 * whose Seattle group nests another group, through the real CLI.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedFile } from '../../tenant/emulator/index.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
let nestedId: string;

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    const seed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'examples', 'seeds', 'frontline.json'), 'utf8')) as SeedFile;
    seed.groups = [
        ...(seed.groups ?? []).map(g => g.displayName === 'Store Associates Seattle' ? { ...g, nestedGroups: ['Seattle Night Shift'] } : g),
        { displayName: 'Seattle Night Shift', members: ['it.admin@contoso.com'] }
    ];
    emulator = await startEmulator({ port: 0, seed });
    const groups = await (await fetch(`${emulator.url}/v1.0/groups?$filter=displayName eq 'Seattle Night Shift'`, {
        headers: { authorization: `Bearer ${emulator.token}` }
    })).json() as { value: { id: string }[] };
    nestedId = groups.value[0]!.id;
}, 60_000);

afterAll(async () => {
    await emulator?.stop();
});

describe('nested groups', () => {
    it('the emulator lists the nested group as a member of type group', async () => {
        const seattle = await (await fetch(`${emulator.url}/v1.0/groups?$filter=displayName eq 'Store Associates Seattle'`, {
            headers: { authorization: `Bearer ${emulator.token}` }
        })).json() as { value: { id: string }[] };
        const members = await (await fetch(`${emulator.url}/v1.0/groups/${seattle.value[0]!.id}/members`, {
            headers: { authorization: `Bearer ${emulator.token}` }
        })).json() as { value: { id: string; '@odata.type': string }[] };
        expect(members.value.find(m => m.id === nestedId)?.['@odata.type']).toBe('#microsoft.graph.group');
    });

    it('apply sends no Teams call naming the nested group, and converges', async () => {
        const state = mkdtempSync(path.join(tmpdir(), 'voice-nested-'));
        const target = ['--tenant', 'emulator', '--emulator-url', emulator.url];
        const apply = await runVoiceAsync(['apply', 'examples/frontline', ...target, '--state-dir', state, '--auto-approve'], { timeoutMs: 240_000 });
        expect(apply.status, apply.stderr).toBe(0);
        const teamsWrites = emulator.callLog.entries.filter(e => e.route.startsWith('POST /teams/') && /\/(Grant|Set|New)-/.test(e.route));
        expect(teamsWrites.length).toBeGreaterThan(10);
        const naming = teamsWrites.filter(e => JSON.stringify(e.parameters ?? {}).toLowerCase().includes(nestedId.toLowerCase()));
        expect(naming.map(e => e.route)).toEqual([]);
        const again = await runVoiceAsync(['plan', 'examples/frontline', ...target, '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(again.status, again.stdout + again.stderr).toBe(0);
    }, 300_000);
});
