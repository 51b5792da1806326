/**
 * New-CsOnlineSchedule writes to the tenant, nested inside New-/Set-CsAutoAttendant [AA-SCHEDULE].
 * When the auto attendant call fails after its schedules were made, its retry in the same
 * session takes those schedules instead of making them again; once the call has gone through,
 * another call makes its own. Real pwsh, the stand-in module, the emulator over HTTP.
 */
import { afterEach, expect, test } from 'vitest';
import { autoAttendant, type AutoAttendantResource } from '../../language/kinds/auto-attendant.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { toCmdletCall, type ResolvedIds } from '../../tenant/apply/operations.js';
import { startEmulator, standInModulePath, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { PowerShellSession } from '../../tenant/teams/powershell-session.js';
import { BASE, RECEPTION, clearAll, edit, parse } from '../language/helpers.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
    await clearAll();
    await emulator?.stop();
    emulator = undefined;
});

const WITH_HOURS = RECEPTION.replace('{', '{\n    hours mon to fri "09:00-17:00"\n    holiday "Christmas" "2026-12-25"');

async function attendantResource(): Promise<AutoAttendantResource> {
    const model = (await parse(edit(BASE, [RECEPTION, WITH_HOURS]))).parseResult.value;
    return planSetup([model]).flatMap(p => p.resources).find((r): r is AutoAttendantResource => r.kind === 'auto-attendant')!;
}

/** The dial scope's groups under made-up ids (the emulator keeps a dial scope as given). */
const idsFor = (r: AutoAttendantResource): ResolvedIds => ({
    accountIds: new Map(), locationIds: new Map(), civicAddressIds: new Map(), placeLocationIds: new Map(), autoAttendantIds: new Map(),
    groupIds: new Map(r.groups.map((g, i) => [g.key.toLowerCase(), `00000000-0000-0000-0000-00000000000${i}`]))
});

test('a retried auto attendant call takes the schedules its failed try made; a later call makes its own', async () => {
    emulator = await startEmulator({ port: 0 });
    const resource = await attendantResource();
    expect(resource.schedule?.holidays).toHaveLength(1);
    const create = toCmdletCall(autoAttendant.create(resource)[0]! as Parameters<typeof toCmdletCall>[0], idsFor(resource));
    // The same call without a mandatory parameter: its nested schedules are made, then the auto attendant call fails.
    const { DefaultCallFlow: _flow, ...withoutFlow } = create.parameters as Record<string, unknown>;
    const session = new PowerShellSession({ pwshPath: findPwsh(), modulePaths: [standInModulePath()], env: { VOICE_EMULATOR_URL: emulator.url } });
    await session.start();
    try {
        await session.connect(emulator.token, emulator.token);
        const [failed] = await session.attempt([{ command: create.command, parameters: withoutFlow }]);
        expect(failed!.ok).toBe(false);
        expect(emulator.state.schedules).toHaveLength(2);
        const [made] = await session.attempt([create]);
        expect(made!.ok, JSON.stringify(made)).toBe(true);
        // The after-hours and the holiday schedule of the failed try, used by the auto attendant: none made again.
        expect(emulator.state.schedules).toHaveLength(2);
        const used = emulator.state.autoAttendants![0]!.callHandlingAssociations.map(c => (c as { ScheduleId: string }).ScheduleId).sort();
        expect(used).toEqual(emulator.state.schedules!.map(s => s.id).sort());
        // Once a call has gone through, its schedules are its own: the next auto attendant gets new ones.
        const second = { ...create, parameters: { ...create.parameters, Name: 'Second Reception' } };
        expect((await session.attempt([second]))[0]!.ok).toBe(true);
        expect(emulator.state.schedules).toHaveLength(4);
    } finally {
        await session.dispose();
    }
}, 60_000);
