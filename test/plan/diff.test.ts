/** The plan model: desired resources from a parsed setup, compared with a tenant snapshot. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../language/plan/diff.js';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { RESOURCE_ACCOUNT_SKU_ID } from '../../language/kinds/resource-account.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { emptySnapshot } from '../../language/plan/snapshot.js';
import { renderPlanText } from '../../language/plan/render.js';
import { BASE, clearAll, parse } from '../language/helpers.js';

const GROUP_ID = '11111111-2222-3333-4444-555555555555';

function snapshot(extra: Partial<TenantSnapshot> = {}): TenantSnapshot {
    return {
        ...emptySnapshot(),
        groups: [{ id: GROUP_ID, displayName: 'Store Associates' }],
        skus: [{ skuId: RESOURCE_ACCOUNT_SKU_ID, skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', enabled: 25, consumed: 0 }],
        ...extra
    };
}

async function plansOf(text: string) {
    const document = await parse(text);
    return planSetup([document.parseResult.value]);
}

const key = (c: PlannedChange) => `${c.action} ${c.resource.kind}:${c.resource.key}`;

beforeEach(clearAll);

describe('diffSetup', () => {
    it('creates everything on an empty tenant, with the group found', async () => {
        const plans = await plansOf(BASE);
        const plan = diffSetup(plans, snapshot());
        expect(plan.findings).toEqual([]);
        expect(plan.changes.map(key)).toContain('create shared-calling-policy:Frontline');
        expect(plan.changes.map(key)).toContain('unchanged group:StoreAssociates');
        expect(plan.changes.filter(c => c.action === 'update')).toEqual([]);
        expect(renderPlanText(plan, plans, 'test')).toMatch(/Plan: \d+ to create, 0 to update, 1 unchanged\./);
    });

    it('reports a missing group, an exhausted licence pool and a number assigned elsewhere', async () => {
        const plans = await plansOf(BASE);
        const plan = diffSetup(plans, snapshot({
            groups: [],
            skus: [{ skuId: RESOURCE_ACCOUNT_SKU_ID, skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', enabled: 1, consumed: 1 }],
            numbers: [{ telephoneNumber: '+12065550100', numberType: 'DirectRouting', assignedTo: 'someone-else' }]
        }));
        expect(plan.findings.map(f => f.code).sort()).toEqual(['group-not-found', 'licences-exhausted', 'number-assigned-elsewhere']);
    });

    it('requires Calling Plan numbers in the inventory but not Direct Routing ones', async () => {
        const text = BASE.replace(/direct-routing via CteloUS/g, 'calling-plan');
        const plan = diffSetup(await plansOf(text), snapshot());
        expect(plan.findings.filter(f => f.code === 'number-not-in-inventory').length).toBeGreaterThan(0);
        expect(diffSetup(await plansOf(BASE), snapshot()).findings.filter(f => f.code === 'number-not-in-inventory')).toEqual([]);
    });

    it('treats renumbered ranks in the declared order as unchanged, and a swapped order as an update of the grant out of place', async () => {
        const text = `${BASE}\ngroup Managers "Store Managers"\ngrant Frontline to Managers rank 5\nemergency Managers works-at SeattleStore via CteloUS\n`;
        const plans = await plansOf(text);
        const groups = [{ id: GROUP_ID, displayName: 'Store Associates' }, { id: 'g2', displayName: 'Store Managers' }];
        const assignments = (first: number, second: number) => [
            { groupId: GROUP_ID, policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Frontline', rank: first },
            { groupId: 'g2', policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Frontline', rank: second }
        ];
        const inOrder = diffSetup(plans, snapshot({ groups, groupAssignments: assignments(1, 2) }));
        const grants = (p: typeof inOrder) => p.changes.filter(c => c.resource.kind === 'group-grant' && c.resource.policyType === 'TeamsSharedCallingRoutingPolicy');
        expect(grants(inOrder).map(c => c.action)).toEqual(['unchanged', 'unchanged']);
        const swapped = diffSetup(plans, snapshot({ groups, groupAssignments: assignments(2, 1) }));
        // Store Associates stands below Managers, which the files put after it: it moves right above Managers.
        expect(grants(swapped).map(c => c.action)).toEqual(['update', 'unchanged']);
        expect(grants(swapped)[0].changes).toEqual([{ field: 'rank', from: 2, to: 1 }]);
    });

    it('lists tenant objects the files do not declare as not managed', async () => {
        const plan = diffSetup(await plansOf(BASE), snapshot({
            sharedCallingPolicies: [{ identity: 'Global', emergencyNumbers: [] }, { identity: 'Legacy', emergencyNumbers: [] }]
        }));
        expect(plan.notManaged).toEqual([{ kind: 'shared-calling-policy', name: 'Legacy' }]);
    });
});
