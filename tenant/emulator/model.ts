/**
 * The tenant state the emulator holds: plain JSON-serialisable records, so the whole
 * tenant can be persisted with one JSON.stringify and reloaded on restart.
 */

import type { NetworkTopology } from './network-model.js';

export const SKU_PHONESYSTEM_VIRTUALUSER = '440eaaa8-b3e0-484b-a8be-62870b9ba70a';
export const SKU_MCOEV = 'e43b5b99-8dfb-405f-9987-dc307f34bcbd';
/** Microsoft 365 E5 (SPE_E5), which carries the Teams Phone service plan too [SKU-REF]. */
export const SKU_SPE_E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
/** The Teams Phone service plan (MCOEV), in Teams Phone Standard, E5 and other SKUs [SKU-REF]. */
export const PLAN_TEAMS_PHONE = '4828c8ec-dc2e-4779-b502-87ac9ce28ab7';
/** Graph's `department` on resource accounts [RA-MANAGE-OLD]. */
export const RESOURCE_ACCOUNT_DEPARTMENT = 'Microsoft Communication Application Instance';

export type NumberType = 'DirectRouting' | 'CallingPlan' | 'OperatorConnect';
export const NUMBER_TYPES: readonly NumberType[] = ['DirectRouting', 'CallingPlan', 'OperatorConnect'];

/** Policy types the emulator can assign (directly, to groups, or tenant-wide). */
export type PolicyType = 'OnlineVoiceRoutingPolicy' | 'TeamsEmergencyCallRoutingPolicy' | 'TeamsEmergencyCallingPolicy' | 'TeamsSharedCallingRoutingPolicy';
export const POLICY_TYPES: readonly PolicyType[] = ['OnlineVoiceRoutingPolicy', 'TeamsEmergencyCallRoutingPolicy', 'TeamsEmergencyCallingPolicy', 'TeamsSharedCallingRoutingPolicy'];

export interface AssignedLicense { skuId: string; disabledPlans: string[] }

export interface User {
    id: string;
    userPrincipalName: string;
    displayName: string;
    mail: string | null;
    givenName: string | null;
    surname: string | null;
    jobTitle: string | null;
    department: string | null;
    usageLocation: string | null;
    accountEnabled: boolean;
    assignedLicenses: AssignedLicense[];
    enterpriseVoiceEnabled: boolean;
    /** Set on resource accounts (application instances) only. */
    applicationId: string | null;
    createdDateTime: string;
    modifiedDateTime: string;
}

export interface Group {
    id: string;
    displayName: string;
    mail: string | null;
    mailNickname: string;
    description: string | null;
    securityEnabled: boolean;
    mailEnabled: boolean;
    /** Direct member user ids. */
    memberIds: string[];
}

export interface ServicePlan { servicePlanId: string; servicePlanName: string; provisioningStatus: string; appliesTo: string }

export interface SubscribedSku {
    id: string;
    skuId: string;
    skuPartNumber: string;
    capabilityStatus: string;
    appliesTo: string;
    consumedUnits: number;
    prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
    servicePlans: ServicePlan[];
}

export interface PhoneNumber {
    telephoneNumber: string;
    numberType: NumberType;
    isoCountryCode: string;
    city: string | null;
    /** User/RA object id, or 'TeamsSharedCallingRoutingPolicy|Tag:<name>' for a policy's emergency number. */
    assignedPstnTargetId: string | null;
    locationId: string | null;
    capabilities: string[];
    activationState: string;
}

export interface CivicAddress {
    civicAddressId: string;
    defaultLocationId: string;
    companyName: string;
    countryOrRegion: string;
    houseNumber: string | null;
    streetName: string | null;
    city: string | null;
    stateOrProvince: string | null;
    postalCode: string | null;
    latitude: string | null;
    longitude: string | null;
    description: string | null;
    elin: string | null;
    /**
     * New-CsOnlineLisCivicAddress's example shows `NotValidated` for a new address; an issue
     * reports `Validated` for PowerShell-made ones [CONFLICT]. Both states are modelled; a
     * validated address can't be moved [EMERG]. Absent (older state files): Validated.
     */
    validationStatus?: 'NotValidated' | 'Validated';
}

