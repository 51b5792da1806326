/** Emergency addresses: Get/New-CsOnlineLisCivicAddress and Get/New-CsOnlineLisLocation [CIVIC-NEW, LOC-NEW]. */
import type { CivicAddress, LisLocation } from '../model.js';
import type { Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { has, optionalString, requiredString } from './params.js';

/** Latitude/Longitude are required everywhere except Australia and Japan [CIVIC-NEW]. */
const NO_GEOCODE_COUNTRIES = ['AU', 'JP'];

/** Fields that say where the address is; unchanged values may be passed again. */
const LOCATION_FIELDS: [string, (a: CivicAddress) => string | null][] = [
    ['HouseNumber', a => a.houseNumber], ['StreetName', a => a.streetName], ['City', a => a.city], ['StateOrProvince', a => a.stateOrProvince],
    ['PostalCode', a => a.postalCode], ['CountryOrRegion', a => a.countryOrRegion], ['Latitude', a => a.latitude], ['Longitude', a => a.longitude],
    ['HouseNumberSuffix', () => null], ['StreetSuffix', () => null], ['PreDirectional', () => null], ['PostDirectional', () => null], ['CityAlias', () => null]
];

function addressView(a: CivicAddress): Record<string, unknown> {
    return {
        CivicAddressId: a.civicAddressId, DefaultLocationId: a.defaultLocationId, CompanyName: a.companyName, CountryOrRegion: a.countryOrRegion,
        HouseNumber: a.houseNumber, StreetName: a.streetName, City: a.city, StateOrProvince: a.stateOrProvince, PostalCode: a.postalCode,
        Latitude: a.latitude, Longitude: a.longitude, Description: a.description, Elin: a.elin,
        ValidationStatus: a.validationStatus ?? 'Validated', NumberOfVoiceUsers: 0, NumberOfTelephoneNumbers: 0
    };
}

function locationView(tenant: Tenant, l: LisLocation): Record<string, unknown> {
    const a = tenant.state.civicAddresses.find(x => x.civicAddressId === l.civicAddressId);
    return {
        LocationId: l.locationId, CivicAddressId: l.civicAddressId, Location: l.location, Elin: l.elin, IsDefault: l.isDefault,
        CompanyName: a?.companyName ?? null, CountryOrRegion: a?.countryOrRegion ?? null, City: a?.city ?? null,
        HouseNumber: a?.houseNumber ?? null, StreetName: a?.streetName ?? null, StateOrProvince: a?.stateOrProvince ?? null, PostalCode: a?.postalCode ?? null
    };
}

function coordinate(params: Record<string, unknown>, name: string, min: number, max: number): string | null {
    const value = optionalString(params, name);
    if (value === null) return null;
    const n = Number(value);
    // rule: civic-coordinate-range [CIVIC-NEW]
    if (!Number.isFinite(n) || n < min || n > max) throw teamsError(`${name} '${value}' is out of range (${min}..${max}).`);
    return value;
}

/** A NotValidated address takes the new location fields it was given. */
function moveAddress(address: CivicAddress, params: Record<string, unknown>): void {
    const text = (name: string) => optionalString(params, name);
    address.houseNumber = text('HouseNumber') ?? address.houseNumber;
    address.streetName = text('StreetName') ?? address.streetName;
    address.city = text('City') ?? address.city;
    address.stateOrProvince = text('StateOrProvince') ?? address.stateOrProvince;
    address.postalCode = text('PostalCode') ?? address.postalCode;
    address.countryOrRegion = text('CountryOrRegion')?.toUpperCase() ?? address.countryOrRegion;
    address.latitude = coordinate(params, 'Latitude', -90, 90) ?? address.latitude;
    address.longitude = coordinate(params, 'Longitude', -180, 180) ?? address.longitude;
}

export const locationCmdlets: Record<string, CmdletHandler> = {
    'New-CsOnlineLisCivicAddress': (tenant, params) => {
        const companyName = requiredString(params, 'CompanyName');
        const country = requiredString(params, 'CountryOrRegion').toUpperCase();
        // rule: civic-country-iso [CIVIC-NEW]
        if (!/^[A-Z]{2}$/.test(country)) throw teamsError(`CountryOrRegion '${country}' must be an ISO 3166-1 alpha-2 code.`);
        const latitude = coordinate(params, 'Latitude', -90, 90);
        const longitude = coordinate(params, 'Longitude', -180, 180);
        if (!NO_GEOCODE_COUNTRIES.includes(country) && (latitude === null || longitude === null)) {
            // rule: civic-coordinates-required [CIVIC-NEW; CONFLICT]
            throw teamsError(`Latitude and Longitude are required for all countries/regions except Australia and Japan.`);
        }
        const address: CivicAddress = {
            civicAddressId: tenant.newId(), defaultLocationId: tenant.newId(), companyName, countryOrRegion: country,
            houseNumber: optionalString(params, 'HouseNumber'), streetName: optionalString(params, 'StreetName'), city: optionalString(params, 'City'),
            stateOrProvince: optionalString(params, 'StateOrProvince'), postalCode: optionalString(params, 'PostalCode'), latitude, longitude,
            description: optionalString(params, 'Description'), elin: optionalString(params, 'Elin'),
            // Microsoft's example shows a new address NotValidated; a seed may choose Validated [CONFLICT, CIVIC-NEW].
            validationStatus: tenant.state.newCivicAddressStatus ?? 'NotValidated'
        };
        tenant.state.civicAddresses.push(address);
        // Creating an address also creates its default location [CIVIC-NEW].
        tenant.state.locations.push({ locationId: address.defaultLocationId, civicAddressId: address.civicAddressId, location: '', elin: address.elin, isDefault: true });
        tenant.created(address.civicAddressId);
        tenant.created(address.defaultLocationId);
        return addressView(address);
    },

    /**
     * "Modify an existing civic address which has not been validated" (office-docs-powershell
     * Set-CsOnlineLisCivicAddress.md); "validated addresses can't be modified" [EMERG]. A
     * NotValidated address may move; on a Validated one only fields that do not move it can
     * change (Description, CompanyName, CompanyTaxId, Elin): a new location means a new address.
     */
    'Set-CsOnlineLisCivicAddress': (tenant, params) => {
        const id = requiredString(params, 'CivicAddressId');
        const address = tenant.state.civicAddresses.find(a => a.civicAddressId.toLowerCase() === id.toLowerCase());
        // rule: unknown-identity
        if (!address) throw teamsError(`The civic address '${id}' was not found.`, 'NotFound', 404);
        const moved = LOCATION_FIELDS.filter(([name, current]) => {
            const value = optionalString(params, name);
            if (value === null) return false;
            const was = current(address);
            if (name === 'Latitude' || name === 'Longitude') return was === null || Number(was) !== Number(value);
            if (name === 'CountryOrRegion') return value.toUpperCase() !== was;
            return value !== (was ?? '');
        }).map(([name]) => name);
        const validated = (address.validationStatus ?? 'Validated') === 'Validated';
        if (moved.length > 0 && validated) {
            // rule: civic-validated-immutable [CIVIC-SET, EMERG; CONFLICT]
            throw teamsError(`The civic address '${address.civicAddressId}' is validated and can't be modified (${moved.join(', ')}); create a new civic address and move the locations and numbers to it.`);
        }
        if (moved.length > 0) moveAddress(address, params);
        const companyName = optionalString(params, 'CompanyName');
        // rule: mandatory-parameter
        if (companyName === '') throw teamsError(`Cannot validate argument on parameter 'CompanyName'. The argument is null or empty.`);
        if (companyName !== null) address.companyName = companyName;
        if (has(params, 'Description')) address.description = optionalString(params, 'Description');
        if (has(params, 'Elin')) address.elin = optionalString(params, 'Elin');
        return null;
    },

    'Get-CsOnlineLisCivicAddress': (tenant, params) => {
        const id = optionalString(params, 'CivicAddressId');
        const list = tenant.state.civicAddresses.filter(a => tenant.isVisible(a.civicAddressId)
            && (id === null || a.civicAddressId.toLowerCase() === id.toLowerCase())
            && (!has(params, 'City') || (a.city ?? '').toLowerCase() === String(params.City).toLowerCase())
            && (!has(params, 'CountryOrRegion') || a.countryOrRegion === String(params.CountryOrRegion).toUpperCase())
            && (!has(params, 'Description') || (a.description ?? '') === String(params.Description)));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`The civic address '${id}' was not found.`, 'NotFound', 404);
        return list.map(addressView);
    },

    'New-CsOnlineLisLocation': (tenant, params) => {
        const civicAddressId = requiredString(params, 'CivicAddressId');
        const address = tenant.state.civicAddresses.find(a => a.civicAddressId.toLowerCase() === civicAddressId.toLowerCase() && tenant.seenByWrites(a.civicAddressId));
        // rule: unknown-identity
        if (!address) throw teamsError(`The civic address '${civicAddressId}' was not found.`, 'NotFound', 404);
        const location: LisLocation = { locationId: tenant.newId(), civicAddressId: address.civicAddressId, location: requiredString(params, 'Location'), elin: optionalString(params, 'Elin'), isDefault: false };
        tenant.state.locations.push(location);
        tenant.created(location.locationId);
        return locationView(tenant, location);
    },

    'Get-CsOnlineLisLocation': (tenant, params) => {
        const id = optionalString(params, 'LocationId');
        const civic = optionalString(params, 'CivicAddressId');
        const list = tenant.state.locations.filter(l => tenant.isVisible(l.locationId)
            && (id === null || l.locationId.toLowerCase() === id.toLowerCase())
            && (civic === null || l.civicAddressId.toLowerCase() === civic.toLowerCase())
            && (!has(params, 'Location') || l.location === String(params.Location)));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`The location '${id}' was not found.`, 'NotFound', 404);
        return list.map(l => locationView(tenant, l));
    }
};
