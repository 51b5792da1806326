/**
 * Every quick fix of server/voice-code-actions.ts, applied with `testCodeAction`: the text
 * after the fix is exact, and the diagnostic is gone once the fix is applied.
 */
import type { LangiumDocument } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/generated/ast.js';
import { IssueCodes } from '../../language/issue-codes.js';
import { BASE, RECEPTION, clearAll, codeAction, codeOf, codesOf, edit, parse, services, validate, without, withExtra } from './helpers.js';

afterEach(clearAll);

const MAIN_LINE = 'number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore';
const ASSIGN = 'assign MainLine to FrontlineRA';
const GRANT = 'grant Frontline to StoreAssociates rank 1';
const COVERAGE = 'emergency StoreAssociates works-at SeattleStore via CteloUS dial "911", "933" notify SecurityDesk';

/** Runs `testCodeAction` and returns the action's title. */
async function fix(input: string, code: string, output: string): Promise<string> {
    const result = await codeAction(input, code, output);
    const title = result.action?.title ?? '';
    await result.dispose();
    return title;
}

/** The quick fixes offered for every diagnostic with `code` in `document`. */
async function actionsFor(document: LangiumDocument<Model>, code: string): Promise<CodeAction[]> {
    const diagnostics = (document.diagnostics ?? []).filter((d: Diagnostic) => codeOf(d) === code);
    expect(diagnostics.length, `no ${code} diagnostic`).toBeGreaterThan(0);
    const actions = await services.Voice.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri },
        range: diagnostics[0].range,
        context: { diagnostics }
    });
    return (actions ?? []) as CodeAction[];
}

describe('setup-order: move the statement below what it uses', () => {
    test('an assignment above its account moves right below the account', async () => {
        const input = edit(BASE, [`${ASSIGN}\n`, ''], [`${MAIN_LINE}\n`, `${MAIN_LINE}\n${ASSIGN}\n`]);
        const output = edit(BASE, [`\n${ASSIGN}\n`, '\n'], ['    usage-location US\n}\n', `    usage-location US\n}\n${ASSIGN}\n`]);
        expect(await fix(input, IssueCodes.SetupOrder, output)).toBe("Move this statement below 'FrontlineRA'");
    });

    test('a multi-line statement moves with its doc comment', async () => {
        const input = 'group G "G"\n/** Shares the line. */\nshared-calling-policy P {\n    resource-account Ra\n}\nresource-account Ra { upn "ra@contoso.com" usage-location US }\n';
        const output = 'group G "G"\nresource-account Ra { upn "ra@contoso.com" usage-location US }\n/** Shares the line. */\nshared-calling-policy P {\n    resource-account Ra\n}\n';
        await fix(input, IssueCodes.SetupOrder, output);
    });

    test('the move works when the statement it uses is the last line, without a line break', async () => {
        const input = 'shared-calling-policy P { }\ngrant P to G rank 1\ngroup G "G"';
        const output = 'shared-calling-policy P { }\ngroup G "G"\ngrant P to G rank 1';
        await fix(input, IssueCodes.SetupOrder, output);
    });

    test('with two later dependencies, each fix moves the statement below the last of them', async () => {
        const document = (await validate('grant P to G rank 1\nshared-calling-policy P { }\ngroup G "G"\n')).document;
        const actions = await actionsFor(document, IssueCodes.SetupOrder);
        expect(actions.map(a => a.title)).toEqual(["Move this statement below 'G'", "Move this statement below 'G'"]);
    });
});

