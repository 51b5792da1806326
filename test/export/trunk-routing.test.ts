/**
 * Which routing the export declares as a trunk (language/export/trunk-routing.ts), on small
 * snapshots: the outbound route per gateway, its resource accounts' routing policy and its
 * emergency route, and the reason each route it does not take is left out.
 */
import { describe, expect, it } from 'vitest';
import { findTrunkRouting } from '../../language/export/trunk-routing.js';
import { TenantView } from '../../language/export/tenant-view.js';
import { USERS_VOICE_ROUTING_POLICY } from '../../language/kinds/voice-routing-policy.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';

const SBC = 'sbc1.contoso.com';
const ONE_ROUTE = 'a trunk declares one outbound route';

/** A tenant with one gateway; routes, policies and accounts are added per test. */
function tenant(): TenantSnapshot {
    const s = emptySnapshot();
    s.gateways.push({ fqdn: SBC, port: 5061, enabled: true });
    return s;
}

function route(s: TenantSnapshot, identity: string, usage: string | string[], priority: number, options: { pattern?: string; gateways?: string[] } = {}): void {
    s.voiceRoutes.push({
        identity, numberPattern: options.pattern ?? '^\\+?\\d+$', gateways: options.gateways ?? [SBC],
        usages: Array.isArray(usage) ? usage : [usage], priority
    });
}

function policy(s: TenantSnapshot, identity: string, ...usages: string[]): void {
    s.voiceRoutingPolicies.push({ identity, usages });
}

/** A resource account that holds the voice routing policy. */
function account(s: TenantSnapshot, id: string, routingPolicy: string): void {
    s.applicationInstances.push({ objectId: id, userPrincipalName: `${id}@contoso.com` });
    s.userPolicies.push({ userId: id, policies: { OnlineVoiceRoutingPolicy: { name: routingPolicy, assignmentType: 'direct' } } });
}

const routing = (s: TenantSnapshot) => findTrunkRouting(new TenantView(s));
/** Each trunk as its chosen identities. */
const chosen = (s: TenantSnapshot) => routing(s).trunks.map(t => ({
    route: t.route.identity, policy: t.accountPolicy?.identity, emergency: t.emergencyRoute?.identity, fixed: t.fixed
}));

describe('the outbound route of a gateway\'s trunk', () => {
    it('takes the tool-named route <Trunk>-Outbound over the route a resource account routes through', () => {
        const s = tenant();
        route(s, 'Main-Outbound', 'Main-Usage', 5);
        route(s, 'Carrier PSTN', 'Carrier', 0);
        policy(s, 'Carrier-Accounts', 'Carrier');
        account(s, 'acct', 'Carrier-Accounts');
        const result = routing(s);
        expect(result.trunks.map(t => [t.route.identity, t.fixed, t.byRoute])).toEqual([['Main-Outbound', 'Main', true]]);
        expect(result.leftOut).toEqual([{ object: 'voice route Carrier PSTN', reason: `its gateway's trunk has the outbound route Main-Outbound: ${ONE_ROUTE}` }]);
    });

    it('takes the route a resource account\'s policy goes through over one of lower priority', () => {
        const s = tenant();
        route(s, 'A Route', 'UsageA', 0);
        route(s, 'B Route', 'UsageB', 7);
        policy(s, 'A-Policy', 'UsageA');
        policy(s, 'B-Policy', 'UsageB');
        account(s, 'acct', 'B-Policy');
        const result = routing(s);
        expect(result.trunks.map(t => [t.route.identity, t.accountPolicy?.identity, t.fixed, t.byRoute])).toEqual([['B Route', 'B-Policy', undefined, false]]);
        expect(result.leftOut).toEqual([{ object: 'voice route A Route', reason: `its gateway's trunk has the outbound route B Route: ${ONE_ROUTE}` }]);
    });

    it('without such an account, takes the lowest priority, then the identity', () => {
        const s = tenant();
        route(s, 'A Route', 'UsageA', 4);
        route(s, 'B Route', 'UsageB', 2);
        route(s, 'C Route', 'UsageC', 2);
        for (const u of ['A', 'B', 'C']) policy(s, `${u}-Policy`, `Usage${u}`);
        expect(chosen(s).map(t => t.route)).toEqual(['B Route']);
        expect(routing(s).leftOut.map(l => l.object)).toEqual(['voice route A Route', 'voice route C Route']);
        expect(routing(s).leftOut.every(l => l.reason === `its gateway's trunk has the outbound route B Route: ${ONE_ROUTE}`)).toBe(true);
    });

    it('leaves out a route of two gateways or two usages', () => {
        const s = tenant();
        s.gateways.push({ fqdn: 'sbc2.contoso.com', port: 5061, enabled: true });
        route(s, 'Both SBCs', 'Carrier', 0, { gateways: [SBC, 'sbc2.contoso.com'] });
        route(s, 'Two Usages', ['Carrier', 'Other'], 1);
        policy(s, 'Carrier-Accounts', 'Carrier');
        const result = routing(s);
        expect(result.trunks).toEqual([]);
        const reason = 'it has several gateways or usages: a trunk declares a route with one gateway and one usage';
        expect(result.leftOut).toEqual([{ object: 'voice route Both SBCs', reason }, { object: 'voice route Two Usages', reason }]);
    });

    it('leaves out a route no voice routing policy has the usage of alone (Global and the users\' policy do not count)', () => {
        const s = tenant();
        route(s, 'Shared Route', 'Shared', 0);
        policy(s, 'Global', 'Shared');
        policy(s, USERS_VOICE_ROUTING_POLICY, 'Shared');
        policy(s, 'Mixed', 'Shared', 'Other');
        account(s, 'acct', 'Mixed');
        const result = routing(s);
        expect(result.trunks).toEqual([]);
        expect(result.leftOut).toEqual([{
            object: 'voice route Shared Route',
            reason: 'no voice routing policy has its usage Shared alone, as a trunk\'s resource accounts\' policy does: no trunk declares it'
        }]);
    });

    it('leaves out a tool-named route whose name is no .voice name, and still finds the gateway a trunk', () => {
        const s = tenant();
        route(s, 'Retail-Stores-Outbound', 'Retail', 0);
        route(s, 'Carrier PSTN', 'Carrier', 1);
        policy(s, 'Carrier-Accounts', 'Carrier');
        expect(chosen(s).map(t => t.route)).toEqual(['Carrier PSTN']);
        expect(routing(s).leftOut).toEqual([{ object: 'voice route Retail-Stores-Outbound', reason: '\'Retail-Stores\' (from the route\'s name) is not a .voice name' }]);
    });
});

