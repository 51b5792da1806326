/**
 * Input cut short anywhere (as while typing) gets syntax errors and catalogue diagnostics,
 * never a crash inside the validator or a quick fix.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { BASE, clearAll, messageOf, services, validate } from './helpers.js';

afterEach(clearAll);

const STORES = readFileSync('examples/frontline/stores.voice', 'utf8').replace('import "network.voice"\n', '');

function crashes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(messageOf).filter(m => m.startsWith('An error occurred'));
}

describe('validation of truncated input', () => {
    test.each([['the base setup', BASE], ['the frontline stores file', STORES]])('every prefix of %s validates without a crash', async (_name, text) => {
        const failures: string[] = [];
        for (let end = 0; end <= text.length; end++) {
            const result = await validate(text.slice(0, end));
            const crashed = crashes(result.diagnostics);
            if (crashed.length > 0) failures.push(`${JSON.stringify(text.slice(Math.max(0, end - 30), end))}: ${crashed[0]}`);
            const actions = await services.Voice.lsp.CodeActionProvider!.getCodeActions(result.document, {
                textDocument: { uri: result.document.textDocument.uri },
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                context: { diagnostics: result.diagnostics }
            });
            expect(Array.isArray(actions)).toBe(true);
            await result.dispose();
            if (failures.length > 3) break;
        }
        expect(failures).toEqual([]);
    });
});

describe('validation of broken auto attendant hours and holidays', () => {
    const broken = ['hours', 'hours to fri "09:00-17:00"', 'hours , mon "09:00-17:00"', 'hours mon to', 'hours mon "09:00-17:00",',
        'holiday', 'holiday "X"', 'holiday "X" to "2026-01-01"', 'holiday "X" "2026-01-01" to', 'after-hours', 'after-hours transfer'];
    test.each(broken)('%s: syntax errors, no crash', async clause => {
        const anchor = '    time-zone    "Pacific Standard Time"\n';
        expect(BASE).toContain(anchor);
        const result = await validate(BASE.replace(anchor, `${anchor}    ${clause}\n`));
        expect(crashes(result.diagnostics)).toEqual([]);
        expect(result.diagnostics.length).toBeGreaterThan(0);
        await result.dispose();
    });
});
