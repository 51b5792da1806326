/** Phone number assignment: Get/Set/Remove-CsPhoneNumberAssignment [SET-PNA, REM-PNA, GET-PNA]. */
import { isResourceAccount, NUMBER_TYPES, PLAN_TEAMS_PHONE, SKU_PHONESYSTEM_VIRTUALUSER, type NumberType, type PhoneNumber, type User } from '../model.js';
import { normaliseNumber, type Tenant } from '../tenant.js';
import { hasLicense, hasServicePlan, requireUser, teamsError, type CmdletHandler } from './cmdlet.js';
import { has, optionalBool, optionalInt, optionalString, requiredString, type Params } from './params.js';

export const POLICY_TARGET_PREFIX = 'TeamsSharedCallingRoutingPolicy|Tag:';

/** Country calling codes for Direct Routing numbers that are not in the inventory yet. */
const CALLING_CODES: [string, string][] = [
    ['1', 'US'], ['44', 'GB'], ['49', 'DE'], ['33', 'FR'], ['31', 'NL'], ['32', 'BE'], ['34', 'ES'], ['39', 'IT'], ['41', 'CH'],
    ['43', 'AT'], ['45', 'DK'], ['46', 'SE'], ['47', 'NO'], ['353', 'IE'], ['61', 'AU'], ['64', 'NZ'], ['65', 'SG'], ['81', 'JP'], ['91', 'IN']
];

/** An unset location reads back as the zero GUID, as Microsoft's examples show [GET-PNA]. */
export const NO_LOCATION = '00000000-0000-0000-0000-000000000000';

export function countryOf(e164: string): string | null {
    const digits = e164.replace(/^\+/, '');
    return CALLING_CODES.filter(([code]) => digits.startsWith(code)).sort((a, b) => b[0].length - a[0].length)[0]?.[1] ?? null;
}

/** Validates a number as Teams accepts it: E.164 with optional `+`, no `tel:`, `;ext=` only for Direct Routing [SET-PNA]. */
export function parseTelephoneNumber(value: string, numberType: NumberType | null): string {
    // rule: number-no-tel-prefix [SET-PNA]
    if (/^tel:/i.test(value.trim())) throw teamsError(`TelephoneNumber '${value}' must not have a 'tel:' prefix.`);
    const number = normaliseNumber(value);
    const match = /^\+([1-9]\d{0,14})(;ext=\d+)?$/.exec(number);
    // rule: number-e164 [SET-PNA]
    if (!match) throw teamsError(`TelephoneNumber '${value}' is not a valid E.164 number (for example +12065551234).`);
    // rule: number-ext-direct-routing [SET-PNA]
    if (match[2] && numberType !== null && numberType !== 'DirectRouting') throw teamsError(`Extensions (;ext=) are only supported on DirectRouting numbers.`);
    return number;
}

function numberType(params: Params, name: string): NumberType {
    const value = requiredString(params, name);
    const match = NUMBER_TYPES.find(t => t.toLowerCase() === value.toLowerCase());
    // rule: accepted-values
    if (!match) throw teamsError(`Cannot validate argument on parameter 'NumberType'. The argument "${value}" does not belong to the set "${NUMBER_TYPES.join(',')}".`);
    return match;
}

/** Finds the inventory entry; Direct Routing numbers the tenant owns are added on first use. */
export function inventoryNumber(tenant: Tenant, telephoneNumber: string, type: NumberType): PhoneNumber {
    const existing = tenant.findNumber(telephoneNumber);
    if (existing) {
        // rule: number-type-matches [UNCONFIRMED]
        if (existing.numberType !== type) throw teamsError(`The telephone number ${telephoneNumber} is a ${existing.numberType} number, not ${type}.`);
        return existing;
    }
    // rule: number-in-inventory [SET-PNA]
    if (type !== 'DirectRouting') throw teamsError(`The telephone number ${telephoneNumber} was not found in the tenant's ${type} number inventory.`, 'NotFound', 404);
    const created: PhoneNumber = {
        // Microsoft's examples show Direct Routing numbers without a country [GET-PNA].
        telephoneNumber, numberType: 'DirectRouting', isoCountryCode: '', city: null,
        assignedPstnTargetId: null, locationId: null, capabilities: ['UserAssignment', 'VoiceApplicationAssignment'], activationState: 'Activated'
    };
    tenant.state.phoneNumbers.push(created);
    return created;
}

export function requireLocation(tenant: Tenant, locationId: string): string {
    const location = tenant.state.locations.find(l => l.locationId.toLowerCase() === locationId.toLowerCase() && tenant.seenByWrites(l.locationId));
    // rule: number-location-exists [SET-PNA]
    if (!location) throw teamsError(`The location '${locationId}' was not found. Use Get-CsOnlineLisLocation for valid LocationId values.`, 'NotFound', 404);
    return location.locationId;
}

