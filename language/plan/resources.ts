/**
 * The tenant objects a setup declares, in a form both the PowerShell compiler and live
 * apply use: each resource has a kind, a key unique within its kind (what the tenant is
 * searched by), and the settings the tenant should end up with. Each kind's shape lives in
 * its kind module (language/kinds/); this is their union and the seed's setup order.
 */
import type { ApplicationAssociationResource } from '../kinds/application-association.js';
import type { AutoAttendantResource } from '../kinds/auto-attendant.js';
import type { CivicAddressResource } from '../kinds/civic-address.js';
import type { EmergencyCallingPolicyResource } from '../kinds/emergency-calling-policy.js';
import type { EmergencyRoutingPolicyResource } from '../kinds/emergency-call-routing-policy.js';
import type { EmergencyMembersGrantResource } from '../kinds/emergency-members-grant.js';
import type { GatewayResource } from '../kinds/gateway.js';
import type { GroupResource } from '../kinds/group.js';
import type { GroupGrantResource } from '../kinds/group-grant.js';
import type { LisLocationResource } from '../kinds/lis-location.js';
import type { LisNetworkIdResource } from '../kinds/lis-network-id.js';
import type { NetworkRegionResource } from '../kinds/network-region.js';
import type { NetworkSiteResource } from '../kinds/network-site.js';
import type { NetworkSubnetResource } from '../kinds/network-subnet.js';
import type { NumberAssignmentResource } from '../kinds/number-assignment.js';
import type { PstnUsageResource } from '../kinds/pstn-usage.js';
import type { ResourceAccountResource } from '../kinds/resource-account.js';
import type { SharedCallingPolicyResource } from '../kinds/shared-calling-policy.js';
import type { TrustedIpResource } from '../kinds/trusted-ip.js';
import type { UserExtensionResource } from '../kinds/user-extension.js';
import type { VoiceRouteResource } from '../kinds/voice-route.js';
import type { VoiceRoutingPolicyResource } from '../kinds/voice-routing-policy.js';
import type { PolicyGrantToAccountResource } from '../kinds/voice-routing-policy-grant.js';

export type {
    ApplicationAssociationResource, AutoAttendantResource, CivicAddressResource, EmergencyCallingPolicyResource, EmergencyMembersGrantResource, EmergencyRoutingPolicyResource, GatewayResource, GroupGrantResource,
    GroupResource, LisLocationResource, LisNetworkIdResource, NetworkRegionResource, NetworkSiteResource, NetworkSubnetResource,
    NumberAssignmentResource, TrustedIpResource, PolicyGrantToAccountResource, PstnUsageResource, ResourceAccountResource,
    SharedCallingPolicyResource, UserExtensionResource, VoiceRouteResource, VoiceRoutingPolicyResource
};

export type TeamsNumberType = 'DirectRouting' | 'CallingPlan' | 'OperatorConnect';

export type Resource =
    | GatewayResource | PstnUsageResource | VoiceRouteResource | VoiceRoutingPolicyResource | CivicAddressResource
    | ResourceAccountResource | NumberAssignmentResource | PolicyGrantToAccountResource | SharedCallingPolicyResource
    | GroupResource | GroupGrantResource | EmergencyRoutingPolicyResource | EmergencyMembersGrantResource | EmergencyCallingPolicyResource
    | TrustedIpResource | NetworkRegionResource | NetworkSiteResource | NetworkSubnetResource | LisLocationResource | LisNetworkIdResource
    | UserExtensionResource
    | AutoAttendantResource | ApplicationAssociationResource;

export type ResourceKind = Resource['kind'];

/** The seed's setup order, used to head each compiled block and each plan section. */
export const SEED_STEPS = {
    prerequisites: 'Prerequisites: tenant, emergency addresses and Direct Routing',
    step1: 'Step 1: Provision a service number',
    step2: 'Step 2: Create a resource account',
    step3: 'Step 3: Assign the number to the resource account',
    step4: 'Step 4: Create the Shared Calling policy',
    step5: 'Step 5: Assign the policy to a user group',
    inbound: 'Inbound: an auto attendant answers the shared number',
    step6: 'Step 6: Emergency routing and addresses for the users',
    step7: 'Step 7: Extension dialing for the users (optional)'
} as const;

export type SeedStep = keyof typeof SEED_STEPS;
