import { afterEach, describe, test } from 'vitest';
import { expectHover } from 'langium/test';
import { BASE, clearAll, edit, services } from '../language/helpers.js';

const hover = expectHover(services.Voice);
afterEach(clearAll);

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

    test('a setup with errors still gets the facts, without the tenant effect', async () => {
        await hover({ text: 'assign <|>Nope to Nobody\nnumber Nope "+1 206 555 0100" operator-connect', index: 0, hover: /service number[\s\S]*learn\.microsoft\.com/ });
    });
});

describe('hover on dynamic emergency locations and the emergency keywords', () => {
    const DYNAMIC = 'trusted-ip StoresEgress "198.51.100.0/24"\nemergency-location Floor {\n    address SeattleStore\n    subnet  "10.1.2.0"\n}\n';

    test('an emergency location: its cmdlets, and that plan and compile do not create it yet', async () => {
        const text = `${BASE}\n${DYNAMIC.replace('emergency-location Floor', 'emergency-location <|>Floor')}`;
        await hover({ text, index: 0, hover: /\*\*emergency location\*\* `Floor`[\s\S]*not created by plan, compile or apply yet[\s\S]*Set-CsOnlineLisSubnet[\s\S]*set-csonlinelissubnet/ });
    });

    test('a trusted IP keyword names New-CsTenantTrustedIPAddress', async () => {
        const text = `${BASE}\n${DYNAMIC.replace('trusted-ip', '<|>trusted-ip')}`;
        await hover({ text, index: 0, hover: /\*\*trusted IP address\*\*[\s\S]*New-CsTenantTrustedIPAddress/ });
    });

    test('works-at says that it sets nothing in Teams', async () => {
        const text = edit(BASE, ['emergency StoreAssociates works-at', 'emergency StoreAssociates <|>works-at']);
        await hover({ text, index: 0, hover: /\*\*works-at\*\*[\s\S]*sets nothing in Teams/ });
    });

    test('pidf-lo names -PidfLoSupported', async () => {
        const text = edit(BASE, ['    pidf-lo on', '    <|>pidf-lo on']);
        await hover({ text, index: 0, hover: /\*\*pidf-lo\*\*[\s\S]*-PidfLoSupported \$true/ });
    });
});
