/**
 * The auto attendant that answers a shared number (Microsoft's setup, step 3 [SC-SETUP]): its
 * directory (dial scope) is the groups granted the Shared Calling policies that share the
 * account, with dial-by-name, optionally dial-by-extension, and an operator [AA-NEW, AA-DIALSCOPE,
 * AA-MENU, AA-ENTITY]. Always open unless the file gives `hours` or `holiday`: then the
 * default call flow is the business-hours one, with after-hours and holiday call flows on
 * schedules (auto-attendant-schedule.ts).
 * Teams gives auto attendants no unique name: the name is the key, read again before a create.
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall, psRef } from '../generator/render-call.js';
import type { AutoAttendant, Statement } from '../generated/ast.js';
import { canonicalNumber } from '../phone-numbers.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { compare, same, sorted, updateIfDiffers, type Field } from './compare.js';
import { findGroup, groupFor } from './group.js';
import type { CallValue, KindHandler, TeamsCall } from './kind-handler.js';
import { list, str, type Row } from './read-rows.js';
import {
    ALWAYS_OPEN, closedCallText, holidaysText, holidayText, observedSchedule, scheduleFor, scheduleParameters,
    type AutoAttendantSchedule, type ClosedCall, type ObservedSchedule
} from './auto-attendant-schedule.js';

export const DEFAULT_LANGUAGE = 'en-US';
export const DEFAULT_TIME_ZONE = 'UTC';
/** The names the tool gives the parts it builds (any name does [AA-CALLFLOW, AA-MENU]). */
const CALL_FLOW_NAME = 'Default call flow';
const MENU_NAME = 'Directory';

export type DirectorySearch = 'ByName' | 'ByExtension';
/** A resource account (a call queue's) or a PSTN number as `tel:+…` [AA-ENTITY]. */
export type AutoAttendantOperator = { type: 'ApplicationEndpoint'; account: string } | { type: 'ExternalPstn'; number: string };

export interface AutoAttendantResource {
    kind: 'auto-attendant'; key: string; name: string;
    /** UPN of the resource account it answers for (associated by the application-association kind). */
    resourceAccount: string;
    languageId: string; timeZoneId: string; directorySearch: DirectorySearch;
    operator?: AutoAttendantOperator;
    /** The dial scope: the declared groups (as the group kind has them), wherever the setup declares them. */
    groups: DialScopeGroup[];
    /** Business hours and holidays; absent: the file leaves the call handling as the tenant has it (always open on create). */
    schedule?: AutoAttendantSchedule;
}

export interface DialScopeGroup { key: string; displayName?: string; objectId?: string }

export interface ObservedAutoAttendant {
    id: string; name: string; languageId?: string; timeZoneId?: string; directorySearch?: string;
    operatorId?: string; operatorType?: string; groupIds: string[]; applicationInstances: string[];
    /** Absent: read as always open, no holidays. */
    schedule?: ObservedSchedule;
}

/** The groups granted (anywhere in the setup) a Shared Calling policy that shares `account`. */
export function dialScopeGroups(account: unknown, statements: readonly Statement[]): DialScopeGroup[] {
    const groups: DialScopeGroup[] = [];
    for (const s of statements) {
        const group = s.$type === 'Grant' && s.policy.ref?.account?.ref === account ? s.group.ref : undefined;
        if (!group || groups.some(g => g.key === group.name)) continue;
        const { key, displayName, objectId } = groupFor(group);
        groups.push({ key, ...(displayName !== undefined ? { displayName } : {}), ...(objectId !== undefined ? { objectId } : {}) });
    }
    return groups;
}

