/**
 * Which tenant routing an export declares as trunks: per PSTN gateway one outbound route (one
 * gateway, one usage), the voice routing policy of its resource accounts (the usage alone) and
 * its emergency route (a pattern `^(911|933)$` on the same gateway and usage). The tool's own
 * names come first (`<Trunk>-Outbound`, `SharedCalling-<Trunk>`, `<Trunk>-Emergency`) and fix
 * the trunk's name; routing under other names is adopted (`outbound-route`, `routing-policy`,
 * `emergency-route`, written where the identity is not the one the name gives). Pure.
 */
import { isGlobal, same } from '../kinds/compare.js';
import { USERS_VOICE_ROUTING_POLICY } from '../kinds/voice-routing-policy.js';
import type { ObservedGateway, ObservedVoiceRoute, ObservedVoiceRoutingPolicy } from '../plan/snapshot.js';
import type { LeftOut } from './model.js';
import { isVoiceName } from './names.js';
import { byText, type TenantView } from './tenant-view.js';

export interface TrunkRouting {
    route: ObservedVoiceRoute; gateway?: ObservedGateway; usage: string;
    accountPolicy?: ObservedVoiceRoutingPolicy; emergencyRoute?: ObservedVoiceRoute;
    /** The name the tool's own routing names give (`<Trunk>-Outbound`, else `SharedCalling-<Trunk>`, else `<Trunk>-Emergency`). */
    fixed?: string;
    /** Fixed by the route `<Trunk>-Outbound` itself, which no clause renames. */
    byRoute: boolean;
}

const OUTBOUND = /^(.+)-Outbound$/i;
const EMERGENCY_ROUTE = /^(.+)-Emergency$/i;
const ACCOUNT_POLICY = /^SharedCalling-(.+)$/i;
/** The emergency route the tool makes: its dial strings, exactly (emergencyRouteFor). */
const EMERGENCY_PATTERN = /^\^\(\d+(\|\d+)*\)\$$/;

const fixedBy = (pattern: RegExp, identity: string): string | undefined => {
    const match = pattern.exec(identity);
    return match && isVoiceName(match[1]!) ? match[1] : undefined;
};

const isEmergencyRoute = (route: ObservedVoiceRoute): boolean => EMERGENCY_PATTERN.test(route.numberPattern);

export function findTrunkRouting(view: TenantView): { trunks: TrunkRouting[]; leftOut: LeftOut[] } {
    const { snapshot } = view;
    const leftOut: LeftOut[] = [];
    const routes = [...snapshot.voiceRoutes].sort(byText(r => r.identity.toLowerCase()));
    const trunks: TrunkRouting[] = [];
    const gatewayOf = (route: ObservedVoiceRoute) => snapshot.gateways.find(g => same(g.fqdn, route.gateways[0]));
    // The tool's outbound routes first: their names fix their trunks (a name that is no .voice name is left out, as it is).
    for (const route of routes) {
        const match = OUTBOUND.exec(route.identity);
        if (!match) continue;
        if (!isVoiceName(match[1]!)) {
            leftOut.push({ object: `voice route ${route.identity}`, reason: `'${match[1]}' (from the route's name) is not a .voice name` });
            continue;
        }
        trunks.push({ route, gateway: gatewayOf(route), usage: route.usages[0] ?? '', fixed: match[1], byRoute: true });
    }
    // Then one route per gateway no such route uses, preferring the one whose usage a resource account routes through.
    const accountUsages = new Set(snapshot.applicationInstances.flatMap(a => {
        const name = view.index.policiesOf(a.objectId)?.OnlineVoiceRoutingPolicy?.name;
        return snapshot.voiceRoutingPolicies.find(p => name && same(p.identity, name))?.usages.map(u => u.toLowerCase()) ?? [];
    }));
    const rank = (r: ObservedVoiceRoute) => [accountUsages.has(r.usages[0]!.toLowerCase()) ? 0 : 1, r.priority];
    const taken = () => new Set(trunks.map(t => t.route));
    const ownEmergency = (r: ObservedVoiceRoute) => trunks.some(t => same(r.identity, `${t.fixed}-Emergency`));
    const candidates = routes.filter(r => !taken().has(r) && !OUTBOUND.test(r.identity) && !isEmergencyRoute(r) && !ownEmergency(r));
    // A trunk's resource accounts route through a policy of its usage alone: a route without one is no trunk's
    // (declaring it would have a plan create the policy).
    const accountPolicyFor = (usage: string | undefined) => snapshot.voiceRoutingPolicies
        .some(p => !isGlobal(p.identity) && !same(p.identity, USERS_VOICE_ROUTING_POLICY) && p.usages.length === 1 && same(p.usages[0], usage));
    const trunkLike = (r: ObservedVoiceRoute) => r.gateways.length === 1 && r.usages.length === 1 && accountPolicyFor(r.usages[0]);
    for (const route of candidates) {
        if (route.gateways.length !== 1 || route.usages.length !== 1) {
            leftOut.push({ object: `voice route ${route.identity}`, reason: 'it has several gateways or usages: a trunk declares a route with one gateway and one usage' });
            continue;
        }
        if (!trunkLike(route)) {
            leftOut.push({ object: `voice route ${route.identity}`, reason: `no voice routing policy has its usage ${route.usages[0]} alone, as a trunk's resource accounts' policy does: no trunk declares it` });
            continue;
        }
        const owner = trunks.find(t => same(t.route.gateways[0], route.gateways[0]));
        if (owner) continue;
        const [best] = candidates.filter(r => trunkLike(r) && same(r.gateways[0], route.gateways[0]))
            .sort((a, b) => rank(a)[0]! - rank(b)[0]! || rank(a)[1]! - rank(b)[1]! || byText<ObservedVoiceRoute>(r => r.identity.toLowerCase())(a, b));
        trunks.push({ route: best!, gateway: gatewayOf(best!), usage: best!.usages[0]!, byRoute: false });
    }
    for (const route of candidates) {
        const owner = trunks.find(t => t.route !== route && same(t.route.gateways[0], route.gateways[0]));
        if (owner && trunkLike(route)) {
            leftOut.push({ object: `voice route ${route.identity}`, reason: `its gateway's trunk has the outbound route ${owner.route.identity}: a trunk declares one outbound route` });
        }
    }
    pairPolicies(view, trunks);
    pairEmergencyRoutes(view, trunks);
    // A route of dial strings no trunk takes is no statement's: said, not dropped.
    for (const route of routes.filter(r => isEmergencyRoute(r) && !trunks.some(t => t.emergencyRoute === r))) {
        leftOut.push({
            object: `voice route ${route.identity}`,
            reason: 'its dial strings make it an emergency route, and no trunk takes it: a trunk declares one, on its one gateway and usage (<Trunk>-Emergency first)'
        });
    }
    return { trunks, leftOut };
}

