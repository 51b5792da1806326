/**
 * Completion details users expect: country names beside the codes, a description for every
 * property keyword of the grammar (citing its Microsoft source), and snippets only where a
 * statement can start.
 */
import { readFileSync } from 'node:fs';
import { expectCompletion } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import { grammarKeywords } from '../../language/grammar-keywords.js';
import { KEYWORD_FACTS } from '../../server/voice-facts.js';
import { citationsInText, entriesOfSources } from '../docs/citations.js';
import { BASE, clearAll, services } from '../language/helpers.js';

const complete = expectCompletion(services.Voice);
afterEach(clearAll);

/** The completion items at `<|>` in `text`. */
async function itemsAt(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await complete({ text, index: 0, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}

const item = (items: CompletionItem[], label: string) => items.find(i => i.label === label);
const documentation = (i: CompletionItem | undefined) => (typeof i?.documentation === 'object' ? i.documentation.value : i?.documentation) ?? '';

describe('country codes come with the country name', () => {
    test('an address country', async () => {
        const items = await itemsAt('address A {\n    country <|>\n}\n');
        expect(item(items, 'DE')).toMatchObject({ labelDetails: { description: 'Germany' }, detail: 'Germany (ISO 3166-1 alpha-2)' });
        expect(item(items, 'US')?.labelDetails?.description).toBe('United States');
        // Typing the name finds the code.
        expect(item(items, 'JP')?.filterText).toBe('JP Japan');
    });

    test('a resource account usage location', async () => {
        const items = await itemsAt('resource-account R {\n    usage-location <|>\n}\n');
        expect(item(items, 'GB')?.labelDetails?.description).toBe('United Kingdom');
    });

    test('every code has a name of its own', async () => {
        const items = (await itemsAt('address A {\n    country <|>\n}\n')).filter(i => i.kind === CompletionItemKind.EnumMember);
        expect(items.length).toBeGreaterThan(240);
        const unnamed = items.filter(i => !i.labelDetails?.description || i.labelDetails.description === i.label).map(i => i.label);
        expect(unnamed).toEqual([]);
    });
});

describe('every property keyword of the grammar has a description', () => {
    const properties = [...grammarKeywords(services.Voice.Grammar).properties];

    test('the grammar\'s properties are read, not listed by hand', () => {
        expect(properties).toEqual(expect.arrayContaining(['upn', 'display-name', 'street', 'city', 'postal-code', 'sbc', 'port', 'usage', 'pattern', 'elin', 'id', 'kind', 'domains', 'rank', 'dial']));
        expect(properties).not.toContain('direct-routing');
        expect(properties).not.toContain('number');
    });

    test.each(properties)('%s', keyword => {
        expect(KEYWORD_FACTS[keyword], keyword).toMatch(/\S{3}/);
    });

    test('a description that states a Teams fact (a cmdlet or a parameter) cites its source, and the source exists', () => {
        const defined = new Set(entriesOfSources(readFileSync('docs/sources.md', 'utf8')).map(e => e.key));
        const uncited: string[] = [];
        for (const keyword of properties) {
            const text = KEYWORD_FACTS[keyword] ?? '';
            const keys = citationsInText(text).map(c => c.key);
            if (/\b[A-Z][a-z]+-Cs\w+|`-[A-Z]\w+/.test(text) && keys.length === 0) uncited.push(keyword);
            for (const key of keys) expect(defined, `${keyword} cites ${key}`).toContain(key);
        }
        expect(uncited).toEqual([]);
    });

    test('completion shows the description of a block property', async () => {
        const items = await itemsAt('trunk T {\n    <|>\n}\n');
        expect(documentation(item(items, 'sbc'))).toContain('New-CsOnlinePSTNGateway -Fqdn');
        expect(documentation(item(items, 'usage'))).toContain('PSTN usage');
    });

    test('a keyword that also starts a statement is described as the property inside a block', async () => {
        const inPolicy = item(await itemsAt(`${BASE}\nshared-calling-policy P {\n    <|>\n}\n`), 'resource-account');
        expect(inPolicy?.detail).toBe('keyword');
        expect(documentation(inPolicy)).toContain('whose number the policy\'s users share');
        const atTop = item(await itemsAt(`${BASE}\n<|>`), 'resource-account');
        expect(atTop?.detail).toBe('resource account');
    });
});

describe('snippets only where a statement can start', () => {
    const isSnippet = (i: CompletionItem) => i.kind === CompletionItemKind.Snippet;

    test('offered at the top level', async () => {
        expect((await itemsAt(`${BASE}\n<|>`)).filter(isSnippet).length).toBeGreaterThan(3);
    });

    test.each([
        ['an address block', 'address A {\n    <|>\n}\n'],
        ['an address block left open', 'address A {\n    company "C"\n    <|>'],
        ['a trunk block', 'trunk T {\n    sbc "s.contoso.com"\n    <|>\n}\n'],
        ['a resource account block', 'resource-account R {\n    <|>\n}\n'],
        ['a policy block', `${BASE}\nshared-calling-policy P {\n    <|>\n}\n`],
        ['a network site block', 'network-region R\nnetwork-site S {\n    <|>\n}\n'],
        ['an emergency location block', 'emergency-location L {\n    <|>\n}\n'],
        ['the middle of a statement', 'number N "+1 206 555 0100" <|>'],
        ['a block, before its first property', 'address A { <|> }\n']
    ])('none inside %s', async (_where, text) => {
        const items = await itemsAt(text);
        expect(items.length, 'completion offers something there').toBeGreaterThan(0);
        expect(items.filter(isSnippet).map(i => i.label)).toEqual([]);
    });
});
