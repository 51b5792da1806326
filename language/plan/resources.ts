/**
 * The tenant objects a setup declares, in a form both the PowerShell compiler and live
 * apply use: each resource has a kind, a key unique within its kind (what the tenant is
 * searched by), and the settings the tenant should end up with.
 */

export const AUTO_ATTENDANT_APP_ID = 'ce933385-9390-45d1-9512-c8d228074e07';
export const CALL_QUEUE_APP_ID = '11cd3e2e-fccb-42ad-ad00-878b93575e07';
/** Microsoft Teams Phone Resource Account (PHONESYSTEM_VIRTUALUSER) [SKU-REF]. */
export const RESOURCE_ACCOUNT_SKU_ID = '440eaaa8-b3e0-484b-a8be-62870b9ba70a';
export const RESOURCE_ACCOUNT_SKU = 'PHONESYSTEM_VIRTUALUSER';
/** Voice routing policy without PSTN usages, granted to Shared Calling users [SC-SETUP]. */
export const USERS_VOICE_ROUTING_POLICY = 'SharedCalling-Users-NoPstn';

export type TeamsNumberType = 'DirectRouting' | 'CallingPlan' | 'OperatorConnect';

export interface GatewayResource {
    kind: 'gateway'; key: string; fqdn: string; port: number; enabled: true;
    /** The SBC receives the caller's location (PIDF-LO) [GW-NEW]: as the trunk's `pidf-lo` says; not managed when it says nothing. */
    pidfLoSupported?: boolean;
}
export interface PstnUsageResource { kind: 'pstn-usage'; key: string; usage: string }
export interface VoiceRouteResource {
    kind: 'voice-route'; key: string; identity: string; numberPattern: string; gateways: string[]; usages: string[]; priority: number;
}
export interface VoiceRoutingPolicyResource { kind: 'voice-routing-policy'; key: string; identity: string; usages: string[]; description: string }
export interface CivicAddressResource {
    kind: 'civic-address'; key: string;
    /** Stored in the address's Description so the tool finds it again. */
    description: string;
    companyName: string; houseNumber?: string; streetName?: string; city?: string; stateOrProvince?: string;
    postalCode?: string; countryOrRegion: string; latitude?: number; longitude?: number; elin?: string;
}
export interface ResourceAccountResource {
    kind: 'resource-account'; key: string; userPrincipalName: string; displayName: string; applicationId: string;
    usageLocation: string; licenseSkuId: string;
}
export interface NumberAssignmentResource {
    kind: 'number-assignment'; key: string; telephoneNumber: string; numberType: TeamsNumberType;
    /** The resource account's UPN. */
    account: string;
    /** Key of the civic address whose default location the number gets. */
    address?: string;
}
export interface PolicyGrantToAccountResource {
    kind: 'voice-routing-policy-grant'; key: string; account: string; policy: string;
}
export interface SharedCallingPolicyResource {
    kind: 'shared-calling-policy'; key: string; identity: string;
    /** UPN of the resource account; resolved to its Identity (object id) when applied. */
    resourceAccount: string; emergencyNumbers: string[]; description?: string;
}
export interface GroupResource { kind: 'group'; key: string; displayName?: string; objectId?: string }
export interface GroupGrantResource {
    kind: 'group-grant'; key: string;
    policyType: 'TeamsSharedCallingRoutingPolicy' | 'OnlineVoiceRoutingPolicy';
    policyName: string; group: string; rank: number;
}
export interface EmergencyRoutingPolicyResource {
    kind: 'emergency-call-routing-policy'; key: string; identity: string;
    emergencyNumbers: { dialString: string; usage?: string }[]; description: string;
    /** Enhanced emergency services (location-based routing) on, as in Microsoft's sequence [ECRP-NEW]. */
    allowEnhancedEmergencyServices: true;
}
/**
 * Per member of a granted group: Enterprise Voice on (Shared Calling users need it, without a
 * number [SC-SETUP]) and the emergency call routing policy, granted per user (group assignment
 * of this policy type is disputed [CONFLICT] in teams-facts §6).
 */
export interface EmergencyMembersGrantResource {
    kind: 'emergency-members-grant'; key: string; group: string; policy: string;
}

export type Resource =
    | GatewayResource | PstnUsageResource | VoiceRouteResource | VoiceRoutingPolicyResource | CivicAddressResource
    | ResourceAccountResource | NumberAssignmentResource | PolicyGrantToAccountResource | SharedCallingPolicyResource
    | GroupResource | GroupGrantResource | EmergencyRoutingPolicyResource | EmergencyMembersGrantResource;

export type ResourceKind = Resource['kind'];

/** The seed's setup order, used to head each compiled block and each plan section. */
export const SEED_STEPS = {
    prerequisites: 'Prerequisites: tenant, emergency addresses and Direct Routing',
    step1: 'Step 1: Provision a service number',
    step2: 'Step 2: Create a resource account',
    step3: 'Step 3: Assign the number to the resource account',
    step4: 'Step 4: Create the Shared Calling policy',
    step5: 'Step 5: Assign the policy to a user group',
    step6: 'Step 6: Emergency routing and addresses for the users'
} as const;

export type SeedStep = keyof typeof SEED_STEPS;
