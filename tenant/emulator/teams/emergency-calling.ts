/**
 * The emergency calling policy: who is notified of an emergency call (a security desk, as
 * Kari's Law and RAY BAUM'S Act expect in the US) and whether users may enter a remote
 * address [ECP-NEW, ECP-GET, ECP-GRANT; granting is in assignments.ts].
 *
 * The output fields are not documented beyond Example 4 of Get-CsTeamsEmergencyCallingPolicy
 * (`ExtendedNotifications`): the emulator names them after the parameters, and readers read
 * them defensively ([UNCONFIRMED]).
 */
import { emergencyCallingPolicies, type EmergencyCallingPolicy } from '../model.js';
import { stripTag, type Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { has, optionalString, requiredString, type Params } from './params.js';
import { policyIdentity } from './routing.js';

const NOTIFICATION_MODES = ['NotificationOnly', 'ConferenceMuted', 'ConferenceUnMuted'] as const;
const LOOKUP_MODES = ['Disabled', 'Enabled'] as const;

function view(p: EmergencyCallingPolicy): Record<string, unknown> {
    return {
        Identity: policyIdentity(p.identity), Description: p.description, NotificationGroup: p.notificationGroup,
        NotificationDialOutNumber: p.notificationDialOutNumber, NotificationMode: p.notificationMode,
        ExternalLocationLookupMode: p.externalLocationLookupMode, EnhancedEmergencyServiceDisclaimer: p.enhancedEmergencyServiceDisclaimer,
        ExtendedNotifications: []
    };
}

function find(tenant: Tenant, identity: string): EmergencyCallingPolicy | undefined {
    const key = stripTag(identity).toLowerCase();
    return emergencyCallingPolicies(tenant.state).find(p => p.identity.toLowerCase() === key);
}

function oneOf<T extends string>(params: Params, name: string, values: readonly T[]): T | null {
    const value = optionalString(params, name);
    if (value === null) return null;
    const match = values.find(v => v.toLowerCase() === value.toLowerCase());
    // rule: accepted-values
    if (!match) throw teamsError(`Cannot convert value "${value}" of parameter -${name}: use ${values.join(', ')}.`);
    return match;
}

/** The documented limits: description 512 characters, disclaimer 350, at most 10 notification addresses [ECP-NEW]. */
function settings(params: Params): Partial<EmergencyCallingPolicy> {
    const description = optionalString(params, 'Description');
    // rule: description-length
    if (description !== null && description.length > 512) throw teamsError('Description must be at most 512 characters.');
    const disclaimer = optionalString(params, 'EnhancedEmergencyServiceDisclaimer');
    // rule: ecp-disclaimer-350 [ECP-NEW]
    if (disclaimer !== null && disclaimer.length > 350) throw teamsError('EnhancedEmergencyServiceDisclaimer must be at most 350 characters.');
    const group = optionalString(params, 'NotificationGroup');
    if (group !== null && group.split(';').filter(a => a.trim() !== '').length > 10) {
        // rule: ecp-notification-group-10 [ECP-NEW]
        throw teamsError('NotificationGroup accepts at most 10 e-mail addresses, separated by ";".');
    }
    // Extended notifications are objects of New-CsTeamsEmergencyCallingExtendedNotification, which the emulator does not model.
    // rule: ecp-extended-notifications [ECP-NEW]
    if (has(params, 'ExtendedNotifications')) throw teamsError('The emulator does not model -ExtendedNotifications.', 'NotImplemented', 501);
    const out: Partial<EmergencyCallingPolicy> = {};
    if (has(params, 'Description')) out.description = description;
    if (has(params, 'EnhancedEmergencyServiceDisclaimer')) out.enhancedEmergencyServiceDisclaimer = disclaimer;
    if (has(params, 'NotificationGroup')) out.notificationGroup = group;
    if (has(params, 'NotificationDialOutNumber')) out.notificationDialOutNumber = optionalString(params, 'NotificationDialOutNumber');
    if (has(params, 'NotificationMode')) out.notificationMode = oneOf(params, 'NotificationMode', NOTIFICATION_MODES);
    if (has(params, 'ExternalLocationLookupMode')) out.externalLocationLookupMode = oneOf(params, 'ExternalLocationLookupMode', LOOKUP_MODES);
    return out;
}

/** `-Filter Test*`: a wildcard on the identity [ECP-GET]. */
function matchesFilter(identity: string, filter: string): boolean {
    const pattern = stripTag(filter).split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`, 'i').test(identity);
}

export const emergencyCallingCmdlets: Record<string, CmdletHandler> = {
    'New-CsTeamsEmergencyCallingPolicy': (tenant, params) => {
        const identity = stripTag(requiredString(params, 'Identity'));
        // rule: duplicate-identity
        if (find(tenant, identity)) throw teamsError(`An emergency calling policy named '${identity}' already exists.`, 'Conflict', 409);
        const policy: EmergencyCallingPolicy = {
            identity, policyId: tenant.newId(), notificationGroup: null, notificationDialOutNumber: null, notificationMode: null,
            externalLocationLookupMode: null, enhancedEmergencyServiceDisclaimer: null, description: null, ...settings(params)
        };
        emergencyCallingPolicies(tenant.state).push(policy);
        tenant.created(policy.policyId);
        return view(policy);
    },

    'Set-CsTeamsEmergencyCallingPolicy': (tenant, params) => {
        const identity = requiredString(params, 'Identity');
        const policy = find(tenant, identity);
        // rule: unknown-identity
        if (!policy) throw teamsError(`Cannot get policy '${identity}' because it does not exist.`, 'NotFound', 404);
        Object.assign(policy, settings(params));
        return null;
    },

    'Get-CsTeamsEmergencyCallingPolicy': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const filter = optionalString(params, 'Filter');
        const list = emergencyCallingPolicies(tenant.state).filter(p => tenant.isVisible(p.policyId)
            && (id === null || p.identity.toLowerCase() === stripTag(id).toLowerCase())
            && (filter === null || matchesFilter(p.identity, filter)));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get policy '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(view);
    }
};
