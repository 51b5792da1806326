/**
 * An auto attendant's business hours and holidays, the part of the auto-attendant kind that
 * Microsoft builds from schedules: open hours become a weekly schedule with -Complement (it is
 * in effect when the auto attendant is closed), each holiday a fixed schedule; each has a call
 * flow that disconnects or transfers, and a call handling association of type AfterHours or
 * Holiday ties the two together [AA-NEW, AA-SCHEDULE, AA-TIMERANGE, AA-DATERANGE, AA-CHA]. The
 * default call flow is then the business-hours one; holidays beat after hours [AA-NEW].
 *
 * The tenant side is read from Get-CsAutoAttendant's CallFlows, Schedules and
 * CallHandlingAssociations [AA-GET] into the same texts the file gives ("mon 09:00-17:00; …"),
 * so plan compares texts and shows a changed schedule as an update.
 */
import type { AutoAttendant, ClosedAction } from '../generated/ast.js';
import {
    clock, dayMonthYear, daySpan, emptyWeek, holidayDays, hoursText, isoText, nextDay, timeRange, WEEKDAYS, type WeekHours
} from '../business-hours.js';
import { canonicalNumber } from '../phone-numbers.js';
import type { CallValue, NestedCall } from './kind-handler.js';
import { list, str, type Row } from './read-rows.js';

/** What a closed auto attendant does with a call [AA-MENUOPT, AA-ENTITY]. */
export type ClosedCall =
    | { type: 'disconnect' } | { type: 'operator' }
    | { type: 'ApplicationEndpoint'; account: string } | { type: 'ExternalPstn'; number: string };

export interface HolidaySchedule { label: string; first: string; last: string; action: ClosedCall }

/** Present when the file says `hours` or `holiday`: then the tool manages the auto attendant's call handling as a whole. */
export interface AutoAttendantSchedule {
    /** Open hours as text ("mon 09:00-17:00; …"), or "always open". */
    hours: string;
    week?: WeekHours;
    afterHours: ClosedCall;
    holidays: HolidaySchedule[];
}

export const ALWAYS_OPEN = 'always open';
export const NO_HOLIDAYS = 'none';
/** Where the file says nothing: closed calls are disconnected, as in Microsoft's examples [AA-NEW]. */
const DEFAULT_CLOSED: ClosedCall = { type: 'disconnect' };
const AFTER_HOURS = 'After hours';

export function closedCallOf(action: ClosedAction | undefined): ClosedCall | undefined {
    if (!action) return undefined;
    if (action.disconnect) return { type: 'disconnect' };
    if (action.toOperator) return { type: 'operator' };
    if (action.account) return { type: 'ApplicationEndpoint', account: action.account.ref?.upn ?? '' };
    return { type: 'ExternalPstn', number: `tel:${canonicalNumber(action.number ?? '')}` };
}

/** The week a statement's `hours` clauses open; undefined when one does not read (the validator reports it). */
function weekOf(statement: AutoAttendant): WeekHours | undefined {
    const week = emptyWeek();
    for (const clause of statement.hours) {
        const ranges = clause.ranges.map(timeRange);
        for (const span of clause.days) {
            if (typeof span.first !== 'string') return undefined; // cut short by a syntax error
            const days = daySpan(span.first, span.last);
            if (typeof days === 'string') return undefined;
            for (const day of days) for (const range of ranges) if (typeof range !== 'string') week[day].push(range);
        }
    }
    return week;
}

export function scheduleFor(statement: AutoAttendant): AutoAttendantSchedule | undefined {
    if (statement.hours.length === 0 && statement.holidays.length === 0) return undefined;
    const week = statement.hours.length > 0 ? weekOf(statement) : undefined;
    // Holidays close like after hours unless they say otherwise: closed is closed, and one clause changes both.
    const afterHours = closedCallOf(statement.afterHours) ?? DEFAULT_CLOSED;
    const holidays = statement.holidays.flatMap(h => {
        if (typeof h.start !== 'string') return []; // cut short by a syntax error
        const days = holidayDays(h.start, h.end);
        return typeof days === 'string' ? [] : [{ label: h.label, first: isoText(days.first), last: isoText(days.last), action: closedCallOf(h.action) ?? afterHours }];
    });
    return { hours: week ? hoursText(week) : ALWAYS_OPEN, ...(week ? { week } : {}), afterHours, holidays };
}

