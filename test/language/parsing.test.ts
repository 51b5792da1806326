import { afterEach, describe, expect, test } from 'vitest';
import type {
    Address, Assignment, EmergencyCoverage, EmergencyLocation, Grant, Group, NetworkRegion, NetworkSite, PhoneNumber, ResourceAccount,
    SharedCallingPolicy, Tenant, Trunk, TrustedIp
} from '../../language/generated/ast.js';
import { canonicalNumber, isParsedNumber, normalizeNumber, parseNumber } from '../../language/phone-numbers.js';
import { BASE, clearAll, parse, services, listed } from './helpers.js';

afterEach(clearAll);

/** Parses `text` and fails with the diagnostics when it has lexing or parsing errors. */
async function parseClean(text: string) {
    const document = await parse(text);
    const { lexerErrors, parserErrors } = document.parseResult;
    expect(lexerErrors, JSON.stringify(lexerErrors)).toHaveLength(0);
    expect(parserErrors, parserErrors.map(e => e.message).join('\n')).toHaveLength(0);
    return document.parseResult.value;
}

describe('parsing every statement form', () => {
    test('the base setup parses into one statement per line of the sketch', async () => {
        const model = await parseClean(BASE);
        expect(model.imports).toHaveLength(0);
        expect(model.statements.map(s => s.$type)).toEqual([
            'Tenant', 'Address', 'Trunk', 'PhoneNumber', 'PhoneNumber', 'ResourceAccount', 'Assignment',
            'SharedCallingPolicy', 'Group', 'Grant', 'AutoAttendant', 'EmergencyCallingPolicy', 'EmergencyCoverage'
        ]);
    });

    test('imports come first, then statements', async () => {
        const model = await parseClean('import "network.voice"\nimport "../shared/numbers.voice"\ntenant "contoso.onmicrosoft.com"');
        expect(model.imports.map(i => i.path)).toEqual(['network.voice', '../shared/numbers.voice']);
        expect(model.statements).toHaveLength(1);
    });

    test('an import after a statement is a syntax error', async () => {
        const document = await parse('tenant "contoso.onmicrosoft.com"\nimport "network.voice"');
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });

    test('tenant with and without extra domains', async () => {
        const model = await parseClean('tenant "contoso.onmicrosoft.com"\ntenant "contoso.onmicrosoft.com" domains "contoso.com", "contoso.co.uk"');
        const [plain, withDomains] = model.statements as Tenant[];
        expect(plain.domain).toBe('contoso.onmicrosoft.com');
        expect(plain.domains).toEqual([]);
        expect(withDomains.domains).toEqual(['contoso.com', 'contoso.co.uk']);
    });

    test('address with every field, in any order', async () => {
        const model = await parseClean(`address Sydney {
    geo         -33.8688, 151.2093
    country     AU
    company     "Contoso Retail"
    house-number "1"
    street      "George St"
    city        "Sydney"
    region      "NSW"
    postal-code "2000"
    elin        "SYD1"
    description "Sydney store"
}`);
        const address = model.statements[0] as Address;
        expect(address).toMatchObject({
            name: 'Sydney', company: 'Contoso Retail', houseNumber: '1', street: 'George St', city: 'Sydney', region: 'NSW',
            postalCode: '2000', country: 'AU', latitude: -33.8688, longitude: 151.2093, elin: 'SYD1', description: 'Sydney store'
        });
    });

    test('address without optional fields', async () => {
        const model = await parseClean('address Tokyo {\n    company "Contoso"\n    country JP\n}');
        const address = model.statements[0] as Address;
        expect(address.latitude).toBeUndefined();
        expect(address.street).toBeUndefined();
    });

    test('trunk with sbc, port, usage and pattern; port is optional', async () => {
        const model = await parseClean(`trunk A {
    sbc     "sbc1.contoso.com" port 5061
    usage   "Ctelo-US"
    pattern "^\\\\+?1\\\\d{10}$"
}
trunk B { sbc "sbc2.contoso.com" usage "B" }`);
        const [a, b] = model.statements as Trunk[];
        expect(a).toMatchObject({ name: 'A', fqdn: 'sbc1.contoso.com', port: 5061, usage: 'Ctelo-US' });
        expect(a.pattern).toContain('d{10}');
        expect(b.port).toBeUndefined();
        expect(b.usage).toBe('B');
    });

    test('numbers of every type, toll-free, via a trunk, at an address', async () => {
        const model = await parseClean(`trunk T { sbc "sbc1.contoso.com" usage "U" }
address A { company "C" country US geo 47.6, -122.3 }
number Dr  "+1 206 555 0100" direct-routing via T at A
number Cp  "+1 800 555 0100" calling-plan toll-free
number Sub "+1 206 555 0101" calling-plan at A
number Oc  "+1 206 555 0102" operator-connect at A
number Ext "+1 206 555 0100;ext=1234" direct-routing via T`);
        const numbers = model.statements.slice(2) as PhoneNumber[];
        expect(numbers.map(n => n.numberType)).toEqual(['direct-routing', 'calling-plan', 'calling-plan', 'operator-connect', 'direct-routing']);
        expect(numbers.map(n => n.tollFree)).toEqual([false, true, false, false, false]);
        expect(numbers[0].trunk?.ref?.name).toBe('T');
        expect(numbers[0].address?.ref?.name).toBe('A');
        expect(numbers[1].trunk).toBeUndefined();
        expect(numbers[1].address).toBeUndefined();
        expect(numbers[4].value).toBe('+1 206 555 0100;ext=1234');
    });

    test('number clauses keep their order: via before at', async () => {
        const document = await parse('number N "+12065550100" direct-routing at A via T');
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });

    test('resource account with every field, both kinds', async () => {
        const model = await parseClean(`resource-account Aa {
    upn            "aa@contoso.com"
    display-name   "Main AA"
    usage-location US
    kind           auto-attendant
}
resource-account Cq { kind call-queue upn "cq@contoso.com" }`);
        const [aa, cq] = model.statements as ResourceAccount[];
        expect(aa).toMatchObject({ upn: 'aa@contoso.com', displayName: 'Main AA', usageLocation: 'US', kind: 'auto-attendant' });
        expect(cq.kind).toBe('call-queue');
        expect(cq.usageLocation).toBeUndefined();
    });

    test('assignment, policy with several callbacks, group by name and by id, grant, emergency coverage', async () => {
        const model = await parseClean(`assign Main to Ra
shared-calling-policy P {
    resource-account   Ra
    emergency-callback Cb1, Cb2
    description        "Shared line"
}
shared-calling-policy Bare { }
group ByName "Store Associates"
group ById id "0b5e8a1c-1234-4cde-9f00-123456789abc"
grant P to ByName rank 2
emergency ByName works-at Store
emergency ById works-at Store via T dial "911", "933"`);
        const [assignment, policy, bare, byName, byId, grant, plain, routed] = model.statements as [
            Assignment, SharedCallingPolicy, SharedCallingPolicy, Group, Group, Grant, EmergencyCoverage, EmergencyCoverage
        ];
        expect(assignment.number.$refText).toBe('Main');
        expect(assignment.account.$refText).toBe('Ra');
        expect(policy.account?.$refText).toBe('Ra');
        expect(policy.callbacks.map(c => c.$refText)).toEqual(['Cb1', 'Cb2']);
        expect(policy.description).toBe('Shared line');
        expect(bare.account).toBeUndefined();
        expect(bare.callbacks).toEqual([]);
        expect(byName.displayName).toBe('Store Associates');
        expect(byName.objectId).toBeUndefined();
        expect(byId.objectId).toBe('0b5e8a1c-1234-4cde-9f00-123456789abc');
        expect(byId.displayName).toBeUndefined();
        expect(grant.rank).toBe(2);
        expect(grant.policy.$refText).toBe('P');
        expect(plain.trunk).toBeUndefined();
        expect(plain.dialStrings).toEqual([]);
        expect(routed.trunk?.$refText).toBe('T');
        expect(routed.dialStrings).toEqual(['911', '933']);
    });

    test('a grant needs a rank', async () => {
        const document = await parse('grant P to G');
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });

    test('line comments, block comments and doc comments are hidden', async () => {
        const model = await parseClean(`// a line comment
/* a block
   comment */
tenant "contoso.onmicrosoft.com" // trailing
/** The main group. */
group G "G" /* inline */`);
        expect(model.statements.map(s => s.$type)).toEqual(['Tenant', 'Group']);
    });

    test('a doc comment documents the declaration below it', async () => {
        const model = await parseClean(`/** Flagship store, downtown Seattle. */
address SeattleStore { company "C" country US geo 1, 2 }
// not a doc comment
group G "G"`);
        const [address, group] = model.statements;
        const comments = services.Voice.documentation.CommentProvider;
        expect(comments.getComment(address)).toBe('/** Flagship store, downtown Seattle. */');
        expect(services.Voice.documentation.DocumentationProvider.getDocumentation(address)).toContain('Flagship store, downtown Seattle.');
        expect(comments.getComment(group)).toBeUndefined();
    });

    test('an unterminated string is a lexing error, reported not thrown', async () => {
        const document = await parse('tenant "contoso.onmicrosoft.com');
        expect(document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length).toBeGreaterThan(0);
    });

    test('keywords are not names', async () => {
        const document = await parse('group grant "x"');
        expect(document.parseResult.parserErrors.length, listed(document.diagnostics)).toBeGreaterThan(0);
    });
});

