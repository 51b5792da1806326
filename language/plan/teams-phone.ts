/**
 * Whether a user holds Teams Phone: the Teams Phone service plan (MCOEV) in any assigned SKU
 * (Teams Phone Standard, E5, Teams Phone for frontline workers…), not switched off there
 * [SKU-REF, SC-SETUP]. One reading for the plan's tenant check and the readiness report.
 */

/** The Teams Phone service plan (MCOEV), in Teams Phone Standard, E5 and other SKUs [SKU-REF]. */
export const TEAMS_PHONE_SERVICE_PLAN = '4828c8ec-dc2e-4779-b502-87ac9ce28ab7';

export interface AssignedLicence { skuId: string; disabledPlans: string[] }
export interface SkuServicePlans { skuId: string; skuPartNumber: string; servicePlanIds: string[] }

export type TeamsPhone =
    | { state: 'enabled'; skus: string[] }
    /** Carried by the SKUs named, but switched off (disabledPlans) in each. */
    | { state: 'disabled'; skus: string[] }
    | { state: 'none' };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function teamsPhoneOf(licences: readonly AssignedLicence[], skus: readonly SkuServicePlans[]): TeamsPhone {
    const carrying = licences.flatMap(l => {
        const sku = skus.find(s => same(s.skuId, l.skuId));
        return sku && sku.servicePlanIds.some(p => same(p, TEAMS_PHONE_SERVICE_PLAN))
            ? [{ sku: sku.skuPartNumber, disabled: l.disabledPlans.some(d => same(d, TEAMS_PHONE_SERVICE_PLAN)) }]
            : [];
    });
    const enabled = carrying.filter(c => !c.disabled);
    if (enabled.length > 0) return { state: 'enabled', skus: enabled.map(c => c.sku) };
    if (carrying.length > 0) return { state: 'disabled', skus: carrying.map(c => c.sku) };
    return { state: 'none' };
}

/** The state in words, as the plan and the report show it. */
export function describeTeamsPhone(phone: TeamsPhone): string {
    switch (phone.state) {
        case 'enabled': return `MCOEV in ${phone.skus.join(', ')}`;
        case 'disabled': return `MCOEV is switched off in ${phone.skus.join(', ')}`;
        case 'none': return 'none: no assigned SKU has the Teams Phone service plan (MCOEV)';
    }
}
