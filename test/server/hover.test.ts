import { readFileSync } from 'node:fs';
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import type { ParseHelperOptions } from 'langium/test';
import { expectHover } from 'langium/test';
import { BASE, clearAll, edit, parse, services } from '../language/helpers.js';

const expectHoverOf = expectHover(services.Voice);
/** As the language server hovers: on a validated document (the tenant effect needs the diagnostics). */
const hover = (expected: Parameters<typeof expectHoverOf>[0]) => expectHoverOf({ ...expected, parseOptions: { validation: true } });
afterEach(clearAll);

/** The hover's Markdown at the first `<|>` of `text`, the document parsed with `options`. */
async function hoverText(text: string, options: ParseHelperOptions = { validation: true }): Promise<string> {
    const offset = text.indexOf('<|>');
    if (offset < 0) throw new Error('hoverText: no <|> marker');
    const document = await parse(text.replace('<|>', ''), options);
    const result = await services.Voice.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset)
    });
    const contents = result?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

const ON_ACCOUNT: [string, string] = ['resource-account FrontlineRA {', 'resource-account <|>FrontlineRA {'];
const TENANT_EFFECT = /\*\*In the tenant\*\* \(Step 2: [^)]*\):\n- resource account `sc-frontline@contoso\.com` in US/;
/** The facts and the link, shown whether or not the setup is valid. */
const FACTS = /\*\*resource account\*\* `FrontlineRA`[\s\S]*New-CsOnlineApplicationInstance[\s\S]*learn\.microsoft\.com\/microsoftteams\/manage-resource-accounts/;

