/**
 * Business hours, holidays and call queue answers in the plan, on hand-made snapshots: a tenant
 * whose auto attendant has the file's schedule is unchanged, a changed one is an update naming
 * the field with both texts, a file without hours leaves the tenant's alone, and an answer with
 * an auto attendant or call queue the tenant lacks is the tenant check inbound-target-not-found.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { observedAutoAttendant } from '../../language/kinds/auto-attendant.js';
import { observedSchedule } from '../../language/kinds/auto-attendant-schedule.js';
import { diffSetup, type Plan } from '../../language/plan/diff.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';
import { BASE, RECEPTION, clearAll, edit, parse } from '../language/helpers.js';

afterEach(clearAll);

const HOURS = `auto-attendant Reception answers FrontlineRA {
    display-name "Contoso Frontline Reception"
    time-zone    "Pacific Standard Time"
    hours        mon to fri "09:00-17:00"
    hours        sat "10:00-14:00"
    after-hours  disconnect
    holiday      "Christmas" "2026-12-24" to "2026-12-26"
    holiday      "Inventory" "2027-01-04" transfer "+1 206 555 0199"
}`;

/** The texts the plan compares for HOURS. */
const TENANT_SCHEDULE = {
    hours: 'mon 09:00-17:00; tue 09:00-17:00; wed 09:00-17:00; thu 09:00-17:00; fri 09:00-17:00; sat 10:00-14:00',
    afterHours: 'disconnect',
    holidays: 'Christmas 2026-12-24..2026-12-26 disconnect; Inventory 2027-01-04 transfer tel:+12065550199'
};

async function plan(text: string, snapshot: TenantSnapshot): Promise<Plan> {
    return diffSetup(planSetup([(await parse(text, { validation: true })).parseResult.value]), snapshot);
}

function tenant(schedule?: typeof TENANT_SCHEDULE, extra: Partial<TenantSnapshot> = {}): TenantSnapshot {
    return {
        ...emptySnapshot(),
        autoAttendants: [{
            id: 'aa-1', name: 'Contoso Frontline Reception', languageId: 'en-US', timeZoneId: 'Pacific Standard Time', directorySearch: 'ByName',
            groupIds: [], applicationInstances: [], ...(schedule ? { schedule } : {})
        }],
        ...extra
    };
}

/** Only the inbound check: a hand-made snapshot lacks groups and licences, which other checks report. */
const inbound = (p: Plan) => p.findings.filter(f => f.code === 'inbound-target-not-found');
const attendantChange = (p: Plan) => p.changes.find(c => c.resource.kind === 'auto-attendant')!;
const scheduleFields = (p: Plan) => (attendantChange(p).changes ?? []).filter(f => ['hours', 'afterHours', 'holidays'].includes(f.field));

describe('business hours and holidays in the plan', () => {
    test('a tenant with the file\'s schedule: no schedule field differs', async () => {
        expect(scheduleFields(await plan(edit(BASE, [RECEPTION, HOURS]), tenant(TENANT_SCHEDULE)))).toEqual([]);
    });

    test('changed hours, after-hours action and holidays are each an update field, tenant text -> file text', async () => {
        const drifted = { hours: 'mon 09:00-17:00', afterHours: 'operator', holidays: 'Christmas 2026-12-25 disconnect' };
        expect(scheduleFields(await plan(edit(BASE, [RECEPTION, HOURS]), tenant(drifted)))).toEqual([
            { field: 'hours', from: drifted.hours, to: TENANT_SCHEDULE.hours },
            { field: 'afterHours', from: 'operator', to: 'disconnect' },
            { field: 'holidays', from: drifted.holidays, to: TENANT_SCHEDULE.holidays }
        ]);
        expect(attendantChange(await plan(edit(BASE, [RECEPTION, HOURS]), tenant(drifted))).action).toBe('update');
    });

    test('an auto attendant that is always open in the tenant gets the file\'s hours', async () => {
        const fields = scheduleFields(await plan(edit(BASE, [RECEPTION, HOURS]), tenant()));
        expect(fields.map(f => [f.field, f.from])).toEqual([['hours', 'always open'], ['afterHours', undefined], ['holidays', 'none']]);
    });

    test('a file without hours or holidays leaves the tenant\'s call handling alone', async () => {
        expect(scheduleFields(await plan(BASE, tenant(TENANT_SCHEDULE)))).toEqual([]);
    });

    test('holidays alone: always open, holidays disconnect by default (the after-hours default)', async () => {
        const text = edit(BASE, ['    time-zone    "Pacific Standard Time"\n', '    time-zone    "Pacific Standard Time"\n    holiday "Christmas" "2026-12-25"\n']);
        const fields = scheduleFields(await plan(text, tenant()));
        expect(fields).toEqual([{ field: 'holidays', from: 'none', to: 'Christmas 2026-12-25 disconnect' }]);
    });
});

