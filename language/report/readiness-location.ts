/**
 * Where a covered group's emergency calls say they come from. A Shared Calling user's call
 * carries the client's dynamic location if one is found, else the static location of the
 * resource account's number [SC-SETUP "Emergency location"; NEW-SCRP]. Dynamic lookup
 * happens only behind a trusted IP, through the LIS map of subnets, access points, switches
 * and ports [DYN-EMERG]. Pure: reads a ReadinessTenant.
 */
import { toolAddressName } from '../kinds/civic-address.js';
import type { ObservedCivicAddress } from '../plan/snapshot.js';
import type { CoveredGroup } from './readiness-setup.js';
import type { ReadinessTenant } from './readiness-data.js';

export type CheckStatus = 'ok' | 'gap' | 'note';

/** One fact of the report: whether it is in order, what the tenant has, and the sources behind the rule. */
export interface Check {
    status: CheckStatus;
    value: string;
    sources: string[];
}

export interface StaticLocation {
    policy?: string;
    resourceAccount?: string;
    number?: string;
    address?: string;
}

export interface GroupLocation {
    /** The static location a call carries when no dynamic location is found. */
    fallback: StaticLocation;
    /** LIS entries that put a client at the address the members work at. */
    dynamicHere: string[];
    check: Check;
}

const same = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** "SeattleStore (1 Pike St, Seattle WA 98101, US)" for an address the tool made, else its street text. */
export function describeAddress(a: ObservedCivicAddress): string {
    const street = [a.houseNumber, a.streetName].filter(Boolean).join(' ');
    const city = [a.city, a.stateOrProvince, a.postalCode].filter(Boolean).join(' ');
    const text = [street, city, a.countryOrRegion].filter(Boolean).join(', ') || a.civicAddressId;
    const name = toolAddressName(a.description);
    return name ? `${name} (${text})` : text;
}

/** The civic address a location id belongs to: an address's default location, or a place added to it [LOC-NEW]. */
export function addressOfLocation(tenant: ReadinessTenant, locationId: string | undefined): ObservedCivicAddress | undefined {
    if (!locationId) return undefined;
    const { civicAddresses } = tenant.snapshot;
    const direct = civicAddresses.find(a => same(a.defaultLocationId, locationId));
    if (direct) return direct;
    const place = tenant.locations.find(l => same(l.locationId, locationId));
    return place ? civicAddresses.find(a => same(a.civicAddressId, place.civicAddressId)) : undefined;
}

/** The policy's resource account, its number and that number's location [NEW-SCRP, GET-PNA]. */
function fallbackOf(tenant: ReadinessTenant, policyName: string | undefined): { location: StaticLocation; address?: ObservedCivicAddress; missing?: string } {
    const { snapshot } = tenant;
    if (!policyName) return { location: {}, missing: 'no Shared Calling policy is granted to this group in the files' };
    const policy = snapshot.sharedCallingPolicies.find(p => same(p.identity, policyName));
    if (!policy) return { location: { policy: policyName }, missing: `the Shared Calling policy ${policyName} does not exist in the tenant` };
    const account = snapshot.applicationInstances.find(a => same(a.objectId, policy.resourceAccount) || same(a.userPrincipalName, policy.resourceAccount));
    const accountId = account?.objectId ?? policy.resourceAccount;
    const location: StaticLocation = { policy: policy.identity, resourceAccount: account?.userPrincipalName ?? policy.resourceAccount };
    const number = snapshot.numbers.find(n => same(n.assignedTo, accountId));
    if (!number) return { location, missing: `the resource account ${location.resourceAccount} has no phone number` };
    location.number = number.telephoneNumber;
    if (!number.locationId) return { location, missing: `the resource account's number ${number.telephoneNumber} has no emergency location` };
    const address = addressOfLocation(tenant, number.locationId);
    location.address = address ? describeAddress(address) : `location ${number.locationId}`;
    return { location, address };
}

/** LIS entries mapped to a location of this civic address. */
function dynamicEntriesAt(tenant: ReadinessTenant, address: ObservedCivicAddress): string[] {
    return tenant.network.lis.filter(e => same(addressOfLocation(tenant, e.locationId)?.civicAddressId, address.civicAddressId)).map(e => `${e.kind} ${e.id}`);
}

const SOURCES = ['SC-SETUP', 'NEW-SCRP', 'DYN-EMERG'];

export function groupLocation(group: CoveredGroup, tenant: ReadinessTenant): GroupLocation {
    const { location, address, missing } = fallbackOf(tenant, group.sharedCallingPolicy?.name);
    if (missing) return { fallback: location, dynamicHere: [], check: { status: 'gap', value: `unknown: ${missing}`, sources: ['SC-SETUP', 'NEW-SCRP'] } };
    const carried = `${location.address} from ${location.number}`;
    const workplace = group.worksAt ? tenant.snapshot.civicAddresses.find(a => same(a.description, group.worksAt!.description)) : undefined;
    if (!group.worksAt || (workplace && same(workplace.civicAddressId, address!.civicAddressId))) {
        return { fallback: location, dynamicHere: workplace ? dynamicEntriesAt(tenant, workplace) : [], check: { status: 'ok', value: carried, sources: SOURCES } };
    }
    const here = workplace ? dynamicEntriesAt(tenant, workplace) : [];
    const trusted = tenant.network.trustedIps.length > 0;
    if (here.length > 0 && trusted) {
        return {
            fallback: location, dynamicHere: here, check: {
                status: 'note', sources: SOURCES,
                value: `on the ${group.worksAt.name} network (${here.join(', ')}): ${group.worksAt.name}; anywhere else: ${carried}`
            }
        };
    }
    const why = !workplace ? `${group.worksAt.name} is not in the tenant` : here.length === 0 ? `no LIS entry maps ${group.worksAt.name}` : 'no trusted IP address is defined';
    return {
        fallback: location, dynamicHere: here, check: {
            status: 'gap', sources: SOURCES,
            value: `${carried}, not ${group.worksAt.name} where the members work (${why})`
        }
    };
}