describe('hover on a template parameter', () => {
    test('a values file\'s set shows the parameter\'s type, description and default', async () => {
        const text = 'param Customer string { description "The customer\'s name" default "Fabrikam" }\nparam Main phone-number\nset <|>Customer = "Northwind"\nset Main = "+1 206 555 0100"';
        const markdown = await hoverText(text);
        expect(markdown).toMatch(/^\*\*parameter\*\* `Customer` \(string\)\n\nThe customer's name\n\nDefault: `"Fabrikam"`$/);
        expect(await hoverText(text.replace('set <|>Customer', 'set Customer').replace('set Main', 'set <|>Main'))).toContain('No default: every values file must set it.');
    });
});

describe('hover explains what a declaration does in the tenant', () => {
    test('a resource account: doc comment, tenant effect and the learn.microsoft.com link', async () => {
        const text = edit(BASE, ['resource-account FrontlineRA {', '/** Answers the main line. */\nresource-account <|>FrontlineRA {']);
        await hover({ text, index: 0, hover: /\*\*resource account\*\* `FrontlineRA`[\s\S]*Answers the main line\.[\s\S]*In the tenant[\s\S]*sc-frontline@contoso\.com[\s\S]*https:\/\/learn\.microsoft\.com\/microsoftteams\/manage-resource-accounts/ });
    });

    test('a reference shows the declaration it points at', async () => {
        const text = edit(BASE, ['grant Frontline to StoreAssociates rank 1', 'grant <|>Frontline to StoreAssociates rank 1']);
        await hover({ text, index: 0, hover: /Shared Calling policy\*\* `Frontline`[\s\S]*New-CsTeamsSharedCallingRoutingPolicy[\s\S]*learn\.microsoft\.com/ });
    });

    test('the keyword of a statement without a name shows what it will do', async () => {
        const text = edit(BASE, ['grant Frontline to StoreAssociates rank 1', '<|>grant Frontline to StoreAssociates rank 1']);
        await hover({ text, index: 0, hover: /group policy grant[\s\S]*TeamsSharedCallingRoutingPolicy `Frontline` to group `StoreAssociates` at rank 1[\s\S]*grant-csteamssharedcallingroutingpolicy/ });
    });

    test('an assignment names the cmdlet and the number', async () => {
        const text = edit(BASE, ['assign MainLine to FrontlineRA', '<|>assign MainLine to FrontlineRA']);
        await hover({ text, index: 0, hover: /\+12065550100 \(DirectRouting\) to `sc-frontline@contoso\.com`[\s\S]*Set-CsPhoneNumberAssignment/ });
    });

    test('a number type keyword explains itself', async () => {
        const text = edit(BASE, ['number MainLine  "+1 206 555 0100" direct-routing', 'number MainLine  "+1 206 555 0100" <|>direct-routing']);
        await hover({ text, index: 0, hover: /\*\*direct-routing\*\*[\s\S]*SBC/ });
    });
});

describe('a setup with errors gets the facts, without the tenant effect', () => {
    test('the valid setup shows the tenant effect (the baseline of the cases below)', async () => {
        const text = await hoverText(edit(BASE, ON_ACCOUNT));
        expect(text).toMatch(FACTS);
        expect(text).toMatch(TENANT_EFFECT);
    });

    test('an error elsewhere in the file (a rank conflict the plan would still plan)', async () => {
        const text = await hoverText(edit(BASE, ON_ACCOUNT,
            ['grant Frontline to StoreAssociates rank 1', 'grant Frontline to StoreAssociates rank 1\ngrant Frontline to StoreAssociates rank 1']));
        expect(text).toMatch(FACTS);
        expect(text).not.toMatch(/In the tenant/);
    });

    test('an error in the hovered statement itself (an invalid usage location)', async () => {
        const text = await hoverText(edit(BASE, ON_ACCOUNT, ['usage-location US', 'usage-location XX']));
        expect(text).toMatch(/\*\*resource account\*\* `FrontlineRA`[\s\S]*learn\.microsoft\.com/);
        expect(text).not.toMatch(/In the tenant/);
    });

    test('an error only in an imported file: the hovered file is clean, its setup is not', async () => {
        const network = readFileSync('examples/frontline/network.voice', 'utf8');
        const stores = edit(readFileSync('examples/frontline/stores.voice', 'utf8'), ['resource-account WashingtonRA {', 'resource-account <|>WashingtonRA {']);
        const hoverInSetup = async (networkText: string) => {
            await clearAll();
            // The frontline's extension CSV, handed in as the language server reads it beside the file.
            services.shared.voice.ExtensionSources.set(URI.parse('file:///ws/extensions.csv'), { text: readFileSync('examples/frontline/extensions.csv', 'utf8') });
            const imported = await parse(networkText, { documentUri: 'file:///ws/network.voice', validation: true });
            const text = await hoverText(stores, { documentUri: 'file:///ws/stores.voice', validation: true });
            return { importedErrors: (imported.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.code), text };
        };
        const clean = await hoverInSetup(network);
        expect(clean.importedErrors).toEqual([]);
        expect(clean.text).toMatch(/In the tenant[\s\S]*sc-washington@contoso\.com/);

        const broken = await hoverInSetup(edit(network, ['"97204"\n    country     US', '"97204"\n    country     XX']));
        expect(broken.importedErrors).not.toEqual([]);
        expect(broken.text).toMatch(/\*\*resource account\*\* `WashingtonRA`[\s\S]*Washington stores' main line[\s\S]*learn\.microsoft\.com/);
        expect(broken.text).not.toMatch(/In the tenant/);
    });

    test('unresolved references: the facts of the declaration the name points at, no tenant effect', async () => {
        const text = await hoverText('assign <|>Nope to Nobody\nnumber Nope "+1 206 555 0100" operator-connect');
        expect(text).toMatch(/service number[\s\S]*learn\.microsoft\.com/);
        expect(text).not.toMatch(/In the tenant/);
    });

    test('a setup not validated yet shows no tenant effect: its errors are not known', async () => {
        const text = await hoverText(edit(BASE, ON_ACCOUNT), { validation: false });
        expect(text).toMatch(FACTS);
        expect(text).not.toMatch(/In the tenant/);
    });
});

describe('hover on dynamic emergency locations and the emergency keywords', () => {
    const DYNAMIC = 'trusted-ip StoresEgress "198.51.100.0/24"\nemergency-location Floor {\n    address SeattleStore\n    subnet  "10.1.2.0"\n}\n';

    test('an emergency location: its cmdlets, and the map entry plan and compile create', async () => {
        const text = `${BASE}\n${DYNAMIC.replace('emergency-location Floor', 'emergency-location <|>Floor')}`;
        await hover({ text, index: 0, hover: /\*\*emergency location\*\* `Floor`[\s\S]*In the tenant[\s\S]*subnet `10\.1\.2\.0` at `SeattleStore` for emergency calls \(Set-CsOnlineLisSubnet\)/ });
    });

    test('a trusted IP keyword names New-CsTenantTrustedIPAddress', async () => {
        const text = `${BASE}\n${DYNAMIC.replace('trusted-ip', '<|>trusted-ip')}`;
        await hover({ text, index: 0, hover: /\*\*trusted IP address\*\*[\s\S]*New-CsTenantTrustedIPAddress/ });
    });

    test('works-at says that it sets nothing in Teams', async () => {
        const text = edit(BASE, ['emergency StoreAssociates works-at', 'emergency StoreAssociates <|>works-at']);
        await hover({ text, index: 0, hover: /\*\*works-at\*\*[\s\S]*sets nothing in Teams/ });
    });

    test('holiday and hours name their schedules and call handling', async () => {
        const clauses = '    time-zone    "Pacific Standard Time"\n    <|>hours mon "09:00-17:00"\n    <|>holiday "Christmas" "2026-12-25"\n';
        const text = edit(BASE, ['    time-zone    "Pacific Standard Time"\n', clauses]);
        await hover({ text, index: 0, hover: /\*\*hours\*\*[\s\S]*New-CsOnlineSchedule[\s\S]*\[AA-SCHEDULE/ });
        await hover({ text, index: 1, hover: /\*\*holiday\*\*[\s\S]*Holiday call handling association[\s\S]*holidays beat after hours/ });
    });

    test('pidf-lo names -PidfLoSupported', async () => {
        const text = edit(BASE, ['    pidf-lo on', '    <|>pidf-lo on']);
        await hover({ text, index: 0, hover: /\*\*pidf-lo\*\*[\s\S]*-PidfLoSupported \$true/ });
    });
});
