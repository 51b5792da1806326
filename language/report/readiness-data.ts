/**
 * What the emergency readiness report reads from a tenant, as plain data (read in bulk by
 * tenant/report/read-readiness.ts): the plan's snapshot collections it shares with plan, and
 * the directory and Teams facts only the report needs. Pure types: no I/O lives here.
 */
import type { TenantSnapshot } from '../plan/snapshot.js';

/** A direct member of a group: Graph lists users, nested groups and other objects [G-GROUPS]. */
export interface DirectoryMember {
    id: string;
    type: 'user' | 'group' | 'other';
    displayName?: string;
    userPrincipalName?: string;
}

export interface GroupMembers {
    groupId: string;
    members: DirectoryMember[];
    /** Why the members could not be read (the Graph status and message). */
    error?: string;
}

/** A user's assigned licences [G-USER]: SKU and the service plans switched off in it. */
export interface UserLicences { id: string; licences: { skuId: string; disabledPlans: string[] }[] }

/** A subscribed SKU and the service plans it carries [G-SKUS]. */
export interface SkuPlans { skuId: string; skuPartNumber: string; servicePlans: { servicePlanId: string; servicePlanName: string }[] }

export interface EffectivePolicy {
    name: string;
    /** How Graph says the user got it; anything it does not document reads as 'unknown'. */
    assignmentType: 'direct' | 'group' | 'unknown';
    groupId?: string;
}

/** One user's Teams configuration from /admin/teams/userConfigurations [G-UCONF]. */
export interface UserConfiguration {
    id: string;
    enterpriseVoiceEnabled: boolean;
    telephoneNumbers: string[];
    /** Effective policy by policy type (TeamsSharedCallingRoutingPolicy, OnlineVoiceRoutingPolicy, …). */
    policies: Record<string, EffectivePolicy>;
}

/** An emergency calling policy: who is notified of an emergency call [ECP-NEW]. */
export interface EmergencyCallingPolicyInfo {
    identity: string;
    notificationGroup?: string;
    notificationMode?: string;
    externalLocationLookupMode?: string;
}

/** A location of a civic address (its default one, or a place such as a floor) [LOC-NEW]. */
export interface LisLocationInfo { locationId: string; civicAddressId: string; location?: string }

/** What dynamic emergency calling can find a client by [DYN-EMERG]. */
export interface DynamicNetwork {
    trustedIps: { ipAddress: string; maskBits?: number }[];
    sites: { id: string; region?: string; subnets: string[] }[];
    /** LIS entries: a subnet, wireless access point, switch or port mapped to a location. */
    lis: { kind: 'subnet' | 'access point' | 'switch' | 'port'; id: string; locationId: string }[];
}

export interface ReadinessTenant {
    /** Groups, group assignments (ranks), numbers, civic addresses, the policies and resource accounts. */
    snapshot: TenantSnapshot;
    members: GroupMembers[];
    licences: UserLicences[];
    skus: SkuPlans[];
    configurations: UserConfiguration[];
    emergencyCallingPolicies: EmergencyCallingPolicyInfo[];
    locations: LisLocationInfo[];
    network: DynamicNetwork;
}
