/**
 * Dynamic emergency calling: trusted IPs, network regions, sites and subnets
 * [TRUSTIP-NEW, NETREGION-NEW, NETSITE-NEW, NETSUBNET-NEW] and the LIS map of subnets,
 * wireless access points, switches and ports to locations
 * [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET]. The Set-CsTenant* cmdlets change
 * what was given [TRUSTIP-SET, NETREGION-SET, NETSITE-SET, NETSUBNET-SET]; their pages do not
 * say how an unknown -Identity fails, so the emulator answers NotFound, as the Get-* do (a guess).
 */
import { parseIpRange } from '../../../language/network-ids.js';
import { emptyTopology, type NetworkTopology } from '../network-model.js';
import type { Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { has, optionalInt, optionalString, requiredString, type Params } from './params.js';

/** The topology a write changes (made on first write). */
function topology(tenant: Tenant): NetworkTopology {
    return tenant.state.networkTopology ??= emptyTopology();
}

/** The topology a read sees: a read never changes the saved state. */
function readTopology(tenant: Tenant): NetworkTopology {
    return tenant.state.networkTopology ?? emptyTopology();
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The name a New-CsTenant* cmdlet is given: its ID parameter (ParentAndRelativeKey) or -Identity. */
function identityOf(params: Params, idParameter: string): string {
    const id = optionalString(params, idParameter) ?? optionalString(params, 'Identity');
    // rule: mandatory-parameter
    if (!id) throw teamsError(`Cannot validate argument on parameter '${idParameter}'. The argument is null or empty.`);
    return id;
}

/** The IP version of an address written without a prefix length. */
function ipVersion(text: string, what: string): 4 | 6 {
    const range = parseIpRange(text);
    // rule: ip-address-valid [TRUSTIP-NEW, NETSUBNET-NEW, LISSUBNET-SET]
    if (!range || range.prefix !== undefined) throw teamsError(`'${text}' is not a valid IPv4 or IPv6 ${what}.`);
    return range.version;
}

/** -MaskBits: 0 to 32 for IPv4, 0 to 128 for IPv6; when absent, the full length or an error. */
function maskBitsOf(params: Params, version: 4 | 6, absent: 'full' | 'required'): number {
    const limit = version === 4 ? 32 : 128;
    const maskBits = optionalInt(params, 'MaskBits');
    if (maskBits === null) {
        if (absent === 'full') return limit;
        // rule: mandatory-parameter
        throw teamsError(`Cannot validate argument on parameter 'MaskBits'. The argument is null or empty.`);
    }
    // rule: mask-bits-range [TRUSTIP-NEW, NETSUBNET-NEW]
    if (maskBits < 0 || maskBits > limit) throw teamsError(`MaskBits ${maskBits} is out of range: IPv${version} accepts 0 to ${limit}.`);
    return maskBits;
}

/** An optional parameter naming another object, which must then exist (404). */
function existingOrNull<T>(params: Params, name: string, list: T[], idOf: (item: T) => string, what: string): string | null {
    const id = optionalString(params, name);
    // rule: network-parent-exists [NETSITE-NEW, NETSUBNET-NEW]
    if (id !== null && !list.some(item => same(idOf(item), id))) throw teamsError(`The ${what} '${id}' was not found.`, 'NotFound', 404);
    return id;
}

/** An existing LIS location, by -LocationId. */
function locationIdOf(tenant: Tenant, params: Params): string {
    const id = requiredString(params, 'LocationId');
    const location = tenant.state.locations.find(l => same(l.locationId, id) && tenant.seenByWrites(l.locationId));
    // rule: lis-location-exists [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET]
    if (!location) throw teamsError(`The location '${id}' was not found.`, 'NotFound', 404);
    return location.locationId;
}

/** Reads one entry by its key when the key is given (404 when absent), else all of them. */
function read<T>(list: T[], key: string | null, matches: (item: T, key: string) => boolean, what: string): T[] {
    if (key === null) return list;
    const found = list.filter(item => matches(item, key));
    // rule: unknown-identity
    if (found.length === 0) throw teamsError(`The ${what} '${key}' was not found.`, 'NotFound', 404);
    return found;
}

/** The BSSIDs a wildcard BSSID covers: '*' stands for its last one or two characters [LISWAP-SET]. */
function bssidCovers(wildcard: string, bssid: string): boolean {
    if (!wildcard.endsWith('*')) return false;
    const prefix = wildcard.slice(0, -1).replace(/:/g, '-').toLowerCase();
    return bssid.replace(/:/g, '-').toLowerCase().startsWith(prefix);
}

export const networkCmdlets: Record<string, CmdletHandler> = {
    'New-CsTenantTrustedIPAddress': (tenant, params) => {
        const ipAddress = identityOf(params, 'IPAddress');
        // Without -MaskBits, 32 for IPv4 and 128 for IPv6 [TRUSTIP-NEW].
        const maskBits = maskBitsOf(params, ipVersion(ipAddress, 'address'), 'full');
        const entry = { ipAddress, maskBits, description: optionalString(params, 'Description') };
        addNew(topology(tenant).trustedIps, entry, ip => same(ip.ipAddress, ipAddress), `trusted IP address '${ipAddress}'`);
        return trustedIpView(entry);
    },

    'Set-CsTenantTrustedIPAddress': (tenant, params) => {
        const entry = existing(topology(tenant).trustedIps, requiredString(params, 'Identity'), ip => ip.ipAddress, 'trusted IP address');
        if (has(params, 'MaskBits')) entry.maskBits = maskBitsOf(params, ipVersion(entry.ipAddress, 'address'), 'full');
        if (has(params, 'Description')) entry.description = optionalString(params, 'Description');
        return null;
    },

    'Get-CsTenantTrustedIPAddress': (tenant, params) =>
        read(readTopology(tenant).trustedIps, optionalString(params, 'Identity'), (ip, key) => same(ip.ipAddress, key), 'trusted IP address').map(trustedIpView),

    'New-CsTenantNetworkRegion': (tenant, params) => {
        const networkRegionId = identityOf(params, 'NetworkRegionID');
        const region = { networkRegionId, description: optionalString(params, 'Description'), centralSite: optionalString(params, 'CentralSite') };
        addNew(topology(tenant).regions, region, r => same(r.networkRegionId, networkRegionId), `network region '${networkRegionId}'`);
        return regionView(region);
    },

    'Set-CsTenantNetworkRegion': (tenant, params) => {
        const region = existing(topology(tenant).regions, requiredString(params, 'Identity'), r => r.networkRegionId, 'network region');
        if (has(params, 'Description')) region.description = optionalString(params, 'Description');
        if (has(params, 'CentralSite')) region.centralSite = optionalString(params, 'CentralSite');
        return null;
    },

    'Get-CsTenantNetworkRegion': (tenant, params) =>
        read(readTopology(tenant).regions, optionalString(params, 'Identity'), (r, key) => same(r.networkRegionId, key), 'network region').map(regionView),

    'New-CsTenantNetworkSite': (tenant, params) => {
        const networkSiteId = identityOf(params, 'NetworkSiteID');
        const { sites, regions } = topology(tenant);
        // The parameter is optional, but a region it names must exist ("each network site must be associated with a network region").
        const networkRegionId = existingOrNull(params, 'NetworkRegionID', regions, r => r.networkRegionId, 'network region');
        const site = {
            networkSiteId, networkRegionId, description: optionalString(params, 'Description'),
            emergencyCallRoutingPolicy: optionalString(params, 'EmergencyCallRoutingPolicy'), emergencyCallingPolicy: optionalString(params, 'EmergencyCallingPolicy')
        };
        addNew(sites, site, x => same(x.networkSiteId, networkSiteId), `network site '${networkSiteId}'`);
        return siteView(site);
    },

    'Set-CsTenantNetworkSite': (tenant, params) => {
        const { sites, regions } = topology(tenant);
        const site = existing(sites, requiredString(params, 'Identity'), x => x.networkSiteId, 'network site');
        if (has(params, 'NetworkRegionID')) site.networkRegionId = existingOrNull(params, 'NetworkRegionID', regions, r => r.networkRegionId, 'network region');
        if (has(params, 'Description')) site.description = optionalString(params, 'Description');
        if (has(params, 'EmergencyCallRoutingPolicy')) site.emergencyCallRoutingPolicy = optionalString(params, 'EmergencyCallRoutingPolicy');
        if (has(params, 'EmergencyCallingPolicy')) site.emergencyCallingPolicy = optionalString(params, 'EmergencyCallingPolicy');
        return null;
    },

    'Get-CsTenantNetworkSite': (tenant, params) =>
        read(readTopology(tenant).sites, optionalString(params, 'Identity'), (s, key) => same(s.networkSiteId, key), 'network site').map(siteView),

    'New-CsTenantNetworkSubnet': (tenant, params) => {
        const subnetId = identityOf(params, 'SubnetID');
        const maskBits = maskBitsOf(params, ipVersion(subnetId, 'subnet id'), 'required');
        const { subnets, sites } = topology(tenant);
        const networkSiteId = existingOrNull(params, 'NetworkSiteID', sites, x => x.networkSiteId, 'network site');
        const subnet = { subnetId, maskBits, networkSiteId, description: optionalString(params, 'Description') };
        // A subnet belongs to one site [NETSUBNET-NEW]: its id is its identity.
        addNew(subnets, subnet, x => same(x.subnetId, subnetId), `network subnet '${subnetId}'`);
        return subnetView(subnet);
    },

    'Set-CsTenantNetworkSubnet': (tenant, params) => {
        const { subnets, sites } = topology(tenant);
        const subnet = existing(subnets, requiredString(params, 'Identity'), x => x.subnetId, 'network subnet');
        if (has(params, 'MaskBits')) subnet.maskBits = maskBitsOf(params, ipVersion(subnet.subnetId, 'subnet id'), 'required');
        if (has(params, 'NetworkSiteID')) subnet.networkSiteId = existingOrNull(params, 'NetworkSiteID', sites, x => x.networkSiteId, 'network site');
        if (has(params, 'Description')) subnet.description = optionalString(params, 'Description');
        return null;
    },

    'Get-CsTenantNetworkSubnet': (tenant, params) =>
        read(readTopology(tenant).subnets, optionalString(params, 'Identity'), (s, key) => same(s.subnetId, key), 'network subnet').map(subnetView),

    // The Set-CsOnlineLis* cmdlets create the entry or change its location [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET].
    'Set-CsOnlineLisSubnet': (tenant, params) => {
        const subnet = requiredString(params, 'Subnet');
        ipVersion(subnet, 'subnet');
        const entry = { subnet, locationId: locationIdOf(tenant, params), description: optionalString(params, 'Description') };
        upsert(topology(tenant).lisSubnets, entry, s => same(s.subnet, subnet));
        return null;
    },

    'Get-CsOnlineLisSubnet': (tenant, params) =>
        read(readTopology(tenant).lisSubnets, optionalString(params, 'Subnet'), (s, key) => same(s.subnet, key), 'subnet')
            .map(s => ({ Subnet: s.subnet, LocationId: s.locationId, Description: s.description })),

    'Set-CsOnlineLisWirelessAccessPoint': (tenant, params) => {
        const bssid = requiredString(params, 'BSSID');
        const locationId = locationIdOf(tenant, params);
        const points = topology(tenant).lisWirelessAccessPoints;
        // "If a BSSID with wildcard format is already existing, the request for adding one more new BSSID which is
        // within this wildcard range and with the same location ID will not be accepted" [LISWAP-SET].
        const covering = points.find(p => !same(p.bssid, bssid) && same(p.locationId, locationId) && bssidCovers(p.bssid, bssid));
        // rule: bssid-wildcard-overlap [LISWAP-SET]
        if (covering) throw teamsError(`The BSSID '${bssid}' is within the range of '${covering.bssid}' with the same location.`);
        upsert(points, { bssid, locationId, description: optionalString(params, 'Description') }, p => same(p.bssid, bssid));
        return null;
    },

    'Get-CsOnlineLisWirelessAccessPoint': (tenant, params) =>
        read(readTopology(tenant).lisWirelessAccessPoints, optionalString(params, 'BSSID'), (p, key) => same(p.bssid, key), 'wireless access point')
            .map(p => ({ BSSID: p.bssid, LocationId: p.locationId, Description: p.description })),

    'Set-CsOnlineLisSwitch': (tenant, params) => {
        const chassisId = requiredString(params, 'ChassisID');
        upsert(topology(tenant).lisSwitches, { chassisId, locationId: locationIdOf(tenant, params), description: optionalString(params, 'Description') },
            s => same(s.chassisId, chassisId));
        return null;
    },

    'Get-CsOnlineLisSwitch': (tenant, params) =>
        read(readTopology(tenant).lisSwitches, optionalString(params, 'ChassisID'), (s, key) => same(s.chassisId, key), 'switch')
            .map(s => ({ ChassisID: s.chassisId, LocationId: s.locationId, Description: s.description })),

    'Set-CsOnlineLisPort': (tenant, params) => {
        const chassisId = requiredString(params, 'ChassisID');
        const portId = requiredString(params, 'PortID');
        upsert(topology(tenant).lisPorts, { chassisId, portId, locationId: locationIdOf(tenant, params), description: optionalString(params, 'Description') },
            p => same(p.chassisId, chassisId) && same(p.portId, portId));
        return null;
    },

    'Get-CsOnlineLisPort': (tenant, params) => {
        const chassisId = optionalString(params, 'ChassisID');
        const portId = optionalString(params, 'PortID');
        const list = readTopology(tenant).lisPorts.filter(p => (chassisId === null || same(p.chassisId, chassisId)) && (portId === null || same(p.portId, portId)));
        // rule: unknown-identity
        if ((chassisId !== null || portId !== null) && list.length === 0) throw teamsError(`The port '${[chassisId, portId].filter(Boolean).join(' ')}' was not found.`, 'NotFound', 404);
        return list.map(p => ({ ChassisID: p.chassisId, PortID: p.portId, LocationId: p.locationId, Description: p.description }));
    }
};

/** The object a Set-* cmdlet changes, by its identity. */
function existing<T>(list: T[], identity: string, idOf: (item: T) => string, what: string): T {
    const found = list.find(item => same(idOf(item), identity));
    // rule: unknown-identity
    if (!found) throw teamsError(`The ${what} '${identity}' was not found.`, 'NotFound', 404);
    return found;
}

/** Adds an object that New-* creates once; a second one with the same identity is a conflict. */
function addNew<T>(list: T[], entry: T, matches: (item: T) => boolean, what: string): void {
    // rule: duplicate-identity
    if (list.some(matches)) throw teamsError(`The ${what} already exists.`, 'Conflict', 409);
    list.push(entry);
}

function upsert<T>(list: T[], entry: T, matches: (item: T) => boolean): void {
    const index = list.findIndex(matches);
    if (index >= 0) list[index] = entry;
    else list.push(entry);
}

function trustedIpView(ip: NetworkTopology['trustedIps'][number]): Record<string, unknown> {
    return { Identity: ip.ipAddress, IPAddress: ip.ipAddress, MaskBits: ip.maskBits, Description: ip.description };
}

function regionView(r: NetworkTopology['regions'][number]): Record<string, unknown> {
    return { Identity: r.networkRegionId, NetworkRegionID: r.networkRegionId, Description: r.description, CentralSite: r.centralSite };
}

/**
 * The OUTPUTS of [NETSITE-GET]. Settings the emulator does not model (location policy,
 * location-based routing, roaming policy) read back unset; "reserved for internal Microsoft
 * use" ones (SiteAddress, PhoneNumbers) null. What a `…TagID` holds is documented only as
 * "the ID of the … policy": the emulator puts the policy's `Tag:` identity there [UNCONFIRMED].
 */
function siteView(s: NetworkTopology['sites'][number]): Record<string, unknown> {
    const tag = (name: string | null) => (name ? `Tag:${name}` : null);
    return {
        Identity: s.networkSiteId, Description: s.description, NetworkRegionID: s.networkRegionId, LocationPolicyID: null, SiteAddress: null,
        NetworkSiteID: s.networkSiteId, OnlineVoiceRoutingPolicyTagID: null, EnableLocationBasedRouting: false,
        EmergencyCallRoutingPolicyTagID: tag(s.emergencyCallRoutingPolicy), EmergencyCallingPolicyTagID: tag(s.emergencyCallingPolicy),
        NetworkRoamingPolicyTagID: null, EmergencyCallRoutingPolicyName: s.emergencyCallRoutingPolicy,
        EmergencyCallingPolicyName: s.emergencyCallingPolicy, NetworkRoamingPolicyName: null, PhoneNumbers: null
    };
}

function subnetView(s: NetworkTopology['subnets'][number]): Record<string, unknown> {
    return { Identity: s.subnetId, SubnetID: s.subnetId, MaskBits: s.maskBits, NetworkSiteID: s.networkSiteId, Description: s.description };
}
