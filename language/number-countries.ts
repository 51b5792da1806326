import { isIsoCountry } from './countries.js';
import type { Address, PhoneNumber } from './generated/ast.js';
import type { NumberProblem, ParsedNumber } from './phone-numbers.js';
import { isParsedNumber, parseNumber } from './phone-numbers.js';

/**
 * Countries of a parsed number: its calling code decides. Where several countries share the
 * code (+1, +44, +7, ...), the number's address picks one of them; an address in a country
 * outside the calling code does not change the number's country.
 */
function countriesOf(number: PhoneNumber, parsed: ParsedNumber): string[] {
    const addressCountry = number.address?.ref?.country;
    if (isIsoCountry(addressCountry) && parsed.countries.includes(addressCountry)) return [addressCountry];
    return [...parsed.countries];
}

/** The country of a number: the one its address picks among its calling code's countries, else the code's main country. */
export function numberCountry(number: PhoneNumber, parsed: ParsedNumber): string | undefined {
    return countriesOf(number, parsed)[0];
}

/** Countries a number may belong to (see countriesOf); none when the number is not valid E.164. */
export function numberCountries(number: PhoneNumber): readonly string[] {
    // Kept per node while its address (and that address's country) is the same one.
    const address = number.address?.ref;
    const cached = countriesByNode.get(number);
    if (cached && cached.address === address && cached.country === address?.country) return cached.countries;
    const parsed = parsedNumberOf(number);
    const countries = Object.freeze(isParsedNumber(parsed) ? countriesOf(number, parsed) : []);
    countriesByNode.set(number, { address, country: address?.country, countries });
    return countries;
}

const countriesByNode = new WeakMap<PhoneNumber, { address: Address | undefined; country: string | undefined; countries: readonly string[] }>();

/**
 * A number statement's parse, kept per node (it follows from the node's own text): the
 * setup's rules ask for thousands at each edit, and the string-keyed cache behind
 * parseNumber cost more than a lookup by node.
 */
export function parsedNumberOf(number: PhoneNumber): ParsedNumber | NumberProblem {
    let parsed = parsedByNode.get(number);
    if (parsed === undefined) parsedByNode.set(number, parsed = parseNumber(number.value));
    return parsed;
}

const parsedByNode = new WeakMap<PhoneNumber, ParsedNumber | NumberProblem>();