export interface LisLocation {
    locationId: string;
    civicAddressId: string;
    location: string;
    elin: string | null;
    isDefault: boolean;
}

export interface PstnGateway {
    identity: string;
    fqdn: string;
    sipSignalingPort: number;
    enabled: boolean;
    maxConcurrentSessions: number | null;
    description: string | null;
    /** Whether the SBC receives the caller's location (PIDF-LO) [GW-NEW]; absent in older state files: off. */
    pidfLoSupported?: boolean;
}

export interface VoiceRoute {
    identity: string;
    numberPattern: string;
    onlinePstnGatewayList: string[];
    onlinePstnUsages: string[];
    priority: number;
    description: string | null;
}

export interface VoiceRoutingPolicy { identity: string; policyId: string; onlinePstnUsages: string[]; description: string | null }

export interface EmergencyNumber { emergencyDialString: string; emergencyDialMask: string | null; onlinePstnUsage: string | null }

export interface EmergencyCallRoutingPolicy {
    identity: string;
    policyId: string;
    emergencyNumbers: EmergencyNumber[];
    allowEnhancedEmergencyServices: boolean;
    description: string | null;
}

/** Who is told of an emergency call, and whether users may enter a remote address [ECP-NEW]. */
export interface EmergencyCallingPolicy {
    identity: string;
    policyId: string;
    notificationGroup: string | null;
    notificationDialOutNumber: string | null;
    notificationMode: 'NotificationOnly' | 'ConferenceMuted' | 'ConferenceUnMuted' | null;
    externalLocationLookupMode: 'Disabled' | 'Enabled' | null;
    enhancedEmergencyServiceDisclaimer: string | null;
    description: string | null;
}

export interface SharedCallingPolicy {
    identity: string;
    policyId: string;
    resourceAccount: string;
    emergencyNumbers: string[];
    description: string | null;
}

export interface GroupPolicyAssignment {
    groupId: string;
    policyType: PolicyType;
    policyName: string;
    rank: number;
    createdTime: string;
    createdBy: string;
}

export interface UserPolicyAssignment { userId: string; policyType: PolicyType; policyName: string }

export interface ApplicationInstanceAssociation {
    id: string;
    objectId: string;
    configurationId: string;
    configurationType: 'AutoAttendant' | 'CallQueue';
    callPriority: number;
}

/**
 * An auto attendant as Get-CsAutoAttendant shows it [AA-GET]. The nested parts (call flow,
 * menu, operator, dial scope) are kept as the builders returned them: their shape is the
 * emulator's reading of the reference, which documents their properties but not their JSON.
 */
export interface AutoAttendant {
    id: string; name: string; languageId: string; timeZoneId: string; voiceId: string | null;
    defaultCallFlow: Record<string, unknown>; operator: Record<string, unknown> | null;
    callFlows: unknown[]; callHandlingAssociations: unknown[];
    inclusionScope: Record<string, unknown> | null; exclusionScope: Record<string, unknown> | null;
}

/**
 * A schedule of New-CsOnlineSchedule [AA-SCHEDULE]: weekly (its time ranges per day, and
 * whether it is the complement of them) or fixed (date-time ranges). Stored as Get-CsAutoAttendant
 * shows it under Schedules; the JSON shape (ComplementEnabled, Start/End texts) is the emulator's reading.
 */
export interface OnlineSchedule {
    id: string; name: string; type: 'WeeklyRecurrence' | 'Fixed';
    weeklyRecurrentSchedule: Record<string, unknown> | null;
    fixedSchedule: { DateTimeRanges: Array<{ Start: string; End: string }> } | null;
}

/** A call queue as Get-CsCallQueue shows it [CQ-GET]; seeded only (the tool associates existing queues). */
export interface CallQueue { identity: string; name: string }

