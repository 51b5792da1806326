/**
 * What the tenant has now, as read by `tenant/` with bulk list calls and normalised to
 * the same vocabulary as the desired resources. Pure data: no I/O lives here.
 */
import type { TeamsNumberType } from './resources.js';

export interface ObservedGateway { fqdn: string; port: number; enabled: boolean; pidfLoSupported?: boolean }
export interface ObservedVoiceRoute { identity: string; numberPattern: string; gateways: string[]; usages: string[]; priority: number }
export interface ObservedVoiceRoutingPolicy { identity: string; usages: string[]; description?: string }
export interface ObservedCivicAddress {
    civicAddressId: string; defaultLocationId: string; description?: string; companyName?: string; houseNumber?: string;
    streetName?: string; city?: string; stateOrProvince?: string; postalCode?: string; countryOrRegion?: string;
    latitude?: number; longitude?: number; elin?: string;
}
export interface ObservedUser {
    id: string; userPrincipalName: string; displayName?: string; department?: string; usageLocation?: string;
    licenseSkuIds: string[];
}
export interface ObservedApplicationInstance { objectId: string; userPrincipalName: string; displayName?: string; applicationId?: string }
export interface ObservedNumber {
    telephoneNumber: string; numberType: TeamsNumberType;
    /** Object id of the user or resource account the number is assigned to. */
    assignedTo?: string; locationId?: string; isoCountryCode?: string;
}
export interface ObservedSharedCallingPolicy { identity: string; resourceAccount?: string; emergencyNumbers: string[]; description?: string }
export interface ObservedGroup { id: string; displayName: string }
export interface ObservedGroupAssignment { groupId: string; policyType: string; policyName: string; rank: number }
export interface ObservedEmergencyRoutingPolicy {
    identity: string; emergencyNumbers: { dialString: string; usage?: string }[]; description?: string; allowEnhancedEmergencyServices?: boolean;
}
/** One user's effective policies, from Graph's /admin/teams/userConfigurations. */
export interface ObservedUserPolicies {
    userId: string;
    /** Enterprise Voice, which Shared Calling users need on [SC-SETUP]. */
    enterpriseVoiceEnabled?: boolean;
    policies: Record<string, { name: string; assignmentType: 'direct' | 'group'; groupId?: string }>;
}
export interface ObservedSku { skuId: string; skuPartNumber: string; enabled: number; consumed: number }

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
    emergencyRoutingPolicies: ObservedEmergencyRoutingPolicy[];
    userPolicies: ObservedUserPolicies[];
    skus: ObservedSku[];
}

export function emptySnapshot(): TenantSnapshot {
    return {
        gateways: [], pstnUsages: [], voiceRoutes: [], voiceRoutingPolicies: [], civicAddresses: [], users: [],
        applicationInstances: [], numbers: [], sharedCallingPolicies: [], groups: [], groupAssignments: [],
        emergencyRoutingPolicies: [], userPolicies: [], skus: []
    };
}