/** The text plan compares for a closed call: the target's id where it has one (resolved by the caller). */
export function closedCallText(call: ClosedCall, accountId: (upn: string) => string): string {
    switch (call.type) {
        case 'disconnect': return 'disconnect';
        case 'operator': return 'operator';
        case 'ApplicationEndpoint': return `transfer ${accountId(call.account).toLowerCase()}`;
        case 'ExternalPstn': return `transfer ${call.number.toLowerCase()}`;
    }
}

export const holidayText = (h: { label: string; first: string; last: string }, action: string): string =>
    `${h.label} ${h.first}${h.last !== h.first ? `..${h.last}` : ''} ${action}`;

export const holidaysText = (items: string[]): string => (items.length > 0 ? [...items].sort().join('; ') : NO_HOLIDAYS);

const nested = (command: string, parameters: Record<string, CallValue>, as?: string): NestedCall =>
    ({ $call: { surface: 'teams', command, parameters }, ...(as !== undefined ? { as } : {}) });

/** A call flow whose one menu option acts at once (DtmfResponse Automatic), as Microsoft's after-hours example [AA-NEW, AA-MENUOPT]. */
function closedFlow(name: string, call: ClosedCall, label: string): NestedCall {
    const option: Record<string, CallValue> = call.type === 'disconnect' ? { Action: 'DisconnectCall', DtmfResponse: 'Automatic' }
        : call.type === 'operator' ? { Action: 'TransferCallToOperator', DtmfResponse: 'Automatic' }
            : {
                Action: 'TransferCallToTarget', DtmfResponse: 'Automatic',
                CallTarget: nested('New-CsAutoAttendantCallableEntity', {
                    Identity: call.type === 'ApplicationEndpoint' ? { $ref: 'account-id', key: call.account } : call.number, Type: call.type
                })
            };
    return nested('New-CsAutoAttendantCallFlow', {
        Name: name, Menu: nested('New-CsAutoAttendantMenu', { Name: name, MenuOptions: [nested('New-CsAutoAttendantMenuOption', option)] })
    }, label);
}

const WEEK_PARAMETERS = ['MondayHours', 'TuesdayHours', 'WednesdayHours', 'ThursdayHours', 'FridayHours', 'SaturdayHours', 'SundayHours'] as const;

/** "24:00" is no TimeSpan; "1.00:00" is a day, as New-CsOnlineTimeRange's own example writes it [AA-TIMERANGE]. */
const timeSpan = (m: number): string => (m === 1440 ? '1.00:00' : clock(m));

/** Closed = the complement of the open hours [AA-SCHEDULE]: Microsoft's "After Hours Schedule" example. */
function afterHoursSchedule(name: string, week: WeekHours): NestedCall {
    const days: Record<string, CallValue> = {};
    WEEKDAYS.forEach((day, i) => {
        if (week[day].length > 0) days[WEEK_PARAMETERS[i]!] = week[day].map(r => nested('New-CsOnlineTimeRange', { Start: timeSpan(r.start), End: timeSpan(r.end) }));
    });
    return nested('New-CsOnlineSchedule', { Name: name, WeeklyRecurrentSchedule: true, ...days, Complement: true });
}

/** Whole days: from 00:00 of the first to 00:00 after the last ("d/m/yyyy" [AA-DATERANGE]). */
function holidaySchedule(h: HolidaySchedule): NestedCall {
    const range = nested('New-CsOnlineDateTimeRange', {
        Start: dayMonthYear(new Date(`${h.first}T00:00:00Z`)), End: dayMonthYear(nextDay(new Date(`${h.last}T00:00:00Z`)))
    });
    return nested('New-CsOnlineSchedule', { Name: h.label, FixedSchedule: true, DateTimeRanges: [range] });
}

/** -CallFlows and -CallHandlingAssociations of New-/Set-CsAutoAttendant; the flows first, so the associations find their Ids. */
export function scheduleParameters(s: AutoAttendantSchedule): { CallFlows: CallValue; CallHandlingAssociations: CallValue } {
    const flows: NestedCall[] = [];
    const associations: CallValue[] = [];
    const associate = (type: 'AfterHours' | 'Holiday', schedule: NestedCall, flow: string): void => {
        associations.push(nested('New-CsAutoAttendantCallHandlingAssociation', { Type: type, ScheduleId: { $idOf: schedule }, CallFlowId: { $idOf: flow } }));
    };
    if (s.week) {
        flows.push(closedFlow(AFTER_HOURS, s.afterHours, 'after-hours'));
        associate('AfterHours', afterHoursSchedule(AFTER_HOURS, s.week), 'after-hours');
    }
    s.holidays.forEach((h, i) => {
        flows.push(closedFlow(h.label, h.action, `holiday-${i + 1}`));
        associate('Holiday', holidaySchedule(h), `holiday-${i + 1}`);
    });
    return { CallFlows: flows, CallHandlingAssociations: associations };
}

