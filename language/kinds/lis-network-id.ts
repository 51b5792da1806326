/**
 * An entry of the LIS map: a subnet, wireless access point, switch or switch port that puts
 * a client at an emergency location [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET].
 * One kind for the four: Teams treats them alike (each Set-CsOnlineLis* cmdlet creates the
 * entry or moves it to another location), and only the cmdlet and the key differ.
 */
import type { EmergencyLocation } from '../generated/ast.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall, psRef } from '../generator/render-call.js';
import { canonicalMac } from '../network-ids.js';
import { addressLabel, civicAddressIdentity } from './civic-address.js';
import type { SnapshotIndex } from './compare.js';
import { compare, updateIfDiffers } from './compare.js';
import { type AnySnapshotRead, type KindHandler, type Ref, type TeamsCall } from './kind-handler.js';
import { str, type Row } from './read-rows.js';
import type { TenantSnapshot } from '../plan/snapshot.js';

export type LisIdType = 'subnet' | 'access-point' | 'switch' | 'port';

export interface LisNetworkIdResource {
    kind: 'lis-network-id'; key: string; type: LisIdType;
    /** The subnet's network id, the access point's BSSID or the switch's chassis id. */
    id: string;
    /** The port id, for a switch port. */
    port?: string;
    /** The civic address (its Description, civicAddressIdentity), and the place at it when the location names one (else its default location). */
    address: string; place?: string;
    description?: string;
}

export interface ObservedLisNetworkId { id: string; port?: string; locationId?: string; description?: string }

type LisField = 'lisSubnets' | 'lisAccessPoints' | 'lisSwitches' | 'lisPorts';

/** Per identifier type: its snapshot collection, cmdlets and the parameter (and read-back property) of its key. */
const TYPES: Record<LisIdType, { field: LisField; get: string; set: string; idParameter: string; label: string }> = {
    'subnet': { field: 'lisSubnets', get: 'Get-CsOnlineLisSubnet', set: 'Set-CsOnlineLisSubnet', idParameter: 'Subnet', label: 'subnet' },
    'access-point': {
        field: 'lisAccessPoints', get: 'Get-CsOnlineLisWirelessAccessPoint', set: 'Set-CsOnlineLisWirelessAccessPoint', idParameter: 'BSSID', label: 'access point'
    },
    'switch': { field: 'lisSwitches', get: 'Get-CsOnlineLisSwitch', set: 'Set-CsOnlineLisSwitch', idParameter: 'ChassisID', label: 'switch' },
    'port': { field: 'lisPorts', get: 'Get-CsOnlineLisPort', set: 'Set-CsOnlineLisPort', idParameter: 'ChassisID', label: 'switch port' }
};

const TYPE_NAMES = Object.keys(TYPES) as LisIdType[];

/** BSSIDs and chassis ids are MAC-style: case and separators do not matter; subnets compare without case. */
const sameId = (type: LisIdType, a: string, b: string): boolean =>
    (type === 'subnet' ? a.toLowerCase() === b.toLowerCase() : canonicalMac(a) === canonicalMac(b));

const keyOf = (type: LisIdType, id: string, port?: string): string =>
    `${type}|${type === 'subnet' ? id.toLowerCase() : canonicalMac(id)}${port !== undefined ? `|${port.toLowerCase()}` : ''}`;

export function lisNetworkIdsFor(location: EmergencyLocation): LisNetworkIdResource[] {
    const address = location.address?.ref && civicAddressIdentity(location.address.ref);
    if (!address) return [];
    const entry = (type: LisIdType, id: string, port?: string): LisNetworkIdResource => ({
        kind: 'lis-network-id', key: keyOf(type, id, port), type, id, ...(port !== undefined ? { port } : {}),
        address, ...(location.place !== undefined ? { place: location.place } : {}), description: location.description
    });
    return [
        ...location.subnets.map(s => entry('subnet', s)),
        ...location.accessPoints.map(b => entry('access-point', b)),
        ...location.switches.map(c => entry('switch', c)),
        ...location.ports.map(p => entry('port', p.chassis, p.port))
    ];
}

const locationRef = (r: LisNetworkIdResource): Ref =>
    (r.place !== undefined ? { $ref: 'place-location-id', key: r.address, place: r.place } : { $ref: 'location-id', key: r.address });