describe('number normalisation (phone-numbers.ts)', () => {
    test.each([
        ['+1 206 555 0100', '+12065550100'],
        ['+1-206-555-0100', '+12065550100'],
        ['+1 (206) 555-0100', '+12065550100'],
        ['+1.206.555.0100', '+12065550100'],
        ['+44 20 7946 0958', '+442079460958'],
        ['+1 206 555 0100;ext=1234', '+12065550100;ext=1234'],
        ['+1 206 555 0100 ; ext=12', '+12065550100;ext=12'],
        ['+1 800 555 0100', '+18005550100']
    ])('%s is %s', async (written, e164) => {
        expect(canonicalNumber(written)).toBe(e164);
        const model = await parseClean(`number N "${written}" direct-routing`);
        expect(canonicalNumber((model.statements[0] as PhoneNumber).value)).toBe(e164);
    });

    test('normalisation removes separators but does not validate', () => {
        expect(normalizeNumber('206-555 0100')).toBe('2065550100');
    });

    test('the country comes from the country calling code', () => {
        const us = parseNumber('+1 206 555 0100');
        const gb = parseNumber('+44 20 7946 0958');
        const ie = parseNumber('+353 1 555 0100');
        expect(isParsedNumber(us) && us.callingCode).toBe('1');
        expect(isParsedNumber(us) && us.countries).toContain('US');
        expect(isParsedNumber(gb) && gb.countries).toEqual(['GB', 'GG', 'IM', 'JE']);
        expect(isParsedNumber(ie) && ie.callingCode).toBe('353');
    });

    test.each([
        ['1 206 555 0100', 'missing-plus'],
        ['+1 206 555 O100', 'bad-characters'],
        ['+0 206 555 0100', 'bad-characters'],
        ['+1 206 555 0100 0000 0', 'too-long'],
        ['+44 20 7946 0958 0000 00', 'too-long'],
        ['+1 206', 'too-short'],
        ['+999 555 0100', 'unknown-country-code'],
        ['+1 206 555 0100;ext=', 'bad-extension'],
        ['+1 206 555 0100;ext=12a', 'bad-extension'],
        ['+1 206 555 0100;x=12', 'bad-extension']
    ])('%s is rejected as %s', (written, kind) => {
        const parsed = parseNumber(written);
        expect(isParsedNumber(parsed)).toBe(false);
        expect(!isParsedNumber(parsed) && parsed.kind).toBe(kind);
        expect(canonicalNumber(written)).toBeUndefined();
    });

    test('at most 15 digits is still E.164', () => {
        expect(canonicalNumber('+49 30 1234 5678 901')).toBe('+493012345678901');
        expect(parseNumber('+49 30 1234 5678 9012')).toEqual({ kind: 'too-long', digits: 16 });
    });

    test('North American numbers have exactly 11 digits', () => {
        expect(parseNumber('+1 206 555 010')).toEqual({ kind: 'too-short', digits: 10 });
        expect(parseNumber('+1 206 555 01000')).toEqual({ kind: 'too-long', digits: 12 });
    });
});

