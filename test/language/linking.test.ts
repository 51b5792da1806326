import { afterEach, describe, expect, test } from 'vitest';
import type { Assignment, Grant, PhoneNumber } from '../../language/generated/ast.js';
import { clearAll, codesOf, listed, messageOf, parse, validate } from './helpers.js';

afterEach(clearAll);

const NETWORK = `tenant "contoso.onmicrosoft.com" domains "contoso.com"
trunk CteloUS {
    sbc   "sbc1.contoso.com" port 5061
    usage "Ctelo-US"
    pidf-lo on
}
address SeattleStore { company "Contoso" country US geo 47.6, -122.3 }
`;

const NUMBERS = `import "network.voice"
number MainLine "+1 206 555 0100" direct-routing via CteloUS at SeattleStore
resource-account FrontlineRA {
    upn            "sc-frontline@contoso.com"
    usage-location US
}
assign MainLine to FrontlineRA
`;

const POLICIES = `import "numbers.voice"
shared-calling-policy Frontline { resource-account FrontlineRA }
group StoreAssociates "Store Associates"
grant Frontline to StoreAssociates rank 1
emergency-calling-policy Desk { notify "desk@contoso.com" }
emergency StoreAssociates works-at SeattleStore via CteloUS notify Desk
auto-attendant Reception answers FrontlineRA { display-name "Reception" }
`;

function linkingErrors(diagnostics: Parameters<typeof listed>[0]): string[] {
    return (diagnostics ?? []).filter(d => (d.data as { code?: string } | undefined)?.code === 'linking-error').map(messageOf);
}

describe('linking within a file', () => {
    test('references resolve to declarations of the same file', async () => {
        const document = await parse(`${NETWORK}number N "+12065550100" direct-routing via CteloUS at SeattleStore`);
        const number = document.parseResult.value.statements.at(-1) as PhoneNumber;
        expect(number.trunk?.ref?.name).toBe('CteloUS');
        expect(number.address?.ref?.name).toBe('SeattleStore');
    });

    test('a reference to an unknown name is a linking error', async () => {
        const result = await validate(`${NETWORK}number N "+12065550100" direct-routing via NoSuchTrunk at SeattleStore`);
        expect(linkingErrors(result.diagnostics).join()).toContain('NoSuchTrunk');
    });

    test('a reference to a declaration of the wrong kind does not resolve', async () => {
        const result = await validate(`${NETWORK}number N "+12065550100" direct-routing via SeattleStore`);
        expect(linkingErrors(result.diagnostics)).toHaveLength(1);
    });

    test('a declaration further down still resolves (so that setup-order can say where it is)', async () => {
        const result = await validate('assign N to Ra\nnumber N "+12065550100" operator-connect\nresource-account Ra { upn "ra@contoso.com" usage-location US }');
        const assignment = result.document.parseResult.value.statements[0] as Assignment;
        expect(assignment.number.ref?.name).toBe('N');
        expect(linkingErrors(result.diagnostics)).toHaveLength(0);
        expect(codesOf(result)).toContain('setup-order');
    });
});

describe('linking across imports', () => {
    test('a file sees what it imports', async () => {
        await parse(NETWORK, { documentUri: 'file:///ws/network.voice' });
        const result = await validate(NUMBERS, { documentUri: 'file:///ws/numbers.voice' });
        expect(linkingErrors(result.diagnostics), listed(result.diagnostics)).toHaveLength(0);
        const number = result.document.parseResult.value.statements[0] as PhoneNumber;
        expect(number.trunk?.ref?.name).toBe('CteloUS');
        expect(number.address?.ref?.$container).not.toBe(result.document.parseResult.value);
    });

    test('a file sees what its imports import, transitively', async () => {
        await parse(NETWORK, { documentUri: 'file:///ws/network.voice' });
        await parse(NUMBERS, { documentUri: 'file:///ws/numbers.voice' });
        const result = await validate(POLICIES, { documentUri: 'file:///ws/policies.voice' });
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
        const grant = result.document.parseResult.value.statements[2] as Grant;
        expect(grant.policy.ref?.account?.ref?.name).toBe('FrontlineRA');
    });

    test('imports are relative to the importing file', async () => {
        await parse(NETWORK, { documentUri: 'file:///ws/shared/network.voice' });
        const result = await validate(NUMBERS.replace('"network.voice"', '"../shared/network.voice"'), { documentUri: 'file:///ws/sites/numbers.voice' });
        expect(result.diagnostics, listed(result.diagnostics)).toHaveLength(0);
    });

    test('a file does NOT see a file it does not import, even in the same folder', async () => {
        await parse(NETWORK, { documentUri: 'file:///ws/network.voice' });
        const result = await validate(NUMBERS.replace('import "network.voice"\n', ''), { documentUri: 'file:///ws/numbers.voice' });
        const errors = linkingErrors(result.diagnostics).join('\n');
        expect(errors).toContain('CteloUS');
        expect(errors).toContain('SeattleStore');
    });

    test('an importer is not visible to the file it imports', async () => {
        await parse(NETWORK, { documentUri: 'file:///ws/network.voice' });
        await parse(NUMBERS, { documentUri: 'file:///ws/numbers.voice' });
        const result = await validate('import "network.voice"\nassign MainLine to FrontlineRA', { documentUri: 'file:///ws/sibling.voice' });
        expect(linkingErrors(result.diagnostics)).toHaveLength(2);
    });

    test('import cycles terminate and both sides see each other', async () => {
        await parse('import "b.voice"\ngroup A "A"', { documentUri: 'file:///ws/a.voice' });
        const result = await validate('import "a.voice"\ngroup B "B"\nshared-calling-policy P { }\ngrant P to A rank 1', { documentUri: 'file:///ws/b.voice' });
        expect(linkingErrors(result.diagnostics)).toHaveLength(0);
    });

    test('an import of a file that is not loaded is unresolved-import, and its names stay unknown', async () => {
        const result = await validate(NUMBERS, { documentUri: 'file:///ws/numbers.voice' });
        expect(codesOf(result)).toContain('unresolved-import');
        expect(linkingErrors(result.diagnostics).length).toBeGreaterThan(0);
    });
});
