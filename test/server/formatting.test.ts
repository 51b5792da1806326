import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { expectFormatting } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BASE, clearAll, parse, services } from '../language/helpers.js';

const format = expectFormatting(services.Voice);
afterEach(clearAll);

/** Formats `text` once through the LSP formatter. */
async function formatted(text: string): Promise<string> {
    const document = await parse(text);
    const edits = await services.Voice.lsp.Formatter!.formatDocument(document, {
        textDocument: { uri: document.textDocument.uri }, options: { tabSize: 4, insertSpaces: true }
    });
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('formatting', () => {
    test('blocks get one property per line, indented, values aligned', async () => {
        await format({
            before: 'trunk T {sbc "sbc1.contoso.com"   port 5061 usage    "U"\n  pattern "^1$"}\n',
            after: 'trunk T {\n    sbc     "sbc1.contoso.com" port 5061\n    usage   "U"\n    pattern "^1$"\n}\n'
        });
    });

    test('one statement per line, at most one blank line, commas tight', async () => {
        await format({
            before: '\n\ngroup G "G"   grant P to G rank 1\n\n\n\nemergency G works-at A dial "911" ,"933"',
            after: 'group G "G"\ngrant P to G rank 1\n\nemergency G works-at A dial "911", "933"\n'
        });
    });

    test('the auto-attendant after `answer … with` stays on its line: it names what answers, it starts no statement', async () => {
        await format({
            before: 'answer RA with auto-attendant "Main"\nauto-attendant Reception answers RA { display-name "R" }\n',
            after: 'answer RA with auto-attendant "Main"\nauto-attendant Reception answers RA {\n    display-name "R"\n}\n'
        });
    });

    test('hours, after-hours and holidays: one clause a line, aligned; `transfer operator` stays on its line', async () => {
        await format({
            before: 'answer RA with call-queue "Help Desk"\nauto-attendant R answers RA { display-name "R" operator "+1 206 555 0199" hours mon to fri "09:00-12:00"  ,  "13:00-17:00"\n' +
                'after-hours transfer operator holiday "Christmas" "2026-12-24" to "2026-12-26" transfer operator }\n',
            after: 'answer RA with call-queue "Help Desk"\nauto-attendant R answers RA {\n    display-name "R"\n    operator     "+1 206 555 0199"\n' +
                '    hours        mon to fri "09:00-12:00", "13:00-17:00"\n    after-hours  transfer operator\n' +
                '    holiday      "Christmas" "2026-12-24" to "2026-12-26" transfer operator\n}\n'
        });
    });

    test('comments stay, trailing ones on their line', async () => {
        await format({
            before: '// header\naddress A {   // civic\n/** doc */\ncompany "C"\n}\n',
            after: '// header\naddress A {   // civic\n    /** doc */\n    company \"C\"\n}\n'
        });
    });

    test('the house style (every example file) is a fixed point', async () => {
        for (const file of ['examples/frontline/network.voice', 'examples/frontline/stores.voice']) {
            const text = readFileSync(file, 'utf8');
            expect(await formatted(text), file).toBe(text);
        }
        expect(await formatted(BASE)).toBe(BASE);
    });

    test('idempotent: formatting twice is formatting once', async () => {
        const messy = 'tenant "t.onmicrosoft.com"\naddress   A{company "C"   country US geo 1,2}\n\n\n\nnumber N "+1 206 555 0100"   direct-routing\n\n  assign N to R\n';
        const once = await formatted(messy);
        expect(await formatted(once)).toBe(once);
        expect(once).toContain('address   A {\n    company "C"\n    country US\n    geo     1, 2\n}\n');
    });

    test('a file with syntax errors is left alone', async () => {
        const text = 'address A { company }';
        expect(await formatted(text)).toBe(text);
    });
});
