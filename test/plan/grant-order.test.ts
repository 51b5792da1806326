/**
 * Ranks order the setup's own grants (language/kinds/grant-order.ts): placement among other
 * teams' assignments, in the plan, and the member checks' defensive reading of userConfigurations.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { grantedAt, placeOf } from '../../language/kinds/grant-order.js';
import { KINDS } from '../../language/kinds/index.js';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';
import { BASE, clearAll, parse } from '../language/helpers.js';

beforeEach(clearAll);

describe('placeOf', () => {
    it('a grant above each later grant of the setup is in place, whoever stands between or above', () => {
        expect(placeOf(['other1', 'a', 'other2', 'b'], 'a', ['b'])).toEqual({ inOrder: true, rank: 2 });
        expect(placeOf(['other1', 'a', 'other2', 'b'], 'b', [])).toEqual({ inOrder: true, rank: 4 });
    });

    it('a missing grant goes right above the highest-placed later grant, else last', () => {
        expect(placeOf(['other1', 'b', 'other2', 'c'], 'a', ['c', 'b'])).toEqual({ inOrder: false, rank: 2 });
        expect(placeOf(['other1', 'other2'], 'a', ['b'])).toEqual({ inOrder: false, rank: 3 });
    });

    it('a grant below a later grant of the setup moves right above it; ids compare without case', () => {
        expect(placeOf(['B', 'other', 'A'], 'a', ['b'])).toEqual({ inOrder: false, rank: 1 });
    });

    it('granting at a rank renumbers as Teams does, the other groups keeping their order', () => {
        expect(grantedAt(['o1', 'a', 'o2'], 'a', 3)).toEqual(['o1', 'o2', 'a']);
        expect(grantedAt(['o1', 'o2'], 'n', 9)).toEqual(['o1', 'o2', 'n']);
    });
});

const TWO_GROUPS = `${BASE}\ngroup Managers "Store Managers"\ngrant Frontline to Managers rank 5\nemergency Managers works-at SeattleStore via CteloUS\n`;
const ASSOCIATES = '11111111-2222-3333-4444-555555555555';

function tenant(assignments: [string, number][], extra: Partial<TenantSnapshot> = {}): TenantSnapshot {
    return {
        ...emptySnapshot(),
        groups: [{ id: ASSOCIATES, displayName: 'Store Associates' }, { id: 'managers', displayName: 'Store Managers' }, { id: 'sales', displayName: 'Sales' }],
        groupAssignments: assignments.map(([groupId, rank]) => ({
            groupId, policyType: 'TeamsSharedCallingRoutingPolicy', policyName: groupId === 'sales' ? 'Sales' : 'Frontline', rank
        })),
        ...extra
    };
}

async function scGrants(snapshot: TenantSnapshot) {
    const plans = planSetup([(await parse(TWO_GROUPS)).parseResult.value]);
    const plan = diffSetup(plans, snapshot);
    return { plan, grants: plan.changes.filter(c => c.resource.kind === 'group-grant' && c.resource.policyType === 'TeamsSharedCallingRoutingPolicy') };
}

describe('the plan among another team\'s grants', () => {
    it('another team\'s grant between the setup\'s, or above them, changes nothing', async () => {
        const { grants } = await scGrants(tenant([['sales', 1], [ASSOCIATES, 2], ['managers', 3]]));
        expect(grants.map(c => c.action)).toEqual(['unchanged', 'unchanged']);
        const between = await scGrants(tenant([[ASSOCIATES, 1], ['sales', 2], ['managers', 3]]));
        expect(between.grants.map(c => c.action)).toEqual(['unchanged', 'unchanged']);
    });

    it('a new grant goes right above the setup\'s later grant, below the other team\'s; the create call carries that rank', async () => {
        const { grants } = await scGrants(tenant([['sales', 1], ['managers', 2]]));
        expect(grants.map(c => c.action)).toEqual(['create', 'unchanged']);
        const create = KINDS['group-grant'].create(grants[0]!.resource as never);
        expect(create.map(c => (c.surface === 'teams' ? c.parameters.Rank : undefined))).toEqual([2]);
    });
});

describe('member checks read userConfigurations defensively', () => {
    const member = (telephoneNumbers: unknown) => ({
        userId: 'u1', userPrincipalName: 'u1@contoso.com', telephoneNumbers: telephoneNumbers as string[],
        policies: { TeamsSharedCallingRoutingPolicy: { name: 'Frontline', assignmentType: 'group' as const, groupId: ASSOCIATES } }
    });

    it('a Direct Routing ;ext= number (extension dialing) is no finding; a plain number is', async () => {
        const withExtension = await scGrants(tenant([[ASSOCIATES, 1], ['managers', 2]], { userPolicies: [member(['+12065550100;ext=12'])] }));
        expect(withExtension.plan.findings.filter(f => f.code === 'member-with-phone-number')).toEqual([]);
        const own = await scGrants(tenant([[ASSOCIATES, 1], ['managers', 2]], { userPolicies: [member(['+12065550150'])] }));
        expect(own.plan.findings.filter(f => f.code === 'member-with-phone-number').map(f => f.message)).toEqual([expect.stringContaining('u1@contoso.com (+12065550150)')]);
    });

    it('reads each number as an object with telephoneNumber or a string, skips anything else, and judges no one without the list', () => {
        const read = KINDS['emergency-members-grant'].reads[0]!;
        const rows = read.rows([
            { id: 'u1', telephoneNumbers: [{ telephoneNumber: '+12065550150', assignmentCategory: 'primary' }, 5, null, '+12065550151', { other: 1 }] },
            { id: 'u2' }
        ]) as TenantSnapshot['userPolicies'];
        expect(rows.map(r => r.telephoneNumbers)).toEqual([['+12065550150', '+12065550151'], undefined]);
    });
});
