/**
 * A trunk's `outbound-route`, `emergency-route` and `routing-policy` and an `emergency`
 * statement's `identity` adopt routing made outside the tool: the plan, the diff and the
 * compiled script use the adopted names everywhere (the routes, the policy and its grant to
 * the resource account, the emergency call routing policy and its grant to the members), and
 * an adopted policy keeps its admin's description. Without the clauses, nothing changes.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup, type StatementPlan } from '../../language/plan/desired-setup.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';
import type { Resource } from '../../language/plan/resources.js';
import { BASE, clearAll, edit, parse } from '../language/helpers.js';
import { compileSources } from '../compiler/compile-helpers.js';

const ADOPTED = edit(BASE,
    ['pidf-lo on', 'pidf-lo on\n    outbound-route  "Ctelo US"\n    emergency-route "Ctelo US 911"\n    routing-policy  "Ctelo-Accounts"'],
    ['notify SecurityDesk\n', 'notify SecurityDesk identity "US-Emergency"\n']);

let adopted: StatementPlan[];
let plain: StatementPlan[];

beforeAll(async () => {
    await clearAll();
    adopted = planSetup([(await parse(ADOPTED)).parseResult.value]);
    await clearAll();
    plain = planSetup([(await parse(BASE)).parseResult.value]);
});

const resources = (plans: StatementPlan[], kind: Resource['kind']) => plans.flatMap(p => p.resources).filter(r => r.kind === kind);

/** The tenant as the adopted names hold it, each policy with its admin's description. */
function tenantOf(): TenantSnapshot {
    return {
        ...emptySnapshot(),
        voiceRoutingPolicies: [{ identity: 'Ctelo-Accounts', usages: ['Ctelo-US'], description: 'Made in Teams Admin Center' }],
        emergencyRoutingPolicies: [{
            identity: 'US-Emergency', description: 'US stores', allowEnhancedEmergencyServices: true,
            emergencyNumbers: [{ dialString: '911', usage: 'Ctelo-US' }, { dialString: '933', usage: 'Ctelo-US' }]
        }]
    };
}

describe('adopted routing', () => {
    test('the plan uses the adopted names for the routes, both policies and their grants', () => {
        expect(resources(adopted, 'voice-route').map(r => 'identity' in r && r.identity)).toEqual(['Ctelo US', 'Ctelo US 911']);
        expect(resources(adopted, 'voice-routing-policy')).toContainEqual(expect.objectContaining({ identity: 'Ctelo-Accounts', usages: ['Ctelo-US'], keepDescription: true }));
        expect(resources(adopted, 'voice-routing-policy-grant')).toEqual([expect.objectContaining({ policy: 'Ctelo-Accounts' })]);
        expect(resources(adopted, 'emergency-call-routing-policy')).toEqual([expect.objectContaining({ identity: 'US-Emergency', keepDescription: true })]);
        expect(resources(adopted, 'emergency-members-grant')).toEqual([expect.objectContaining({ policy: 'US-Emergency' })]);
    });

    test('without the clauses the derived names, and the descriptions are managed', () => {
        expect(resources(plain, 'voice-route').map(r => 'identity' in r && r.identity)).toEqual(['CteloUS-Outbound', 'CteloUS-Emergency']);
        expect(resources(plain, 'voice-routing-policy-grant')).toEqual([expect.objectContaining({ policy: 'SharedCalling-CteloUS' })]);
        expect(resources(plain, 'emergency-members-grant')).toEqual([expect.objectContaining({ policy: 'SharedCalling-Emergency-StoreAssociates' })]);
        expect(resources(plain, 'emergency-call-routing-policy')[0]).not.toHaveProperty('keepDescription');
    });

    test('an adopted policy keeps its description: the diff finds both unchanged, and sees a usage drift without touching the description', () => {
        const changes = (snapshot: TenantSnapshot) => diffSetup(adopted, snapshot).changes
            .filter(c => c.resource.kind === 'voice-routing-policy' || c.resource.kind === 'emergency-call-routing-policy');
        const adoptedPolicies = (c: ReturnType<typeof changes>[number]) => c.resource.key !== 'SharedCalling-Users-NoPstn';
        expect(changes(tenantOf()).filter(adoptedPolicies).map(c => c.action)).toEqual(['unchanged', 'unchanged']);
        const drifted = tenantOf();
        drifted.voiceRoutingPolicies[0]!.usages = ['Other'];
        const update = changes(drifted).find(c => c.resource.key === 'Ctelo-Accounts')!;
        expect(update.action).toBe('update');
        expect(update.changes?.map(c => c.field)).toEqual(['usages']);
    });

    test('the compiled script finds, creates and grants under the adopted names, and leaves adopted descriptions alone', async () => {
        const { text } = await compileSources({ 'setup.voice': ADOPTED }, 'setup.voice');
        expect(text).toContain("Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'Ctelo US'");
        expect(text).toContain("Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'Ctelo US 911'");
        expect(text).toContain("Grant-CsOnlineVoiceRoutingPolicy -Identity 'sc-frontline@contoso.com' -PolicyName 'Ctelo-Accounts'");
        expect(text).toContain("Set-CsOnlineVoiceRoutingPolicy -Identity 'Ctelo-Accounts' -OnlinePstnUsages @('Ctelo-US')\n");
        expect(text).toContain("-PolicyName 'US-Emergency'");
        expect(text).not.toMatch(/CteloUS-Outbound|CteloUS-Emergency|SharedCalling-CteloUS|SharedCalling-Emergency-StoreAssociates/);
        expect(text).not.toMatch(/\$current\.Description -cne 'Routes the shared numbers on CteloUS/);
        expect(text).not.toMatch(/\$current\.Description -cne 'Emergency routing for StoreAssociates/);
    });
});