/** The Set-CsOnlineLis* call: it creates the entry, or moves it to the location. */
const set = (r: LisNetworkIdResource): TeamsCall => ({
    surface: 'teams', command: TYPES[r.type].set, parameters: {
        [TYPES[r.type].idParameter]: r.id, ...(r.port !== undefined ? { PortID: r.port } : {}), LocationId: locationRef(r),
        ...(r.description !== undefined ? { Description: r.description } : {})
    }
});

function observedOf(snapshot: TenantSnapshot, r: LisNetworkIdResource): ObservedLisNetworkId | undefined {
    return snapshot[TYPES[r.type].field].find(e => sameId(r.type, e.id, r.id) && (r.port === undefined || (e.port ?? '').toLowerCase() === r.port.toLowerCase()));
}

/** The location id the entry should point at, or a placeholder while the location is still to be made. */
function wantedLocation(r: LisNetworkIdResource, snapshot: TenantSnapshot, index: SnapshotIndex): string {
    const address = index.address(r.address);
    if (!address) return '(new address)';
    if (r.place === undefined) return address.defaultLocationId;
    const place = snapshot.lisLocations.find(l => l.civicAddressId.toLowerCase() === address.civicAddressId.toLowerCase() && l.location === r.place);
    return place?.locationId ?? '(new place)';
}

function read(type: LisIdType): AnySnapshotRead {
    const { field, get, idParameter } = TYPES[type];
    return {
        field, from: { surface: 'teams', command: get },
        rows: (rows: Row[]) => rows.map(e => ({
            id: str(e[idParameter]) ?? '', ...(type === 'port' ? { port: str(e.PortID) } : {}), locationId: str(e.LocationId), description: str(e.Description)
        }))
    } as AnySnapshotRead;
}

export const lisNetworkId: KindHandler<'lis-network-id'> = {
    kind: 'lis-network-id',
    label: 'emergency location map entry',
    step: 'prerequisites',
    dependsOn: ['civic-address', 'lis-location'],
    describe: r => `${TYPES[r.type].label} \`${r.id}${r.port !== undefined ? ` ${r.port}` : ''}\` at \`${addressLabel(r.address)}${r.place !== undefined ? `: ${r.place}` : ''}\` for emergency calls (${TYPES[r.type].set})`,
    observed: (r, { snapshot }) => observedOf(snapshot, r),
    reads: TYPE_NAMES.map(read),
    commands: TYPE_NAMES.map(type => TYPES[type].set),
    diff(r, { snapshot, index }) {
        const found = observedOf(snapshot, r);
        if (!found) return { action: 'create', note: `${TYPES[r.type].label} at ${addressLabel(r.address)}${r.place !== undefined ? `: ${r.place}` : ''}` };
        return updateIfDiffers(compare([
            ['location', found.locationId, wantedLocation(r, snapshot, index), 'ignoreCase'], ['description', found.description, r.description]
        ]));
    },
    notManaged(declared, { snapshot }) {
        const keys = new Set(declared.map(r => r.key));
        return TYPE_NAMES.flatMap(type => snapshot[TYPES[type].field]
            .filter(e => !keys.has(keyOf(type, e.id, e.port)))
            .map(e => `${TYPES[type].label} ${e.id}${e.port !== undefined ? ` ${e.port}` : ''}`));
    },
    create: r => [set(r)],
    update: r => [set(r)],
    script(r) {
        const { get, idParameter, label } = TYPES[r.type];
        const id = psString(r.id);
        const target = psString(`${label} ${r.id}${r.port !== undefined ? ` ${r.port}` : ''}`);
        const portMatch = r.port !== undefined ? ` -and $_.PortID -eq ${psString(r.port)}` : '';
        return createOrUpdate({
            read: `@(${get} | Where-Object { $_.${idParameter} -eq ${id}${portMatch} }) | Select-Object -First 1`,
            target, label: this.label,
            create: [psCall(set(r))],
            differs: [
                `$current.LocationId -ne ${psRef(locationRef(r))}`,
                ...(r.description !== undefined ? [`[string]$current.Description -cne ${psString(r.description)}`] : [])
            ],
            update: [psCall(set(r))]
        });
    }
};
