/** Shared Calling routing policies: Get/New/Set/Remove-CsTeamsSharedCallingRoutingPolicy [NEW-SCRP, SET-SCRP, GET-SCRP, REM-SCRP, SC-SETUP]. */
import { isResourceAccount, type PhoneNumber, type SharedCallingPolicy, type User } from '../model.js';
import { stripTag, type Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { countryOf, inventoryNumber, parseTelephoneNumber, POLICY_TARGET_PREFIX } from './numbers.js';
import { applyModifier, isGuid, listModifier, optionalString, requiredString, type ListModifier, type Params } from './params.js';

function policyView(p: SharedCallingPolicy): Record<string, unknown> {
    return { Identity: `Tag:${p.identity}`, ResourceAccount: p.resourceAccount, EmergencyNumbers: [...p.emergencyNumbers], Description: p.description };
}

function findPolicy(tenant: Tenant, identity: string): SharedCallingPolicy | undefined {
    const key = stripTag(identity).toLowerCase();
    return tenant.state.sharedCallingPolicies.find(p => p.identity.toLowerCase() === key);
}

/** The resource account must be given by Identity/ObjectId and have a number with a location [NEW-SCRP, SC-SETUP]. */
function resolveResourceAccount(tenant: Tenant, value: string): { account: User; number: PhoneNumber } {
    if (!isGuid(value)) {
        // rule: scrp-ra-by-identity [NEW-SCRP]
        throw teamsError(`ResourceAccount '${value}' is not valid: the resource account can only be specified using the Identity or ObjectId of the resource account, for example (Get-CsOnlineUser ra@contoso.com).Identity.`);
    }
    const account = tenant.findUser(value);
    // rule: unknown-identity
    if (!account) throw teamsError(`The resource account '${value}' was not found.`, 'NotFound', 404);
    // rule: scrp-ra-is-resource-account [NEW-SCRP]
    if (!isResourceAccount(account)) throw teamsError(`'${account.userPrincipalName}' is not a resource account.`);
    const number = tenant.numbersAssignedTo(account.id)[0];
    // rule: scrp-ra-has-number [NEW-SCRP, SC-SETUP]
    if (!number) throw teamsError(`The resource account '${account.userPrincipalName}' has no phone number assigned; assign one with Set-CsPhoneNumberAssignment first.`);
    // rule: scrp-ra-number-location [NEW-SCRP, SC-SETUP]
    if (!number.locationId) throw teamsError(`The phone number ${number.telephoneNumber} of resource account '${account.userPrincipalName}' has no emergency location assigned; set one with Set-CsPhoneNumberAssignment -LocationId.`);
    // A Direct Routing account without a voice routing policy with PSTN usages is not refused here:
    // [SC-SETUP] requires the policy for calls to go out, but no page says the policy cmdlets check
    // it ([NEW-SCRP] lists the account's requirements without it). The validator's
    // direct-routing-without-route and the compiled setup's own grant cover it on the product side.
    return { account, number };
}

/**
 * Emergency callback numbers: same type and country as the RA number, not assigned, not in
 * another policy [NEW-SCRP]. Checks only; `reserve` marks the number as the policy's.
 */
function checkEmergencyNumber(tenant: Tenant, policyName: string, telephoneNumber: string, raNumber: PhoneNumber): PhoneNumber | null {
    const existing = tenant.findNumber(telephoneNumber);
    if (!existing && raNumber.numberType !== 'DirectRouting') {
        // rule: scrp-ecn-in-inventory [NEW-SCRP]
        throw teamsError(`The emergency number ${telephoneNumber} must be available within the organization (${raNumber.numberType} inventory).`);
    }
    const type = existing?.numberType ?? 'DirectRouting';
    if (type !== raNumber.numberType) {
        // rule: scrp-ecn-same-type [NEW-SCRP]
        throw teamsError(`The emergency number ${telephoneNumber} is a ${type} number; emergency numbers must have the same number type as the resource account's number (${raNumber.numberType}).`);
    }
    // Direct Routing numbers may carry no IsoCountryCode [GET-PNA]: the calling code decides then.
    const country = existing?.isoCountryCode || countryOf(telephoneNumber);
    const raCountry = raNumber.isoCountryCode || countryOf(raNumber.telephoneNumber);
    if (country !== raCountry) {
        // rule: scrp-ecn-same-country [NEW-SCRP]
        throw teamsError(`The emergency number ${telephoneNumber} is in ${country ?? 'an unknown country'}; emergency numbers must be in the same country as the resource account's number (${raCountry}).`);
    }
    const target = `${POLICY_TARGET_PREFIX}${policyName}`;
    if (existing?.assignedPstnTargetId && existing.assignedPstnTargetId.toLowerCase() !== target.toLowerCase()) {
        if (existing.assignedPstnTargetId.startsWith(POLICY_TARGET_PREFIX)) {
            // rule: scrp-ecn-one-policy [NEW-SCRP]
            throw teamsError(`The emergency number ${telephoneNumber} is already used by shared calling policy '${existing.assignedPstnTargetId.slice(POLICY_TARGET_PREFIX.length)}'; an emergency number can't be used in more than one shared calling policy.`, 'Conflict', 409);
        }
        // rule: scrp-ecn-unassigned [NEW-SCRP]
        throw teamsError(`The emergency number ${telephoneNumber} is assigned to a user or resource account; emergency numbers can't be assigned to any user or resource account.`, 'Conflict', 409);
    }
    return existing ?? null;
}

function reserveEmergencyNumber(tenant: Tenant, policyName: string, telephoneNumber: string): void {
    const number = tenant.findNumber(telephoneNumber) ?? inventoryNumber(tenant, telephoneNumber, 'DirectRouting');
    number.assignedPstnTargetId = `${POLICY_TARGET_PREFIX}${policyName}`;
}

function releaseEmergencyNumbers(tenant: Tenant, policyName: string, numbers: string[]): void {
    const target = `${POLICY_TARGET_PREFIX}${policyName}`.toLowerCase();
    for (const raw of numbers) {
        const number = tenant.findNumber(raw);
        if (number && number.assignedPstnTargetId?.toLowerCase() === target) number.assignedPstnTargetId = null;
    }
}

/**
 * The policy's numbers after a PSListModifier (a plain list sets them all, then remove, then
 * add, as every list parameter of the emulator), every number checked before any changes.
 */
function nextEmergencyNumbers(tenant: Tenant, policy: SharedCallingPolicy, modifier: ListModifier | null, raNumber: PhoneNumber): string[] {
    const next = applyModifier(policy.emergencyNumbers, modifier, raw => parseTelephoneNumber(String(raw), raNumber.numberType), n => n);
    for (const n of next) checkEmergencyNumber(tenant, policy.identity, n, raNumber);
    return next;
}

function commitEmergencyNumbers(tenant: Tenant, policy: SharedCallingPolicy, next: string[]): void {
    const kept = new Set(next.map(n => n.toLowerCase()));
    releaseEmergencyNumbers(tenant, policy.identity, policy.emergencyNumbers.filter(n => !kept.has(n.toLowerCase())));
    for (const n of next) reserveEmergencyNumber(tenant, policy.identity, n);
    policy.emergencyNumbers = next;
}

function wildcard(pattern: string): RegExp {
    return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

function setPolicy(tenant: Tenant, policy: SharedCallingPolicy, params: Params, isNew: boolean): void {
    const raValue = optionalString(params, 'ResourceAccount');
    // rule: mandatory-parameter
    if (isNew && raValue === null) throw teamsError(`Cannot validate argument on parameter 'ResourceAccount'. The argument is null or empty.`);
    const { account, number } = resolveResourceAccount(tenant, raValue ?? policy.resourceAccount);
    // All numbers (kept ones too: a new resource account re-checks them) are checked before anything changes.
    const numbers = nextEmergencyNumbers(tenant, policy, listModifier(params, 'EmergencyNumbers'), number);
    policy.resourceAccount = account.id;
    commitEmergencyNumbers(tenant, policy, numbers);
    const description = optionalString(params, 'Description');
    if (description !== null) policy.description = description;
}

export const sharedCallingCmdlets: Record<string, CmdletHandler> = {
    'New-CsTeamsSharedCallingRoutingPolicy': (tenant, params) => {
        const identity = stripTag(requiredString(params, 'Identity'));
        // rule: duplicate-identity
        if (identity.toLowerCase() === 'global' || findPolicy(tenant, identity)) throw teamsError(`A shared calling routing policy named '${identity}' already exists.`, 'Conflict', 409);
        const policy: SharedCallingPolicy = { identity, policyId: tenant.newId(), resourceAccount: '', emergencyNumbers: [], description: null };
        setPolicy(tenant, policy, params, true);
        tenant.state.sharedCallingPolicies.push(policy);
        tenant.created(policy.policyId);
        return policyView(policy);
    },

    'Set-CsTeamsSharedCallingRoutingPolicy': (tenant, params) => {
        const identity = requiredString(params, 'Identity');
        const policy = findPolicy(tenant, identity);
        // rule: unknown-identity
        if (!policy) throw teamsError(`Cannot get policy '${identity}' because it does not exist.`, 'NotFound', 404);
        setPolicy(tenant, policy, params, false);
        return null;
    },

    'Get-CsTeamsSharedCallingRoutingPolicy': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const filter = optionalString(params, 'Filter');
        if (id !== null && id.toLowerCase() === 'global') return [{ Identity: 'Global', ResourceAccount: null, EmergencyNumbers: [], Description: null }];
        const list = tenant.state.sharedCallingPolicies.filter(p => tenant.isVisible(p.policyId)
            && (id === null || p.identity.toLowerCase() === stripTag(id).toLowerCase())
            && (filter === null || wildcard(filter).test(`Tag:${p.identity}`)));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get policy '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(policyView);
    },

    'Remove-CsTeamsSharedCallingRoutingPolicy': (tenant, params) => {
        const identity = requiredString(params, 'Identity');
        const policy = findPolicy(tenant, identity);
        // rule: unknown-identity
        if (!policy) throw teamsError(`Cannot remove policy '${identity}' because it does not exist.`, 'NotFound', 404);
        // An assigned policy is not refused: Remove-CsTeamsSharedCallingRoutingPolicy documents no such rule.
        releaseEmergencyNumbers(tenant, policy.identity, policy.emergencyNumbers);
        tenant.state.sharedCallingPolicies.splice(tenant.state.sharedCallingPolicies.indexOf(policy), 1);
        return null;
    }
};