describe('reading the tenant\'s schedule (Get-CsAutoAttendant, the emulator\'s shape)', () => {
    test('after-hours complement schedule, holiday fixed schedules and their call flows read back as the file\'s texts', () => {
        const row = {
            Id: 'aa-1', Name: 'R',
            CallFlows: [
                { Id: 'f1', Name: 'After hours', Menu: { MenuOptions: [{ Action: 'DisconnectCall', DtmfResponse: 'Automatic' }] } },
                { Id: 'f2', Name: 'Inventory', Menu: { MenuOptions: [{ Action: 'TransferCallToTarget', CallTarget: { Id: 'tel:+12065550199', Type: 'ExternalPstn' } }] } },
                { Id: 'f3', Name: 'Christmas', Menu: { MenuOptions: [{ Action: 'DisconnectCall' }] } }
            ],
            Schedules: [
                { Id: 's1', Name: 'After hours', WeeklyRecurrentSchedule: { SaturdayHours: [{ Start: '10:00:00', End: '14:00:00' }],
                    ...Object.fromEntries(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map(d => [`${d}Hours`, [{ Start: '09:00:00', End: '17:00:00' }]])), ComplementEnabled: true } },
                { Id: 's2', Name: 'Inventory', FixedSchedule: { DateTimeRanges: [{ Start: '2027-01-04T00:00:00', End: '2027-01-05T00:00:00' }] } },
                { Id: 's3', Name: 'Christmas', FixedSchedule: { DateTimeRanges: [{ Start: '2026-12-24T00:00:00', End: '2026-12-27T00:00:00' }] } }
            ],
            CallHandlingAssociations: [
                { Type: 'Holiday', ScheduleId: 's2', CallFlowId: 'f2', Enabled: true },
                { Type: 'AfterHours', ScheduleId: 's1', CallFlowId: 'f1', Enabled: true },
                { Type: 'Holiday', ScheduleId: 's3', CallFlowId: 'f3', Enabled: true }
            ]
        };
        expect(observedSchedule(row)).toEqual(TENANT_SCHEDULE);
        expect(observedAutoAttendant(row).schedule).toEqual(TENANT_SCHEDULE);
    });

    test('nothing but the default call flow reads as always open, no holidays; a 24:00 end reads as 24:00', () => {
        expect(observedSchedule({ Id: 'aa-1' })).toEqual({ hours: 'always open', holidays: 'none' });
        const allDay = observedSchedule({
            CallFlows: [{ Id: 'f', Menu: { MenuOptions: [{ Action: 'TransferCallToOperator' }] } }],
            Schedules: [{ Id: 's', WeeklyRecurrentSchedule: { SundayHours: [{ Start: '00:00:00', End: '1.00:00:00' }], ComplementEnabled: true } }],
            CallHandlingAssociations: [{ Type: 'AfterHours', ScheduleId: 's', CallFlowId: 'f' }]
        });
        expect(allDay).toEqual({ hours: 'sun 00:00-24:00', afterHours: 'operator', holidays: 'none' });
    });
});

