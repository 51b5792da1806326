import { afterEach, describe, expect, test } from 'vitest';
import { highlightHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { BASE, clearAll, services } from '../language/helpers.js';

const highlight = highlightHelper(services.Voice);
afterEach(clearAll);

describe('semantic tokens', () => {
    test('declarations and their uses share a token type; country codes are enum members', async () => {
        const { tokens } = await highlight(BASE);
        const typeOf = (text: string, nth = 0) => tokens.filter(t => t.text === text)[nth]?.tokenType;
        expect(typeOf('FrontlineRA', 0)).toBe(SemanticTokenTypes.class);
        expect(typeOf('FrontlineRA', 1)).toBe(SemanticTokenTypes.class);
        expect(typeOf('SeattleStore')).toBe(SemanticTokenTypes.struct);
        expect(typeOf('CteloUS', 1)).toBe(SemanticTokenTypes.interface);
        expect(typeOf('StoreAssociates', 1)).toBe(SemanticTokenTypes.namespace);
        expect(typeOf('US')).toBe(SemanticTokenTypes.enumMember);
        expect(typeOf('company')).toBe(SemanticTokenTypes.property);
        expect(typeOf('direct-routing')).toBe(SemanticTokenTypes.enumMember);
    });
});
