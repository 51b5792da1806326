/**
 * A civic (emergency) address, found again by its Description: `voice:<name>` for the
 * addresses the tool makes, or the text of an `identity` clause for an address made outside
 * it (adopted by the Description it already has). Teams does not modify a validated address
 * [EMERG]: drift is reported (address-drift), never changed. Later calls refer to an address
 * by that Description too (the `location-id`, `civic-address-id` and `place-location-id` keys).
 */
import { geoOf } from '../parameters.js';
import { guarded } from '../generator/script-blocks.js';
import { psDecimalString, psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Address } from '../generated/ast.js';
import { byLowestId, compare, present, same } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { num, str } from './read-rows.js';

export interface CivicAddressResource {
    kind: 'civic-address'; key: string;
    /** Stored in the address's Description so the tool finds it again. */
    description: string;
    companyName: string; houseNumber?: string; streetName?: string; city?: string; stateOrProvince?: string;
    postalCode?: string; countryOrRegion: string; latitude?: number; longitude?: number; elin?: string;
}

export interface ObservedCivicAddress {
    civicAddressId: string; defaultLocationId: string; description?: string; companyName?: string; houseNumber?: string;
    streetName?: string; city?: string; stateOrProvince?: string; postalCode?: string; countryOrRegion?: string;
    latitude?: number; longitude?: number; elin?: string;
}

/** The Description of an address the tool made under this name. */
export const toolAddressDescription = (name: string): string => `${DESCRIPTION_PREFIX}${name}`;

/** The Description the address is found by: its `identity` clause, else `voice:<name>`. */
export function civicAddressIdentity(address: Address): string {
    return address.identity ?? toolAddressDescription(address.name);
}

/** The `.voice` name a tool-made address's Description carries (`voice:Portland` -> Portland), if it is one. */
export function toolAddressName(description: string | undefined): string | undefined {
    return description?.toLowerCase().startsWith(DESCRIPTION_PREFIX) ? description.slice(DESCRIPTION_PREFIX.length) : undefined;
}

/** How messages name an address given by its Description: the `.voice` name of a tool-made one, else the Description. */
export const addressLabel = (description: string): string => toolAddressName(description) ?? description;

export function civicAddressFor(address: Address): CivicAddressResource {
    return {
        kind: 'civic-address', key: address.name, description: civicAddressIdentity(address),
        companyName: address.company ?? '', houseNumber: address.houseNumber, streetName: address.street, city: address.city,
        stateOrProvince: address.region, postalCode: address.postalCode, countryOrRegion: address.country ?? '',
        ...geoOf(address), elin: address.elin
    };
}

/** How the tool tags the addresses it makes: Description `voice:<name>`. */
const DESCRIPTION_PREFIX = 'voice:';

/** The address fields in the order New-CsOnlineLisCivicAddress documents them; latitude and longitude go as strings. */
function fields(r: CivicAddressResource): [parameter: string, value: string | undefined][] {
    return [
        ['CompanyName', r.companyName], ['HouseNumber', r.houseNumber], ['StreetName', r.streetName], ['City', r.city],
        ['StateOrProvince', r.stateOrProvince], ['PostalCode', r.postalCode], ['CountryOrRegion', r.countryOrRegion],
        ['Latitude', r.latitude === undefined ? undefined : String(r.latitude)],
        ['Longitude', r.longitude === undefined ? undefined : String(r.longitude)],
        ['Elin', r.elin]
    ];
}

/** CompanyName and CountryOrRegion are mandatory; the rest only when the file gives them. */
const create = (r: CivicAddressResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineLisCivicAddress', parameters: {
        ...Object.fromEntries(fields(r).filter(([p, v]) => p === 'CompanyName' || p === 'CountryOrRegion' || (v !== undefined && v !== ''))
            .map(([p, v]) => [p, v ?? ''])),
        Description: r.description
    }
});

/**
 * Two addresses with one description (two applies at once, each before the other's address
 * replicated): which one is used, and what to do about the other.
 */
export function duplicateMessage(key: string, description: string, kept: string, others: readonly string[]): string {
    return `Civic address '${key}' exists ${others.length + 1} times in the tenant (Description '${description}'): ` +
        `voice uses ${kept} (the lowest id) every time; the duplicate ${others.join(', ')} was made by another apply at the same time. ` +
        `Once no number or location uses it, remove it (Remove-CsOnlineLisCivicAddress -CivicAddressId ${others[0]}).`;
}

