/** What an export found in the tenant, named: the records the statement writers turn into text. */
import type {
    ObservedApplicationInstance, ObservedCivicAddress, ObservedEmergencyCallingPolicy, ObservedEmergencyRoutingPolicy, ObservedGateway, ObservedGroup,
    ObservedLisNetworkId, ObservedNetworkRegion, ObservedNetworkSite, ObservedNetworkSubnet, ObservedSharedCallingPolicy,
    ObservedTrustedIp, ObservedUser, ObservedVoiceRoute, ObservedVoiceRoutingPolicy
} from '../plan/snapshot.js';
import type { TeamsNumberType } from '../plan/resources.js';

export type { TeamsNumberType };

export interface ExportedAddress { name: string; address: ObservedCivicAddress }

export interface ExportedTrunk {
    name: string; route: ObservedVoiceRoute; gateway?: ObservedGateway; usage: string; accountPolicy?: ObservedVoiceRoutingPolicy;
    /** The route of the trunk's emergency dial strings, when the tenant has one. */
    emergencyRoute?: ObservedVoiceRoute;
}

export interface ExportedNumber {
    name: string; telephoneNumber: string; type: TeamsNumberType; trunk?: string; address?: string;
    /** Where Teams has it, for the comment. */
    origin: string;
}

export interface ExportedAccount {
    name: string; instance: ObservedApplicationInstance; user?: ObservedUser; kind?: 'auto-attendant' | 'call-queue';
    numbers: ExportedNumber[];
}

export interface ExportedGrant { group: ExportedGroup; rank: number }

export interface ExportedGroup { name: string; id: string; group?: ObservedGroup; byId: boolean; coverage?: ExportedCoverage }

export interface ExportedCoverage {
    policy: ObservedEmergencyRoutingPolicy; address: string; trunk?: string; dialStrings: string[]; members: number;
    /** The policy's Teams identity, when it is not `SharedCalling-Emergency-<Group>` (the statement's `identity`). */
    identity?: string;
    /** The emergency calling policy granted to the group (`notify`), when it is exported. */
    notify?: string;
}

/** An emergency calling policy granted to an exported group: who is told of its emergency calls. */
export interface ExportedNotification { name: string; policy: ObservedEmergencyCallingPolicy }

export interface ExportedPolicy {
    name: string; policy: ObservedSharedCallingPolicy; account?: ExportedAccount; callbacks: ExportedNumber[]; grants: ExportedGrant[];
}

export interface ExportedTrustedIp { name: string; ip: ObservedTrustedIp }
export interface ExportedRegion { name: string; region: ObservedNetworkRegion }
export interface ExportedSite { name: string; site: ObservedNetworkSite; region?: string; subnets: ObservedNetworkSubnet[] }

export interface ExportedLocation {
    name: string; address: string; place?: string; description?: string;
    subnets: ObservedLisNetworkId[]; accessPoints: ObservedLisNetworkId[]; switches: ObservedLisNetworkId[]; ports: ObservedLisNetworkId[];
}

/** A tenant object the export saw but could not write as it is, and why. */
export interface LeftOut { object: string; reason: string }
