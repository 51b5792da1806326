/** Emergency call routing: New-CsTeamsEmergencyNumber and *-CsTeamsEmergencyCallRoutingPolicy [EN-NEW, ECRP-NEW, EMERG]. */
import type { EmergencyCallRoutingPolicy, EmergencyNumber } from '../model.js';
import { stripTag, type Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { applyModifier, has, listModifier, optionalBool, optionalString, requiredString } from './params.js';
import { policyIdentity, requireUsages } from './routing.js';

/** Dial strings without '+' (clients do not prepend it [EMERG]); masks of 1–10 digits, ';'-separated [EN-NEW]. */
export function emergencyNumber(tenant: Tenant, raw: unknown): EmergencyNumber {
    const o = raw && typeof raw === 'object' ? raw as Record<string, unknown> : {};
    const pick = (name: string): string | null => {
        const key = Object.keys(o).find(k => k.toLowerCase() === name.toLowerCase());
        const v = key === undefined ? undefined : o[key];
        return v === undefined || v === null || v === '' ? null : String(v);
    };
    const dialString = pick('EmergencyDialString');
    // rule: mandatory-parameter
    if (dialString === null) throw teamsError(`EmergencyDialString is required.`);
    // rule: en-dial-string-no-plus [EMERG, EN-NEW]
    if (dialString.includes('+')) throw teamsError(`EmergencyDialString '${dialString}' must not contain '+': Teams clients do not prepend the "+" with emergency numbers.`);
    // rule: en-dial-string-digits [EN-NEW; UNCONFIRMED]
    if (!/^\d+$/.test(dialString)) throw teamsError(`EmergencyDialString '${dialString}' must contain digits only.`);
    const mask = pick('EmergencyDialMask');
    if (mask !== null && !mask.split(';').every(m => /^\d{1,10}$/.test(m))) {
        // rule: en-dial-mask [EN-NEW]
        throw teamsError(`EmergencyDialMask '${mask}' is invalid: use ';'-separated masks of 1 to 10 digits (0-9), without '+'.`);
    }
    const usage = pick('OnlinePSTNUsage');
    if (usage !== null) requireUsages(tenant, [usage]);
    return { emergencyDialString: dialString, emergencyDialMask: mask, onlinePstnUsage: usage };
}

function numberView(n: EmergencyNumber): Record<string, unknown> {
    return { EmergencyDialString: n.emergencyDialString, EmergencyDialMask: n.emergencyDialMask, OnlinePSTNUsage: n.onlinePstnUsage };
}

function ecrpView(p: EmergencyCallRoutingPolicy): Record<string, unknown> {
    return {
        Identity: policyIdentity(p.identity), EmergencyNumbers: p.emergencyNumbers.map(numberView),
        AllowEnhancedEmergencyServices: p.allowEnhancedEmergencyServices, Description: p.description
    };
}

function findEcrp(tenant: Tenant, identity: string): EmergencyCallRoutingPolicy | undefined {
    const key = stripTag(identity).toLowerCase();
    return tenant.state.emergencyCallRoutingPolicies.find(p => p.identity.toLowerCase() === key);
}

export const emergencyCmdlets: Record<string, CmdletHandler> = {
    // The number object only exists in memory [EN-NEW]: validated here, not stored.
    'New-CsTeamsEmergencyNumber': (tenant, params) => numberView(emergencyNumber(tenant, params)),

    'New-CsTeamsEmergencyCallRoutingPolicy': (tenant, params) => {
        const identity = stripTag(requiredString(params, 'Identity'));
        // rule: duplicate-identity
        if (findEcrp(tenant, identity)) throw teamsError(`An emergency call routing policy named '${identity}' already exists.`, 'Conflict', 409);
        const description = optionalString(params, 'Description');
        // rule: description-length
        if (description !== null && description.length > 512) throw teamsError(`Description must be at most 512 characters.`);
        // `@{add=...}` appends to the values of the Global instance; a plain value overrides them [ECRP-NEW].
        // Only Add and Remove exist as list operations since module 4.2.0 (teams-facts Corrections 2).
        const global = findEcrp(tenant, 'Global')?.emergencyNumbers ?? [];
        const numbers = applyModifier(global, listModifier(params, 'EmergencyNumbers'), raw => emergencyNumber(tenant, raw), n => n.emergencyDialString);
        const policy: EmergencyCallRoutingPolicy = {
            identity, policyId: tenant.newId(), emergencyNumbers: numbers,
            allowEnhancedEmergencyServices: optionalBool(params, 'AllowEnhancedEmergencyServices') ?? false, description
        };
        tenant.state.emergencyCallRoutingPolicies.push(policy);
        tenant.created(policy.policyId);
        return ecrpView(policy);
    },

    // The modifier works on this policy's own numbers (add/remove; a plain list sets the whole list).
    'Set-CsTeamsEmergencyCallRoutingPolicy': (tenant, params) => {
        const identity = requiredString(params, 'Identity');
        const policy = findEcrp(tenant, identity);
        // rule: unknown-identity
        if (!policy) throw teamsError(`Cannot get policy '${identity}' because it does not exist.`, 'NotFound', 404);
        const description = optionalString(params, 'Description');
        // rule: description-length
        if (description !== null && description.length > 512) throw teamsError(`Description must be at most 512 characters.`);
        const numbers = applyModifier(policy.emergencyNumbers, listModifier(params, 'EmergencyNumbers'), raw => emergencyNumber(tenant, raw), n => n.emergencyDialString);
        policy.emergencyNumbers = numbers;
        if (has(params, 'Description')) policy.description = description;
        policy.allowEnhancedEmergencyServices = optionalBool(params, 'AllowEnhancedEmergencyServices') ?? policy.allowEnhancedEmergencyServices;
        return null;
    },

    'Get-CsTeamsEmergencyCallRoutingPolicy': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const list = tenant.state.emergencyCallRoutingPolicies.filter(p => tenant.isVisible(p.policyId) && (id === null || p.identity.toLowerCase() === stripTag(id).toLowerCase()));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get policy '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(ecrpView);
    }
};