function requireVoiceLicence(tenant: Tenant, user: User): void {
    if (isResourceAccount(user)) {
        // Without the resource account licence, number assignment fails [RA-MANAGE-OLD, RA-LIC].
        if (!hasLicense(user, SKU_PHONESYSTEM_VIRTUALUSER)) {
            // rule: ra-licence-for-number [RA-MANAGE-OLD, RA-LIC]
            throw teamsError(`The resource account '${user.userPrincipalName}' does not have a Microsoft Teams Phone Resource Account licence (PHONESYSTEM_VIRTUALUSER ${SKU_PHONESYSTEM_VIRTUALUSER}); assign it before assigning a phone number.`, 'Forbidden', 403);
        }
    } else if (!hasServicePlan(tenant, user, PLAN_TEAMS_PHONE)) {
        // rule: user-teams-phone-for-number [SC-SETUP, SKU-REF]
        throw teamsError(`The user '${user.userPrincipalName}' does not have a Teams Phone licence (no assigned SKU carries the Teams Phone service plan MCOEV ${PLAN_TEAMS_PHONE}).`, 'Forbidden', 403);
    }
}

function assignmentStatus(tenant: Tenant, n: PhoneNumber): string {
    if (!n.assignedPstnTargetId) return 'Unassigned';
    if (n.assignedPstnTargetId.startsWith(POLICY_TARGET_PREFIX)) return 'PolicyAssigned';
    const user = tenant.state.users.find(u => u.id === n.assignedPstnTargetId);
    return user && isResourceAccount(user) ? 'VoiceApplicationAssigned' : 'UserAssigned';
}

function assignmentView(tenant: Tenant, n: PhoneNumber): Record<string, unknown> {
    const location = n.locationId ? tenant.state.locations.find(l => l.locationId === n.locationId) : undefined;
    return {
        TelephoneNumber: n.telephoneNumber, OperatorId: null, NumberType: n.numberType, ActivationState: n.activationState,
        AssignedPstnTargetId: n.assignedPstnTargetId, AssignmentCategory: n.assignedPstnTargetId ? 'Primary' : null,
        Capability: [...n.capabilities], City: n.city, CivicAddressId: location?.civicAddressId ?? null, IsoCountryCode: n.isoCountryCode || null,
        IsoSubdivision: null, LocationId: n.locationId ?? NO_LOCATION, LocationUpdateSupported: true, NetworkSiteId: null, PortInOrderStatus: null,
        PstnAssignmentStatus: assignmentStatus(tenant, n), PstnPartnerId: null, PstnPartnerName: null, NumberSource: 'Online',
        ReverseNumberLookup: [], Tag: [], AssignmentBlockedState: null, AssignmentBlockedUntil: null, SmsActivationState: null, SmsProfileId: null
    };
}

function unassign(tenant: Tenant, user: User, numbers: PhoneNumber[]): void {
    for (const n of numbers) {
        n.assignedPstnTargetId = null;
        // Extension numbers exist only through their assignment.
        if (n.telephoneNumber.includes(';ext=')) tenant.state.phoneNumbers.splice(tenant.state.phoneNumbers.indexOf(n), 1);
    }
    // Unassigning sets EnterpriseVoiceEnabled to False [REM-PNA].
    user.enterpriseVoiceEnabled = false;
    user.modifiedDateTime = new Date().toISOString();
}