export function autoAttendantFor(statement: AutoAttendant, statements: readonly Statement[]): AutoAttendantResource {
    const name = statement.displayName ?? statement.name;
    const operatorAccount = statement.operatorAccount?.ref?.upn;
    const operatorNumber = statement.operatorNumber !== undefined ? canonicalNumber(statement.operatorNumber) : undefined;
    const schedule = scheduleFor(statement);
    return {
        kind: 'auto-attendant', key: name, name, resourceAccount: statement.account.ref?.upn ?? '',
        languageId: statement.language ?? DEFAULT_LANGUAGE, timeZoneId: statement.timeZone ?? DEFAULT_TIME_ZONE,
        directorySearch: statement.dialByExtension === 'on' ? 'ByExtension' : 'ByName',
        ...(operatorAccount !== undefined ? { operator: { type: 'ApplicationEndpoint' as const, account: operatorAccount } }
            : operatorNumber !== undefined ? { operator: { type: 'ExternalPstn' as const, number: `tel:${operatorNumber}` } } : {}),
        groups: dialScopeGroups(statement.account.ref, statements),
        ...(schedule ? { schedule } : {})
    };
}

const nested = (command: string, parameters: Record<string, CallValue>): CallValue => ({ $call: { surface: 'teams', command, parameters } });

/** A user's or resource account's object id, or a tel: URI [AA-ENTITY]. */
const operatorEntity = (o: AutoAttendantOperator): CallValue => nested('New-CsAutoAttendantCallableEntity', {
    Identity: o.type === 'ApplicationEndpoint' ? { $ref: 'account-id', key: o.account } : o.number, Type: o.type
});

/** Dial-by-name always; the menu's one directory search method is by extension when asked [AA-MENU]. Press 0 for the operator. */
const defaultCallFlow = (r: AutoAttendantResource): CallValue => nested('New-CsAutoAttendantCallFlow', {
    Name: CALL_FLOW_NAME,
    Menu: nested('New-CsAutoAttendantMenu', {
        Name: MENU_NAME,
        ...(r.operator ? { MenuOptions: [nested('New-CsAutoAttendantMenuOption', { Action: 'TransferCallToOperator', DtmfResponse: 'Tone0' })] } : {}),
        EnableDialByName: true, DirectorySearchMethod: r.directorySearch
    })
});

/** Who callers can reach: the granted groups only [AA-DIALSCOPE, SC-SETUP]. */
const dialScope = (r: AutoAttendantResource): CallValue => nested('New-CsAutoAttendantDialScope', {
    GroupScope: true, GroupIds: r.groups.map(g => ({ $ref: 'group-id' as const, key: g.key }))
});

const create = (r: AutoAttendantResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsAutoAttendant', parameters: {
        Name: r.name, LanguageId: r.languageId, TimeZoneId: r.timeZoneId, DefaultCallFlow: defaultCallFlow(r),
        ...(r.schedule ? scheduleParameters(r.schedule) : {}),
        ...(r.operator ? { Operator: operatorEntity(r.operator) } : {}), InclusionScope: dialScope(r)
    }
});

/**
 * Set-CsAutoAttendant takes the whole instance: read it, set what the file manages, send it back
 * [AA-SET]. Where the dial scope sits on the instance is not documented: DirectoryLookupScope
 * (as Get-CsAutoAttendant shows it [AA-GET]) holding InclusionScope is assumed.
 */
const update = (r: AutoAttendantResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsAutoAttendant', parameters: {
        Instance: {
            $patch: { surface: 'teams', command: 'Get-CsAutoAttendant', parameters: { Identity: { $ref: 'auto-attendant-id', key: r.key } } },
            set: {
                LanguageId: r.languageId, TimeZoneId: r.timeZoneId, DefaultCallFlow: defaultCallFlow(r),
                // New schedules each time: the old ones stay in the tenant, unused (the tool never deletes).
                ...(r.schedule ? scheduleParameters(r.schedule) : {}),
                ...(r.operator ? { Operator: operatorEntity(r.operator) } : {}),
                DirectoryLookupScope: { InclusionScope: dialScope(r) }
            }
        }
    }
});

/** Hours, after-hours action and holidays, compared as texts where the file manages them. */
function scheduleFields(r: AutoAttendantResource, found: ObservedAutoAttendant, accountId: (upn: string) => string): Field[] {
    const s = r.schedule;
    if (!s) return [];
    return [
        ['hours', found.schedule?.hours ?? ALWAYS_OPEN, s.hours],
        ['afterHours', found.schedule?.afterHours, s.week ? closedCallText(s.afterHours, accountId) : undefined],
        ['holidays', found.schedule?.holidays ?? holidaysText([]), holidaysText(s.holidays.map(h => holidayText(h, closedCallText(h.action, accountId))))]
    ];
}

