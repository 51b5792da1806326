/**
 * Every diagnostic code in language/issue-codes.ts, firing on a small edit of the valid base
 * setup and not firing on a near miss of that edit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { expectError, expectNoIssues, expectWarning } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { collectVoiceFiles, loadWorkspace } from '../../cli/workspace.js';
import type { EmergencyCoverage, Model } from '../../language/generated/ast.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { allIssueCodes, defaultSeverity, IssueCodes } from '../../language/issue-codes.js';
import { MAX_GROUPS_PER_POLICY_TYPE } from '../../language/voice-validator.js';
import { BASE, RECEPTION, clearAll, codeOf, codesOf, edit, listed, messageOf, parse, services, validate, without, withExtra } from './helpers.js';

afterEach(clearAll);

const MAIN_LINE = 'number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore';
const CALLBACK = 'number Callback1 "+1 206 555 0111" direct-routing via CteloUS at SeattleStore';
const ASSIGN = 'assign MainLine to FrontlineRA';
const GRANT = 'grant Frontline to StoreAssociates rank 1';
const COVERAGE = 'emergency StoreAssociates works-at SeattleStore via CteloUS dial "911", "933" notify SecurityDesk';
const SECOND_RA = `resource-account SecondRA {
    upn            "sc-second@contoso.com"
    usage-location US
}`;

/** Validates `text` and checks that no diagnostic has `code`. */
async function expectClean(text: string, code: string, options?: { documentUri: string }): Promise<void> {
    const result = await validate(text, options);
    expectNoIssues(result, { code });
}

describe('the base setup', () => {
    test('has no diagnostics at all', async () => {
        const result = await validate(BASE);
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
    });

    test('every code has a severity; these are warnings, carrier-emergency-address and operator-connect-support are information, the rest are errors', () => {
        expect(Object.keys(defaultSeverity).sort()).toEqual([...allIssueCodes].sort());
        expect(allIssueCodes.filter(c => defaultSeverity[c] === 'warning').sort()).toEqual([
            'dial-out-without-conference', 'emergency-location-mismatch', 'emergency-routing-mismatch', 'emergency-without-notification', 'legacy-emergency-at',
            'shared-number-without-inbound', 'trunk-without-pidf-lo', 'unassigned-number', 'usage-location-mismatch'
        ]);
        expect(allIssueCodes.filter(c => defaultSeverity[c] === 'info')).toEqual(['carrier-emergency-address', 'operator-connect-support']);
    });

    test('every diagnostic links to its section of docs/diagnostics.md and carries its code in data', async () => {
        const result = await validate(edit(BASE, ['usage-location US', 'usage-location GB']));
        const diagnostic = result.diagnostics.find(d => d.code === IssueCodes.UsageLocationMismatch)!;
        expect(diagnostic.codeDescription?.href).toBe('docs/diagnostics.md#usage-location-mismatch');
        expect(diagnostic.data).toEqual({ code: 'usage-location-mismatch', replacement: 'US' });
    });
});

describe(IssueCodes.SetupOrder, () => {
    const code = IssueCodes.SetupOrder;

    test('fires when an assignment comes before the account it uses', async () => {
        const text = edit(BASE, [`${ASSIGN}\n`, ''], [`${MAIN_LINE}\n`, `${MAIN_LINE}\n${ASSIGN}\n`]);
        expectError(await validate(text), /'FrontlineRA' is created later \(line \d+\).*move this statement below it/, { code });
    });

    test('fires when a number uses a trunk declared below it', async () => {
        const text = `${without(BASE, MAIN_LINE)}`.replace('trunk CteloUS {', `${MAIN_LINE}\ntrunk CteloUS {`);
        expectError(await validate(text), /'CteloUS' is created later/, { code });
    });

    test('fires when a grant comes before the group', async () => {
        const text = edit(BASE, ['group StoreAssociates "Store Associates"\n', ''], [`${GRANT}\n`, `${GRANT}\ngroup StoreAssociates "Store Associates"\n`]);
        expectError(await validate(text), /'StoreAssociates' is created later/, { code });
    });

    test('does not fire when the same statement comes right after what it uses', async () => {
        const text = edit(BASE, [`${ASSIGN}\n`, ''], ['usage-location US\n}\n', `usage-location US\n}\n${ASSIGN}\n`]);
        await expectClean(text, code);
    });

    test('does not fire for declarations of an imported file, whatever their line', async () => {
        await parse('\n\n\n\n\n\n\n\n\n\ngroup Late "Late"', { documentUri: 'file:///ws/groups.voice' });
        const result = await validate('import "groups.voice"\nshared-calling-policy P { }\ngrant P to Late rank 1', { documentUri: 'file:///ws/main.voice' });
        expectNoIssues(result, { code });
    });
});

describe(IssueCodes.UnassignedNumber, () => {
    const code = IssueCodes.UnassignedNumber;
    const spare = 'number Spare "+1 206 555 0199" direct-routing via CteloUS at SeattleStore';

    test('fires (warning) for a number neither assigned nor used as a callback', async () => {
        expectWarning(await validate(withExtra(spare)), /Number 'Spare' is never assigned.*assign it or remove it/, { code });
    });

    test('does not fire for a number used only as an emergency callback', async () => {
        const text = edit(withExtra(spare, without(BASE, COVERAGE)).replace('emergency-callback Callback1', 'emergency-callback Callback1, Spare'));
        // the spare number now follows the policy: move it up, next to the other numbers
        const ordered = edit(without(text, spare), [`${CALLBACK}\n`, `${CALLBACK}\n${spare}\n`]);
        await expectClean(ordered, code);
    });

    test('does not fire for a number assigned in another loaded file that imports it', async () => {
        const numbers = await parse('tenant "contoso.onmicrosoft.com"\nnumber Main "+1 206 555 0100" operator-connect', { documentUri: 'file:///ws/numbers.voice' });
        const alone = await services.Voice.validation.DocumentValidator.validateDocument(numbers);
        expect(alone.map(d => d.code)).toContain(code);
        await parse('import "numbers.voice"\nresource-account Ra { upn "ra@contoso.onmicrosoft.com" usage-location US }\nassign Main to Ra', { documentUri: 'file:///ws/accounts.voice' });
        const together = await services.Voice.validation.DocumentValidator.validateDocument(numbers);
        expect(together.map(d => d.code)).not.toContain(code);
    });
});

describe(IssueCodes.ResourceAccountWithoutNumber, () => {
    const code = IssueCodes.ResourceAccountWithoutNumber;

    test('fires when the account has no number at all', async () => {
        expectError(await validate(without(BASE, ASSIGN)), /'FrontlineRA' has no number assigned before this policy; add 'assign <number> to FrontlineRA'/, { code });
    });

    test('fires when the number is assigned only after the policy', async () => {
        const text = edit(without(BASE, ASSIGN), ['group StoreAssociates', `${ASSIGN}\ngroup StoreAssociates`]);
        expectError(await validate(text), /has no number assigned before this policy/, { code });
    });

    test('does not fire when the assignment precedes the policy', async () => {
        await expectClean(BASE, code);
    });
});

describe(IssueCodes.MissingEmergencyLocation, () => {
    const code = IssueCodes.MissingEmergencyLocation;

    test('fires when an assigned number has no address', async () => {
        const text = edit(BASE, [MAIN_LINE, MAIN_LINE.replace(' at SeattleStore', '')]);
        expectError(await validate(text), /Number 'MainLine' has no emergency address: add 'at <address>'/, { code });
    });

    test('fires when a granted group has no emergency coverage', async () => {
        expectError(await validate(without(BASE, COVERAGE)), /Group 'StoreAssociates' has no emergency coverage.*add 'emergency StoreAssociates works-at <where they work>'/, { code });
    });

    test('fires when the coverage is for another group', async () => {
        const text = edit(BASE, [COVERAGE, 'group Others "Others"\nemergency Others works-at SeattleStore via CteloUS']);
        expectError(await validate(text), /Group 'StoreAssociates' has no emergency coverage/, { code });
    });

    test('does not fire for a callback number without an address (it is not on an account)', async () => {
        await expectClean(edit(BASE, [CALLBACK, CALLBACK.replace(' at SeattleStore', '')]), code);
    });

    test('does not fire for a group that is covered but not granted', async () => {
        await expectClean(withExtra('group Visitors "Visitors"\nemergency Visitors works-at SeattleStore via CteloUS'), code);
    });
});