describe('a policy above the assign it needs: move the policy below the assign', () => {
    const POLICY = 'shared-calling-policy Frontline {\n    resource-account   FrontlineRA\n    emergency-callback Callback1\n    description        "Store associates share the main line"\n}\n';

    test('resource-account-without-number: the policy moves right below the assign', async () => {
        const input = edit(BASE, [`\n${ASSIGN}\n`, '\n'], [`\n${POLICY}`, `\n${POLICY}${ASSIGN}\n`]);
        const output = edit(BASE, [`\n${ASSIGN}\n`, '\n'], [`\n${POLICY}`, `\n${ASSIGN}\n${POLICY}`]);
        expect(input).not.toBe(output);
        expect(await fix(input, IssueCodes.ResourceAccountWithoutNumber, output))
            .toBe("Move the policy below the assign it needs ('assign MainLine to FrontlineRA')");
    });

    test('setup-order: a policy above its account moves below the account\'s assign, not just the account', async () => {
        const input = 'number N "+1 206 555 0100" operator-connect\nshared-calling-policy P { resource-account Ra }\nresource-account Ra { upn "ra@contoso.com" usage-location US }\nassign N to Ra\n';
        const document = (await validate(input)).document;
        const [action] = await actionsFor(document, IssueCodes.SetupOrder);
        expect(action?.title).toBe("Move the policy below the assign it needs ('assign N to Ra')");
        const after = TextDocument.applyEdits(document.textDocument, action!.edit!.changes![document.textDocument.uri]!);
        expect(after).toBe('number N "+1 206 555 0100" operator-connect\nresource-account Ra { upn "ra@contoso.com" usage-location US }\nassign N to Ra\nshared-calling-policy P { resource-account Ra }\n');
        const codes = codesOf(await validate(after));
        expect(codes).not.toContain(IssueCodes.SetupOrder);
        expect(codes).not.toContain(IssueCodes.ResourceAccountWithoutNumber);
    });

    test('no fix when the account is assigned in no statement below', async () => {
        const document = (await validate(without(BASE, ASSIGN))).document;
        expect(await actionsFor(document, IssueCodes.ResourceAccountWithoutNumber)).toEqual([]);
    });
});

/** The invalid-phone-number fixes offered when the base setup's main line is written as `written`. */
async function numberFixes(written: string): Promise<CodeAction[]> {
    return actionsFor((await validate(edit(BASE, ['"+1 206 555 0100"', written]))).document, IssueCodes.InvalidPhoneNumber);
}

describe('invalid-phone-number: remove the stray characters', () => {
    test('a letter after the number', async () => {
        const input = edit(BASE, ['"+1 206 555 0100"', '"+1 206 555 0100x"']);
        expect(await fix(input, IssueCodes.InvalidPhoneNumber, BASE)).toBe("Remove the stray character 'x': \"+1 206 555 0100\"");
    });

    test('brackets and a hash, keeping the separators and the extension', async () => {
        const written = '"+1 [206] 555-0100 #;ext=12"';
        const input = edit(BASE, ['"+1 206 555 0100"', written]);
        const output = edit(BASE, ['"+1 206 555 0100"', '"+1 206 555-0100;ext=12"']);
        expect(await fix(input, IssueCodes.InvalidPhoneNumber, output)).toBe("Remove the stray characters '[' ']' '#': \"+1 206 555-0100;ext=12\"");
    });

    test('no fix for a letter that looks like a digit (O for 0): that is a digit mistyped', async () => {
        // Without the O, "+44 20 7946 958" would be a valid number, just not the one meant.
        expect(await numberFixes('"+44 20 7946 O958"')).toEqual([]);
    });

    test('no fix when the rest is not a valid number either', async () => {
        expect(await numberFixes('"+1 206 555 x"')).toEqual([]);
    });
});

describe('invalid-phone-number: add the + prefix', () => {
    test('a number written without + gets it', async () => {
        const input = edit(BASE, ['"+1 206 555 0100"', '"1 206 555 0100"']);
        expect(await fix(input, IssueCodes.InvalidPhoneNumber, BASE)).toBe('Add the + prefix: "+1 206 555 0100"');
    });

    test('no fix when a + would not make it valid', async () => {
        expect(await numberFixes('"206 555 0100"')).toEqual([]);
    });
});

describe('incomplete-address and invalid-country: write the country code in capitals', () => {
    test('an address country', async () => {
        const input = edit(BASE, ['country     US', 'country     us']);
        expect(await fix(input, IssueCodes.IncompleteAddress, BASE)).toBe('Use the ISO country code: US');
    });

    test('a usage location', async () => {
        const input = edit(BASE, ['usage-location US', 'usage-location us']);
        expect(await fix(input, IssueCodes.InvalidCountry, BASE)).toBe('Use the ISO country code: US');
    });

    test('UK becomes GB', async () => {
        const input = edit(BASE, ['usage-location US', 'usage-location UK']);
        expect(await fix(input, IssueCodes.InvalidCountry, edit(BASE, ['usage-location US', 'usage-location GB']))).toBe('Use the ISO country code: GB');
    });

    test('no fix for a code that is not a country in capitals either', async () => {
        const document = (await validate(edit(BASE, ['usage-location US', 'usage-location xx']))).document;
        expect(await actionsFor(document, IssueCodes.InvalidCountry)).toEqual([]);
    });
});

