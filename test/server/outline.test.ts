/**
 * The outline (document symbols) by setup step, through the real language server services:
 * steps in docs/language.md's order, each with its statements as written, one icon per kind.
 */
import { expectCompletion } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { DocumentSymbol, Range } from 'vscode-languageserver';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import { BASE, FULL, clearAll, parse, services } from '../language/helpers.js';

afterEach(clearAll);

async function outline(text: string): Promise<DocumentSymbol[]> {
    const document = await parse(text);
    return await services.Voice.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
}

const names = (symbols: DocumentSymbol[] | undefined) => (symbols ?? []).map(s => s.name);
const childrenOf = (symbols: DocumentSymbol[], step: string) => symbols.find(s => s.name === step)?.children ?? [];

function inside(inner: Range, outer: Range): boolean {
    const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}

describe('the outline is hierarchical, by setup step', () => {
    test('the six steps after the prerequisites, in the order of docs/language.md', async () => {
        expect(names(await outline(FULL))).toEqual([
            'Prerequisites', '1 Numbers', '2 Resource accounts', '3 Assignments', '4 Shared calling policies', '5 Groups & grants', '6 Emergency coverage'
        ]);
    });

    test('each step holds its statements, named by what they declare or connect', async () => {
        const symbols = await outline(FULL);
        expect(names(childrenOf(symbols, 'Prerequisites'))).toEqual([
            'contoso.onmicrosoft.com', 'SeattleStore', 'CteloUS', 'SeattleEgress', 'PacificNW', 'SeattleSite', 'SeattleFloor1'
        ]);
        expect(names(childrenOf(symbols, '1 Numbers'))).toEqual(['MainLine', 'Callback1']);
        expect(names(childrenOf(symbols, '3 Assignments'))).toEqual(['MainLine → FrontlineRA']);
        expect(names(childrenOf(symbols, '5 Groups & grants'))).toEqual(['StoreAssociates', 'Frontline → StoreAssociates (rank 1)']);
        expect(names(childrenOf(symbols, '6 Emergency coverage'))).toEqual(['SecurityDesk', 'StoreAssociates works-at SeattleStore']);
        expect(childrenOf(symbols, '2 Resource accounts')[0]?.detail).toBe('resource account');
    });

    test('an icon per statement kind, each kind its own', async () => {
        const symbols = await outline(FULL);
        const kindOf = Object.fromEntries(symbols.flatMap(s => s.children ?? []).map(c => [c.detail, c.kind]));
        expect(kindOf).toEqual({
            'tenant': SymbolKind.Constant, 'civic address': SymbolKind.Object, 'Direct Routing trunk': SymbolKind.Interface,
            'trusted IP address': SymbolKind.Key, 'network region': SymbolKind.Package, 'network site': SymbolKind.Module,
            'emergency location': SymbolKind.Struct, 'service number': SymbolKind.Number, 'resource account': SymbolKind.Class,
            'number assignment': SymbolKind.Field, 'Shared Calling policy': SymbolKind.Function, 'Entra group': SymbolKind.Array,
            'group policy grant': SymbolKind.Operator, 'emergency calling policy': SymbolKind.Boolean, 'emergency coverage': SymbolKind.Event
        });
        expect(new Set(Object.values(kindOf)).size).toBe(15);
        expect(symbols.every(s => s.kind === SymbolKind.Namespace)).toBe(true);
    });

    test('every symbol lies inside its step, and its name inside itself', async () => {
        for (const step of await outline(FULL)) {
            expect(inside(step.selectionRange, step.range)).toBe(true);
            for (const child of step.children ?? []) {
                expect(inside(child.range, step.range), `${child.name} in ${step.name}`).toBe(true);
                expect(inside(child.selectionRange, child.range), child.name).toBe(true);
            }
        }
    });

    test('a declaration is selected by its name', async () => {
        const [prerequisites] = await outline('address Home { company "C" }\n');
        const home = prerequisites!.children![0]!;
        expect(home.selectionRange).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 12 } });
    });

    test('interleaved statements sit in their step, in the order written; steps without statements are left out', async () => {
        const text = 'import "shared.voice"\ngroup G "G"\nnumber A "+1 206 555 0100" calling-plan\ngroup H "H"\nnumber B "+1 206 555 0101" calling-plan\n';
        const symbols = await outline(text);
        expect(names(symbols)).toEqual(['Imports', '1 Numbers', '5 Groups & grants']);
        expect(names(childrenOf(symbols, 'Imports'))).toEqual(['shared.voice']);
        expect(names(childrenOf(symbols, '1 Numbers'))).toEqual(['A', 'B']);
        expect(names(childrenOf(symbols, '5 Groups & grants'))).toEqual(['G', 'H']);
        expect(symbols[2]!.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 3, character: 11 } });
    });

    test('a file cut short by a syntax error still has an outline', async () => {
        const symbols = await outline(`${BASE}\naddress Broken {\n    company "C"\n`);
        expect(names(childrenOf(symbols, 'Prerequisites'))).toContain('Broken');
    });
});

describe('completion shows the same kind of item as the outline', () => {
    test('numbers and accounts in an assign', async () => {
        await expectCompletion(services.Voice)({
            text: `${BASE}\nassign <|>`, index: 0,
            assert: list => {
                const mainLine = list.items.find(i => i.label === 'MainLine');
                expect(mainLine?.kind).toBe(CompletionItemKind.Unit);
            }
        });
    });
});