describe('a trunk\'s routing policy and emergency route', () => {
    it('takes the policy with the usage alone that most resource accounts hold, never one with another usage too', () => {
        const s = tenant();
        route(s, 'Carrier PSTN', 'Carrier', 0);
        policy(s, 'Carrier-Mixed', 'Carrier', 'Other');
        policy(s, 'Carrier-A', 'Carrier');
        policy(s, 'Carrier-B', 'Carrier');
        account(s, 'acct1', 'Carrier-B');
        account(s, 'acct2', 'Carrier-Mixed');
        account(s, 'acct3', 'Carrier-Mixed');
        expect(chosen(s)).toEqual([{ route: 'Carrier PSTN', policy: 'Carrier-B', emergency: undefined, fixed: undefined }]);
    });

    it('takes SharedCalling-<Trunk> first, and the trunk\'s name from it', () => {
        const s = tenant();
        route(s, 'Carrier PSTN', 'Carrier', 0);
        policy(s, 'Carrier-Accounts', 'Carrier');
        policy(s, 'SharedCalling-Carrier', 'Carrier');
        account(s, 'acct1', 'Carrier-Accounts');
        account(s, 'acct2', 'Carrier-Accounts');
        expect(chosen(s)).toEqual([{ route: 'Carrier PSTN', policy: 'SharedCalling-Carrier', emergency: undefined, fixed: 'Carrier' }]);
    });

    it('takes <Trunk>-Emergency, else a route of dial strings on the trunk\'s gateway and usage', () => {
        const s = tenant();
        s.gateways.push({ fqdn: 'sbc2.contoso.com', port: 5061, enabled: true });
        route(s, 'Main-Outbound', 'Main-Usage', 2);
        route(s, 'Main 911', 'Main-Usage', 0, { pattern: '^(911)$' });
        route(s, 'Main-Emergency', 'Main-Usage', 1, { pattern: '^(911|933)$' });
        route(s, 'Branch PSTN', 'Branch', 3, { gateways: ['sbc2.contoso.com'] });
        policy(s, 'Branch-Numbers', 'Branch');
        // Dial strings on the branch gateway, but of another usage: not the branch trunk's.
        route(s, 'Branch Other 911', 'Other', 0, { pattern: '^(911)$', gateways: ['sbc2.contoso.com'] });
        route(s, 'Branch 911', 'Branch', 0, { pattern: '^(911|933)$', gateways: ['sbc2.contoso.com'] });
        expect(chosen(s)).toEqual([
            { route: 'Main-Outbound', policy: undefined, emergency: 'Main-Emergency', fixed: 'Main' },
            { route: 'Branch PSTN', policy: 'Branch-Numbers', emergency: 'Branch 911', fixed: undefined }
        ]);
        // Emergency routes are never taken for outbound routes; the ones no trunk takes are left out, and said so.
        const reason = 'its dial strings make it an emergency route, and no trunk takes it: a trunk declares one, on its one gateway and usage (<Trunk>-Emergency first)';
        expect(routing(s).leftOut).toEqual([{ object: 'voice route Branch Other 911', reason }, { object: 'voice route Main 911', reason }]);
    });

    it('leaves out a route of dial strings on a gateway no trunk has', () => {
        const s = tenant();
        route(s, 'Lone 911', 'Lone', 0, { pattern: '^(911|933)$' });
        policy(s, 'Lone-Policy', 'Lone');
        const result = routing(s);
        expect(result.trunks).toEqual([]);
        expect(result.leftOut).toEqual([{ object: 'voice route Lone 911', reason: expect.stringContaining('no trunk takes it') }]);
    });
});
