import { isIsoCountry } from './countries.js';
import type { PhoneNumber } from './generated/ast.js';
import type { ParsedNumber } from './phone-numbers.js';
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
export function numberCountries(number: PhoneNumber): string[] {
    const parsed = parseNumber(number.value);
    return isParsedNumber(parsed) ? countriesOf(number, parsed) : [];
}

