/**
 * The tenant's network as dynamic emergency calling sees it [DYN-EMERG]: trusted IPs, network
 * regions, sites and subnets, and the LIS map of subnets, access points, switches and ports
 * to locations. Kept apart from model.ts's other objects: it is optional in a saved state, so
 * state files written before it existed still load.
 */

export interface TrustedIpAddress { ipAddress: string; maskBits: number; description: string | null }
export interface NetworkRegion { networkRegionId: string; description: string | null; centralSite: string | null }
export interface NetworkSite {
    networkSiteId: string;
    networkRegionId: string | null;
    description: string | null;
    emergencyCallRoutingPolicy: string | null;
    emergencyCallingPolicy: string | null;
}
export interface NetworkSubnet { subnetId: string; maskBits: number; networkSiteId: string | null; description: string | null }
export interface LisSubnet { subnet: string; locationId: string; description: string | null }
export interface LisWirelessAccessPoint { bssid: string; locationId: string; description: string | null }
export interface LisSwitch { chassisId: string; locationId: string; description: string | null }
export interface LisPort { chassisId: string; portId: string; locationId: string; description: string | null }

export interface NetworkTopology {
    trustedIps: TrustedIpAddress[];
    regions: NetworkRegion[];
    sites: NetworkSite[];
    subnets: NetworkSubnet[];
    lisSubnets: LisSubnet[];
    lisWirelessAccessPoints: LisWirelessAccessPoint[];
    lisSwitches: LisSwitch[];
    lisPorts: LisPort[];
}

export function emptyTopology(): NetworkTopology {
    return { trustedIps: [], regions: [], sites: [], subnets: [], lisSubnets: [], lisWirelessAccessPoints: [], lisSwitches: [], lisPorts: [] };
}