/** What the tenant's auto attendant does outside its default call flow, as texts. */
export interface ObservedSchedule { hours: string; afterHours?: string; holidays: string }

/** A TimeSpan as the module serialises it ("09:00:00", "1.00:00:00") or as an object; minutes, or undefined. */
function spanMinutes(value: unknown): number | undefined {
    if (typeof value === 'object' && value !== null) {
        const total = (value as Row).TotalMinutes;
        return typeof total === 'number' ? Math.round(total) : undefined;
    }
    const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(String(value ?? ''));
    return match ? Number(match[1] ?? 0) * 1440 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

/** A date as "yyyy-mm-dd" from an ISO text (the emulator's) or "d/m/yyyy[ H:mm]" (the cmdlet's input form). */
function dayOf(value: unknown): Date | undefined {
    const text = String(value ?? '');
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
    return dmy ? new Date(Date.UTC(Number(dmy[3]), Number(dmy[2]) - 1, Number(dmy[1]))) : undefined;
}

/** The action of a closed call flow: its menu's first option [AA-MENUOPT]. */
function flowAction(flow: Row | undefined): string {
    const option = list((flow?.Menu as Row | undefined)?.MenuOptions)[0] as Row | undefined;
    const action = str(option?.Action)?.toLowerCase();
    if (action === 'disconnectcall') return 'disconnect';
    if (action === 'transfercalltooperator') return 'operator';
    if (action === 'transfercalltotarget') return `transfer ${(str((option?.CallTarget as Row | undefined)?.Id) ?? '').toLowerCase()}`;
    return action ?? 'none';
}

function weeklyText(schedule: Row | undefined): string {
    const weekly = schedule?.WeeklyRecurrentSchedule as Row | undefined;
    if (!weekly) return 'unknown';
    const week = emptyWeek();
    WEEKDAYS.forEach((day, i) => {
        for (const r of list(weekly[WEEK_PARAMETERS[i]!]) as Row[]) {
            const [start, end] = [spanMinutes(r.Start), spanMinutes(r.End)];
            if (start !== undefined && end !== undefined) week[day].push({ start, end });
        }
    });
    // Where Teams keeps -Complement on the object is not documented: ComplementEnabled is the emulator's reading [UNCONFIRMED].
    return weekly.ComplementEnabled === false ? `closed ${hoursText(week)}` : hoursText(week);
}

function fixedText(label: string, schedule: Row | undefined, action: string): string {
    const range = list((schedule?.FixedSchedule as Row | undefined)?.DateTimeRanges)[0] as Row | undefined;
    const [first, end] = [dayOf(range?.Start), dayOf(range?.End)];
    if (!first || !end) return `${label} unknown ${action}`;
    return holidayText({ label, first: isoText(first), last: isoText(new Date(end.getTime() - 86_400_000)) }, action);
}

/** Get-CsAutoAttendant's call handling, read defensively: the properties are documented, their JSON shape is not [AA-GET]. */
export function observedSchedule(a: Row): ObservedSchedule {
    const flows = list(a.CallFlows) as Row[];
    const schedules = list(a.Schedules) as Row[];
    const associations = list(a.CallHandlingAssociations) as Row[];
    const flow = (id: unknown) => flows.find(f => str(f.Id)?.toLowerCase() === str(id)?.toLowerCase());
    const schedule = (id: unknown) => schedules.find(s => str(s.Id)?.toLowerCase() === str(id)?.toLowerCase());
    const afterHours = associations.find(c => str(c.Type)?.toLowerCase() === 'afterhours' && c.Enabled !== false);
    const holidays = associations.filter(c => str(c.Type)?.toLowerCase() === 'holiday').map(c => {
        const s = schedule(c.ScheduleId);
        return fixedText(str(s?.Name) ?? '', s, flowAction(flow(c.CallFlowId)));
    });
    return {
        hours: afterHours ? weeklyText(schedule(afterHours.ScheduleId)) : ALWAYS_OPEN,
        ...(afterHours ? { afterHours: flowAction(flow(afterHours.CallFlowId)) } : {}),
        holidays: holidaysText(holidays)
    };
}
