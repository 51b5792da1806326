/**
 * What the tenant has now, as read by `tenant/` with bulk list calls and normalised to
 * the same vocabulary as the desired resources. Pure data: no I/O lives here. Each
 * collection's observed shape and read mapping live in the kind module that owns it
 * (its `reads`); every collection has exactly one owner.
 */
import type { ObservedCallQueue } from '../kinds/application-association.js';
import type { ObservedAutoAttendant } from '../kinds/auto-attendant.js';
import type { ObservedCivicAddress } from '../kinds/civic-address.js';
import type { ObservedEmergencyCallingPolicy } from '../kinds/emergency-calling-policy.js';
import type { ObservedEmergencyRoutingPolicy } from '../kinds/emergency-call-routing-policy.js';
import type { ObservedUserPolicies } from '../kinds/emergency-members-grant.js';
import type { ObservedGateway } from '../kinds/gateway.js';
import type { ObservedGroup } from '../kinds/group.js';
import type { ObservedGroupAssignment, ObservedGroupMembers } from '../kinds/group-grant.js';
import type { ObservedLisLocation } from '../kinds/lis-location.js';
import type { ObservedLisNetworkId } from '../kinds/lis-network-id.js';
import type { ObservedNetworkRegion } from '../kinds/network-region.js';
import type { ObservedNetworkSite } from '../kinds/network-site.js';
import type { ObservedNetworkSubnet } from '../kinds/network-subnet.js';
import type { ObservedNumber } from '../kinds/number-assignment.js';
import type { ObservedApplicationInstance, ObservedSku, ObservedUser } from '../kinds/resource-account.js';
import type { ObservedSharedCallingPolicy } from '../kinds/shared-calling-policy.js';
import type { ObservedTrustedIp } from '../kinds/trusted-ip.js';
import type { ObservedVoiceRoute } from '../kinds/voice-route.js';
import type { ObservedVoiceRoutingPolicy } from '../kinds/voice-routing-policy.js';

export type {
    ObservedApplicationInstance, ObservedAutoAttendant, ObservedCivicAddress, ObservedEmergencyCallingPolicy, ObservedEmergencyRoutingPolicy, ObservedGateway, ObservedGroup,
    ObservedGroupAssignment, ObservedGroupMembers, ObservedLisLocation, ObservedLisNetworkId, ObservedNetworkRegion, ObservedNetworkSite, ObservedNetworkSubnet,
    ObservedNumber, ObservedTrustedIp, ObservedSharedCallingPolicy, ObservedSku, ObservedUser, ObservedUserPolicies,
    ObservedVoiceRoute, ObservedVoiceRoutingPolicy
};

export interface TenantSnapshot {
    gateways: ObservedGateway[];
    pstnUsages: string[];
    voiceRoutes: ObservedVoiceRoute[];
    voiceRoutingPolicies: ObservedVoiceRoutingPolicy[];
    civicAddresses: ObservedCivicAddress[];
    users: ObservedUser[];
    applicationInstances: ObservedApplicationInstance[];
    numbers: ObservedNumber[];
    sharedCallingPolicies: ObservedSharedCallingPolicy[];
    groups: ObservedGroup[];
    groupAssignments: ObservedGroupAssignment[];
    /** Direct members of the groups the plan grants to, with their licences (read only for a plan). */
    groupMembers: ObservedGroupMembers[];
    emergencyRoutingPolicies: ObservedEmergencyRoutingPolicy[];
    emergencyCallingPolicies: ObservedEmergencyCallingPolicy[];
    userPolicies: ObservedUserPolicies[];
    skus: ObservedSku[];
    trustedIps: ObservedTrustedIp[];
    networkRegions: ObservedNetworkRegion[];
    networkSites: ObservedNetworkSite[];
    networkSubnets: ObservedNetworkSubnet[];
    lisLocations: ObservedLisLocation[];
    lisSubnets: ObservedLisNetworkId[];
    lisAccessPoints: ObservedLisNetworkId[];
    lisSwitches: ObservedLisNetworkId[];
    lisPorts: ObservedLisNetworkId[];
    autoAttendants: ObservedAutoAttendant[];
    /** Only the call queues the setup names (read by name [CQ-GET]). */
    callQueues: ObservedCallQueue[];
}

export function emptySnapshot(): TenantSnapshot {
    return {
        gateways: [], pstnUsages: [], voiceRoutes: [], voiceRoutingPolicies: [], civicAddresses: [], users: [],
        applicationInstances: [], numbers: [], sharedCallingPolicies: [], groups: [], groupAssignments: [], groupMembers: [],
        emergencyRoutingPolicies: [], emergencyCallingPolicies: [], userPolicies: [], skus: [], trustedIps: [], networkRegions: [], networkSites: [], networkSubnets: [],
        lisLocations: [], lisSubnets: [], lisAccessPoints: [], lisSwitches: [], lisPorts: [], autoAttendants: [], callQueues: []
    };
}
