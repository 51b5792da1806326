/**
 * E.164 numbers: normalisation of what users write ("+1 206 555-0100") and the
 * country a number belongs to, from its country calling code.
 */

/** Country calling codes (ITU-T E.164 assignments) to the ISO countries that share them. */
const CALLING_CODES: Record<string, string[]> = {
    '1': ['US', 'CA', 'PR', 'VI', 'GU', 'AS', 'MP', 'UM', 'AG', 'AI', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'JM', 'KN', 'KY', 'LC', 'MS', 'SX', 'TC', 'TT', 'VC', 'VG'],
    '7': ['RU', 'KZ'], '20': ['EG'], '27': ['ZA'], '30': ['GR'], '31': ['NL'], '32': ['BE'], '33': ['FR'], '34': ['ES'],
    '36': ['HU'], '39': ['IT', 'VA'], '40': ['RO'], '41': ['CH'], '43': ['AT'], '44': ['GB', 'GG', 'IM', 'JE'], '45': ['DK'],
    '46': ['SE'], '47': ['NO', 'SJ'], '48': ['PL'], '49': ['DE'], '51': ['PE'], '52': ['MX'], '53': ['CU'], '54': ['AR'],
    '55': ['BR'], '56': ['CL'], '57': ['CO'], '58': ['VE'], '60': ['MY'], '61': ['AU', 'CX', 'CC'], '62': ['ID'], '63': ['PH'],
    '64': ['NZ'], '65': ['SG'], '66': ['TH'], '81': ['JP'], '82': ['KR'], '84': ['VN'], '86': ['CN'], '90': ['TR'], '91': ['IN'],
    '92': ['PK'], '93': ['AF'], '94': ['LK'], '95': ['MM'], '98': ['IR'],
    '211': ['SS'], '212': ['MA', 'EH'], '213': ['DZ'], '216': ['TN'], '218': ['LY'], '220': ['GM'], '221': ['SN'], '222': ['MR'],
    '223': ['ML'], '224': ['GN'], '225': ['CI'], '226': ['BF'], '227': ['NE'], '228': ['TG'], '229': ['BJ'], '230': ['MU'],
    '231': ['LR'], '232': ['SL'], '233': ['GH'], '234': ['NG'], '235': ['TD'], '236': ['CF'], '237': ['CM'], '238': ['CV'],
    '239': ['ST'], '240': ['GQ'], '241': ['GA'], '242': ['CG'], '243': ['CD'], '244': ['AO'], '245': ['GW'], '246': ['IO'],
    '248': ['SC'], '249': ['SD'], '250': ['RW'], '251': ['ET'], '252': ['SO'], '253': ['DJ'], '254': ['KE'], '255': ['TZ'],
    '256': ['UG'], '257': ['BI'], '258': ['MZ'], '260': ['ZM'], '261': ['MG'], '262': ['RE', 'YT'], '263': ['ZW'], '264': ['NA'],
    '265': ['MW'], '266': ['LS'], '267': ['BW'], '268': ['SZ'], '269': ['KM'], '290': ['SH'], '291': ['ER'], '297': ['AW'],
    '298': ['FO'], '299': ['GL'], '350': ['GI'], '351': ['PT'], '352': ['LU'], '353': ['IE'], '354': ['IS'], '355': ['AL'],
    '356': ['MT'], '357': ['CY'], '358': ['FI', 'AX'], '359': ['BG'], '370': ['LT'], '371': ['LV'], '372': ['EE'], '373': ['MD'],
    '374': ['AM'], '375': ['BY'], '376': ['AD'], '377': ['MC'], '378': ['SM'], '380': ['UA'], '381': ['RS'], '382': ['ME'],
    '383': ['XK'], '385': ['HR'], '386': ['SI'], '387': ['BA'], '389': ['MK'], '420': ['CZ'], '421': ['SK'], '423': ['LI'],
    '500': ['FK'], '501': ['BZ'], '502': ['GT'], '503': ['SV'], '504': ['HN'], '505': ['NI'], '506': ['CR'], '507': ['PA'],
    '508': ['PM'], '509': ['HT'], '590': ['GP', 'BL', 'MF'], '591': ['BO'], '592': ['GY'], '593': ['EC'], '594': ['GF'],
    '595': ['PY'], '596': ['MQ'], '597': ['SR'], '598': ['UY'], '599': ['CW', 'BQ'], '670': ['TL'], '672': ['NF'], '673': ['BN'],
    '674': ['NR'], '675': ['PG'], '676': ['TO'], '677': ['SB'], '678': ['VU'], '679': ['FJ'], '680': ['PW'], '681': ['WF'],
    '682': ['CK'], '683': ['NU'], '685': ['WS'], '686': ['KI'], '687': ['NC'], '688': ['TV'], '689': ['PF'], '690': ['TK'],
    '691': ['FM'], '692': ['MH'], '850': ['KP'], '852': ['HK'], '853': ['MO'], '855': ['KH'], '856': ['LA'], '880': ['BD'],
    '886': ['TW'], '960': ['MV'], '961': ['LB'], '962': ['JO'], '963': ['SY'], '964': ['IQ'], '965': ['KW'], '966': ['SA'],
    '967': ['YE'], '968': ['OM'], '970': ['PS'], '971': ['AE'], '972': ['IL'], '973': ['BH'], '974': ['QA'], '975': ['BT'],
    '976': ['MN'], '977': ['NP'], '992': ['TJ'], '993': ['TM'], '994': ['AZ'], '995': ['GE'], '996': ['KG'], '998': ['UZ']
};

