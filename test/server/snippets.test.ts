/**
 * One snippet source: the completion items the server offers where a statement may start
 * are exactly the snippets of snippets/voice.json (the server's only; package.json contributes
 * none, test/architecture/contributions.test.ts), and each one,
 * with its placeholders at their defaults, is a .voice text that parses.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expectCompletion } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { clearAll, parse, services } from '../language/helpers.js';

const REPO = path.resolve(__dirname, '..', '..');
const file = JSON.parse(readFileSync(path.join(REPO, 'snippets', 'voice.json'), 'utf8')) as Record<string, { description: string; body: string[] }>;

afterEach(clearAll);

/** The text a snippet inserts when every placeholder keeps its default (a choice its first option). */
function expand(body: string): string {
    const values = new Map<string, string>();
    return body
        .replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, value: string) => { values.set(n, value); return value; })
        .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_m, n: string, value: string) => { values.set(n, value); return value; })
        .replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a?: string, b?: string) => values.get(a ?? b!) ?? '');
}

describe('snippets', () => {
    test('the server offers exactly the snippets of snippets/voice.json', async () => {
        await expectCompletion(services.Voice)({
            text: '<|>', index: 0,
            assert: list => {
                const offered = list.items.filter(i => i.kind === 15).map(i => ({ label: i.label, detail: i.detail, body: i.insertText }));
                const expected = Object.entries(file).map(([label, s]) => ({ label, detail: s.description, body: s.body.join('\n') }));
                expect(offered).toEqual(expected);
                expect(offered.length).toBeGreaterThan(0);
            }
        });
    });

    test.each(Object.keys(file))('%s expands to a .voice text that parses', async name => {
        const document = await parse(expand(file[name]!.body.join('\n')));
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
    });
});