describe('parsing emergency calling', () => {
    test('emergency works-at, and the old at with its flag: the same address either way', async () => {
        const model = await parseClean(`${BASE}\nemergency StoreAssociates at SeattleStore`);
        const [current, old] = model.statements.filter((s): s is EmergencyCoverage => s.$type === 'EmergencyCoverage');
        expect(current).toMatchObject({ legacyAt: false, address: { $refText: 'SeattleStore' }, dialStrings: ['911', '933'] });
        expect(old).toMatchObject({ legacyAt: true, address: { $refText: 'SeattleStore' } });
    });

    test('a trunk with pidf-lo on or off', async () => {
        const model = await parseClean('trunk A { sbc "a.contoso.com" pidf-lo on }\ntrunk B { sbc "b.contoso.com" pidf-lo off }\ntrunk C { sbc "c.contoso.com" }');
        expect(model.statements.map(s => (s as Trunk).pidfLo)).toEqual(['on', 'off', undefined]);
    });

    test('dynamic emergency locations go to the network list, in the order written, apart from the statements', async () => {
        const model = await parseClean(`address A { company "C" country US geo 1, 2 }
trusted-ip Egress "198.51.100.0/24" description "stores"
network-region West description "west coast"
network-site Site {
    region      West
    subnet      "10.1.0.0/16", "10.2.0.0/16"
    description "the store"
}
emergency-location Floor {
    address      A
    place        "Floor 2"
    subnet       "10.1.2.0"
    access-point "00-11-22-33-44-55", "F0-6E-0B-C2-03-*"
    switch       "B8-BE-BF-4A-A3-00"
    switch-port  "B8-BE-BF-4A-A3-00" "G1/0/30", "B8-BE-BF-4A-A3-00" "G1/0/31"
}
group G "G"`);
        expect(model.statements.map(s => s.$type)).toEqual(['Address', 'Group']);
        expect(model.network.map(n => n.$type)).toEqual(['TrustedIp', 'NetworkRegion', 'NetworkSite', 'EmergencyLocation']);
        const [ip, region, site, location] = model.network as [TrustedIp, NetworkRegion, NetworkSite, EmergencyLocation];
        expect(ip).toMatchObject({ name: 'Egress', ip: '198.51.100.0/24', description: 'stores' });
        expect(region).toMatchObject({ name: 'West', description: 'west coast' });
        expect(site).toMatchObject({ region: { $refText: 'West' }, subnets: ['10.1.0.0/16', '10.2.0.0/16'], description: 'the store' });
        expect(site.region?.ref).toBe(region);
        expect(location).toMatchObject({
            address: { $refText: 'A' }, place: 'Floor 2', subnets: ['10.1.2.0'], accessPoints: ['00-11-22-33-44-55', 'F0-6E-0B-C2-03-*'],
            switches: ['B8-BE-BF-4A-A3-00'], ports: [{ chassis: 'B8-BE-BF-4A-A3-00', port: 'G1/0/30' }, { chassis: 'B8-BE-BF-4A-A3-00', port: 'G1/0/31' }]
        });
        expect(location.address?.ref).toBe(model.statements[0]);
    });
});
