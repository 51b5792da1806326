/**
 * Auto attendants: the in-memory builders (callable entity, menu option, menu, call flow, dial
 * scope, time ranges, call handling association), schedules (New-CsOnlineSchedule, stored) and
 * New-/Set-/Get-CsAutoAttendant [AA-NEW, AA-SET, AA-GET, AA-ENTITY, AA-MENUOPT,
 * AA-MENU, AA-CALLFLOW, AA-DIALSCOPE, AA-SCHEDULE, AA-TIMERANGE, AA-DATERANGE, AA-CHA]. The objects' JSON
 * shape is the emulator's reading: the pages list the properties (Get-CsAutoAttendant's
 * example output), not their serialised form; the product reads them defensively.
 */
import type { AutoAttendant, OnlineSchedule } from '../model.js';
import type { Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { optionalInt, optionalString, requiredString, stringList, type Params } from './params.js';

const ENTITY_TYPES = ['User', 'ApplicationEndpoint', 'ConfigurationEndpoint', 'ExternalPstn', 'SharedVoicemail'];
const MENU_ACTIONS = ['AgentsAndQueues', 'Announcement', 'DisconnectCall', 'MainlineAttendantFlow', 'TransferCallToOperator', 'TransferCallToTarget'];
const DTMF = [...Array.from({ length: 10 }, (_, i) => `Tone${i}`), 'ToneStar', 'TonePound', 'Automatic'];
const SEARCH_METHODS = ['None', 'ByName', 'ByExtension'];

type Json = Record<string, unknown>;

function oneOf(params: Params, name: string, allowed: readonly string[], required: boolean): string | null {
    const value = required ? requiredString(params, name) : optionalString(params, name);
    if (value === null) return null;
    const match = allowed.find(a => a.toLowerCase() === value.toLowerCase());
    // rule: accepted-values
    if (!match) throw teamsError(`Cannot bind parameter '${name}': '${value}' is not one of ${allowed.join(', ')}.`);
    return match;
}

/** A nested object parameter (the output of a builder), or null. */
function objectParam(params: Params, name: string): Json | null {
    const value = params[name];
    if (value === undefined || value === null) return null;
    // rule: parameter-type
    if (typeof value !== 'object' || Array.isArray(value)) throw teamsError(`Parameter -${name} must be an object made by its New-CsAutoAttendant* cmdlet.`);
    return value as Json;
}

function requiredObject(params: Params, name: string): Json {
    const value = objectParam(params, name);
    // rule: mandatory-parameter
    if (!value) throw teamsError(`Cannot validate argument on parameter '${name}'. The argument is null or empty.`);
    return value;
}

function listParam(params: Params, name: string): unknown[] {
    const value = params[name];
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** Reads leave a state file written before auto attendants were modelled as it was. */
function autoAttendants(tenant: Tenant): readonly AutoAttendant[] {
    return tenant.state.autoAttendants ?? [];
}

/** The accounts associated with a configuration [ASSOC]: listed under ApplicationInstances. */
function applicationInstances(tenant: Tenant, configurationId: string): string[] {
    return tenant.state.applicationInstanceAssociations.filter(a => a.configurationId.toLowerCase() === configurationId.toLowerCase()).map(a => a.objectId);
}

/** The schedules an auto attendant's call handling associations use, as Get-CsAutoAttendant lists them under Schedules [AA-GET]. */
function schedulesOf(tenant: Tenant, a: AutoAttendant): Json[] {
    const ids = new Set(a.callHandlingAssociations.map(c => String((c as Json).ScheduleId ?? '').toLowerCase()));
    return (tenant.state.schedules ?? []).filter(s => ids.has(s.id.toLowerCase())).map(scheduleView);
}

function view(tenant: Tenant, a: AutoAttendant): Json {
    return {
        Id: a.id, TenantId: tenant.state.tenantId, Name: a.name, LanguageId: a.languageId, VoiceId: a.voiceId, DefaultCallFlow: a.defaultCallFlow,
        Operator: a.operator, TimeZoneId: a.timeZoneId, VoiceResponseEnabled: false, CallFlows: a.callFlows, Schedules: schedulesOf(tenant, a),
        CallHandlingAssociations: a.callHandlingAssociations, Status: null, DialByNameResourceId: null,
        DirectoryLookupScope: { InclusionScope: a.inclusionScope, ExclusionScope: a.exclusionScope },
        ApplicationInstances: applicationInstances(tenant, a.id)
    };
}

function findAutoAttendant(tenant: Tenant, identity: string): AutoAttendant {
    const found = autoAttendants(tenant).find(a => a.id.toLowerCase() === identity.toLowerCase());
    // rule: unknown-identity
    if (!found) throw teamsError(`Auto attendant '${identity}' was not found.`, 'NotFound', 404);
    return found;
}

/** -First and -Skip; 100 when -First is not given ("gets the first 100 auto attendants" [AA-GET]). */
function page<T>(items: readonly T[], params: Params): T[] {
    const skip = optionalInt(params, 'Skip') ?? 0;
    return items.slice(skip, skip + (optionalInt(params, 'First') ?? 100));
}

function named<T extends { name: string }>(items: readonly T[], params: Params): readonly T[] {
    const filter = optionalString(params, 'NameFilter')?.toLowerCase();
    return filter ? items.filter(i => i.name.toLowerCase().includes(filter)) : items;
}


const WEEK_PARAMETERS = ['MondayHours', 'TuesdayHours', 'WednesdayHours', 'ThursdayHours', 'FridayHours', 'SaturdayHours', 'SundayHours'];

/** A TimeSpan as PowerShell writes it ("09:00:00", "1.00:00:00", "09:00"), in minutes. */
function spanMinutes(value: unknown, name: string): number {
    const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(value ?? '').trim());
    // rule: parameter-type
    if (!match || Number(match[3]) > 59 || Number(match[2]) > 23) throw teamsError(`Cannot bind parameter '${name}'. Cannot convert value "${String(value)}" to type "System.TimeSpan".`);
    return Number(match[1] ?? 0) * 1440 + Number(match[2]) * 60 + Number(match[3]);
}

const spanText = (m: number): string => `${m >= 1440 ? `${Math.floor(m / 1440)}.` : ''}${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;

/** "d/m/yyyy H:mm" or "d/m/yyyy", the only forms New-CsOnlineDateTimeRange takes [AA-DATERANGE]; a UTC Date. */
function dateTimeBound(value: string, name: string): Date {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?$/.exec(value.trim());
    const date = match ? new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1]), Number(match[4] ?? 0), Number(match[5] ?? 0))) : undefined;
    const valid = match && date && date.getUTCDate() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && Number(match[4] ?? 0) <= 23 && Number(match[5] ?? 0) <= 59;
    // rule: date-time-format [AA-DATERANGE]
    if (!valid) throw teamsError(`The ${name} bound "${value}" is not in a supported format: "d/m/yyyy H:mm" or "d/m/yyyy".`);
    // rule: date-time-30-minutes [AA-DATERANGE]
    if (date.getUTCMinutes() % 30 !== 0) throw teamsError(`The time part of the ${name} bound "${value}" must be aligned with 30/60-minute boundaries.`);
    return date;
}

const isoMinute = (date: Date): string => date.toISOString().slice(0, 19);

function scheduleView(s: OnlineSchedule): Json {
    return { Id: s.id, Name: s.name, Type: s.type, WeeklyRecurrentSchedule: s.weeklyRecurrentSchedule, FixedSchedule: s.fixedSchedule };
}

function weeklySchedule(params: Params): Record<string, unknown> {
    const weekly: Record<string, unknown> = {};
    let days = 0;
    for (const day of WEEK_PARAMETERS) {
        const ranges = listParam(params, day).map(r => r as Json);
        for (const r of ranges) {
            const [start, end] = [spanMinutes(r.Start, 'Start'), spanMinutes(r.End, 'End')];
            // rule: weekly-15-minutes [AA-TIMERANGE]
            if (start % 15 !== 0 || end % 15 !== 0) throw teamsError(`Time ranges within a weekly recurrent schedule must align with 15-minute boundaries (${day}).`);
        }
        if (ranges.length > 0) days++;
        weekly[day] = ranges;
    }
    // rule: weekly-needs-a-day [AA-SCHEDULE]
    if (days === 0) throw teamsError('For a weekly recurrent schedule, at least one day should have time ranges specified.');
    weekly.ComplementEnabled = params.Complement === true;
    return weekly;
}

function fixedSchedule(params: Params): { DateTimeRanges: Array<{ Start: string; End: string }> } {
    const ranges = listParam(params, 'DateTimeRanges').map(r => r as Json);
    // rule: fixed-at-most-10 [AA-SCHEDULE]
    if (ranges.length > 10) throw teamsError('For a fixed schedule, at most 10 date-time ranges can be specified.');
    return { DateTimeRanges: ranges.map(r => ({ Start: String(r.Start ?? ''), End: String(r.End ?? '') })) };
}

/** "CallFlows … are required if they are referenced in the CallHandlingAssociations parameter" [AA-NEW]; the schedules must exist. */
function checkCallHandling(tenant: Tenant, callFlows: unknown[], associations: unknown[]): void {
    const flowIds = new Set(callFlows.map(f => String((f as Json).Id ?? '').toLowerCase()));
    for (const association of associations as Json[]) {
        // rule: call-flow-referenced [AA-NEW]
        if (!flowIds.has(String(association.CallFlowId ?? '').toLowerCase())) throw teamsError(`Call flow '${String(association.CallFlowId)}' of a call handling association is not among -CallFlows.`);
        const schedule = (tenant.state.schedules ?? []).find(x => x.id.toLowerCase() === String(association.ScheduleId ?? '').toLowerCase());
        // rule: unknown-identity
        if (!schedule) throw teamsError(`Schedule '${String(association.ScheduleId)}' was not found.`, 'NotFound', 404);
    }
}

export const autoAttendantCmdlets: Record<string, CmdletHandler> = {

    'New-CsOnlineTimeRange': (_tenant, params) => {
        const [start, end] = [spanMinutes(requiredString(params, 'Start'), 'Start'), spanMinutes(requiredString(params, 'End'), 'End')];
        // rule: time-range-order [AA-TIMERANGE]
        if (start >= end) throw teamsError('The start bound of the range must be less than its end bound.');
        return { Start: spanText(start), End: spanText(end) };
    },

    'New-CsOnlineDateTimeRange': (_tenant, params) => {
        const start = dateTimeBound(requiredString(params, 'Start'), 'start');
        const endText = optionalString(params, 'End');
        // Without -End, 00:00 of the day after the start date [AA-DATERANGE].
        const end = endText !== null ? dateTimeBound(endText, 'end') : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1));
        // rule: date-time-order [AA-DATERANGE]
        if (start >= end) throw teamsError('The start bound of the range must be less than its end bound.');
        return { Start: isoMinute(start), End: isoMinute(end) };
    },

    // A schedule is a tenant object with a generated Id [AA-SCHEDULE]; its name need not be unique.
    'New-CsOnlineSchedule': (tenant, params) => {
        const [weekly, fixed] = [params.WeeklyRecurrentSchedule === true, params.FixedSchedule === true];
        // rule: schedule-type [AA-SCHEDULE]
        if (weekly === fixed) throw teamsError('Parameter set cannot be resolved: give exactly one of -WeeklyRecurrentSchedule and -FixedSchedule.');
        const schedule: OnlineSchedule = {
            id: tenant.newId(), name: requiredString(params, 'Name'), type: weekly ? 'WeeklyRecurrence' : 'Fixed',
            weeklyRecurrentSchedule: weekly ? weeklySchedule(params) : null, fixedSchedule: fixed ? fixedSchedule(params) : null
        };
        (tenant.state.schedules ??= []).push(schedule);
        return scheduleView(schedule);
    },

    'New-CsAutoAttendantCallHandlingAssociation': (_tenant, params) => {
        const type = oneOf(params, 'Type', ['AfterHours', 'Holiday'], true);
        // rule: disable-after-hours-only [AA-CHA]
        if (params.Disable === true && type !== 'AfterHours') throw teamsError('-Disable can only be used when the Type parameter is set to AfterHours.');
        return { Type: type, ScheduleId: requiredString(params, 'ScheduleId'), CallFlowId: requiredString(params, 'CallFlowId'), Enabled: params.Disable !== true };
    },

    'New-CsAutoAttendantCallableEntity': (_tenant, params) => ({
        Id: requiredString(params, 'Identity'), Type: oneOf(params, 'Type', ENTITY_TYPES, true),
        EnableTranscription: params.EnableTranscription === true, CallPriority: optionalInt(params, 'CallPriority') ?? 3
    }),

    'New-CsAutoAttendantMenuOption': (_tenant, params) => {
        const action = oneOf(params, 'Action', MENU_ACTIONS, true);
        const callTarget = objectParam(params, 'CallTarget');
        // rule: menu-option-call-target [AA-MENUOPT]
        if (action === 'TransferCallToTarget' && !callTarget) throw teamsError('CallTarget is required if the action of the menu option is TransferCallToTarget.');
        return { Action: action, DtmfResponse: oneOf(params, 'DtmfResponse', DTMF, false), CallTarget: callTarget, Prompt: objectParam(params, 'Prompt') };
    },

    'New-CsAutoAttendantMenu': (_tenant, params) => ({
        Name: requiredString(params, 'Name'), MenuOptions: listParam(params, 'MenuOptions'), Prompts: listParam(params, 'Prompts'),
        DialByNameEnabled: params.EnableDialByName === true, DirectorySearchMethod: oneOf(params, 'DirectorySearchMethod', SEARCH_METHODS, false) ?? 'None'
    }),

    'New-CsAutoAttendantCallFlow': (tenant, params) => ({
        Id: tenant.newId(), Name: requiredString(params, 'Name'), Greetings: listParam(params, 'Greetings'), Menu: requiredObject(params, 'Menu')
    }),

    'New-CsAutoAttendantDialScope': (_tenant, params) => {
        const groupIds = stringList(params, 'GroupIds');
        // rule: mandatory-parameter
        if (params.GroupScope !== true || groupIds.length === 0) throw teamsError(`Cannot validate argument on parameter 'GroupIds'. The argument is null or empty.`);
        return { Type: 'Group', GroupScope: { GroupIds: groupIds } };
    },

    // Each new auto attendant gets a generated identity [AA-NEW]; names need not be unique.
    'New-CsAutoAttendant': (tenant, params) => {
        checkCallHandling(tenant, listParam(params, 'CallFlows'), listParam(params, 'CallHandlingAssociations'));
        const attendant: AutoAttendant = {
            id: tenant.newId(), name: requiredString(params, 'Name'), languageId: requiredString(params, 'LanguageId'),
            timeZoneId: requiredString(params, 'TimeZoneId'), voiceId: optionalString(params, 'VoiceId'),
            defaultCallFlow: requiredObject(params, 'DefaultCallFlow'), operator: objectParam(params, 'Operator'),
            callFlows: listParam(params, 'CallFlows'), callHandlingAssociations: listParam(params, 'CallHandlingAssociations'),
            inclusionScope: objectParam(params, 'InclusionScope'), exclusionScope: objectParam(params, 'ExclusionScope')
        };
        (tenant.state.autoAttendants ??= []).push(attendant);
        tenant.created(attendant.id);
        return view(tenant, attendant);
    },

    // The instance Get-CsAutoAttendant returned, changed [AA-SET]; the id says which one.
    'Set-CsAutoAttendant': (tenant, params) => {
        const instance = requiredObject(params, 'Instance');
        const attendant = findAutoAttendant(tenant, String(instance.Id ?? instance.Identity ?? ''));
        const scope = (instance.DirectoryLookupScope ?? {}) as Json;
        checkCallHandling(tenant, listParam(instance, 'CallFlows'), listParam(instance, 'CallHandlingAssociations'));
        Object.assign(attendant, {
            name: String(instance.Name ?? attendant.name), languageId: String(instance.LanguageId ?? attendant.languageId),
            timeZoneId: String(instance.TimeZoneId ?? attendant.timeZoneId),
            defaultCallFlow: (instance.DefaultCallFlow as Json | undefined) ?? attendant.defaultCallFlow,
            operator: (instance.Operator as Json | null | undefined) ?? null,
            callFlows: listParam(instance, 'CallFlows'), callHandlingAssociations: listParam(instance, 'CallHandlingAssociations'),
            inclusionScope: (scope.InclusionScope as Json | null | undefined) ?? null, exclusionScope: (scope.ExclusionScope as Json | null | undefined) ?? null
        });
        return view(tenant, attendant);
    },

    'Get-CsAutoAttendant': (tenant, params) => {
        const identity = optionalString(params, 'Identity');
        if (identity !== null) return view(tenant, findAutoAttendant(tenant, identity));
        return page(named(autoAttendants(tenant).filter(a => tenant.isVisible(a.id)), params), params).map(a => view(tenant, a));
    }
};
