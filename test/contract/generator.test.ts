/**
 * The contract generator's reading of a cmdlet page, on a small page written here in the
 * platyPS layout Microsoft's pages use (named and unnamed sets, an indented closing fence,
 * a parameter given two sections), with each SYNTAX/PARAMETERS disagreement it must resolve.
 */
import { describe, expect, it } from 'vitest';
import { cmdletContract, describedValues, normalizeType } from '../../scripts/generate-cmdlet-contract.mjs';

const yaml = (type: string, sets: string, required: boolean, position = 'Named', aliases = ''): string =>
    ['```yaml', `Type: ${type}`, `Parameter Sets: ${sets}`, `Aliases: ${aliases}`, '', `Required: ${required ? 'True' : 'False'}`, `Position: ${position}`, '```', ''].join('\n');

const PAGE = [
    '# Grant-CsExample', '', '## SYNTAX', '',
    '### Identity (Default)', '```', 'Grant-CsExample [<CommonParameters>]', '```', '',
    '### GrantToGroup', '```', 'Grant-CsExample [-Group] <string> [[-PolicyName] <string>] -Rank <int>', ' [-Mode <String>] [-Notify] [-WhatIf] [-Confirm] [<CommonParameters>]', ' ```', '',
    '### GrantToTenant', '```', 'Grant-CsExample -Global [-PolicyName <string>] [-Force] [<CommonParameters>]', '```', '',
    '## DESCRIPTION', 'Example.', '',
    '## EXAMPLES', '### Example 1', '```', 'Grant-CsExample -Group g -Rank 1', '', 'GroupId PolicyName Rank', '------- ---------- ----', 'g       P          1', '```', '',
    '## PARAMETERS', '',
    '### -Force', yaml('SwitchParameter', '(All)', false),
    '### -Global', yaml('SwitchParameter', 'GrantToTenant', false),
    '### -Group', yaml('String', 'GrantToGroup', true, '0', 'GroupId'),
    '### -Mode', 'Supported values are Direct, Inherited, and Any.', '', yaml('System.String', 'GrantToGroup', true),
    '### -Mode', yaml('System.String', 'GrantToGroup', false),
    '### -Notify', yaml('System.Management.Automation.SwitchParameter', 'GrantToGroup', false),
    '### -PolicyName', yaml('String', '(All)', true),
    '### -Rank', yaml('Int32', 'GrantToGroup', false),
    '### -Ghost', yaml('String', '(All)', false),
    '### CommonParameters', 'Common.', '',
    '## OUTPUTS', '', '### System.Object', '', '## NOTES', ''
].join('\n');

describe('the cmdlet contract generator', () => {
    const contract = cmdletContract(PAGE, 'Grant-CsExample', 'Grant-CsExample.md');
    const set = (name: string) => contract.parameterSets.find(s => s.name === name)!;
    const param = (setName: string, name: string) => set(setName).parameters.find(p => p.name === name);

    it('reads every set of SYNTAX, the default one, and -WhatIf support, without common parameters', () => {
        expect(contract.parameterSets.map(s => `${s.name}${s.isDefault ? '*' : ''}`)).toEqual(['Identity*', 'GrantToGroup', 'GrantToTenant']);
        expect(set('Identity').parameters).toEqual([]);
        expect(set('GrantToGroup').parameters.map(p => p.name)).toEqual(['Group', 'PolicyName', 'Rank', 'Mode', 'Notify']);
        expect(contract.supportsShouldProcess).toBe(true);
    });

    it('keeps a parameter in the sets SYNTAX gives it, not the table\'s (All)', () => {
        expect(param('GrantToTenant', 'Force')).toBeDefined();
        expect(param('GrantToGroup', 'Force')).toBeUndefined();
    });

    it('is mandatory if either reading says so; SYNTAX decides where the table answers both ways', () => {
        expect(param('GrantToGroup', 'Rank')!.mandatory).toBe(true);
        expect(param('GrantToTenant', 'Global')!.mandatory).toBe(true);
        expect(param('GrantToTenant', 'PolicyName')!.mandatory).toBe(true);
        expect(param('GrantToGroup', 'Mode')!.mandatory).toBe(false);
        expect(contract.conflicts).toEqual(expect.arrayContaining([
            expect.objectContaining({ parameter: 'PolicyName', set: 'GrantToTenant', field: 'mandatory', syntax: false, parameters: true, used: true }),
            expect.objectContaining({ parameter: 'Mode', set: 'GrantToGroup', field: 'mandatory', parameters: 'both True and False', used: false })
        ]));
    });

    it('is positional only where both readings say so', () => {
        expect(param('GrantToGroup', 'Group')!.position).toBe(0);
        expect(param('GrantToGroup', 'PolicyName')!.position).toBe('named');
    });

    it('leaves out a parameter only the table lists, and records it', () => {
        expect(contract.parameterSets.flatMap(s => s.parameters).some(p => p.name === 'Ghost')).toBe(false);
        expect(contract.conflicts).toContainEqual(expect.objectContaining({ parameter: 'Ghost', field: 'presence', used: 'absent' }));
    });

    it('takes aliases, accepted values, output types and example output columns', () => {
        expect(contract.parameters.Group!.aliases).toEqual(['GroupId']);
        expect(contract.parameters.Mode!.acceptedValues).toEqual(['Direct', 'Inherited', 'Any']);
        expect(contract.outputs).toEqual({ types: ['System.Object'], exampleProperties: ['GroupId', 'PolicyName', 'Rank'] });
    });

    it('normalises type names and reads value lists', () => {
        expect(normalizeType('System.Management.Automation.SwitchParameter')).toBe('SwitchParameter');
        expect(normalizeType('int')).toBe('Int32');
        expect(normalizeType('Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Runtime.SendAsyncStep[]')).toBe('SendAsyncStep[]');
        expect(normalizeType('PSListModifier[string]')).toBe('PSListModifier[String]');
        expect(describedValues('Possible values are "None", "Always" and "OnlyForLocalUsers". More text.')).toEqual(['None', 'Always', 'OnlyForLocalUsers']);
        expect(describedValues('Possible values:\n\nAlpha\nBeta\n\n')).toEqual(['Alpha', 'Beta']);
        expect(describedValues('The default value is 10.')).toEqual([]);
    });
});