export const civicAddress: KindHandler<'civic-address'> = {
    kind: 'civic-address',
    label: 'civic address',
    step: 'prerequisites',
    dependsOn: [],
    describe: r => `civic address \`${r.description}\` in ${r.countryOrRegion || '?'} (New-CsOnlineLisCivicAddress)`,
    observed: (r, { snapshot }) => present(byLowestId(snapshot.civicAddresses.filter(a => same(a.description, r.description)))),
    // Teams allows two addresses with one description: read again before a create, and for twins after.
    noUniqueName: { twins: true },
    learns: [{ ref: 'location-id', property: 'DefaultLocationId' }, { ref: 'civic-address-id', property: 'CivicAddressId' }],
    learntKey: r => r.description,
    reads: [{
        field: 'civicAddresses', from: { surface: 'teams', command: 'Get-CsOnlineLisCivicAddress' },
        rows: rows => rows.map(a => ({
            civicAddressId: str(a.CivicAddressId) ?? '', defaultLocationId: str(a.DefaultLocationId) ?? '', description: str(a.Description),
            companyName: str(a.CompanyName), houseNumber: str(a.HouseNumber), streetName: str(a.StreetName), city: str(a.City),
            stateOrProvince: str(a.StateOrProvince), postalCode: str(a.PostalCode), countryOrRegion: str(a.CountryOrRegion),
            latitude: num(a.Latitude), longitude: num(a.Longitude), elin: str(a.Elin)
        }))
    }],
    commands: ['New-CsOnlineLisCivicAddress'],
    diff(r, { index, finding }) {
        const [found, ...duplicates] = index.addresses(r.description);
        if (!found) return { action: 'create' };
        if (duplicates.length > 0) finding('address-duplicate', duplicateMessage(r.key, r.description, found.civicAddressId, duplicates.map(d => d.civicAddressId)), 'warning');
        const drift = compare([
            ['companyName', found.companyName, r.companyName], ['houseNumber', found.houseNumber, r.houseNumber],
            ['streetName', found.streetName, r.streetName], ['city', found.city, r.city],
            ['stateOrProvince', found.stateOrProvince, r.stateOrProvince], ['postalCode', found.postalCode, r.postalCode],
            ['countryOrRegion', found.countryOrRegion, r.countryOrRegion],
            ['latitude', found.latitude, r.latitude], ['longitude', found.longitude, r.longitude]
        ]);
        if (drift.length > 0) {
            finding('address-drift', `Civic address '${r.key}' in the tenant differs (${drift.map(d => d.field).join(', ')}); ` +
                `Teams does not modify a validated address: declare a new address (a new name) and move numbers to it.`, 'warning');
        }
        return { action: 'unchanged' };
    },
    // Only the tool's own addresses (Description voice:<name>): others were never the tool's to manage.
    notManaged(declared, { snapshot }) {
        const declaredDescriptions = new Set(declared.map(r => r.description.toLowerCase()));
        return snapshot.civicAddresses.flatMap(a => {
            const name = toolAddressName(a.description);
            return name !== undefined && !declaredDescriptions.has(a.description!.toLowerCase()) ? [name] : [];
        });
    },
    create: r => [create(r)],
    update: () => [],
    script(r) {
        const description = psString(r.description);
        const differs = fields(r).filter(([, v]) => v !== undefined).map(([p, v]) => (p === 'Latitude' || p === 'Longitude'
            ? `[double]$current.${p} -ne [double]${psDecimalString(Number(v))}`
            : `$current.${p} -cne ${psString(v!)}`));
        return [
            `$current = Find-VoiceCivicAddress -Description ${description}`,
            'if ($null -eq $current) {',
            guarded(description, 'Create civic address', [
                `$created = ${psCall(create(r))}`,
                '# No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin',
                '# (the script has no journal, unlike apply); a twin a concurrent run made may show too, and the lowest id is used.',
                `$VoiceCreated[${description}] = Wait-VoiceRead -What ${description} -Read { Find-VoiceCivicAddress -Description ${description} } -Otherwise $created`
            ], 'Created', this.label),
            `} elseif (${differs.join(' -or ')}) {`,
            [
                `Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f ${description})`,
                `Add-VoiceResult Pending ${psString(this.label)} ${description}`
            ],
            `} else { Add-VoiceResult Unchanged ${psString(this.label)} ${description} }`
        ];
    }
};