/** The same texts in the compiled script, from Get-VoiceAutoAttendantSchedule; a transfer's account id is found at run time. */
function scheduleDiffers(s: AutoAttendantSchedule): string[] {
    const closed = (call: ClosedCall): string => (call.type === 'ApplicationEndpoint'
        ? `('transfer ' + ([string]${psRef({ $ref: 'account-id', key: call.account })}).ToLowerInvariant())`
        : psString(closedCallText(call, upn => upn)));
    const holidays = s.holidays.map(h => `(${psString(`${holidayText(h, '').trimEnd()} `)} + ${closed(h.action)})`);
    // Sorted at run time (ordinal, as plan sorts): an account id in a transfer is known only then.
    const holidaysExpression = holidays.length > 0 ? `(Join-VoiceOrdinal @(${holidays.join(', ')}))` : psString(holidaysText([]));
    return [
        `(Get-VoiceAutoAttendantSchedule $current).Hours -cne ${psString(s.hours)}`,
        ...(s.week ? [`(Get-VoiceAutoAttendantSchedule $current).AfterHours -cne ${closed(s.afterHours)}`] : []),
        `(Get-VoiceAutoAttendantSchedule $current).Holidays -cne ${holidaysExpression}`
    ];
}

/** Get-CsAutoAttendant's shape as its reference shows it [AA-GET]; the nested parts read defensively. */
export function observedAutoAttendant(a: Row): ObservedAutoAttendant {
    const menu = ((a.DefaultCallFlow as Row | null)?.Menu ?? undefined) as Row | undefined;
    const scope = ((a.DirectoryLookupScope as Row | null)?.InclusionScope ?? undefined) as Row | undefined;
    const operator = (a.Operator ?? undefined) as Row | undefined;
    return {
        id: str(a.Id) ?? str(a.Identity) ?? '', name: str(a.Name) ?? '', languageId: str(a.LanguageId), timeZoneId: str(a.TimeZoneId),
        directorySearch: str(menu?.DirectorySearchMethod), operatorId: str(operator?.Id), operatorType: str(operator?.Type),
        groupIds: list((scope?.GroupScope as Row | undefined)?.GroupIds).map(String),
        applicationInstances: list(a.ApplicationInstances).map(String),
        schedule: observedSchedule(a)
    };
}

/** The auto attendants of one name, lowest id first (two creates at once can make twins). */
export function autoAttendantsNamed(all: readonly ObservedAutoAttendant[], name: string): ObservedAutoAttendant[] {
    return all.filter(a => same(a.name, name)).sort((x, y) => (x.id.toLowerCase() < y.id.toLowerCase() ? -1 : 1));
}

/** The dial scope's tenant group ids, sorted; undefined while a group does not resolve to exactly one. */
function groupIdsOf(r: AutoAttendantResource, snapshot: TenantSnapshot): string[] | undefined {
    const ids = r.groups.map(g => findGroup(snapshot, g));
    return ids.every(found => found.length === 1) ? sorted(ids.map(found => found[0]!.id)) : undefined;
}

