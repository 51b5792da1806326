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
