/**
 * The Teams identities each declaration stands for, as its kind module derives them (a
 * policy's or site's `-Identity`, an address's Description, a trunk's routes and routing
 * policy, a coverage's emergency call routing policy): what the plan, the compiled script and
 * apply find the objects by. Two declarations of one kind with one identity would be one
 * tenant object (`duplicate-identity`).
 */
import type { AstNode } from 'langium';
import {
    isAddress, isEmergencyCallingPolicy, isEmergencyCoverage, isNetworkRegion, isNetworkSite, isSharedCallingPolicy, isTrunk
} from '../generated/ast.js';
import { names } from '../plan/names.js';
import { civicAddressIdentity } from './civic-address.js';
import { emergencyCallingPolicyIdentity } from './emergency-calling-policy.js';
import { networkRegionIdentity } from './network-region.js';
import { networkSiteIdentity } from './network-site.js';
import { sharedCallingPolicyIdentity } from './shared-calling-policy.js';

export interface TeamsIdentity {
    /** What Teams calls the object, for messages. */
    label: string;
    /** How the identity is named in messages ("identity", "Description"). */
    property: string;
    identity: string;
    /** The statement's property whose clause sets the identity (`identity`, `outboundRoute`…). */
    clause: string;
    /** Whether the clause is written (else the identity follows from the name). */
    written: boolean;
}

const own = (node: AstNode, clause: string, label: string, property: string, identity: string): TeamsIdentity =>
    ({ label, property, identity, clause, written: (node as unknown as Record<string, unknown>)[clause] !== undefined });

/** The kinds teamsIdentitiesOf derives identities for (a `$type` compare is cheaper than the type guards below). */
export const KINDS_WITH_IDENTITIES: ReadonlySet<string> = new Set([
    'Address', 'SharedCallingPolicy', 'EmergencyCallingPolicy', 'NetworkRegion', 'NetworkSite', 'Trunk', 'EmergencyCoverage'
]);

/** The statement's Teams identities, for the kinds whose identity a file may set (`identity`, a trunk's route and policy clauses). */
export function teamsIdentitiesOf(node: AstNode): TeamsIdentity[] {
    if (isAddress(node)) return [own(node, 'identity', 'civic address', 'Description', civicAddressIdentity(node))];
    if (isSharedCallingPolicy(node)) return [own(node, 'identity', 'shared calling policy', 'identity', sharedCallingPolicyIdentity(node))];
    if (isEmergencyCallingPolicy(node)) return [own(node, 'identity', 'emergency calling policy', 'identity', emergencyCallingPolicyIdentity(node))];
    if (isNetworkRegion(node)) return [own(node, 'identity', 'network region', 'identity', networkRegionIdentity(node))];
    if (isNetworkSite(node)) return [own(node, 'identity', 'network site', 'identity', networkSiteIdentity(node))];
    if (isTrunk(node)) {
        return [
            own(node, 'outboundRoute', 'voice route', 'identity', names.outboundRoute(node)),
            own(node, 'emergencyRoute', 'voice route', 'identity', names.emergencyRoute(node)),
            own(node, 'routingPolicy', 'voice routing policy', 'identity', names.accountRoutingPolicy(node))
        ];
    }
    if (isEmergencyCoverage(node) && node.group?.ref) {
        return [own(node, 'identity', 'emergency call routing policy', 'identity', names.emergencyRoutingPolicy(node.group.ref, node.identity))];
    }
    return [];
}
