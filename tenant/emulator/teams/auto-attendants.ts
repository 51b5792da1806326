/**
 * Auto attendants: the in-memory builders (callable entity, menu option, menu, call flow, dial
 * scope) and New-/Set-/Get-CsAutoAttendant [AA-NEW, AA-SET, AA-GET, AA-ENTITY, AA-MENUOPT,
 * AA-MENU, AA-CALLFLOW, AA-DIALSCOPE]. The objects' JSON
 * shape is the emulator's reading: the pages list the properties (Get-CsAutoAttendant's
 * example output), not their serialised form; the product reads them defensively.
 */
import type { AutoAttendant } from '../model.js';
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

function view(tenant: Tenant, a: AutoAttendant): Json {
    return {
        Id: a.id, TenantId: tenant.state.tenantId, Name: a.name, LanguageId: a.languageId, VoiceId: a.voiceId, DefaultCallFlow: a.defaultCallFlow,
        Operator: a.operator, TimeZoneId: a.timeZoneId, VoiceResponseEnabled: false, CallFlows: a.callFlows, Schedules: [],
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

export const autoAttendantCmdlets: Record<string, CmdletHandler> = {
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
