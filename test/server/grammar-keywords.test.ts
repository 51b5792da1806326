/**
 * The formatter and the semantic tokens know the keywords the grammar has, with no list of
 * their own: a property added to voice.langium is aligned on its own line and coloured as
 * a property by both, with no other change.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { createServicesForGrammar } from 'langium/grammar';
import type { LangiumServices } from 'langium/lsp';
import { highlightHelper, parseHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { grammarKeywords } from '../../language/grammar-keywords.js';
import { VoiceFormatter } from '../../server/voice-formatter.js';
import { VoiceSemanticTokenProvider } from '../../server/voice-semantic-tokens.js';

const GRAMMAR = readFileSync(path.resolve(__dirname, '..', '..', 'language', 'voice.langium'), 'utf8');

async function format(services: LangiumServices, text: string): Promise<string> {
    const document: LangiumDocument = await parseHelper(services)(text);
    const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    return applyEdits(text, edits.map(e => ({ start: document.textDocument.offsetAt(e.range.start), end: document.textDocument.offsetAt(e.range.end), text: e.newText })));
}

function applyEdits(text: string, edits: { start: number; end: number; text: string }[]): string {
    return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

async function tokenTypes(services: LangiumServices, text: string, word: string): Promise<string[]> {
    const { tokens } = await highlightHelper(services)(text);
    return tokens.filter(t => t.text === word).map(t => t.tokenType);
}

describe('keyword knowledge comes from the grammar', () => {
    test('a property keyword added to the grammar is known to the formatter and the semantic tokens', async () => {
        const extended = GRAMMAR.replace("| ('elin' elin=STRING)", "| ('elin' elin=STRING)\n      | ('floor' floor=STRING)");
        expect(extended).not.toBe(GRAMMAR);
        const services = await createServicesForGrammar({
            grammar: extended,
            module: { lsp: { Formatter: (s: LangiumServices) => new VoiceFormatter(s), SemanticTokenProvider: (s: LangiumServices) => new VoiceSemanticTokenProvider(s) } }
        });
        const messy = 'address Office { company "Contoso" floor "3" }\n';
        expect(await format(services, messy)).toBe('address Office {\n    company "Contoso"\n    floor   "3"\n}\n');
        expect(await tokenTypes(services, messy, 'floor')).toEqual([SemanticTokenTypes.property]);
        // ... and is a property keyword, which completion-details.test.ts requires a description for.
        expect(grammarKeywords(services.Grammar).properties).toContain('floor');
        expect(grammarKeywords(services.Grammar).properties).not.toContain('trunk');
    });

    test('a new statement keyword starts a new line', async () => {
        const extended = GRAMMAR.replace('| SharedCallingPolicy | Group', '| SharedCallingPolicy | Group | Note')
            .replace('hidden terminal WS', "Note: 'note' text=STRING;\n\nhidden terminal WS");
        const services = await createServicesForGrammar({ grammar: extended, module: { lsp: { Formatter: (s: LangiumServices) => new VoiceFormatter(s) } } });
        expect(await format(services, 'group G "Associates" note "hello"\n')).toBe('group G "Associates"\nnote "hello"\n');
    });
});