export const numberCmdlets: Record<string, CmdletHandler> = {
    'Get-CsPhoneNumberAssignment': (tenant, params) => {
        const target = optionalString(params, 'AssignedPstnTargetId');
        let targetId: string | null = null;
        if (target !== null) targetId = target.startsWith(POLICY_TARGET_PREFIX) ? target : tenant.findUser(target)?.id ?? '<none>';
        const exact = optionalString(params, 'TelephoneNumber');
        const filters: ((n: PhoneNumber) => boolean)[] = [
            n => targetId === null || (n.assignedPstnTargetId ?? '').toLowerCase() === targetId.toLowerCase(),
            n => exact === null || n.telephoneNumber.toLowerCase() === normaliseNumber(exact),
            n => !has(params, 'TelephoneNumberStartsWith') || n.telephoneNumber.startsWith(normaliseNumber(String(params.TelephoneNumberStartsWith))),
            n => !has(params, 'TelephoneNumberContain') || n.telephoneNumber.includes(String(params.TelephoneNumberContain)),
            n => !has(params, 'NumberType') || n.numberType.toLowerCase() === String(params.NumberType).toLowerCase(),
            n => !has(params, 'IsoCountryCode') || n.isoCountryCode.toLowerCase() === String(params.IsoCountryCode).toLowerCase(),
            n => !has(params, 'LocationId') || (n.locationId ?? NO_LOCATION).toLowerCase() === String(params.LocationId).toLowerCase(),
            n => !has(params, 'ActivationState') || n.activationState.toLowerCase() === String(params.ActivationState).toLowerCase(),
            n => !has(params, 'CapabilitiesContain') || String(params.CapabilitiesContain).split(',').every(c => n.capabilities.some(x => x.toLowerCase() === c.trim().toLowerCase())),
            n => !has(params, 'PstnAssignmentStatus') || assignmentStatus(tenant, n).toLowerCase() === String(params.PstnAssignmentStatus).toLowerCase()
        ];
        const skip = optionalInt(params, 'Skip') ?? 0;
        const top = Math.min(optionalInt(params, 'Top') ?? 500, 1000);
        return tenant.state.phoneNumbers.filter(n => filters.every(f => f(n))).slice(skip, skip + top).map(n => assignmentView(tenant, n));
    },

    'Set-CsPhoneNumberAssignment': (tenant, params) => {
        const identity = optionalString(params, 'Identity');
        const evEnabled = optionalBool(params, 'EnterpriseVoiceEnabled');
        const rawNumber = optionalString(params, 'TelephoneNumber');
        if (identity !== null && evEnabled !== null) {
            // rule: ev-excludes-number [SET-PNA]
            if (rawNumber !== null) throw teamsError('-EnterpriseVoiceEnabled cannot be combined with -TelephoneNumber.');
            const user = requireUser(tenant, identity);
            if (evEnabled) requireVoiceLicence(tenant, user);
            user.enterpriseVoiceEnabled = evEnabled;
            user.modifiedDateTime = new Date().toISOString();
            return null;
        }
        // rule: mandatory-parameter
        if (rawNumber === null) throw teamsError(`Cannot validate argument on parameter 'TelephoneNumber'. The argument is null or empty.`);
        if (identity === null) {
            // LocationUpdate: set or clear ('null') the location of an assigned or unassigned number.
            const number = tenant.findNumber(parseTelephoneNumber(rawNumber, null));
            // rule: unknown-identity
            if (!number) throw teamsError(`The telephone number ${rawNumber} was not found in the tenant.`, 'NotFound', 404);
            const locationId = requiredString(params, 'LocationId');
            number.locationId = locationId === 'null' ? null : requireLocation(tenant, locationId);
            return null;
        }
        const user = requireUser(tenant, identity);
        const type = numberType(params, 'NumberType');
        const telephoneNumber = parseTelephoneNumber(rawNumber, type);
        requireVoiceLicence(tenant, user);
        const number = inventoryNumber(tenant, telephoneNumber, type);
        if (number.assignedPstnTargetId && number.assignedPstnTargetId !== user.id) {
            if (number.assignedPstnTargetId.startsWith(POLICY_TARGET_PREFIX)) {
                // An emergency number used in an SC policy can't be reassigned until removed from it [SC-SETUP].
                // rule: scrp-ecn-not-assignable [SC-SETUP]
                throw teamsError(`The telephone number ${telephoneNumber} is an emergency callback number of shared calling policy '${number.assignedPstnTargetId.slice(POLICY_TARGET_PREFIX.length)}' and cannot be assigned until it is removed from the policy.`, 'Conflict', 409);
            }
            // rule: number-assigned-once [SET-PNA, SC-SETUP]
            throw teamsError(`The telephone number ${telephoneNumber} is already assigned to another user or resource account.`, 'Conflict', 409);
        }
        const locationId = optionalString(params, 'LocationId');
        if (locationId !== null) number.locationId = locationId === 'null' ? null : requireLocation(tenant, locationId);
        for (const old of tenant.numbersAssignedTo(user.id)) if (old !== number) old.assignedPstnTargetId = null;
        number.assignedPstnTargetId = user.id;
        // Assigning a number sets EnterpriseVoiceEnabled to True [SET-PNA].
        user.enterpriseVoiceEnabled = true;
        user.modifiedDateTime = new Date().toISOString();
        return null;
    },

    'Remove-CsPhoneNumberAssignment': (tenant, params) => {
        const user = requireUser(tenant, requiredString(params, 'Identity'));
        if (params.RemoveAll === true) {
            unassign(tenant, user, tenant.numbersAssignedTo(user.id));
            return null;
        }
        const telephoneNumber = parseTelephoneNumber(requiredString(params, 'TelephoneNumber'), null);
        const type = numberType(params, 'NumberType');
        const number = tenant.numbersAssignedTo(user.id).find(n => n.telephoneNumber.toLowerCase() === telephoneNumber);
        // rule: unknown-identity
        if (!number || number.numberType !== type) throw teamsError(`The telephone number ${telephoneNumber} (${type}) is not assigned to '${user.userPrincipalName}'.`, 'NotFound', 404);
        unassign(tenant, user, [number]);
        return null;
    }
};