/** Each trunk's account routing policy: `SharedCalling-<Trunk>`, else a policy with exactly the trunk's usage (the one most accounts hold). */
function pairPolicies(view: TenantView, trunks: TrunkRouting[]): void {
    const { snapshot } = view;
    const holders = (p: ObservedVoiceRoutingPolicy) => snapshot.applicationInstances
        .filter(a => same(view.index.policiesOf(a.objectId)?.OnlineVoiceRoutingPolicy?.name, p.identity)).length;
    const used = new Set<ObservedVoiceRoutingPolicy>();
    for (const trunk of trunks) {
        const own = trunk.fixed && snapshot.voiceRoutingPolicies.find(p => same(p.identity, `SharedCalling-${trunk.fixed}`));
        if (own) {
            trunk.accountPolicy = own;
            used.add(own);
        }
    }
    for (const trunk of trunks.filter(t => !t.accountPolicy)) {
        const [best] = snapshot.voiceRoutingPolicies
            .filter(p => !used.has(p) && !isGlobal(p.identity) && !same(p.identity, USERS_VOICE_ROUTING_POLICY)
                && p.usages.length === 1 && same(p.usages[0], trunk.usage))
            .sort((a, b) => Number(!fixedBy(ACCOUNT_POLICY, a.identity)) - Number(!fixedBy(ACCOUNT_POLICY, b.identity))
                || holders(b) - holders(a) || byText<ObservedVoiceRoutingPolicy>(p => p.identity.toLowerCase())(a, b));
        if (!best) continue;
        trunk.accountPolicy = best;
        used.add(best);
        trunk.fixed ??= fixedBy(ACCOUNT_POLICY, best.identity);
    }
}

/** Each trunk's emergency route: `<Trunk>-Emergency`, else a route of dial strings on the trunk's gateway and usage. */
function pairEmergencyRoutes(view: TenantView, trunks: TrunkRouting[]): void {
    const routes = [...view.snapshot.voiceRoutes].sort(byText(r => r.identity.toLowerCase())).filter(isEmergencyRoute);
    const used = new Set<ObservedVoiceRoute>();
    for (const trunk of trunks) {
        const own = trunk.fixed && routes.find(r => same(r.identity, `${trunk.fixed}-Emergency`));
        if (own) {
            trunk.emergencyRoute = own;
            used.add(own);
        }
    }
    for (const trunk of trunks.filter(t => !t.emergencyRoute)) {
        const [best] = routes.filter(r => !used.has(r) && r.gateways.length === 1 && same(r.gateways[0], trunk.route.gateways[0])
            && r.usages.length === 1 && same(r.usages[0], trunk.usage))
            .sort((a, b) => Number(!fixedBy(EMERGENCY_ROUTE, a.identity)) - Number(!fixedBy(EMERGENCY_ROUTE, b.identity)));
        if (!best) continue;
        trunk.emergencyRoute = best;
        used.add(best);
        trunk.fixed ??= fixedBy(EMERGENCY_ROUTE, best.identity);
    }
}