describe('rank-conflict: use the next free rank', () => {
    /** Both grants of a rank conflict are reported; the later one is offered the next free rank. */
    async function fixLaterGrant(input: string, expected: string): Promise<string> {
        const document = (await validate(input)).document;
        const actions = await actionsFor(document, IssueCodes.RankConflict);
        expect(actions, 'one fix, on the later grant only').toHaveLength(1);
        const edits = actions[0]!.edit!.changes![document.textDocument.uri]!;
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe(expected);
        return actions[0]!.title;
    }

    test('a second rank 1 becomes rank 2', async () => {
        const extra = (rank: number) => `group Managers "Managers"\ngrant Frontline to Managers rank ${rank}\nemergency Managers works-at SeattleStore via CteloUS`;
        expect(await fixLaterGrant(withExtra(extra(1)), withExtra(extra(2)))).toBe('Use the next free rank: 2');
    });

    test('the next free rank skips ranks in use', async () => {
        const extra = (rank: number) => `group A "A"\ngroup B "B"\ngrant Frontline to A rank 2\ngrant Frontline to B rank ${rank}\nemergency A works-at SeattleStore via CteloUS\nemergency B works-at SeattleStore via CteloUS`;
        await fixLaterGrant(withExtra(extra(1)), withExtra(extra(3)));
    });
});

describe('rank-conflict: remove a group\'s duplicate grant', () => {
    test('the same grant twice, same rank: the later copy goes (not a new rank)', async () => {
        const input = edit(BASE, [`${GRANT}\n`, `${GRANT}\n${GRANT}\n`]);
        const document = (await validate(input)).document;
        const actions = await actionsFor(document, IssueCodes.RankConflict);
        expect(actions.map(a => a.title)).toEqual(['Remove the duplicate grant', 'Remove the duplicate grant']);
        for (const action of actions) {
            expect(TextDocument.applyEdits(document.textDocument, action.edit!.changes![document.textDocument.uri]!)).toBe(BASE);
        }
    });

    test('the same grant twice with another rank: the later one goes', async () => {
        const input = edit(BASE, [`${GRANT}\n`, `${GRANT}\ngrant Frontline to StoreAssociates rank 7\n`]);
        const document = (await validate(input)).document;
        const actions = await actionsFor(document, IssueCodes.RankConflict);
        expect(actions.map(a => a.title)).toEqual(['Remove the duplicate grant']);
        expect(TextDocument.applyEdits(document.textDocument, actions[0]!.edit!.changes![document.textDocument.uri]!)).toBe(BASE);
    });

    test('two different policies for one group: no fix, that is a choice', async () => {
        const second = 'shared-calling-policy Second {\n    resource-account FrontlineRA\n}\ngrant Second to StoreAssociates rank 2\n';
        const document = (await validate(withExtra(second))).document;
        expect(await actionsFor(document, IssueCodes.RankConflict)).toEqual([]);
    });
});

describe('emergency-dial-string: remove the +', () => {
    test('"+911" becomes "911"', async () => {
        const input = edit(BASE, ['"911", "933"', '"+911", "933"']);
        expect(await fix(input, IssueCodes.EmergencyDialString, BASE)).toBe('Remove the +: "911"');
    });
});

describe('missing-property: add the trunk\'s PSTN usage', () => {
    test('a line above the closing brace', async () => {
        const input = without(BASE, '    usage   "Ctelo-US"');
        const output = edit(BASE, ['    usage   "Ctelo-US"\n    pidf-lo on', '    pidf-lo on\n    usage "CteloUS"']);
        expect(await fix(input, IssueCodes.MissingProperty, output)).toBe('Add usage "CteloUS"');
    });

    test('inside a one-line block', async () => {
        await fix('trunk T { sbc "sbc1.contoso.com" }\n', IssueCodes.MissingProperty, 'trunk T { sbc "sbc1.contoso.com" usage "T" }\n');
    });
});

