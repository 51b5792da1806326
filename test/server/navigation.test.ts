import { afterEach, describe, expect, test } from 'vitest';
import { expectFindReferences, expectGoToDefinition, expectSymbols } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BASE, clearAll, edit, parse, services } from '../language/helpers.js';

const definition = expectGoToDefinition(services.Voice);
const references = expectFindReferences(services.Voice);
const symbols = expectSymbols(services.Voice);
afterEach(clearAll);

describe('go to definition, references, rename, outline, folding', () => {
    test('go to definition from a reference to its declaration', async () => {
        const text = edit(BASE,
            ['number MainLine ', 'number <|MainLine|> '],
            ['assign MainLine to', 'assign Main<|>Line to']);
        await definition({ text, index: 0, rangeIndex: 0 });
    });

    test('find references lists the declaration and every use', async () => {
        const text = edit(BASE,
            ['group StoreAssociates "Store Associates"', 'group <|Store<|>Associates|> "Store Associates"'],
            ['grant Frontline to StoreAssociates rank 1', 'grant Frontline to <|StoreAssociates|> rank 1'],
            ['emergency StoreAssociates works-at', 'emergency <|StoreAssociates|> works-at']);
        await references({ text, includeDeclaration: true });
    });

    test('document symbols: one per declaration, the outline', async () => {
        await symbols({
            text: BASE,
            expectedSymbols: ['SeattleStore', 'CteloUS', 'MainLine', 'Callback1', 'FrontlineRA', 'Frontline', 'StoreAssociates', 'SecurityDesk']
        });
    });

    test('folding: each block folds, from its opening line to the line before its }', async () => {
        const document = await parse('address A {\n    company "C"\n    country US\n}\n\ntrunk T {\n    sbc "s.contoso.com"\n    usage "U"\n}\n');
        const ranges = await services.Voice.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        expect(ranges.map(r => [r.startLine, r.endLine])).toEqual([[0, 2], [5, 7]]);
    });

    test('rename across imported files updates every file', async () => {
        const network = await parse('trunk Carrier {\n    sbc "sbc1.contoso.com"\n    usage "U"\n}\n', { documentUri: 'file:///ws/network.voice' });
        const stores = await parse('import "network.voice"\nnumber N "+1 206 555 0100" direct-routing via Carrier\n', { documentUri: 'file:///ws/stores.voice' });
        expect(stores.parseResult.value.statements.length).toBe(1);
        const offset = stores.textDocument.getText().indexOf('Carrier') + 2;
        const edit = await services.Voice.lsp.RenameProvider!.rename(stores, {
            textDocument: { uri: stores.textDocument.uri }, position: stores.textDocument.positionAt(offset), newName: 'CteloUS'
        });
        const changes = edit?.changes ?? {};
        expect(Object.keys(changes).sort()).toEqual([network.uri.toString(), stores.uri.toString()].sort());
        expect(TextDocument.applyEdits(network.textDocument, changes[network.uri.toString()])).toContain('trunk CteloUS {');
        expect(TextDocument.applyEdits(stores.textDocument, changes[stores.uri.toString()])).toContain('via CteloUS');
    });
});