describe('inbound-target-not-found', () => {
    const QUEUE_ACCOUNT: Array<[string, string]> = [['usage-location US\n}', 'usage-location US\n    kind           call-queue\n}']];

    test('an answer with a call queue the tenant lacks (read by name) is the tenant check, naming the queue', async () => {
        const text = edit(BASE, ...QUEUE_ACCOUNT, [RECEPTION, 'answer FrontlineRA with call-queue "Store Help Desk"']);
        const p = await plan(text, emptySnapshot());
        expect(inbound(p).map(f => [f.code, f.statement.$type])).toEqual([['inbound-target-not-found', 'Answer']]);
        expect(inbound(p)[0]!.message).toContain('No call queue named "Store Help Desk"');
    });

    test('the queue found by its exact name: an association to make, then unchanged once the account is among its ApplicationInstances', async () => {
        const text = edit(BASE, ...QUEUE_ACCOUNT, [RECEPTION, 'answer FrontlineRA with call-queue "Store Help Desk"']);
        const queues = [{ id: 'cq-2', name: 'Store Help Desk West', applicationInstances: [] }, { id: 'cq-1', name: 'store help desk', applicationInstances: [] as string[] }];
        const snapshot = { ...emptySnapshot(), callQueues: queues, applicationInstances: [{ objectId: 'ra-1', userPrincipalName: 'sc-frontline@contoso.com' }] };
        const association = (p: Plan) => p.changes.find(c => c.resource.kind === 'application-association')!;
        const first = await plan(text, snapshot);
        expect(inbound(first)).toEqual([]);
        expect([association(first).action, association(first).note]).toEqual(['create', 'associate with cq-1']);
        queues[1]!.applicationInstances.push('ra-1');
        expect(association(await plan(text, snapshot)).action).toBe('unchanged');
    });

    test('an answer with an auto attendant the tenant lacks is the same check', async () => {
        const p = await plan(edit(BASE, [RECEPTION, 'answer FrontlineRA with auto-attendant "Contoso Main Line"']), emptySnapshot());
        expect(inbound(p).map(f => f.statement.$type)).toEqual(['Answer']);
        expect(inbound(p)[0]!.message).toContain('No auto attendant named "Contoso Main Line"');
    });
});

describe('account-answered-elsewhere', () => {
    const elsewhere = (p: Plan) => p.findings.filter(f => f.code === 'account-answered-elsewhere');
    const account = { objectId: 'ra-1', userPrincipalName: 'sc-frontline@contoso.com' };
    const attendant = (id: string, name: string, applicationInstances: string[]) =>
        ({ id, name, languageId: 'en-US', timeZoneId: 'UTC', directorySearch: 'ByName', groupIds: [], applicationInstances });

    test('an account already answering for another auto attendant is not associated again: the plan stops, naming it', async () => {
        const answer = edit(BASE, [RECEPTION, 'answer FrontlineRA with auto-attendant "Contoso Main Line"']);
        const snapshot = { ...emptySnapshot(), applicationInstances: [account],
            autoAttendants: [attendant('aa-9', 'Old Reception', ['RA-1']), attendant('aa-1', 'Contoso Main Line', [])] };
        const p = await plan(answer, snapshot);
        expect(elsewhere(p).map(f => [f.severity, f.statement.$type])).toEqual([['error', 'Answer']]);
        expect(elsewhere(p)[0]!.message).toContain('already answers for auto attendant "Old Reception" (aa-9), not auto attendant "Contoso Main Line"');
        // A declared auto attendant, not yet made, meets the same check.
        expect(elsewhere(await plan(BASE, snapshot)).map(f => f.statement.$type)).toEqual(['AutoAttendant']);
    });

    test('a call queue the account answers for (read by name) is found too; none once it answers for the one the file names', async () => {
        const QUEUE_ACCOUNT: [string, string] = ['usage-location US\n}', 'usage-location US\n    kind           call-queue\n}'];
        const text = edit(BASE, QUEUE_ACCOUNT, [RECEPTION, 'answer FrontlineRA with call-queue "Store Help Desk"']);
        const queues = [{ id: 'cq-1', name: 'Store Help Desk', applicationInstances: [] as string[] }, { id: 'cq-0', name: 'Old Queue', applicationInstances: ['ra-1'] }];
        const snapshot = { ...emptySnapshot(), applicationInstances: [account], callQueues: queues };
        expect(elsewhere(await plan(text, snapshot))[0]!.message).toContain('call queue "Old Queue" (cq-0)');
        queues[1]!.applicationInstances = [];
        queues[0]!.applicationInstances = ['ra-1'];
        expect(elsewhere(await plan(text, snapshot))).toEqual([]);
    });
});
