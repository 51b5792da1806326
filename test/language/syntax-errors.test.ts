/**
 * Lexer and parser errors in plain words, with the `syntax-error` code and its docs link,
 * the same in the editor (language server services) and in `voice check` (core services).
 */
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/generated/ast.js';
import { createVoiceCoreServices } from '../../language/voice-module.js';
import { clearAll, messageOf, validate } from './helpers.js';

afterEach(clearAll);

async function syntaxErrors(text: string): Promise<Diagnostic[]> {
    const { diagnostics } = await validate(text);
    return diagnostics.filter(d => d.code === 'syntax-error');
}

async function messages(text: string): Promise<string[]> {
    return (await syntaxErrors(text)).map(messageOf);
}

describe('parser errors say what was expected, in the words of the language', () => {
    test('a block left open', async () => {
        expect(await messages('address A {\n    company "C"\n')).toEqual(["Expected '}' to close the address block, found the end of the file."]);
    });

    test('an unknown line in a block names the lines the block has', async () => {
        expect(await messages('trunk T {\n    sbc "sbc1.contoso.com"\n    bogus "x"\n}\n')).toEqual([
            "Expected '}' to close the trunk block, found 'bogus': a line in it starts with sbc, usage, pattern, pidf-lo, outbound-route, emergency-route or routing-policy."
        ]);
    });

    test('a word where no statement can start names the statements', async () => {
        const [message] = await messages('group G "G"\nfoo\n');
        expect(message).toMatch(/^Unexpected 'foo': a statement starts with import, tenant, address, trunk, number, resource-account, assign, .* emergency-location, param or set\.$/);
    });

    test('a missing keyword names it, what came before and the statement', async () => {
        expect(await messages('assign N X\n')).toEqual(["Expected 'to' after 'N' in the assign statement, found 'X'."]);
        expect(await messages('emergency G works-at A dial 911\n')).toEqual([`Expected a "quoted string" after 'dial' in the emergency statement, found '911'.`]);
    });

    test('a choice names its alternatives', async () => {
        expect(await messages('number N "+1 206 555 0100"\n')).toEqual([
            `Expected 'direct-routing', 'calling-plan' or 'operator-connect' after '"+1 206 555 0100"', found the end of the file.`
        ]);
    });

    test('an import below a statement', async () => {
        expect(await messages('tenant "contoso.onmicrosoft.com"\nimport "network.voice"\n')).toEqual([
            "'import' must come before the first statement of the file; move it to the top."
        ]);
    });
});

describe('lexer errors in plain words', () => {
    test('a misspelt hyphenated keyword is named whole', async () => {
        const [first] = await messages('number N "+1 206 555 0100" direct-routng\n');
        expect(first).toBe("'direct-routng' is not a keyword (check its spelling); a name has only letters, digits and '_'.");
    });

    test('an unclosed string', async () => {
        const [first] = await messages('address A { company "C }\n');
        expect(first).toBe(`This string is not closed: end it with '"' on the same line.`);
    });

    test('a string in single quotes', async () => {
        expect(await messages("group G 'G'\n")).toContain(`Unexpected character "'": strings are written in double quotes, "like this".`);
    });

    test('a # comment', async () => {
        expect(await messages('group G "G" # the stores\n')).toContain("Unexpected character '#': comments start with // or /*.");
    });
});

describe('the editor gives syntax errors a code, like the CLI', () => {
    test('each lexer and parser error has the syntax-error code and its docs link', async () => {
        const { diagnostics } = await validate('address A { company "C }\nnumber N "+1" direct-routng\n');
        const langium = diagnostics.filter(d => ['lexing-error', 'parsing-error'].includes((d.data as { code?: string }).code ?? ''));
        expect(langium.length).toBeGreaterThanOrEqual(3);
        for (const diagnostic of langium) {
            expect(diagnostic.code).toBe('syntax-error');
            expect(diagnostic.codeDescription?.href).toBe('docs/diagnostics.md#syntax-error');
        }
    });

    test('an unresolved name has the unresolved-reference code', async () => {
        const { diagnostics } = await validate('group G "G"\ngrant P to G rank 1\n');
        const linking = diagnostics.filter(d => (d.data as { code?: string }).code === 'linking-error');
        expect(linking).toHaveLength(1);
        expect(linking[0]!.code).toBe('unresolved-reference');
        expect(linking[0]!.codeDescription?.href).toBe('docs/diagnostics.md#unresolved-reference');
    });

    test('the CLI\'s services (the language core) say exactly what the editor says', async () => {
        const text = 'trunk T {\n    sbc "sbc1.contoso.com" port\n}\nnumber N "+1 206 555 0100" direct-routng\nfoo\n';
        const core = createVoiceCoreServices(EmptyFileSystem).Voice;
        const document = await parseHelper<Model>(core)(text, { validation: true });
        const cli = (document.diagnostics ?? []).filter(d => d.code === 'syntax-error').map(d => `${d.range.start.line}:${d.range.start.character} ${messageOf(d)}`);
        const editor = (await syntaxErrors(text)).map(d => `${d.range.start.line}:${d.range.start.character} ${messageOf(d)}`);
        expect(cli.length).toBeGreaterThanOrEqual(3);
        expect(cli).toEqual(editor);
        expect(editor.join('\n')).not.toMatch(/Expecting|Token sequences|token of type/);
    });
});