export const autoAttendant: KindHandler<'auto-attendant'> = {
    kind: 'auto-attendant',
    label: 'auto attendant',
    step: 'inbound',
    dependsOn: ['resource-account', 'group'],
    describe: r => `auto attendant "${r.name}" answering \`${r.resourceAccount}\`: dial-by-name${r.directorySearch === 'ByExtension' ? ' and extension' : ''} ` +
        `within ${r.groups.length} granted group(s)${r.operator ? ', press 0 for the operator' : ''} (New-CsAutoAttendant)`,
    observed: (r, { snapshot }) => autoAttendantsNamed(snapshot.autoAttendants, r.name)[0],
    noUniqueName: { twins: false },
    learns: [{ ref: 'auto-attendant-id', property: 'Id' }],
    reads: [{
        field: 'autoAttendants', from: { surface: 'teams', command: 'Get-CsAutoAttendant', pageSize: 100, pageBy: 'First' },
        rows: rows => rows.map(observedAutoAttendant)
    }],
    commands: [
        'New-CsAutoAttendant', 'Set-CsAutoAttendant', 'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantMenu',
        'New-CsAutoAttendantMenuOption', 'New-CsAutoAttendantDialScope', 'New-CsAutoAttendantCallableEntity',
        'New-CsOnlineSchedule', 'New-CsOnlineTimeRange', 'New-CsOnlineDateTimeRange', 'New-CsAutoAttendantCallHandlingAssociation'
    ],
    diff(r, { snapshot, index }) {
        const found = autoAttendantsNamed(snapshot.autoAttendants, r.name)[0];
        if (!found) return { action: 'create', note: `dial scope: ${r.groups.map(g => g.key).join(', ') || 'none'}` };
        const operator = r.operator === undefined ? undefined
            : r.operator.type === 'ApplicationEndpoint' ? index.accountId(r.operator.account) ?? r.operator.account : r.operator.number;
        return updateIfDiffers(compare([
            ['languageId', found.languageId, r.languageId, 'ignoreCase'],
            ['timeZoneId', found.timeZoneId, r.timeZoneId, 'ignoreCase'],
            ['directorySearch', found.directorySearch, r.directorySearch, 'ignoreCase'],
            ['operator', found.operatorId, operator, 'ignoreCase'],
            // A group not found (or ambiguous) is the group's finding: the dial scope is compared once every group resolves.
            ['dialScope', sorted(found.groupIds), groupIdsOf(r, snapshot)],
            ...scheduleFields(r, found, upn => index.accountId(upn) ?? upn)
        ]));
    },
    notManaged: (declared, { snapshot }) => {
        const names = new Set(declared.map(r => r.name.toLowerCase()));
        return snapshot.autoAttendants.map(a => a.name).filter(n => !names.has(n.toLowerCase()));
    },
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const name = psString(r.name);
        const label = psString(this.label);
        const groupIds = `@(${r.groups.map(g => psRef({ $ref: 'group-id', key: g.key })).join(', ')})`;
        const operatorId = r.operator === undefined ? undefined
            : r.operator.type === 'ApplicationEndpoint' ? psRef({ $ref: 'account-id', key: r.operator.account }) : psString(r.operator.number);
        const schedule = r.schedule ? scheduleDiffers(r.schedule) : [];
        const differs = [
            `$current.LanguageId -ne ${psString(r.languageId)}`, `$current.TimeZoneId -ne ${psString(r.timeZoneId)}`,
            `[string]$current.DefaultCallFlow.Menu.DirectorySearchMethod -ne ${psString(r.directorySearch)}`,
            ...(operatorId !== undefined ? [`[string]$current.Operator.Id -ne ${operatorId}`] : []),
            `-not (Test-VoiceSameSet $current.DirectoryLookupScope.InclusionScope.GroupScope.GroupIds ${groupIds})`,
            ...schedule
        ];
        return [
            '# Dial scope: the groups granted the Shared Calling policies that share this account [SC-SETUP], wherever the setup declares them.',
            ...r.groups.map(g => `if (-not $GroupIds.ContainsKey(${psString(g.key)})) { $GroupIds[${psString(g.key)}] = (Find-VoiceGroup ${
                g.objectId !== undefined ? `-ObjectId ${psString(g.objectId)}` : `-DisplayName ${psString(g.displayName ?? '')}`}).id }`),
            `$current = Find-VoiceAutoAttendant -Name ${name}`,
            'if ($null -eq $current) {',
            guarded(name, 'Create auto attendant', [
                `$created = ${psCall(create(r))}`,
                '# No unique name in Teams: keep what was made, so the association below and a later run find it.',
                `$VoiceCreated[${psString(`auto-attendant:${r.name}`)}] = $created`
            ], 'Created', this.label),
            `} elseif (${differs.join(' -or ')}) {`,
            guarded(name, `Update auto attendant (language, time zone, menu, operator, dial scope${r.schedule ? ', hours, holidays' : ''})`,
                [`${psCall(update(r), { 'auto-attendant-id': '$current.Id' })} | Out-Null`], 'Changed', this.label),
            `} else { Add-VoiceResult Unchanged ${label} ${name} }`
        ];
    }
};