describe(IssueCodes.InvalidPhoneNumber, () => {
    const code = IssueCodes.InvalidPhoneNumber;

    test.each([
        ['"1 206 555 0100"', /'1 206 555 0100' is not an E.164 number: start it with \+/],
        ['"+1 206 555 O100"', /use only digits after the \+/],
        ['"+1 206 555 0100 0000 00"', /too many digits \(E.164 allows at most 15/],
        ['"+1 206 555 010"', /too few digits/],
        ['"+999 555 0100"', /do not begin with an assigned country code/],
        ['"+1 206 555 0100;ext=abc"', /;ext= followed by 1 to 10 digits/]
    ])('fires for %s', async (written, message) => {
        expectError(await validate(edit(BASE, ['"+1 206 555 0100"', written])), message, { code });
    });

    test('fires for an extension on a number that is not Direct Routing', async () => {
        const text = withExtra('number Ext "+1 206 555 0100;ext=12" operator-connect at SeattleStore');
        expectError(await validate(text), /';ext=' is only allowed on Direct Routing numbers/, { code });
    });

    test('fires for toll-free on a number that is not Calling Plan', async () => {
        const text = withExtra('number Free "+1 800 555 0100" direct-routing toll-free via CteloUS');
        expectError(await validate(text), /'toll-free' applies to Calling Plan service numbers only/, { code });
    });

    test.each([
        '"+1-206-555-0100"', '"+1 (206) 555-0100"', '"+12065550100"', '"+1 206 555 0100;ext=1234"'
    ])('does not fire for %s on a Direct Routing number', async written => {
        await expectClean(edit(BASE, ['"+1 206 555 0100"', written]), code);
    });

    test('does not fire for toll-free on a Calling Plan number', async () => {
        await expectClean(withExtra('number Free "+1 800 555 0100" calling-plan toll-free'), code);
    });
});

describe(IssueCodes.EmergencyNumberMismatch, () => {
    const code = IssueCodes.EmergencyNumberMismatch;

    test('fires when the callback number has another type', async () => {
        const text = edit(BASE, [CALLBACK, 'number Callback1 "+1 206 555 0111" operator-connect at SeattleStore']);
        expectError(await validate(text), /must have the same type and country as the resource account's number/, { code });
    });

    test('fires when the callback number is in another country', async () => {
        const text = edit(BASE, [CALLBACK, 'number Callback1 "+44 20 7946 0958" direct-routing via CteloUS']);
        expectError(await validate(text), /\(direct-routing, GB\/GG\) must have the same type and country/, { code });
    });

    test('fires for a number in another country even when its address is local', async () => {
        const text = edit(BASE, [CALLBACK, 'number Callback1 "+44 20 7946 0958" direct-routing via CteloUS at SeattleStore']);
        expectError(await validate(text), /must have the same type and country/, { code });
    });

    test('fires for a +1 callback in Canada when the shared number is in the US', async () => {
        const text = edit(BASE,
            [CALLBACK, 'number Callback1 "+1 604 555 0111" direct-routing via CteloUS at VancouverStore'],
            ['trunk CteloUS', 'address VancouverStore { company "Contoso" country CA geo 49.28, -123.12 }\ntrunk CteloUS']);
        expectError(await validate(text), /\(direct-routing, CA\)/, { code });
    });

    test('fires for a toll-free callback when the shared number is a Calling Plan number', async () => {
        const text = edit(BASE,
            [MAIN_LINE, 'number MainLine  "+1 206 555 0100" calling-plan at SeattleStore'],
            [CALLBACK, 'number Callback1 "+1 800 555 0111" calling-plan toll-free at SeattleStore'],
            [COVERAGE, 'emergency StoreAssociates works-at SeattleStore dial "911" notify SecurityDesk']);
        expectError(await validate(text), /toll-free.*must be Calling Plan subscriber numbers/, { code });
    });

    test('does not fire for a callback of the same type and country (another area code)', async () => {
        await expectClean(edit(BASE, [CALLBACK, 'number Callback1 "+1 509 555 0111" direct-routing via CteloUS at SeattleStore']), code);
    });

    test('does not fire for a geographic Calling Plan callback of a Calling Plan number', async () => {
        const text = edit(BASE,
            [MAIN_LINE, 'number MainLine  "+1 800 555 0100" calling-plan toll-free at SeattleStore'],
            [CALLBACK, 'number Callback1 "+1 206 555 0111" calling-plan at SeattleStore'],
            [COVERAGE, 'emergency StoreAssociates works-at SeattleStore dial "911" notify SecurityDesk']);
        await expectClean(text, code);
    });
});

describe(IssueCodes.EmergencyNumberReused, () => {
    const code = IssueCodes.EmergencyNumberReused;
    const secondPolicy = (callbacks: string) => withExtra(`shared-calling-policy Backup {\n    resource-account FrontlineRA\n    emergency-callback ${callbacks}\n}`);

    test('fires when two policies use one callback number', async () => {
        expectError(await validate(secondPolicy('Callback1')), /also an emergency callback number of 'Frontline'/, { code });
    });

    test('fires when two policies use one number declared twice under two names', async () => {
        const text = edit(secondPolicy('Callback2'), [CALLBACK, `${CALLBACK}\nnumber Callback2 "+1-206-555-0111" direct-routing via CteloUS at SeattleStore`]);
        expectError(await validate(text), /also an emergency callback number of 'Frontline'/, { code });
    });

    test('fires when a callback number is listed twice in one policy', async () => {
        expectError(await validate(edit(BASE, ['emergency-callback Callback1', 'emergency-callback Callback1, Callback1'])), /listed twice in this policy/, { code });
    });

    test('fires when the callback number is also assigned to an account', async () => {
        expectError(await validate(edit(BASE, ['emergency-callback Callback1', 'emergency-callback MainLine'])), /is assigned to 'FrontlineRA' \(\d+\.voice:\d+\); an emergency callback number cannot also be assigned/, { code });
    });

    test('does not fire when each policy has its own callback number', async () => {
        const text = edit(secondPolicy('Callback2'), [CALLBACK, `${CALLBACK}\nnumber Callback2 "+1 206 555 0112" direct-routing via CteloUS at SeattleStore`]);
        await expectClean(text, code);
    });
});

describe(IssueCodes.NumberAssignedTwice, () => {
    const code = IssueCodes.NumberAssignedTwice;

    test('fires when one number is assigned to two accounts', async () => {
        const text = withExtra(`${SECOND_RA}\nassign MainLine to SecondRA`);
        expectError(await validate(text), /is also assigned to 'FrontlineRA' \(\d+\.voice:\d+\); a number can be assigned to one account only/, { code });
    });

    test('fires when one number, written differently under two names, is assigned twice', async () => {
        const text = withExtra(`number Again "+1-206-555-0100" direct-routing via CteloUS at SeattleStore\n${SECOND_RA}\nassign Again to SecondRA`);
        expectError(await validate(text), /also assigned to 'FrontlineRA'/, { code });
    });

    test('fires when an assignment is repeated', async () => {
        expectError(await validate(withExtra(ASSIGN)), /is assigned to 'FrontlineRA' again at \d+\.voice:\d+; remove the repeat/, { code });
    });

    test('fires when one account is given a second number', async () => {
        const text = withExtra(`number Second "+1 206 555 0200" direct-routing via CteloUS at SeattleStore\nassign Second to FrontlineRA`);
        expectError(await validate(text), /'FrontlineRA' also gets \+1 206 555 0100 \(\d+\.voice:\d+\); a resource account shares one number/, { code });
    });

    test('does not fire for two numbers on two accounts', async () => {
        const text = withExtra(`number Second "+1 206 555 0200" direct-routing via CteloUS at SeattleStore\n${SECOND_RA}\nassign Second to SecondRA`);
        await expectClean(text, code);
    });
});

describe(IssueCodes.DuplicateName, () => {
    const code = IssueCodes.DuplicateName;

    test('fires for two declarations with one name, whatever their kinds', async () => {
        expectError(await validate(withExtra('group SeattleStore "Seattle"')), /'SeattleStore' is also declared at \d+\.voice:3; give each declaration its own name/, { code });
    });

    test('fires for a name already declared in an imported file', async () => {
        await parse('group Associates "A"', { documentUri: 'file:///ws/groups.voice' });
        const result = await validate('import "groups.voice"\ngroup Associates "B"', { documentUri: 'file:///ws/main.voice' });
        expectError(result, /'Associates' is also declared at groups.voice:1/, { code });
    });

    test('does not fire for distinct names', async () => {
        await expectClean(withExtra('group SeattleStoreStaff "Seattle"'), code);
    });

    test('does not fire for a file imported twice (a diamond of imports)', async () => {
        await parse('group Associates "A"', { documentUri: 'file:///ws/common.voice' });
        await parse('import "common.voice"\ngroup Left "L"', { documentUri: 'file:///ws/left.voice' });
        await parse('import "common.voice"\ngroup Right "R"', { documentUri: 'file:///ws/right.voice' });
        const result = await validate('import "left.voice"\nimport "right.voice"\nshared-calling-policy P { }', { documentUri: 'file:///ws/main.voice' });
        expectNoIssues(result, { code });
    });

    test('fires for one name in two files of one folder (one setup), even without imports', async () => {
        await parse('group Associates "A"', { documentUri: 'file:///ws/a.voice' });
        const result = await validate('group Associates "B"', { documentUri: 'file:///ws/b.voice' });
        expectError(result, /'Associates' is also declared at a.voice:1/, { code });
    });

    test('does not fire for one name in two folders that do not import each other (two setups)', async () => {
        await parse('group Associates "A"', { documentUri: 'file:///ws/east/a.voice' });
        const result = await validate('group Associates "B"', { documentUri: 'file:///ws/west/b.voice' });
        expectNoIssues(result, { code });
    });
});

describe(IssueCodes.DuplicateCoverage, () => {
    const code = IssueCodes.DuplicateCoverage;

    test('fires on both statements when a group is covered twice', async () => {
        const text = withExtra('emergency StoreAssociates works-at SeattleStore via CteloUS dial "112"');
        const lines = text.split('\n').flatMap((l, i) => (l.startsWith('emergency StoreAssociates') ? [i] : []));
        const result = await validate(text);
        const found = result.diagnostics.filter(d => d.code === code);
        expect(found.map(d => d.range.start.line), listed(result.diagnostics)).toEqual(lines);
        expect(found[0]!.message).toMatch(new RegExp(`also has emergency coverage at \\d+\\.voice:${lines[1]! + 1}; a group gets one emergency call routing policy`));
        expect(found[0]!.relatedInformation?.[0]?.location.range.start.line).toBe(lines[1]);
        expect(found[1]!.relatedInformation?.[0]?.location.range.start.line).toBe(lines[0]);
    });

    test('does not fire for two groups covered once each', async () => {
        await expectClean(withExtra('group Managers "Managers"\nemergency Managers works-at SeattleStore via CteloUS'), code);
    });
});

describe('duplicate-name: one tenant object declared under two names', () => {
    const code = IssueCodes.DuplicateName;

    test('two groups with one display name', async () => {
        expectError(await validate(withExtra('group Again "store associates"')), /Entra group "Store Associates" is also declared as 'Again'/, { code });
    });

    test('two groups with one object id', async () => {
        const id = '0b5e8a1c-1111-4222-8333-944445555666';
        expectError(await validate(withExtra(`group A id "${id}"\ngroup B id "${id.toUpperCase()}"`)), /Entra group 0b5e8a1c.* is also declared as 'B'/, { code });
    });

    test('two resource accounts with one UPN', async () => {
        expectError(await validate(withExtra(SECOND_RA.replace('sc-second@contoso.com', 'SC-frontline@contoso.com'))),
            /Resource account sc-frontline@contoso.com is also declared as 'SecondRA'/, { code });
    });

    test('two trunks with one SBC', async () => {
        expectError(await validate(withExtra('trunk Again {\n    sbc "SBC1.contoso.com" port 5067\n    usage "Other"\n}')), /SBC sbc1.contoso.com is also declared by trunk 'Again'/, { code });
    });
});

describe(IssueCodes.RankConflict, () => {
    const code = IssueCodes.RankConflict;
    const grants = (count: number) => Array.from({ length: count }, (_, i) =>
        `group G${i} "G${i}"\ngrant Frontline to G${i} rank ${i + 2}\nemergency G${i} works-at SeattleStore via CteloUS`).join('\n');

    test('fires for two grants with one rank', async () => {
        const text = withExtra('group Managers "Managers"\ngrant Frontline to Managers rank 1\nemergency Managers works-at SeattleStore via CteloUS');
        expectError(await validate(text), /Rank 1 is also used by the grant to 'StoreAssociates'/, { code });
    });

    test.each(['0', '1.5', '-1'])('fires for rank %s', async rank => {
        expectError(await validate(edit(BASE, [GRANT, `grant Frontline to StoreAssociates rank ${rank}`])), /ranks are whole numbers from 1/, { code });
    });

    test('fires when a group is granted twice', async () => {
        expectError(await validate(withExtra('grant Frontline to StoreAssociates rank 2')), /is also granted 'Frontline' \(\d+\.voice:\d+\); a group gets one shared calling policy/, { code });
    });

    test(`fires for more than ${MAX_GROUPS_PER_POLICY_TYPE} groups`, async () => {
        // Microsoft's number, not the validator's: the cases below follow the constant [GPA-NEW].
        expect(MAX_GROUPS_PER_POLICY_TYPE).toBe(64);
        expectError(await validate(withExtra(grants(MAX_GROUPS_PER_POLICY_TYPE))), /Teams allows at most 64 groups per policy type/, { code });
    });

    test(`does not fire for exactly ${MAX_GROUPS_PER_POLICY_TYPE} groups with distinct ranks`, async () => {
        await expectClean(withExtra(grants(MAX_GROUPS_PER_POLICY_TYPE - 1)), code);
    });

    test('does not fire for two groups with ranks 1 and 2', async () => {
        await expectClean(withExtra('group Managers "Managers"\ngrant Frontline to Managers rank 2\nemergency Managers works-at SeattleStore via CteloUS'), code);
    });
});

describe(IssueCodes.UsageLocationMismatch, () => {
    const code = IssueCodes.UsageLocationMismatch;

    test('fires (warning) when the usage location is not the number\'s country', async () => {
        expectWarning(await validate(edit(BASE, ['usage-location US', 'usage-location GB'])), /usage location GB but number \+1 206 555 0100 is in US/, { code });
    });

    test('does not fire when they match', async () => {
        await expectClean(BASE, code);
    });

    test('does not fire for a +1 number without address on a Canadian account', async () => {
        const text = edit(BASE, ['usage-location US', 'usage-location CA'], [MAIN_LINE, 'number MainLine  "+1 206 555 0100" direct-routing via CteloUS']);
        const result = await validate(text);
        expectNoIssues(result, { code });
    });
});

describe(IssueCodes.ImportCycle, () => {
    const code = IssueCodes.ImportCycle;

    test('fires on both sides of a cycle of two files', async () => {
        const other = await parse('import "a.voice"\ngroup B "B"', { documentUri: 'file:///cycle/b.voice' });
        const result = await validate('import "b.voice"\ngroup A "A"', { documentUri: 'file:///cycle/a.voice' });
        expectError(result, /'b\.voice' imports this file back \(directly or through other files\)/, { code });
        await services.shared.workspace.DocumentBuilder.build([other], { validation: true });
        expect((other.diagnostics ?? []).map(d => d.code)).toContain(code);
    });

    test('fires on a file that imports itself', async () => {
        expectError(await validate('import "self.voice"\ngroup A "A"', { documentUri: 'file:///cycle/self.voice' }), /imports this file back/, { code });
    });

    test('does not fire for a diamond (two files importing one shared file)', async () => {
        await parse('group Shared "S"', { documentUri: 'file:///diamond/shared.voice' });
        await parse('import "shared.voice"\ngroup Left "L"', { documentUri: 'file:///diamond/left.voice' });
        await parse('import "shared.voice"\ngroup Right "R"', { documentUri: 'file:///diamond/right.voice' });
        await expectClean('import "left.voice"\nimport "right.voice"\ngroup Top "T"', code, { documentUri: 'file:///diamond/top.voice' });
    });
});

describe(IssueCodes.EmergencyRoutingMismatch, () => {
    const code = IssueCodes.EmergencyRoutingMismatch;
    const operatorConnect = (coverage: string) => edit(BASE,
        [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect at SeattleStore'],
        [CALLBACK, 'number Callback1 "+1 206 555 0111" operator-connect at SeattleStore'],
        [COVERAGE, coverage]);

    test('warns when coverage for an Operator Connect number routes through a trunk', async () => {
        expectWarning(await validate(operatorConnect('emergency StoreAssociates works-at SeattleStore via CteloUS')),
            /shares an Operator Connect number, so its emergency call routing should have no PSTN usages: remove 'via CteloUS'/, { code });
    });

    test('does not fire for Direct Routing coverage through a trunk', async () => {
        await expectClean(BASE, code);
    });
});

describe(IssueCodes.DirectRoutingWithoutRoute, () => {
    const code = IssueCodes.DirectRoutingWithoutRoute;

    test('fires when the shared Direct Routing number has no trunk', async () => {
        const text = edit(BASE, [MAIN_LINE, 'number MainLine  "+1 206 555 0100" direct-routing at SeattleStore']);
        expectError(await validate(text), /Direct Routing number 'MainLine' has no trunk: add 'via <trunk>'/, { code });
    });

    test('fires when the trunk has no PSTN usage', async () => {
        const text = edit(BASE, ['    usage   "Ctelo-US"\n', '']);
        expectError(await validate(text), /Trunk 'CteloUS' has no PSTN usage, so it cannot route number 'MainLine'/, { code });
    });

    test('fires when emergency coverage for a Direct Routing setup has no trunk', async () => {
        const text = edit(BASE, [COVERAGE, 'emergency StoreAssociates works-at SeattleStore dial "911", "933"']);
        expectError(await validate(text), /shares a Direct Routing number, so its emergency calls must route through a trunk: add 'via <trunk>'/, { code });
    });

    test('does not fire for Operator Connect numbers and coverage without a trunk', async () => {
        const text = edit(BASE,
            [MAIN_LINE, 'number MainLine  "+1 206 555 0100" operator-connect at SeattleStore'],
            [CALLBACK, 'number Callback1 "+1 206 555 0111" operator-connect at SeattleStore'],
            [COVERAGE, 'emergency StoreAssociates works-at SeattleStore notify SecurityDesk']);
        const result = await validate(text);
        // Only the reminder to confirm Shared Calling support with the operator.
        expect(result.diagnostics.map(d => d.code), listed(result.diagnostics)).toEqual([IssueCodes.OperatorConnectSupport]);
    });

    test('does not fire for an unassigned Direct Routing callback number without a trunk', async () => {
        await expectClean(edit(BASE, [CALLBACK, 'number Callback1 "+1 206 555 0111" direct-routing at SeattleStore']), code);
    });
});

describe(IssueCodes.CallingPlanUnsupportedCountry, () => {
    const code = IssueCodes.CallingPlanUnsupportedCountry;

    test.each([
        ['+61 2 5550 1234', 'AU'], ['+81 3 5550 1234', 'JP'], ['+64 9 555 0123', 'NZ'], ['+65 6555 0123', 'SG'],
        ['+40 21 555 0123', 'RO'], ['+420 555 012 345', 'CZ'], ['+36 1 555 0123', 'HU']
    ])('fires for a Calling Plan number %s (%s)', async (written, country) => {
        expectError(await validate(withExtra(`number Local "${written}" calling-plan`)), new RegExp(`not supported for Shared Calling in ${country}`), { code });
    });

    test('fires for an unsupported country whatever the address says', async () => {
        expectError(await validate(withExtra('number Local "+61 2 5550 1234" calling-plan at SeattleStore')), /in AU/, { code });
    });

    test.each([
        ['+61 2 5550 1234', 'direct-routing'], ['+61 2 5550 1234', 'operator-connect'], ['+1 206 555 0150', 'calling-plan'], ['+44 20 7946 0958', 'calling-plan']
    ])('does not fire for %s %s', async (written, type) => {
        await expectClean(withExtra(`number Local "${written}" ${type}`), code);
    });
});

describe(IssueCodes.IncompleteAddress, () => {
    const code = IssueCodes.IncompleteAddress;

    test.each([
        ['without a company', ['    company     "Contoso Retail"\n', ''], /needs a company: New-CsOnlineLisCivicAddress requires -CompanyName/],
        ['without a country', ['    country     US\n', ''], /needs a country \(ISO 3166-1 alpha-2/],
        ['with a lower-case country', ['country     US', 'country     us'], /'us' is not an ISO 3166-1 alpha-2 country code/],
        ['with an unknown country', ['country     US', 'country     XX'], /'XX' is not an ISO 3166-1 alpha-2 country code/],
        ['without coordinates', ['    geo         47.6097, -122.3422\n', ''], /needs coordinates \('geo <latitude>, <longitude>'\)/],
        ['with a latitude beyond 90', ['geo         47.6097', 'geo         97.6097'], /Latitude 97.6097 is outside -90..90/],
        ['with a longitude beyond 180', ['-122.3422', '-222.3422'], /Longitude -222.3422 is outside -180..180/]
    ] as Array<[string, [string, string], RegExp]>)('fires for an address %s', async (_name, substitution, message) => {
        expectError(await validate(edit(BASE, substitution)), message, { code });
    });

    test.each(['AU', 'JP'])('does not fire for an address in %s without coordinates', async country => {
        await expectClean(withExtra(`address Overseas {\n    company "Contoso"\n    country ${country}\n}`), code);
    });

    test('does not fire for a complete address at the edge of the coordinate ranges', async () => {
        await expectClean(withExtra('address Edge { company "C" country NZ geo -90, 180 }'), code);
    });
});

describe(IssueCodes.InvalidUpn, () => {
    const code = IssueCodes.InvalidUpn;

    test('fires for a UPN that is not name@domain', async () => {
        expectError(await validate(edit(BASE, ['"sc-frontline@contoso.com"', '"sc-frontline"'])), /'sc-frontline' is not a user principal name/, { code });
    });

    test('fires for a UPN on a domain the tenant does not have', async () => {
        expectError(await validate(edit(BASE, ['"sc-frontline@contoso.com"', '"sc-frontline@fabrikam.com"'])),
            /'fabrikam.com' is not a domain of the tenant \(contoso.onmicrosoft.com, contoso.com\)/, { code });
    });

    test.each(['sc-frontline@contoso.onmicrosoft.com', 'SC-Frontline@Contoso.COM'])('does not fire for %s', async upn => {
        await expectClean(edit(BASE, ['"sc-frontline@contoso.com"', `"${upn}"`]), code);
    });

    test('does not check domains when no tenant is declared', async () => {
        await expectClean('resource-account Ra { upn "ra@fabrikam.com" usage-location US }', code);
    });
});

describe(IssueCodes.EmergencyDialString, () => {
    const code = IssueCodes.EmergencyDialString;

    test.each([
        ['"+911"', /Teams clients do not prepend '\+' to emergency numbers/],
        ['"12345678901"', /'12345678901' must be 1 to 10 digits/],
        ['"9-1-1"', /'9-1-1' must be 1 to 10 digits/],
        ['""', /'' must be 1 to 10 digits/]
    ])('fires for %s', async (dial, message) => {
        expectError(await validate(edit(BASE, ['"911", "933"', `"911", ${dial}`])), message, { code });
    });

    test.each(['"112"', '"1234567890"', '"0"'])('does not fire for %s', async dial => {
        await expectClean(edit(BASE, ['"911", "933"', `"911", ${dial}`]), code);
    });
});

describe(IssueCodes.InvalidSbc, () => {
    const code = IssueCodes.InvalidSbc;

    test.each([
        ['a FQDN over 63 characters', `"${'s'.repeat(52)}.contoso.com"`, /has 64 characters; Teams allows at most 63/],
        ['a name that is not a FQDN', '"sbc1"', /'sbc1' is not a fully qualified domain name/],
        ['an onmicrosoft.com domain', '"sbc.contoso.onmicrosoft.com"', /cannot use a \*\.onmicrosoft\.com domain/],
        ['a domain not in the tenant', '"sbc1.fabrikam.com"', /must be registered in the tenant/]
    ])('fires for %s', async (_name, fqdn, message) => {
        expectError(await validate(edit(BASE, ['"sbc1.contoso.com"', fqdn])), message, { code });
    });

    test.each(['0', '65536'])('fires for port %s', async port => {
        expectError(await validate(edit(BASE, ['port 5061', `port ${port}`])), new RegExp(`Port ${port} is not a port number`), { code });
    });

    test.each([
        ['a subdomain of a tenant domain', '"sbc.voice.contoso.com"', 'port 5061'],
        ['the highest port', '"sbc1.contoso.com"', 'port 65535'],
        ['a FQDN of exactly 63 characters', `"${'s'.repeat(51)}.contoso.com"`, 'port 5061']
    ])('does not fire for %s', async (_name, fqdn, port) => {
        await expectClean(edit(BASE, ['"sbc1.contoso.com"', fqdn], ['port 5061', port]), code);
    });
});

describe(IssueCodes.MissingProperty, () => {
    const code = IssueCodes.MissingProperty;

    test.each([
        ['a trunk without a PSTN usage', ['    usage   "Ctelo-US"\n', ''], /Trunk 'CteloUS' needs a PSTN usage: add 'usage "<name>"'/],
        ['a trunk with an empty PSTN usage', ['usage   "Ctelo-US"', 'usage   " "'], /The PSTN usage name cannot be empty/],
        ['a trunk without an SBC', ['    sbc     "sbc1.contoso.com" port 5061\n', ''], /Trunk 'CteloUS' needs an SBC/],
        ['an account without a UPN', ['    upn            "sc-frontline@contoso.com"\n', ''], /Resource account 'FrontlineRA' needs a 'upn'/],
        ['an account without a usage location', ['    usage-location US\n', ''], /needs a 'usage-location': a licence cannot be assigned without one/],
        ['a policy without a resource account', ['    resource-account   FrontlineRA\n', ''], /Shared calling policy 'Frontline' needs a 'resource-account'/]
    ] as Array<[string, [string, string], RegExp]>)('fires for %s', async (_name, substitution, message) => {
        expectError(await validate(edit(BASE, substitution)), message, { code });
    });

    test('does not fire when every required property is present, in any order', async () => {
        await expectClean(edit(BASE, ['    sbc     "sbc1.contoso.com" port 5061\n    usage   "Ctelo-US"', '    usage   "Ctelo-US"\n    sbc     "sbc1.contoso.com" port 5061']), code);
    });
});

describe(IssueCodes.InvalidCountry, () => {
    const code = IssueCodes.InvalidCountry;

    test.each([
        ['us', /'us' is not an ISO 3166-1 alpha-2 country code \(did you mean US\?\)/],
        ['UK', /'UK' is not an ISO 3166-1 alpha-2 country code \(did you mean GB\?\)/],
        ['USA', /'USA' is not an ISO 3166-1 alpha-2 country code \(e.g. US, GB, DE\)/],
        ['XX', /'XX'/]
    ])('fires for usage-location %s', async (country, message) => {
        expectError(await validate(edit(BASE, ['usage-location US', `usage-location ${country}`])), message, { code });
    });

    test('does not fire for an assigned code', async () => {
        await expectClean(BASE, code);
    });
});

describe(IssueCodes.InvalidGroupId, () => {
    const code = IssueCodes.InvalidGroupId;

    test('fires for an object id that is not a GUID', async () => {
        expectError(await validate(withExtra('group Managers id "managers@contoso.com"')), /is not an Entra object id/, { code });
    });

    test('fires for an empty display name', async () => {
        expectError(await validate(withExtra('group Managers "  "')), /display name cannot be empty/, { code });
    });

    test.each(['0b5e8a1c-1234-4cde-9f00-123456789abc', '0B5E8A1C-1234-4CDE-9F00-123456789ABC'])('does not fire for id %s', async id => {
        await expectClean(withExtra(`group Managers id "${id}"`), code);
    });
});

describe(IssueCodes.UnresolvedImport, () => {
    const code = IssueCodes.UnresolvedImport;

    test('fires for an import of a file that does not exist', async () => {
        const result = await validate(`import "missing.voice"\n${BASE}`, { documentUri: 'file:///ws/main.voice' });
        expectError(result, /Cannot find 'missing.voice' \(looked for \/ws\/missing.voice\)/, { code });
    });

    test('fires for an import of something that is not a .voice file', async () => {
        const result = await validate(`import "network.txt"\n${BASE}`, { documentUri: 'file:///ws/main.voice' });
        expectError(result, /'network.txt' is not a .voice file/, { code });
    });

    test('does not fire for an import of a loaded file', async () => {
        await parse('group Extra "Extra"', { documentUri: 'file:///ws/extra.voice' });
        const result = await validate(`import "extra.voice"\n${BASE}`, { documentUri: 'file:///ws/main.voice' });
        expectNoIssues(result, { code });
    });
});

describe(IssueCodes.DuplicateTenant, () => {
    const code = IssueCodes.DuplicateTenant;

    test('fires for a second tenant with another domain', async () => {
        expectError(await validate(withExtra('tenant "fabrikam.onmicrosoft.com"')), /targets tenant 'fabrikam.onmicrosoft.com' here and 'contoso.onmicrosoft.com' \(\d+\.voice:1\); a setup applies to one tenant/, { code });
    });

    test('fires for a tenant that differs from the imported one', async () => {
        await parse('tenant "contoso.onmicrosoft.com"', { documentUri: 'file:///ws/network.voice' });
        const result = await validate('import "network.voice"\ntenant "fabrikam.onmicrosoft.com"', { documentUri: 'file:///ws/main.voice' });
        expectError(result, /and 'contoso.onmicrosoft.com' \(network.voice:1\)/, { code });
    });

    test('does not fire when an importing file repeats the same tenant', async () => {
        await parse('tenant "contoso.onmicrosoft.com"', { documentUri: 'file:///ws/network.voice' });
        const result = await validate('import "network.voice"\ntenant "Contoso.onmicrosoft.com"', { documentUri: 'file:///ws/main.voice' });
        expectNoIssues(result, { code });
    });
});

describe(IssueCodes.TollFreeWithoutCallback, () => {
    const code = IssueCodes.TollFreeWithoutCallback;
    const tollFree = edit(BASE,
        [MAIN_LINE, 'number MainLine  "+1 800 555 0100" calling-plan toll-free at SeattleStore'],
        [CALLBACK, 'number Callback1 "+1 206 555 0111" calling-plan at SeattleStore'],
        [COVERAGE, 'emergency StoreAssociates works-at SeattleStore dial "911" notify SecurityDesk']);

    test('fires for a policy sharing a toll-free Calling Plan number with no callback numbers', async () => {
        expectError(await validate(without(tollFree, '    emergency-callback Callback1')), /shares a toll-free Calling Plan number: Teams requires emergency callback numbers/, { code });
    });

    test('does not fire when the policy lists a Calling Plan subscriber number', async () => {
        const result = await validate(tollFree);
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
    });

    test('does not fire for a geographic Calling Plan number without callbacks', async () => {
        await expectClean(without(edit(tollFree, ['"+1 800 555 0100" calling-plan toll-free', '"+1 206 555 0100" calling-plan']), '    emergency-callback Callback1'), code);
    });
});

/** A second store whose associates share the base setup's main line (located at SeattleStore). */
const TACOMA = `address TacomaStore {
    company     "Contoso Retail"
    street      "1102 A St"
    city        "Tacoma"
    region      "WA"
    postal-code "98402"
    country     US
    geo         47.2529, -122.4443
}
group TacomaAssociates "Store Associates Tacoma"
grant Frontline to TacomaAssociates rank 2
emergency TacomaAssociates works-at TacomaStore via CteloUS dial "911", "933"`;
const TRUSTED_IP = 'trusted-ip StoresEgress "198.51.100.0/24"';
const TACOMA_LOCATION = 'emergency-location TacomaFloor {\n    address TacomaStore\n    subnet  "10.30.1.0"\n}';

/** examples/frontline copied to a temporary folder, its dynamic emergency locations cut off, loaded as `voice check` loads. */
async function frontlineWithoutDynamicLocations(): Promise<Array<LangiumDocument<Model>>> {
    const folder = mkdtempSync(path.join(tmpdir(), 'frontline-'));
    const network = readFileSync('examples/frontline/network.voice', 'utf8');
    const cut = network.indexOf('// Dynamic emergency calling');
    expect(cut).toBeGreaterThan(0);
    writeFileSync(path.join(folder, 'network.voice'), network.slice(0, cut));
    writeFileSync(path.join(folder, 'stores.voice'), readFileSync('examples/frontline/stores.voice', 'utf8'));
    return (await loadWorkspace(collectVoiceFiles([folder]).files)).documents;
}

describe(IssueCodes.EmergencyLocationMismatch, () => {
    const code = IssueCodes.EmergencyLocationMismatch;

    test('fires (warning) on works-at, naming the address the calls will carry, pointing at the shared number', async () => {
        const result = await validate(withExtra(TACOMA));
        const found = result.diagnostics.filter(d => d.code === code);
        expect(found, listed(result.diagnostics)).toHaveLength(1);
        expect(found[0]!.severity).toBe(DiagnosticSeverity.Warning);
        expect(messageOf(found[0]!)).toMatch(/'TacomaAssociates' work at TacomaStore, but no emergency location maps it, so their emergency calls carry the location of the shared number \+1 206 555 0100 \('MainLine'\): SeattleStore \(1 Pike St, Seattle WA 98101, US\)/);
        expect(messageOf(found[0]!)).toMatch(/and a trusted-ip for its public address/);
        const line = withExtra(TACOMA).split('\n').findIndex(l => l.startsWith('emergency TacomaAssociates'));
        expect(found[0]!.range.start).toEqual({ line, character: 'emergency TacomaAssociates works-at '.length });
        const mainLine = BASE.split('\n').findIndex(l => l.startsWith('number MainLine'));
        expect(found[0]!.relatedInformation?.[0]?.location.range.start.line).toBe(mainLine);
    });

    test('goes when a trusted IP and an emergency location at the store let Teams find the members', async () => {
        await expectClean(withExtra(`${TACOMA}\n${TRUSTED_IP}\n${TACOMA_LOCATION}`), code);
    });

    test('still fires with an emergency location but no trusted IP, and says so', async () => {
        const result = await validate(withExtra(`${TACOMA}\n${TACOMA_LOCATION}`));
        expectWarning(result, /which emergency location 'TacomaFloor' maps, but no trusted-ip is declared: Teams looks for a dynamic location only behind a trusted public IP/, { code });
    });

    test('still fires when the emergency location is at another address, or names no network identifier', async () => {
        expectWarning(await validate(withExtra(`${TACOMA}\n${TRUSTED_IP}\n${edit(TACOMA_LOCATION, ['address TacomaStore', 'address SeattleStore'])}`)), /no emergency location maps it/, { code });
        expectWarning(await validate(withExtra(`${TACOMA}\n${TRUSTED_IP}\n${without(TACOMA_LOCATION, '    subnet  "10.30.1.0"')}`)), /no emergency location maps it/, { code });
    });

    test.each([
        ['a group working where the shared number is', BASE],
        ['a covered group that is not granted', withExtra(edit(TACOMA, ['grant Frontline to TacomaAssociates rank 2\n', '']))]
    ])('does not fire for %s', async (_name, text) => {
        await expectClean(text, code);
    });

    test('examples/frontline: Spokane associates share the Seattle number; without the dynamic locations their calls carry the Seattle address', async () => {
        const documents = await frontlineWithoutDynamicLocations();
        const found = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.code === code).map(x => ({ file: path.basename(d.uri.fsPath), x })));
        expect(found.map(f => f.file)).toEqual(['stores.voice']);
        expect(messageOf(found[0]!.x)).toMatch(/^'SpokaneAssociates' work at SpokaneStore, .*shared number \+1 206 555 0100 \('WashingtonMain'\): SeattleStore \(1 Pike St, Seattle WA 98101, US\)/);
        // With them (the example as shipped, in another file of the setup), it is clean: test/language/diagnostic-examples.test.ts.
    });
});

describe(IssueCodes.TrunkWithoutPidfLo, () => {
    const code = IssueCodes.TrunkWithoutPidfLo;

    test('fires (warning) on a trunk without pidf-lo, offering the line', async () => {
        const result = await validate(without(BASE, '    pidf-lo on'));
        expectWarning(result, /Trunk 'CteloUS' does not pass the caller's location: add 'pidf-lo on'.*-PidfLoSupported \$true/, { code });
        expect(result.diagnostics.find(d => d.code === code)!.data).toEqual({ code, replacement: 'pidf-lo on' });
    });

    test('fires on pidf-lo off', async () => {
        expectWarning(await validate(edit(BASE, ['pidf-lo on', 'pidf-lo off'])), /PIDF-LO is off: turn it on/, { code });
    });

    test('does not fire with pidf-lo on', async () => {
        await expectClean(BASE, code);
    });
});

describe(IssueCodes.CarrierEmergencyAddress, () => {
    const code = IssueCodes.CarrierEmergencyAddress;
    const LONDON = `address LondonStore { company "Contoso" street "1 Oxford St" city "London" country GB geo 51.5, -0.1 }
number LondonLine "+44 20 7946 0100" calling-plan at LondonStore
resource-account LondonRA { upn "sc-london@contoso.com" usage-location GB }
assign LondonLine to LondonRA
shared-calling-policy London { resource-account LondonRA }`;

    test('fires (information) on the assignment of a shared number outside North America, naming its address', async () => {
        const result = await validate(withExtra(LONDON));
        const found = result.diagnostics.filter(d => d.code === code);
        expect(found, listed(result.diagnostics)).toHaveLength(1);
        expect(found[0]!.severity).toBe(DiagnosticSeverity.Information);
        expect(messageOf(found[0]!)).toMatch(/^\+44 20 7946 0100 is outside North America: ask the carrier to upload its address, LondonStore \(1 Oxford St, London, GB\), to their emergency calling database/);
        expect(found[0]!.range.start.line).toBe(withExtra(LONDON).split('\n').indexOf('assign LondonLine to LondonRA'));
    });

    test('does not fire for a North American number, nor for a number no shared calling policy uses', async () => {
        await expectClean(BASE, code);
        await expectClean(withExtra(edit(LONDON, ['\nshared-calling-policy London { resource-account LondonRA }', ''])), code);
    });
});

describe('extension dialing: the CSV, checked where each problem is', () => {
    /** Validates the base setup with `extensions from "<name>.csv"`, the CSV text handed in as the loader would. */
    async function withCsv(name: string, csv: string) {
        services.shared.voice.ExtensionSources.set(URI.parse(`file:///${name}.csv`), { text: csv });
        const result = await validate(`${BASE}\nextensions from "${name}.csv"\n`);
        return result.diagnostics.map(d => ({ code: d.code, line: (d.data as { file?: { line: number; column: number } }).file?.line, message: messageOf(d) }));
    }
    const HEADER = 'upn,number,extension\n';
    const GOOD = 'avery.chen@contoso.com,+1 206 555 0100,101\n';

    test('a clean file: no diagnostics, and every row becomes a user extension', async () => {
        expect(await withCsv('clean', `${HEADER}${GOOD}jordan.blake@contoso.com,+12065550100,102\n`)).toEqual([]);
        services.shared.voice.ExtensionSources.set(URI.parse('file:///plan.csv'), { text: `${HEADER}${GOOD}` });
        const document = await parse(`${BASE}\nextensions from "plan.csv"\n`, { validation: true });
        const resources = planSetup([document.parseResult.value]).flatMap(p => p.resources).filter(r => r.kind === 'user-extension');
        expect(resources).toEqual([{ kind: 'user-extension', key: 'avery.chen@contoso.com', userPrincipalName: 'avery.chen@contoso.com', telephoneNumber: '+12065550100;ext=101', policy: 'SharedCalling-Users-NoPstn' }]);
    });

    test('a file that cannot be read is unresolved-import on the statement', async () => {
        const result = await validate(`${BASE}\nextensions from "missing.csv"\n`);
        const found = result.diagnostics.filter(d => d.code === IssueCodes.UnresolvedImport);
        expect(found.map(messageOf)).toEqual([expect.stringMatching(/^Cannot read the extension file 'missing.csv'/)]);
    });
});

describe(IssueCodes.ExtensionCsvMalformed, () => {
    test('fires at the CSV line of a row without extension, of a bad number, and of a header without the columns', async () => {
        expect(await withCsvCodes('short', `${'upn,number,extension'}\n\nx@contoso.com,+12065550100\ny@contoso.com,+1206555010x,7\n`)).toEqual([
            ['extension-csv-malformed', 3], ['extension-csv-malformed', 4]
        ]);
        expect(await withCsvCodes('header', 'user,phone\nx@contoso.com,+12065550100\n')).toEqual([['extension-csv-malformed', 1]]);
    });
});

describe(IssueCodes.ExtensionInvalidUpn, () => {
    test('fires at the CSV line of a UPN without domain', async () => {
        expect(await withCsvCodes('upn', 'upn,number,extension\nx@contoso.com,+12065550100,1\njordan.blake,+12065550100,2\n')).toEqual([['extension-invalid-upn', 3]]);
    });
});

describe(IssueCodes.ExtensionDuplicate, () => {
    test('fires at the later row of a repeated extension, naming the first line; and for a user listed twice', async () => {
        const found = await withCsvDiagnostics('dup', 'upn,number,extension\na@contoso.com,+12065550100,1\nb@contoso.com,+15035550100,1\na@contoso.com,+12065550100,2\n');
        expect(found.map(f => [f.code, f.line])).toEqual([['extension-duplicate', 3], ['extension-duplicate', 4]]);
        expect(found[0]!.message).toBe('dup.csv:3:28: Extension 1 is also on line 2: each user needs a unique extension.');
    });
});

describe(IssueCodes.ExtensionNotDirectRouting, () => {
    test('fires for a number the setup declares as Calling Plan, not for an undeclared or Direct Routing one', async () => {
        services.shared.voice.ExtensionSources.set(URI.parse('file:///cp.csv'), {
            text: 'upn,number,extension\na@contoso.com,+1 312 555 0100,1\nb@contoso.com,+1 206 555 0100,2\nc@contoso.com,+1 425 555 0100,3\n'
        });
        const result = await validate(`${BASE}\nnumber Chicago "+1 312 555 0100" calling-plan at SeattleStore\nextensions from "cp.csv"\n`);
        const found = result.diagnostics.filter(d => d.code === IssueCodes.ExtensionNotDirectRouting);
        expect(found.map(d => (d.data as { file: { line: number } }).file.line)).toEqual([2]);
    });
});

describe(`${IssueCodes.ExtensionDuplicate} across the CSV files of a setup`, () => {
    test('a user or an extension in two files is reported in each, naming the other file\'s line', async () => {
        services.shared.voice.ExtensionSources.set(URI.parse('file:///east.csv'), { text: 'upn,number,extension\na@contoso.com,+12065550100,1\nb@contoso.com,+12065550100,2\n' });
        services.shared.voice.ExtensionSources.set(URI.parse('file:///west.csv'), { text: 'upn,number,extension\nc@contoso.com,+12065550100,3\n\nA@contoso.com,+12065550100,4\nd@contoso.com,+12065550100,2\n' });
        const result = await validate(`${BASE}\nextensions from "east.csv"\nextensions from "west.csv"\n`);
        const found = result.diagnostics.filter(d => d.code === IssueCodes.ExtensionDuplicate).map(messageOf).sort();
        expect(found).toEqual([
            'east.csv:2:1: a@contoso.com is also on line 4 of west.csv: a user gets one number and extension in a setup.',
            'east.csv:3:1: Extension 2 is also on line 5 of west.csv: each user of a setup needs a unique extension.',
            'west.csv:4:1: A@contoso.com is also on line 2 of east.csv: a user gets one number and extension in a setup.',
            'west.csv:5:1: Extension 2 is also on line 3 of east.csv: each user of a setup needs a unique extension.'
        ]);
    });
});

async function withCsvDiagnostics(name: string, csv: string) {
    services.shared.voice.ExtensionSources.set(URI.parse(`file:///${name}.csv`), { text: csv });
    const result = await validate(`${BASE}\nextensions from "${name}.csv"\n`);
    return result.diagnostics.filter(d => String(d.code).startsWith('extension-'))
        .map(d => ({ code: d.code, line: (d.data as { file?: { line: number } }).file?.line, message: messageOf(d) }));
}

async function withCsvCodes(name: string, csv: string) {
    return (await withCsvDiagnostics(name, csv)).map(f => [f.code, f.line]);
}

describe(IssueCodes.OperatorConnectSupport, () => {
    const code = IssueCodes.OperatorConnectSupport;
    const BOSTON = `number BostonLine "+1 617 555 0100" operator-connect at SeattleStore
resource-account BostonRA { upn "sc-boston@contoso.com" usage-location US }
assign BostonLine to BostonRA`;

    test('fires (information) on the assignment of an Operator Connect number, asking to confirm support with the operator', async () => {
        const result = await validate(withExtra(BOSTON));
        const found = result.diagnostics.filter(d => d.code === code);
        expect(found, listed(result.diagnostics)).toHaveLength(1);
        expect(found[0]!.severity).toBe(DiagnosticSeverity.Information);
        expect(messageOf(found[0]!)).toMatch(/^'BostonLine' is an Operator Connect number: confirm with your operator that it supports Shared Calling/);
        expect(found[0]!.range.start.line).toBe(withExtra(BOSTON).split('\n').indexOf('assign BostonLine to BostonRA'));
    });

    test('does not fire for Direct Routing or Calling Plan numbers', async () => {
        await expectClean(BASE, code);
        await expectClean(withExtra(BOSTON.replace('operator-connect', 'calling-plan')), code);
    });
});

describe(IssueCodes.LegacyEmergencyAt, () => {
    const code = IssueCodes.LegacyEmergencyAt;
    const OLD = edit(BASE, [COVERAGE, COVERAGE.replace('works-at', 'at')]);

    test('fires (warning) on the old spelling, offering works-at', async () => {
        const result = await validate(OLD);
        expectWarning(result, /'at' here never set a location: .* Write 'works-at SeattleStore'/, { code });
        expect(result.diagnostics.find(d => d.code === code)!.data).toEqual({ code, replacement: 'works-at' });
    });

    test('the old spelling keeps its meaning: the same address and the same plan', async () => {
        const [old, current] = [await parse(OLD), await parse(BASE)];
        const coverage = (model: Model) => model.statements.find(s => s.$type === 'EmergencyCoverage') as EmergencyCoverage;
        expect(coverage(old.parseResult.value).address.ref?.name).toBe('SeattleStore');
        const resources = (model: Model) => planSetup([model]).flatMap(p => p.resources);
        expect(resources(old.parseResult.value)).toEqual(resources(current.parseResult.value));
    });

    test('does not fire for works-at', async () => {
        await expectClean(BASE, code);
    });
});

describe(IssueCodes.InvalidNetworkId, () => {
    const code = IssueCodes.InvalidNetworkId;

    test.each([
        ['a trusted IP that is not an address', 'trusted-ip X "198.51.100"', /'198.51.100' is not an IP address/],
        ['a trusted IPv4 prefix over 32', 'trusted-ip X "198.51.100.0/33"', /is not an IP address/],
        ['a site subnet without its prefix length', 'network-region R\nnetwork-site S {\n    region R\n    subnet "10.1.0.0"\n}', /'10.1.0.0' is not a subnet with its prefix length/],
        ['a LIS subnet with a prefix length', 'emergency-location L {\n    address SeattleStore\n    subnet  "10.1.2.0/24"\n}', /'10.1.2.0\/24' is not a subnet's network id/],
        ['a BSSID with five pairs', 'emergency-location L {\n    address      SeattleStore\n    access-point "00-11-22-33-44"\n}', /is not a BSSID/],
        ['an empty switch port', 'emergency-location L {\n    address     SeattleStore\n    switch-port "B8-BE-BF-4A-A3-00" ""\n}', /A switch port needs a chassis id and a port id/]
    ])('fires for %s', async (_name, extra, message) => {
        expectError(await validate(withExtra(extra)), message, { code });
    });

    test('a LIS subnet written with a prefix length is fixed to its network id', async () => {
        const result = await validate(withExtra('emergency-location L {\n    address SeattleStore\n    subnet  "10.1.2.0/24"\n}'));
        expect(result.diagnostics.find(d => d.code === code)!.data).toEqual({ code, replacement: '"10.1.2.0"' });
    });

    test('does not fire for IPv4 and IPv6 addresses and ranges, BSSIDs with a wildcard, switches and ports', async () => {
        const text = withExtra(`trusted-ip A "198.51.100.7"
trusted-ip B "2001:db8::/32"
trusted-ip C "0.0.0.0/0"
network-region R
network-site S {
    region R
    subnet "10.1.0.0/16", "2001:db8:1::/48"
}
emergency-location L {
    address      SeattleStore
    place        "Sales floor"
    subnet       "10.1.2.0", "2001:db8:1:2::"
    access-point "00-11-22-33-44-55", "F0:6E:0B:C2:03:*"
    switch       "B8-BE-BF-4A-A3-00"
    switch-port  "B8-BE-BF-4A-A3-00" "G1/0/30"
}`);
        const result = await validate(text);
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
    });
});

const POLICY = `emergency-calling-policy SecurityDesk {
    notify      "security@contoso.com"
    mode        conference-muted
    dial-out    "+1 206 555 0199"
    description "Store security desk"
}`;

describe(IssueCodes.InvalidNotificationGroup, () => {
    const code = IssueCodes.InvalidNotificationGroup;
    const notify = (list: string) => edit(BASE, ['notify      "security@contoso.com"', `notify      ${list}`]);

    test.each([
        ['two addresses in one string', '"a@contoso.com;b@contoso.com"', /Write each address as its own string/],
        ['a display name', '"Security Desk"', /'Security Desk' is not an e-mail address or UPN/],
        ['an address twice', '"a@contoso.com", "A@contoso.com"', /'A@contoso.com' is listed twice/]
    ])('fires for %s', async (_name, list, message) => {
        expectError(await validate(notify(list)), message, { code });
    });

    test('fires on the 11th address, naming the limit of 10', async () => {
        const eleven = Array.from({ length: 11 }, (_, i) => `"desk${i}@contoso.com"`).join(', ');
        const result = await validate(notify(eleven));
        const found = result.diagnostics.filter(d => d.code === code);
        expect(found.map(messageOf), listed(result.diagnostics)).toEqual([expect.stringMatching(/^11 addresses: Teams notifies at most 10/)]);
    });

    test('does not fire for ten distinct addresses, UPNs and group SMTP addresses alike', async () => {
        await expectClean(notify(Array.from({ length: 10 }, (_, i) => `"desk${i}@contoso.com"`).join(', ')), code);
    });
});

describe(IssueCodes.DialOutWithoutConference, () => {
    const code = IssueCodes.DialOutWithoutConference;

    test.each([['notification-only', 'mode        notification-only'], ['no mode (a chat)', '']])('fires (warning) with %s', async (_name, mode) => {
        expectWarning(await validate(edit(BASE, ['mode        conference-muted', mode])), /only when the notified people are conferenced in/, { code });
    });

    test('does not fire in a conference mode, nor without a dial-out number', async () => {
        await expectClean(BASE, code);
        await expectClean(edit(BASE, ['mode        conference-muted', 'mode        conference-unmuted']), code);
        await expectClean(edit(BASE, ['mode        conference-muted\n    dial-out    "+1 206 555 0199"', 'mode        notification-only']), code);
    });

    test('a dial-out number that is not E.164 is invalid-phone-number', async () => {
        expectError(await validate(edit(BASE, ['"+1 206 555 0199"', '"206 555 0199"'])), /is not a PSTN number in E.164 form/, { code: IssueCodes.InvalidPhoneNumber });
    });
});

describe(IssueCodes.EmergencyWithoutNotification, () => {
    const code = IssueCodes.EmergencyWithoutNotification;

    test('fires (warning) on a US group covered without notify', async () => {
        const result = await validate(edit(BASE, [' notify SecurityDesk', '']));
        expectWarning(result, /No one is notified when a member of 'StoreAssociates' dials 911: in the US, Kari's Law/, { code });
    });

    test('fires on the notify of a policy that notifies no one', async () => {
        const silent = edit(BASE, [POLICY, 'emergency-calling-policy SecurityDesk {\n    external-location-lookup on\n}']);
        expectWarning(await validate(silent), /'SecurityDesk' notifies no one/, { code, property: 'notification' });
    });

    test('does not fire with a notifying policy, with a dial-out number alone, nor outside the US', async () => {
        await expectClean(BASE, code);
        await expectClean(edit(BASE, ['notify      "security@contoso.com"\n', '']), code);
        await expectClean(edit(BASE, [' notify SecurityDesk', ''], ['country     US', 'country     CA']), code);
    });
});

describe(IssueCodes.SharedNumberWithoutInbound, () => {
    const code = IssueCodes.SharedNumberWithoutInbound;

    test('fires (warning) on the policy\'s account when a granted policy shares an account nobody answers', async () => {
        expectWarning(await validate(without(BASE, RECEPTION)), /Nobody answers a call to 'FrontlineRA'/, { code, property: 'account' });
    });

    test('does not fire with an auto attendant, with an existing one answering, nor for a policy granted to no group', async () => {
        await expectClean(BASE, code);
        await expectClean(edit(BASE, [RECEPTION, 'answer FrontlineRA with auto-attendant "Contoso Main Line"']), code);
        await expectClean(without(without(without(BASE, RECEPTION), GRANT), COVERAGE), code);
    });
});

describe(IssueCodes.DuplicateInbound, () => {
    test('fires on both statements when two answer one account', async () => {
        const result = await validate(withExtra('answer FrontlineRA with auto-attendant "Contoso Main Line"'));
        expect(result.diagnostics.filter(d => d.code === IssueCodes.DuplicateInbound)).toHaveLength(2);
        expectError(result, /'FrontlineRA' is also answered at/, { code: IssueCodes.DuplicateInbound });
    });

    test('two auto attendants of one name are a duplicate name: Teams finds them by name', async () => {
        const second = `${SECOND_RA}\nauto-attendant Other answers SecondRA {\n    display-name "Contoso Frontline Reception"\n}`;
        expectError(await validate(withExtra(second)), /An auto attendant named "Contoso Frontline Reception" is also declared/, { code: IssueCodes.DuplicateName });
    });
});

describe(IssueCodes.InboundKindMismatch, () => {
    test('fires when an auto attendant answers a call-queue account, or is its own operator', async () => {
        const queue = edit(BASE, ['usage-location US\n}', 'usage-location US\n    kind           call-queue\n}']);
        expectError(await validate(queue), /'FrontlineRA' is a resource account of kind call-queue/, { code: IssueCodes.InboundKindMismatch });
        const self = edit(BASE, ['    time-zone    "Pacific Standard Time"\n', '    time-zone    "Pacific Standard Time"\n    operator     FrontlineRA\n']);
        expectError(await validate(self), /cannot be the resource account it answers/, { code: IssueCodes.InboundKindMismatch, property: 'operatorAccount' });
    });

    test('does not fire for an auto-attendant account or one without a kind', async () => {
        await expectClean(BASE, IssueCodes.InboundKindMismatch);
        await expectClean(edit(BASE, ['usage-location US\n}', 'usage-location US\n    kind           auto-attendant\n}']), IssueCodes.InboundKindMismatch);
    });
});

/** The base setup's Reception auto attendant with these clauses added. */
const withHours = (clauses: string): string =>
    edit(BASE, ['    time-zone    "Pacific Standard Time"\n', `    time-zone    "Pacific Standard Time"\n${clauses}`]);

describe(IssueCodes.InvalidBusinessHours, () => {
    const code = IssueCodes.InvalidBusinessHours;

    test('fires on a time range that ends before it starts, is off 15-minute boundaries or is not a range, and on a day that is none', async () => {
        expectError(await validate(withHours('    hours mon to fri "17:00-09:00"\n')), /ends before it starts/, { code, property: { name: 'ranges', index: 0 } });
        expectError(await validate(withHours('    hours sat "08:10-12:00"\n')), /not on 15-minute boundaries/, { code, property: 'ranges' });
        expectError(await validate(withHours('    hours sat "9-5"\n')), /is not a time range/, { code, property: 'ranges' });
        expectError(await validate(withHours('    hours mon, "09:00-24:30"\n'.replace('mon,', 'mon'))), /is not a time range/, { code });
        expectError(await validate(withHours('    hours mon, funday "09:00-17:00"\n')), /'funday' is not a day/, { code, property: { name: 'days', index: 1 } });
        expectError(await validate(withHours('    hours fri to mon "09:00-17:00"\n')), /runs backwards/, { code, property: 'days' });
    });

    test('does not fire on days by short or full name, several spans, a day to 24:00, and ranges that only touch', async () => {
        await expectClean(withHours('    hours mon to fri, Sunday "00:00-12:00", "12:00-24:00"\n    hours saturday "10:15-14:45"\n    after-hours disconnect\n'), code);
    });
});

describe(IssueCodes.OverlappingHours, () => {
    const code = IssueCodes.OverlappingHours;

    test('fires on the later of two overlapping ranges of a day, within a clause or across clauses', async () => {
        expectError(await validate(withHours('    hours mon "09:00-13:00", "12:00-18:00"\n')), /On Monday, 12:00-18:00 overlaps 09:00-13:00/, { code, property: { name: 'ranges', index: 1 } });
        expectError(await validate(withHours('    hours mon to fri "09:00-13:00"\n    hours wed "12:00-18:00"\n')), /On Wednesday/, { code, property: { name: 'ranges', index: 0 } });
    });

    test('does not fire on touching ranges nor on the same hours of different days', async () => {
        await expectClean(withHours('    hours mon "09:00-12:00", "12:00-18:00"\n    hours tue "09:00-12:00"\n'), code);
    });
});

describe(IssueCodes.InvalidHoliday, () => {
    const code = IssueCodes.InvalidHoliday;

    test('fires on a date that is none, an end before the start, an empty name and a name used twice', async () => {
        expectError(await validate(withHours('    holiday "Founders Day" "2026-02-30"\n')), /"2026-02-30" is not a date/, { code, property: 'start' });
        expectError(await validate(withHours('    holiday "Inventory" "2026-07-10" to "2026-07-08"\n')), /ends \(2026-07-08\) before it starts/, { code });
        expectError(await validate(withHours('    holiday "Inventory" "2026-07-10" to "10/07/2026"\n')), /"10\/07\/2026" is not a date/, { code, property: 'end' });
        expectError(await validate(withHours('    holiday " " "2026-07-10"\n')), /needs a name/, { code, property: 'label' });
        expectError(await validate(withHours('    holiday "Christmas" "2026-12-25"\n    holiday "christmas" "2027-12-25"\n')), /already declared/, { code, property: 'label' });
    });

    test('does not fire on one day, a range of days, a one-day range, or its own action', async () => {
        await expectClean(withHours('    holiday "Christmas" "2026-12-24" to "2026-12-26"\n    holiday "New Year" "2027-01-01" disconnect\n' +
            '    holiday "Leap" "2028-02-29" to "2028-02-29" transfer "+1 206 555 0199"\n'), code);
    });

    test('transfer operator without an operator is a missing property; with one it is fine', async () => {
        expectError(await validate(withHours('    after-hours transfer operator\n    hours mon "09:00-17:00"\n')), /'transfer operator' needs an operator/,
            { code: IssueCodes.MissingProperty, property: 'toOperator' });
        await expectClean(withHours('    operator "+1 206 555 0199"\n    after-hours transfer operator\n    hours mon "09:00-17:00"\n'), IssueCodes.MissingProperty);
    });
});

describe('answer with call-queue', () => {
    test('a call queue answers a call-queue account; an auto-attendant account is a kind mismatch', async () => {
        const queueAccount = edit(BASE, ['usage-location US\n}', 'usage-location US\n    kind           call-queue\n}'], [RECEPTION, 'answer FrontlineRA with call-queue "Store Help Desk"']);
        await expectClean(queueAccount, IssueCodes.InboundKindMismatch);
        await expectClean(queueAccount, IssueCodes.SharedNumberWithoutInbound);
        expectError(await validate(edit(BASE, [RECEPTION, 'answer FrontlineRA with call-queue "Store Help Desk"'])),
            /but a call queue is to answer it/, { code: IssueCodes.InboundKindMismatch });
    });
});

describe(IssueCodes.AutoAttendantWithoutDirectory, () => {
    test('fires when no granted policy shares the account the auto attendant answers', async () => {
        const result = await validate(without(without(BASE, GRANT), COVERAGE));
        expectError(result, /this auto attendant's directory \(dial scope\) would be empty/, { code: IssueCodes.AutoAttendantWithoutDirectory });
    });

    test('a grant below the auto attendant (or in another file) still counts', async () => {
        const moved = withExtra(GRANT, without(BASE, GRANT));
        await expectClean(moved, IssueCodes.AutoAttendantWithoutDirectory);
        await expectClean(moved, IssueCodes.SetupOrder);
    });
});

describe('dynamic emergency locations and the other rules', () => {
    test('an emergency location above its address is a setup-order error', async () => {
        const text = `emergency-location L {\n    address Later\n    subnet  "10.1.2.0"\n}\n${withExtra('address Later { company "C" country US geo 47.6, -122.3 }')}`;
        expectError(await validate(text), /'Later' is created later/, { code: IssueCodes.SetupOrder });
    });

    test('a network site needs a region; an emergency location an address and a network identifier', async () => {
        const result = await validate(withExtra('network-site S {\n    subnet "10.1.0.0/16"\n}\nemergency-location L {\n    place "Floor 2"\n}'));
        expectError(result, /Network site 'S' needs a 'region'/, { code: IssueCodes.MissingProperty });
        expectError(result, /Emergency location 'L' needs an 'address'/, { code: IssueCodes.MissingProperty });
        expectError(result, /Emergency location 'L' puts no client there/, { code: IssueCodes.MissingProperty });
    });

    test.each([
        ['a trusted IP declared twice (one address, two prefix lengths)', 'trusted-ip A "198.51.100.0/24"\ntrusted-ip B "198.51.100.0/16"', /Trusted IP 198\.51\.100\.0 is also declared by B/],
        ['a subnet in two network sites', 'network-region R\nnetwork-site S1 {\n    region R\n    subnet "10.1.0.0/16"\n}\nnetwork-site S2 {\n    region R\n    subnet "10.1.0.0/16"\n}', /Subnet 10\.1\.0\.0 is also declared by network site 'S2'/],
        ['a LIS subnet in two emergency locations', 'emergency-location L1 {\n    address SeattleStore\n    subnet  "10.1.2.0"\n}\nemergency-location L2 {\n    address SeattleStore\n    subnet  "10.1.2.0"\n}', /Subnet 10\.1\.2\.0 is also declared by emergency location 'L2'/],
        ['one BSSID written two ways', 'emergency-location L1 {\n    address      SeattleStore\n    access-point "00-11-22-33-44-55", "00:11:22:33:44:55"\n}', /Access point 00-11-22-33-44-55 is also declared by emergency location 'L1'/]
    ])('a network identifier declared twice: %s', async (_name, extra, message) => {
        const result = await validate(withExtra(extra));
        const found = result.diagnostics.filter(d => d.code === IssueCodes.DuplicateName);
        expect(found, listed(result.diagnostics)).toHaveLength(2);
        expect(messageOf(found[0]!)).toMatch(message);
        expect(found[0]!.relatedInformation).toHaveLength(1);
    });

    test('the same subnet in a network site and in an emergency location is not a conflict: Teams needs both', async () => {
        await expectClean(withExtra('network-region R\nnetwork-site S {\n    region R\n    subnet "10.1.2.0/24"\n}\nemergency-location L {\n    address SeattleStore\n    subnet  "10.1.2.0"\n}'), IssueCodes.DuplicateName);
    });

    test('their names take part in duplicate-name', async () => {
        expectError(await validate(withExtra('network-region SeattleStore')), /'SeattleStore' is also declared/, { code: IssueCodes.DuplicateName });
    });
});

/** A template from BASE with ${Name} placeholders, and a values file for it, loaded as `voice check --values` loads them. */
const TEMPLATE = edit(BASE, ['"+1 206 555 0100"', '"${MainNumber}"'], ['upn            "sc-frontline@contoso.com"', 'upn            "sc-frontline@${Domain}"'],
    ['country     US', 'country     "${Country}"'])
    + '\nparam MainNumber phone-number { description "The shared main line" }\nparam Domain domain { default "contoso.com" }\nparam Country country { default "US" }\n';

async function withValues(values: string, template = TEMPLATE): Promise<{ template: LangiumDocument<Model>; values: LangiumDocument<Model> }> {
    const folder = mkdtempSync(path.join(tmpdir(), 'values-'));
    writeFileSync(path.join(folder, 'setup.voice'), template);
    writeFileSync(path.join(folder, 'tenant.voicevalues'), `import "setup.voice"\n${values}`);
    const loaded = await loadWorkspace([path.join(folder, 'setup.voice')], { values: path.join(folder, 'tenant.voicevalues'), substitute: true });
    return { template: loaded.documents[0]!, values: loaded.documents.find(d => d.uri.path.endsWith('.voicevalues'))! };
}
const linesOf = (document: LangiumDocument<Model>, code: string) => (document.diagnostics ?? []).filter(d => codeOf(d) === code).map(d => d.range.start.line + 1);

describe(IssueCodes.InvalidParameter, () => {
    const code = IssueCodes.InvalidParameter;

    test('fires on a default that does not fit the type, and on a pattern that is no regular expression', async () => {
        const result = await validate(withExtra('param Main phone-number { default "206 555 0100" }\nparam Store string { pattern "([" }'));
        expectError(result, /The default "206 555 0100" is not an E\.164 phone number/, { code, property: 'default' });
        expectError(result, /"\(\[" is not a valid regular expression/, { code, property: 'pattern' });
    });

    test('does not fire on defaults of their type', async () => {
        await expectClean(withExtra('param Main phone-number { default "+1 206 555 0100" }\nparam C country { default "US" }\nparam D domain { default "contoso.com" }\nparam U upn { default "a@contoso.com" }'), code);
    });
});

describe(IssueCodes.InvalidParameterValue, () => {
    const code = IssueCodes.InvalidParameterValue;

    test('fires at the value\'s own line in the values file, on a missing value at the import, and on a set in a template', async () => {
        const { values } = await withValues('set Country = "USA"\nset MainNumber = "+1 206 555 0120"\n');
        expect(linesOf(values, code)).toEqual([2]);
        expect(listed(values.diagnostics)).toMatch(/"USA" is not an ISO 3166-1 alpha-2 country code .*\(parameter Country: country\)/);
        const missing = await withValues('set Country = "US"\n');
        expect(linesOf(missing.values, code)).toEqual([1]);
        expect(listed(missing.values.diagnostics)).toMatch(/No value for MainNumber \(phone-number\)/);
        expectError(await validate(withExtra('param P string\nset P = "x"')), /'set' belongs in a \.voicevalues file/, { code });
    });

    test('does not fire on values of their type; the values reach the template\'s rules', async () => {
        const { template, values } = await withValues('set MainNumber = "+1 206 555 0120"\nset Domain = "fabrikam.com"\n');
        expect(values.diagnostics ?? [], listed(values.diagnostics)).toHaveLength(0);
        // fabrikam.com is not a domain of the tenant: the rule sees the value, at the template's line.
        expect(listed(template.diagnostics)).toMatch(/'fabrikam\.com' is not a domain of the tenant/);
    });
});

describe(IssueCodes.UnknownParameter, () => {
    const code = IssueCodes.UnknownParameter;

    test('fires on a placeholder that names no parameter', async () => {
        expectError(await validate(edit(BASE, ['"Contoso Frontline"', '"${Customer} Frontline"'])), /\$\{Customer\} names no parameter/, { code, property: 'displayName' });
    });

    test('fires on a placeholder written with an escape: the string\'s value holds ${Name} though its text does not', async () => {
        expectError(await validate(edit(BASE, ['"Contoso Frontline"', '"$\\{Customer} Frontline"'])), /\$\{Customer\} names no parameter/, { code, property: 'displayName' });
    });

    test('does not fire on declared parameters, and a template alone is not checked where a placeholder stands', async () => {
        const result = await validate(TEMPLATE);
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
    });
});

/** Validates the text as the only document: the documents of a test's earlier calls would join its setup. */
async function alone(text: string) {
    await clearAll();
    return validate(text);
}

describe(IssueCodes.DuplicateIdentity, () => {
    const code = IssueCodes.DuplicateIdentity;

    test('fires for an identity that is another declaration\'s Teams name, without case, on both', async () => {
        const result = await validate(withExtra('shared-calling-policy Retail { identity "frontline" }'));
        expectError(result, /shared calling policy with identity "Frontline" is also declared as 'Retail'/, { code });
        expect(codesOf(result).filter(c => c === code)).toHaveLength(2);
    });

    test('fires for an address adopted by another address\'s voice: Description, and for two identity clauses', async () => {
        expectError(await validate(withExtra('address Old { company "C" country US geo 1, 2 identity "voice:SeattleStore" }')), /Description "voice:SeattleStore"/, { code });
        expectError(await validate(withExtra('network-region A identity "West"\nnetwork-region B identity "WEST"')), /network region with identity "West"/, { code });
    });

    test('does not fire for one identity in two kinds, nor for an identity no other declaration has', async () => {
        await expectClean(withExtra('network-region Frontline_ identity "Frontline"\naddress Old { company "C" country US geo 1, 2 identity "Store 2 (Main St)" }'), code);
    });

    test('fires for a trunk adopting another trunk\'s route or routing policy, at the clause', async () => {
        const other = 'trunk Lumen { sbc "sbc2.contoso.com" usage "Lumen" pidf-lo on outbound-route "cteloUS-Outbound" }';
        const result = await alone(withExtra(other));
        expectError(result, /voice route with identity "CteloUS-Outbound" is also declared as 'Lumen'/, { code, property: 'name' });
        expectError(result, /voice route with identity "CteloUS-Outbound" is also declared as 'CteloUS'/, { code, property: 'outboundRoute' });
        const policy = 'trunk Lumen { sbc "sbc2.contoso.com" usage "Lumen" pidf-lo on routing-policy "SharedCalling-CteloUS" }';
        expectError(await alone(withExtra(policy)), /voice routing policy with identity "SharedCalling-CteloUS"/, { code, property: 'routingPolicy' });
        const own = edit(BASE, ['pidf-lo on', 'pidf-lo on outbound-route "Ctelo" emergency-route "Ctelo"']);
        expectError(await alone(own), /voice route with identity "Ctelo" is also declared as 'CteloUS'/, { code, property: 'emergencyRoute' });
    });

    test('fires for two coverages adopting one emergency call routing policy, or another group\'s', async () => {
        const second = 'group Managers "Store Managers"\ngrant Frontline to Managers rank 2\nemergency Managers works-at SeattleStore via CteloUS notify SecurityDesk identity "US-Emergency"';
        const both = edit(withExtra(second), ['notify SecurityDesk\n', 'notify SecurityDesk identity "us-emergency"\n']);
        expectError(await alone(both), /emergency call routing policy with identity "us-emergency" is also declared as 'emergency Managers'/, { code, property: 'identity' });
        const taken = second.replace('"US-Emergency"', '"SharedCalling-Emergency-StoreAssociates"');
        expectError(await alone(withExtra(taken)), /"SharedCalling-Emergency-StoreAssociates" is also declared as 'emergency StoreAssociates'/, { code, property: 'identity' });
    });

    test('does not fire for adopted routing and coverage under names of their own', async () => {
        const adopted = edit(BASE, ['pidf-lo on', 'pidf-lo on outbound-route "Ctelo US" emergency-route "Ctelo US 911" routing-policy "Ctelo-Accounts"'],
            ['notify SecurityDesk\n', 'notify SecurityDesk identity "US-Emergency"\n']);
        await expectClean(adopted, code);
    });
});

describe(IssueCodes.InvalidIdentity, () => {
    const code = IssueCodes.InvalidIdentity;

    test('fires for an empty identity and one with a space at an end', async () => {
        expectError(await validate(withExtra('network-region West identity ""')), /The identity "" is empty/, { code });
        expectError(await validate(withExtra('network-region West identity "West "')), /starts or ends with a space/, { code });
    });

    test('does not fire for spaces and hyphens inside', async () => {
        await expectClean(withExtra('network-region West identity "North-West Stores 1"'), code);
    });

    test('fires for a trunk\'s route and policy clauses and an emergency statement\'s identity', async () => {
        expectError(await alone(edit(BASE, ['pidf-lo on', 'pidf-lo on outbound-route ""'])), /The identity "" is empty/, { code, property: 'outboundRoute' });
        expectError(await alone(edit(BASE, ['pidf-lo on', 'pidf-lo on emergency-route " 911"'])), /starts or ends with a space/, { code, property: 'emergencyRoute' });
        expectError(await alone(edit(BASE, ['pidf-lo on', 'pidf-lo on routing-policy "Ctelo "'])), /starts or ends with a space/, { code, property: 'routingPolicy' });
        expectError(await alone(edit(BASE, ['notify SecurityDesk\n', 'notify SecurityDesk identity ""\n'])), /The identity "" is empty/, { code, property: 'identity' });
    });
});

describe('coverage of the catalogue by this file', () => {
    test('every code in allIssueCodes has a describe block above', () => {
        const source = readFileSync(path.resolve('test/language/validation.test.ts'), 'utf8');
        for (const code of allIssueCodes) {
            const key = Object.entries(IssueCodes).find(([, value]) => value === code)![0];
            expect(source, code).toContain(`describe(IssueCodes.${key},`);
        }
    });
});

test('codesOf lists syntax errors under the code the CLI gives them', async () => {
    expect(codesOf(await validate('tenant'))).toContain('syntax-error');
});
