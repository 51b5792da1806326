/**
 * A named place (floor, room) at a civic address [LOC-NEW]: what an `emergency-location`
 * with a `place` maps its network identifiers to. Found again by its address and its place
 * text; Teams has nothing else to change on it, so it is created or left alone.
 */
import type { EmergencyLocation } from '../generated/ast.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { same } from './compare.js';
import { placeKey, type KindHandler, type TeamsCall } from './kind-handler.js';
import { civicAddressIdentity, toolAddressName } from './civic-address.js';
import { str } from './read-rows.js';

/**
 * Keyed `<address name>|<place>`; `address` is the address's Description (civicAddressIdentity):
 * placeKey(address, place) is what later references look the place up by.
 */
export interface LisLocationResource { kind: 'lis-location'; key: string; address: string; place: string }

export interface ObservedLisLocation { locationId: string; civicAddressId: string; location?: string }

export function lisLocationFor(location: EmergencyLocation): LisLocationResource[] {
    const address = location.address?.ref;
    if (!address || location.place === undefined) return [];
    return [{ kind: 'lis-location', key: `${address.name}|${location.place}`, address: civicAddressIdentity(address), place: location.place }];
}

const create = (r: LisLocationResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineLisLocation',
    parameters: { CivicAddressId: { $ref: 'civic-address-id', key: r.address }, Location: r.place }
});

export const lisLocation: KindHandler<'lis-location'> = {
    kind: 'lis-location',
    label: 'emergency location (place)',
    step: 'prerequisites',
    dependsOn: ['civic-address'],
    describe: r => `emergency location \`${r.place}\` at address \`${r.key.split('|')[0]}\` (New-CsOnlineLisLocation)`,
    observed(r, { snapshot, index }) {
        const address = index.address(r.address);
        return address ? snapshot.lisLocations.find(l => same(l.civicAddressId, address.civicAddressId) && l.location === r.place) : undefined;
    },
    // Teams allows two places with one text at an address: read again before a create.
    noUniqueName: { twins: false },
    learns: [{ ref: 'place-location-id', property: 'LocationId' }],
    learntKey: r => placeKey(r.address, r.place),
    reads: [{
        field: 'lisLocations', from: { surface: 'teams', command: 'Get-CsOnlineLisLocation' },
        rows: rows => rows.map(l => ({ locationId: str(l.LocationId) ?? '', civicAddressId: str(l.CivicAddressId) ?? '', location: str(l.Location) }))
    }],
    commands: ['New-CsOnlineLisLocation'],
    diff(r, { snapshot, index }) {
        const address = index.address(r.address);
        const found = address && snapshot.lisLocations.some(l => same(l.civicAddressId, address.civicAddressId) && l.location === r.place);
        return { action: found ? 'unchanged' : 'create' };
    },
    // Places at the tool's own addresses (voice:<name>, or adopted by a declared place's address) that no emergency-location declares.
    notManaged(declared, { snapshot }) {
        const keys = new Set(declared.map(r => placeKey(r.address, r.place)));
        const adopted = new Set(declared.map(r => r.address.toLowerCase()));
        const ours = new Map(snapshot.civicAddresses.flatMap(a => (a.description && (toolAddressName(a.description) !== undefined || adopted.has(a.description.toLowerCase()))
            ? [[a.civicAddressId.toLowerCase(), a.description] as const] : [])));
        return snapshot.lisLocations.flatMap(l => {
            const address = ours.get(l.civicAddressId.toLowerCase());
            return address && l.location && !keys.has(placeKey(address, l.location)) ? [`${toolAddressName(address) ?? address}: ${l.location}`] : [];
        });
    },
    create: r => [create(r)],
    update: () => [],
    script(r) {
        const target = psString(r.key.replace('|', ': '));
        const read = `Find-VoiceLisPlace -Description ${psString(r.address)} -Place ${psString(r.place)}`;
        return createOrUpdate({
            read, target, label: this.label,
            create: [
                `$created = ${psCall(create(r))}`,
                '# No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin.',
                `$VoiceCreated[${psString(`${r.address}|${r.place}`)}] = Wait-VoiceRead -What ${target} -Read { ${read} } -Otherwise $created`
            ],
            differs: [],
            update: []
        });
    }
};
