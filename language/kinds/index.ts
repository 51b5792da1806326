/**
 * The kind table: one handler per resource kind. Typed as a mapped type over ResourceKind,
 * so a kind without a handler (or a handler under the wrong key) does not compile.
 */
import type { Resource, ResourceKind } from '../plan/resources.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { applicationAssociation } from './application-association.js';
import { autoAttendant } from './auto-attendant.js';
import { civicAddress } from './civic-address.js';
import { emergencyCallingPolicy } from './emergency-calling-policy.js';
import { emergencyCallRoutingPolicy } from './emergency-call-routing-policy.js';
import { emergencyMembersGrant } from './emergency-members-grant.js';
import { gateway } from './gateway.js';
import { group } from './group.js';
import { groupGrant } from './group-grant.js';
import { lisLocation } from './lis-location.js';
import { lisNetworkId } from './lis-network-id.js';
import { networkRegion } from './network-region.js';
import { networkSite } from './network-site.js';
import { networkSubnet } from './network-subnet.js';
import type { AnySnapshotRead, KindHandler, KindTable, ResourceOf } from './kind-handler.js';
import { numberAssignment } from './number-assignment.js';
import { pstnUsage } from './pstn-usage.js';
import { resourceAccount } from './resource-account.js';
import { sharedCallingPolicy } from './shared-calling-policy.js';
import { trustedIp } from './trusted-ip.js';
import { userExtension } from './user-extension.js';
import { voiceRoute } from './voice-route.js';
import { voiceRoutingPolicy } from './voice-routing-policy.js';
import { voiceRoutingPolicyGrant } from './voice-routing-policy-grant.js';

export const KINDS: KindTable = {
    'gateway': gateway,
    'pstn-usage': pstnUsage,
    'voice-route': voiceRoute,
    'voice-routing-policy': voiceRoutingPolicy,
    'civic-address': civicAddress,
    'trusted-ip': trustedIp,
    'network-region': networkRegion,
    'network-site': networkSite,
    'network-subnet': networkSubnet,
    'lis-location': lisLocation,
    'lis-network-id': lisNetworkId,
    'resource-account': resourceAccount,
    'number-assignment': numberAssignment,
    'auto-attendant': autoAttendant,
    'application-association': applicationAssociation,
    'voice-routing-policy-grant': voiceRoutingPolicyGrant,
    'shared-calling-policy': sharedCallingPolicy,
    'emergency-calling-policy': emergencyCallingPolicy,
    'group': group,
    'group-grant': groupGrant,
    'emergency-call-routing-policy': emergencyCallRoutingPolicy,
    'emergency-members-grant': emergencyMembersGrant,
    'user-extension': userExtension
};

/** The handler of a resource, typed by the resource's kind. */
export function handlerOf<K extends ResourceKind>(resource: ResourceOf<K>): KindHandler<K> {
    return KINDS[resource.kind as K] as unknown as KindHandler<K>;
}

/** Declared group key (lower case) -> the one tenant group it resolves to, asked of each kind's `groupId`. */
export function resolvedGroupIds(resources: readonly Resource[], snapshot: TenantSnapshot): Map<string, string> {
    const ids = new Map<string, string>();
    for (const resource of resources) {
        const id = (handlerOf(resource) as KindHandler<ResourceKind>).groupId?.(resource, snapshot);
        if (id !== undefined) ids.set(resource.key.toLowerCase(), id);
    }
    return ids;
}

/**
 * Every kind after the kinds it depends on (table order among independent kinds): the order
 * apply runs its waves in. A dependency cycle is a programming error.
 */
export const KIND_ORDER: readonly ResourceKind[] = (() => {
    const order: ResourceKind[] = [];
    const visiting = new Set<ResourceKind>();
    const visit = (kind: ResourceKind): void => {
        if (order.includes(kind)) return;
        if (visiting.has(kind)) throw new Error(`resource kinds depend on each other in a cycle through ${kind}`);
        visiting.add(kind);
        KINDS[kind].dependsOn.forEach(visit);
        order.push(kind);
    };
    (Object.keys(KINDS) as ResourceKind[]).forEach(visit);
    return order;
})();

/** How the whole snapshot is read: every kind's collections, in kind order. */
export const SNAPSHOT_READS: readonly AnySnapshotRead[] = KIND_ORDER.flatMap(kind => KINDS[kind].reads);

/** Every cmdlet a kind reads with or calls: what the PowerShell session allows. */
export const KIND_COMMANDS: readonly string[] = [...new Set(KIND_ORDER.flatMap(kind => [
    ...KINDS[kind].reads.flatMap(read => (read.from.surface === 'teams' || read.from.surface === 'teams-by-name' ? [read.from.command] : [])),
    ...KINDS[kind].commands
]))];

export { findGroup } from './group.js';
export type * from './kind-handler.js';