export interface ParsedNumber {
    /** "+12065550100" (no extension). */
    e164: string;
    /** Digits after `;ext=`, when given. */
    extension?: string;
    /** The country calling code, e.g. "1" or "44". */
    callingCode: string;
    /** ISO countries sharing that calling code. */
    countries: readonly string[];
}

export type NumberProblem =
    | { kind: 'missing-plus' }
    | { kind: 'bad-characters' }
    | { kind: 'too-long'; digits: number }
    | { kind: 'too-short'; digits: number }
    | { kind: 'unknown-country-code' }
    | { kind: 'bad-extension' };

/** Separators people write inside numbers, removed by normalisation. */
const SEPARATORS = /[\s\-.()]/g;

/** Normalises "+1 (206) 555-0100;ext=12" to "+12065550100;ext=12"; no validation. */
export function normalizeNumber(written: string): string {
    // Tolerate a missing value: a statement cut short by a syntax error has none.
    const [main, ...rest] = (written ?? '').split(';');
    const normalizedMain = main.replace(SEPARATORS, '');
    return rest.length > 0 ? `${normalizedMain};${rest.join(';').replace(/\s/g, '')}` : normalizedMain;
}

/** Parses a written number into E.164 parts, or explains what is wrong with it. */
export function parseNumber(written: string): ParsedNumber | NumberProblem {
    let parsed = parsedNumbers.get(written);
    if (parsed === undefined) {
        // A setup's rules parse every number again at each edit: 10,000 numbers in a 5,000-store setup.
        if (parsedNumbers.size >= MAX_REMEMBERED_NUMBERS) parsedNumbers.clear();
        parsedNumbers.set(written, parsed = Object.freeze(parseNumberOnce(written)));
    }
    return parsed;
}

const parsedNumbers = new Map<string, ParsedNumber | NumberProblem>();
const MAX_REMEMBERED_NUMBERS = 100_000;

function parseNumberOnce(written: string): ParsedNumber | NumberProblem {
    const normalized = normalizeNumber(written);
    const match = /^([^;]*)(?:;ext=(.*))?$/i.exec(normalized);
    const main = match?.[1] ?? normalized;
    const extension = match?.[2];
    if (normalized.includes(';') && extension === undefined) return { kind: 'bad-extension' };
    if (extension !== undefined && !/^\d{1,10}$/.test(extension)) return { kind: 'bad-extension' };
    if (!main.startsWith('+')) return { kind: 'missing-plus' };
    const digits = main.slice(1);
    if (!/^\d+$/.test(digits) || digits.startsWith('0')) return { kind: 'bad-characters' };
    if (digits.length > 15) return { kind: 'too-long', digits: digits.length };
    if (digits.length < 7) return { kind: 'too-short', digits: digits.length };
    const callingCode = [3, 2, 1].map(n => digits.slice(0, n)).find(prefix => CALLING_CODES[prefix]);
    if (!callingCode) return { kind: 'unknown-country-code' };
    // The North American Numbering Plan has a fixed length: 1 + 3-digit area code + 7 digits.
    if (callingCode === '1' && digits.length !== 11) return { kind: digits.length < 11 ? 'too-short' : 'too-long', digits: digits.length };
    return { e164: main, extension, callingCode, countries: CALLING_CODES[callingCode] };
}

export function isParsedNumber(result: ParsedNumber | NumberProblem): result is ParsedNumber {
    return 'e164' in result;
}

/** The canonical form of a valid number ("+12065550100" or "+12065550100;ext=12"), else undefined. */
export function canonicalNumber(written: string): string | undefined {
    return canonicalOf(parseNumber(written));
}

/** The canonical form of a parse (see canonicalNumber). */
export function canonicalOf(parsed: ParsedNumber | NumberProblem): string | undefined {
    if (!isParsedNumber(parsed)) return undefined;
    return parsed.extension !== undefined ? `${parsed.e164};ext=${parsed.extension}` : parsed.e164;
}

/** A character a written number may hold before its extension: a digit, '+' or a separator. */
const NUMBER_CHARACTER = /[\d+\s\-.()]/;

/** The characters that have no place in a written number ('x', '#', '[', ...), each once. */
export function strayCharacters(written: string): string[] {
    return [...new Set([...(written.split(';')[0] ?? '')].filter(c => !NUMBER_CHARACTER.test(c)))];
}

/**
 * The number without its stray characters, when what is left is a valid E.164 number.
 * Letters that look like digits (O, I, l) are a digit mistyped, not a stray character:
 * removing them would give another, valid-looking number, so there is no fix then.
 */
export function withoutStrayCharacters(written: string): string | undefined {
    const stray = strayCharacters(written);
    if (stray.length === 0 || stray.some(c => /[OoIl]/.test(c))) return undefined;
    const [main, ...extension] = written.split(';');
    const cleaned = [...main!].filter(c => NUMBER_CHARACTER.test(c)).join('').replace(/\s{2,}/g, ' ').trim();
    const result = [cleaned, ...extension].join(';');
    return isParsedNumber(parseNumber(result)) ? result : undefined;
}
