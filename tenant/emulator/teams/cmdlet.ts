/** What a Teams admin operation is: one function per cmdlet, reading the bound parameters. */
import { EmulatorError, notFound } from '../errors.js';
import { type User } from '../model.js';
import type { Tenant } from '../tenant.js';
import type { Params } from './params.js';

export type CmdletHandler = (tenant: Tenant, params: Params) => unknown;

/** The Teams module's wording when an identity does not resolve. */
export function requireUser(tenant: Tenant, identity: string): User {
    const user = tenant.findUser(identity);
    // rule: unknown-identity
    if (!user) throw notFound(`Management object not found for identity '${identity}'.`, 'NotFound');
    return user;
}

export function teamsError(message: string, code = 'BadRequest', status = 400): EmulatorError {
    return new EmulatorError(status, code, message);
}

/**
 * Whether any SKU assigned to the user carries `servicePlanId`, not disabled for them: "a
 * Teams Phone licence" is the MCOEV service plan in whichever SKU [SKU-REF].
 */
export function hasServicePlan(tenant: Tenant, user: User, servicePlanId: string): boolean {
    return user.assignedLicenses.some(l => !l.disabledPlans.some(p => p.toLowerCase() === servicePlanId.toLowerCase())
        && tenant.state.subscribedSkus.some(s => s.skuId.toLowerCase() === l.skuId.toLowerCase()
            && s.servicePlans.some(p => p.servicePlanId.toLowerCase() === servicePlanId.toLowerCase())));
}

export function hasLicense(user: User, skuId: string): boolean {
    return user.assignedLicenses.some(l => l.skuId.toLowerCase() === skuId.toLowerCase());
}
