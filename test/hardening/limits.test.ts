/**
 * Input at the edges of size and shape: the size guard, one very long line, huge tokens,
 * deep nesting. The checker and the editor features stay bounded, never crash, and keep
 * every range inside the document.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../cli/workspace.js';
import { runVoice } from '../support/cli.js';
import { generateStores } from '../support/generate-setup.js';
import { STACK_LINE, buildFiles, forgetAll, internalErrors, rangeProblem, services } from './support.js';

const folder = mkdtempSync(path.join(tmpdir(), 'voice-limits-'));
const file = (name: string, text: string): string => {
    const full = path.join(folder, name);
    writeFileSync(full, text, 'utf8');
    return full;
};

afterEach(async () => { await forgetAll(); });

/** One statement per store, all on one line. */
const oneLine = (stores: number): string => generateStores(stores).text.replace(/\n\s*/g, ' ');

const SHAPES: [string, () => string][] = [
    ['200 stores on one line (about 100,000 characters)', () => oneLine(200)],
    ['a 1 MB string literal', () => `tenant "contoso.onmicrosoft.com"\ngroup G "${'x'.repeat(1_000_000)}"\n`],
    ['a 200,000-character name', () => `group ${'G'.repeat(200_000)} "Store"\n`],
    ['50,000 unclosed braces', () => `address A ${'{'.repeat(50_000)}\n`],
    ['20,000 nested comments and quotes', () => '/*'.repeat(20_000) + '"'.repeat(20_000)],
    ['100,000 empty lines then a statement', () => '\n'.repeat(100_000) + 'group G "Store"\n'],
    ['a 300,000-character line comment', () => `// ${'#'.repeat(300_000)}\ngroup G "Store"\n`]
];

describe('the language services on extreme shapes', () => {
    test.each(SHAPES)('%s: checked, completed and hovered in bounded time, ranges inside', async (_name, make) => {
        const text = make();
        let started = performance.now();
        const [document] = await buildFiles({ 'extreme.voice': text });
        expect(performance.now() - started).toBeLessThan(20_000);
        const diagnostics = document!.diagnostics ?? [];
        expect(internalErrors(diagnostics)).toEqual([]);
        expect(diagnostics.map(d => rangeProblem(text, d.range)).filter(Boolean)).toEqual([]);
        const lines = text.split('\n');
        const last = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        const middle = { line: Math.floor(lines.length / 2), character: Math.floor(lines[Math.floor(lines.length / 2)]!.length / 2) };
        const textDocument = { uri: document!.uri.toString() };
        for (const position of [last, middle]) {
            started = performance.now();
            await services.Voice.lsp.CompletionProvider!.getCompletion(document!, { textDocument, position });
            await services.Voice.lsp.HoverProvider!.getHoverContent(document!, { textDocument, position });
            expect(performance.now() - started).toBeLessThan(10_000);
        }
    }, 60_000);
});

describe('voice check on extreme files', () => {
    test('a file over the size limit is refused in one line with exit 2, before parsing', () => {
        const big = file('huge.voice', 'group G "x"\n'.repeat(Math.ceil((MAX_FILE_BYTES + 1) / 12)));
        const started = performance.now();
        const result = runVoice(['check', big]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/huge\.voice: file is 4\.0 MiB; the limit is 4 MiB per \.voice file \(split it with imports\)/);
        expect(result.stderr).not.toMatch(STACK_LINE);
        expect(performance.now() - started).toBeLessThan(10_000);
    });

    test('a file just under the limit is checked', () => {
        // Comments are cheap to parse; the point is that the guard does not refuse a legal size.
        const text = oneLine(5) + '\n' + `// ${'c'.repeat(MAX_FILE_BYTES - 10_000)}\n`;
        const result = runVoice(['check', '--format', 'json', file('almost.voice', text)], { timeoutMs: 60_000 });
        expect(result.status, result.stderr).toBe(0);
    });

    test.each(SHAPES)('%s: exit 0 or 1, diagnostics inside the file, no stack trace', (_name, make) => {
        const text = make();
        const result = runVoice(['check', '--format', 'json', file('shape.voice', text)], { timeoutMs: 60_000 });
        expect([0, 1]).toContain(result.status);
        expect(result.stderr).not.toMatch(STACK_LINE);
        const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { line: number; column: number; endLine: number; endColumn: number }[] };
        for (const d of diagnostics) {
            expect(rangeProblem(text, { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } })).toBeUndefined();
        }
    });
});