export interface TenantState {
    tenantId: string;
    /** The initial `<name>.onmicrosoft.com` domain. */
    tenantDomain: string;
    verifiedDomains: string[];
    /** The ValidationStatus a new civic address reads back with (default NotValidated, as Microsoft's example shows). */
    newCivicAddressStatus?: 'NotValidated' | 'Validated';
    users: User[];
    groups: Group[];
    subscribedSkus: SubscribedSku[];
    phoneNumbers: PhoneNumber[];
    civicAddresses: CivicAddress[];
    locations: LisLocation[];
    pstnGateways: PstnGateway[];
    /** The Global PSTN usage list (Set-CsOnlinePstnUsage -Identity Global). */
    pstnUsages: string[];
    voiceRoutes: VoiceRoute[];
    voiceRoutingPolicies: VoiceRoutingPolicy[];
    emergencyCallRoutingPolicies: EmergencyCallRoutingPolicy[];
    /** Absent in state files written before the emulator modelled it: only the Global instance. */
    emergencyCallingPolicies?: EmergencyCallingPolicy[];
    sharedCallingPolicies: SharedCallingPolicy[];
    groupPolicyAssignments: GroupPolicyAssignment[];
    userPolicyAssignments: UserPolicyAssignment[];
    /** Tenant-wide assignment made with Grant-* -Global; absent = the 'Global' instance. */
    tenantPolicyAssignments: Partial<Record<PolicyType, string>>;
    applicationInstanceAssociations: ApplicationInstanceAssociation[];
    /** Absent in state files written before the emulator modelled them. */
    autoAttendants?: AutoAttendant[];
    /** Schedules (New-CsOnlineSchedule); absent in state files written before the emulator modelled them. */
    schedules?: OnlineSchedule[];
    /** Call queues, from the seed; absent when none. */
    callQueues?: CallQueue[];
    /** Dynamic emergency calling (network-model.ts); absent until first written. */
    networkTopology?: NetworkTopology;
}

export function isResourceAccount(user: User): boolean {
    return user.department === RESOURCE_ACCOUNT_DEPARTMENT;
}

export function emptyTenant(tenantId: string, tenantDomain: string): TenantState {
    return {
        tenantId,
        tenantDomain,
        verifiedDomains: [tenantDomain],
        users: [],
        groups: [],
        subscribedSkus: [],
        phoneNumbers: [],
        civicAddresses: [],
        locations: [],
        pstnGateways: [],
        pstnUsages: [],
        voiceRoutes: [],
        voiceRoutingPolicies: [{ identity: 'Global', policyId: globalPolicyId(1), onlinePstnUsages: [], description: null }],
        emergencyCallRoutingPolicies: [{ identity: 'Global', policyId: globalPolicyId(2), emergencyNumbers: [], allowEnhancedEmergencyServices: false, description: null }],
        emergencyCallingPolicies: [globalEmergencyCallingPolicy()],
        sharedCallingPolicies: [],
        groupPolicyAssignments: [],
        userPolicyAssignments: [],
        tenantPolicyAssignments: {},
        applicationInstanceAssociations: []
    };
}

/** Every tenant has a Global emergency calling policy; it notifies no one until an admin sets it up [ECP-NEW]. */
export function globalEmergencyCallingPolicy(): EmergencyCallingPolicy {
    return {
        identity: 'Global', policyId: globalPolicyId(3), notificationGroup: null, notificationDialOutNumber: null, notificationMode: null,
        externalLocationLookupMode: null, enhancedEmergencyServiceDisclaimer: null, description: null
    };
}

/** The emergency calling policies, with the Global instance for state files written before they were modelled. */
export function emergencyCallingPolicies(state: TenantState): EmergencyCallingPolicy[] {
    return state.emergencyCallingPolicies ??= [globalEmergencyCallingPolicy()];
}

/** The policy instances of one assignable type (identity and id). */
export function policiesOfType(state: TenantState, policyType: PolicyType): { identity: string; policyId: string }[] {
    switch (policyType) {
        case 'OnlineVoiceRoutingPolicy': return state.voiceRoutingPolicies;
        case 'TeamsEmergencyCallRoutingPolicy': return state.emergencyCallRoutingPolicies;
        case 'TeamsEmergencyCallingPolicy': return emergencyCallingPolicies(state);
        case 'TeamsSharedCallingRoutingPolicy': return state.sharedCallingPolicies;
    }
}

function globalPolicyId(n: number): string {
    return `00000000-0000-0000-0000-00000000000${n}`;
}