describe('missing-emergency-location: add an address or emergency coverage', () => {
    test('`at <address>` is added to the assigned number', async () => {
        const input = edit(BASE, [MAIN_LINE, MAIN_LINE.replace(' at SeattleStore', '')]);
        expect(await fix(input, IssueCodes.MissingEmergencyLocation, BASE)).toBe("Add 'at SeattleStore' to number 'MainLine'");
    });

    test('`at <address>` goes after the number type when there is no trunk', async () => {
        const input = edit(BASE, [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect'], ['"+1 206 555 0111" direct-routing via CteloUS', '"+1 206 555 0111" operator-connect']);
        const output = edit(BASE, [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect at SeattleStore'], ['"+1 206 555 0111" direct-routing via CteloUS', '"+1 206 555 0111" operator-connect']);
        await fix(input, IssueCodes.MissingEmergencyLocation, output);
    });

    test('`at <address>` goes after toll-free', async () => {
        const tollFree = (at: string) => edit(BASE,
            [MAIN_LINE, `number MainLine  "+1 800 555 0100" calling-plan toll-free${at}`],
            ['"+1 206 555 0111" direct-routing via CteloUS', '"+1 206 555 0111" calling-plan'],
            [COVERAGE, 'emergency StoreAssociates works-at SeattleStore']);
        await fix(tollFree(''), IssueCodes.MissingEmergencyLocation, tollFree(' at SeattleStore'));
    });

    test('no fix when the setup has several addresses to choose from', async () => {
        const text = withExtra('address Other { company "C" country US geo 1, 2 }', edit(BASE, [MAIN_LINE, MAIN_LINE.replace(' at SeattleStore', '')]));
        const document = (await validate(text)).document;
        expect(await actionsFor(document, IssueCodes.MissingEmergencyLocation)).toEqual([]);
    });

    test('no fix for a number declared in an imported file', async () => {
        await parse('address A { company "C" country US geo 1, 2 }\nnumber N "+1 206 555 0100" operator-connect', { documentUri: 'file:///ws/numbers.voice' });
        const document = (await validate('import "numbers.voice"\nresource-account Ra { upn "ra@contoso.com" usage-location US }\nassign N to Ra', { documentUri: 'file:///ws/main.voice' })).document;
        expect(await actionsFor(document, IssueCodes.MissingEmergencyLocation)).toEqual([]);
    });

    test('`emergency ...` coverage is added after the grant', async () => {
        const input = without(BASE, COVERAGE);
        const output = edit(input, [`${GRANT}\n`, `${GRANT}\nemergency StoreAssociates works-at SeattleStore via CteloUS\n`]);
        expect(await fix(input, IssueCodes.MissingEmergencyLocation, output)).toBe("Add 'emergency StoreAssociates works-at SeattleStore via CteloUS'");
    });

    test('coverage is added after a grant on the last line without a line break', async () => {
        // The base's emergency calling policy goes too, so that the grant is the last line.
        const policy = BASE.slice(BASE.indexOf('\nemergency-calling-policy'), BASE.indexOf('}\n', BASE.indexOf('emergency-calling-policy')) + 2);
        const input = edit(without(BASE, COVERAGE), [policy, ''], [`\n${RECEPTION}`, '']).trimEnd();
        await fix(input, IssueCodes.MissingEmergencyLocation, `${input}\nemergency StoreAssociates works-at SeattleStore via CteloUS`);
    });

    test('coverage keeps the dial strings the setup uses at that address, and goes with step 6, after the emergency statements', async () => {
        const managers = 'group Managers "Managers"\ngrant Frontline to Managers rank 2\n';
        const input = edit(BASE, [`${GRANT}\n`, `${GRANT}\n${managers}`]);
        const output = edit(input, [`${COVERAGE}\n`, `${COVERAGE}\nemergency Managers works-at SeattleStore via CteloUS dial "911", "933"\n`]);
        expect(await fix(input, IssueCodes.MissingEmergencyLocation, output)).toBe(
            'Add \'emergency Managers works-at SeattleStore via CteloUS dial "911", "933"\'');
    });

    test('coverage for an Operator Connect setup has no trunk', async () => {
        const oc = edit(without(BASE, COVERAGE), [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect at SeattleStore'],
            ['"+1 206 555 0111" direct-routing via CteloUS', '"+1 206 555 0111" operator-connect']);
        await fix(oc, IssueCodes.MissingEmergencyLocation, edit(oc, [`${GRANT}\n`, `${GRANT}\nemergency StoreAssociates works-at SeattleStore\n`]));
    });
});

describe('direct-routing-without-route: add `via <trunk>`', () => {
    test('to the Direct Routing number', async () => {
        const input = edit(BASE, [MAIN_LINE, MAIN_LINE.replace(' via CteloUS', '')]);
        expect(await fix(input, IssueCodes.DirectRoutingWithoutRoute, BASE)).toBe("Route 'MainLine' via CteloUS");
    });

    test('to the emergency coverage', async () => {
        const input = edit(BASE, [COVERAGE, COVERAGE.replace(' via CteloUS', '')]);
        expect(await fix(input, IssueCodes.DirectRoutingWithoutRoute, BASE)).toBe('Route emergency calls via CteloUS');
    });

    test('no fix when the setup has several trunks to choose from', async () => {
        const text = edit(BASE, [MAIN_LINE, MAIN_LINE.replace(' via CteloUS', '')], ['trunk CteloUS', 'trunk Backup { sbc "sbc2.contoso.com" usage "B" }\ntrunk CteloUS']);
        const document = (await validate(text)).document;
        expect(await actionsFor(document, IssueCodes.DirectRoutingWithoutRoute)).toEqual([]);
    });
});

describe('usage-location-mismatch: set the usage location to the number\'s country', () => {
    test('GB becomes US', async () => {
        const input = edit(BASE, ['usage-location US', 'usage-location GB']);
        expect(await fix(input, IssueCodes.UsageLocationMismatch, BASE)).toBe('Set usage-location to US');
    });
});

describe('codes without an obvious fix', () => {
    test('offer no quick fix', async () => {
        const document = (await validate(withExtra('tenant "fabrikam.onmicrosoft.com"'))).document;
        expect(await actionsFor(document, IssueCodes.DuplicateTenant)).toEqual([]);
    });
});

describe('emergency-routing-mismatch: remove the trunk from the emergency statement', () => {
    test("'via CteloUS' goes, the dial strings stay", async () => {
        const operatorConnect = (coverage: string) => edit(BASE,
            [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect at SeattleStore'],
            ['number Callback1 "+1 206 555 0111" direct-routing via CteloUS at SeattleStore', 'number Callback1 "+1 206 555 0111" operator-connect at SeattleStore'],
            [COVERAGE, coverage]);
        const input = operatorConnect(COVERAGE);
        const output = operatorConnect('emergency StoreAssociates works-at SeattleStore dial "911", "933" notify SecurityDesk');
        expect(await fix(input, IssueCodes.EmergencyRoutingMismatch, output)).toBe("Remove 'via CteloUS'");
    });
});

describe('trunk-without-pidf-lo: pass the location to the SBC', () => {
    test('a trunk without the line gets pidf-lo on above its closing brace', async () => {
        expect(await fix(without(BASE, '    pidf-lo on'), IssueCodes.TrunkWithoutPidfLo, BASE)).toBe('Add pidf-lo on');
    });

    test('inside a one-line block', async () => {
        await fix('trunk T { sbc "sbc1.contoso.com" usage "T" }\n', IssueCodes.TrunkWithoutPidfLo, 'trunk T { sbc "sbc1.contoso.com" usage "T" pidf-lo on }\n');
    });

    test('pidf-lo off turns on', async () => {
        expect(await fix(edit(BASE, ['pidf-lo on', 'pidf-lo off']), IssueCodes.TrunkWithoutPidfLo, BASE)).toBe('Turn PIDF-LO: on');
    });
});

describe('legacy-emergency-at: write works-at', () => {
    test('at becomes works-at, nothing else changes', async () => {
        const input = edit(BASE, [COVERAGE, COVERAGE.replace('works-at', 'at')]);
        expect(await fix(input, IssueCodes.LegacyEmergencyAt, BASE)).toBe('Write: works-at');
    });
});

describe('invalid-network-id: an emergency location subnet by its network id', () => {
    test('the prefix length goes', async () => {
        const location = (subnet: string) => withExtra(`emergency-location L {\n    address SeattleStore\n    subnet  "${subnet}"\n}`);
        expect(await fix(location('10.1.2.0/24'), IssueCodes.InvalidNetworkId, location('10.1.2.0'))).toBe('Use the network id: "10.1.2.0"');
    });
});
