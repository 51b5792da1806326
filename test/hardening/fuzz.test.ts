/**
 * Hostile input, property-based (fast-check, fixed seeds, bounded runs and time): mutants of
 * the valid examples and random bytes never make the checker, the language server features
 * or the compiler throw or hang, and every diagnostic and edit lies inside its document.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import type { LangiumDocument } from 'langium';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Model } from '../../language/generated/ast.js';
import { generatePowerShell } from '../../language/generator/powershell-generator.js';
import { buildSourceMap } from '../../language/generator/source-map.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { modelsInSetupOrder } from '../../language/setup-context.js';
import { REPO_ROOT, runVoice } from '../support/cli.js';
import { STACK_LINE, buildFiles, forgetAll, internalErrors, rangeProblem, services } from './support.js';

/** Longest one case may take (parse, link, validate, or one editor request) before it counts as a hang. */
const CASE_BOUND_MS = 5_000;

const read = (...parts: string[]) => readFileSync(path.join(REPO_ROOT, 'examples', ...parts), 'utf8');

/** Seed files with the unmutated files they import, as they sit in examples/. */
const SEEDS: { name: string; text: string; companions: Record<string, string> }[] = [
    {
        name: 'stores.voice', text: read('frontline', 'stores.voice'),
        companions: { 'network.voice': read('frontline', 'network.voice'), 'extensions.csv': read('frontline', 'extensions.csv') }
    },
    { name: 'network.voice', text: read('frontline', 'network.voice'), companions: {} },
    ...readdirSync(path.join(REPO_ROOT, 'examples', 'diagnostics')).filter(f => f.endsWith('.voice')).sort().map(f => ({
        name: f, text: read('diagnostics', f), companions: (f === '_base.voice' ? {} : { '_base.voice': read('diagnostics', '_base.voice') }) as Record<string, string>
    }))
];

/** Fragments a mutation inserts: the language's keywords and punctuation, and text that trips lexers and encoders. */
const FRAGMENTS = [
    '{', '}', '"', '""', '\n', ' ', '\t', '\r', '\r\n', ',', ';', '//', '/*', '*/', '\\', '\\"',
    'tenant', 'domains', 'address', 'trunk', 'sbc', 'port', 'usage', 'number', 'direct-routing', 'calling-plan', 'operator-connect',
    'toll-free', 'via', 'at', 'resource-account', 'upn', 'display-name', 'usage-location', 'kind', 'assign', 'to',
    'shared-calling-policy', 'emergency-callback', 'description', 'group', 'grant', 'rank', 'emergency', 'dial', 'import',
    '"network.voice"', '"../../etc/passwd.voice"', '"+1 206 555 0100"', '"+1 206 555 0100;ext=12"', 'US', 'us', 'UK', '0', '-1',
    '99999999999999999999999', '1.5', '-0.0', 'geo 91, 181', '"sc@contoso.com"', '"0b5e8a1c-0000-0000-0000-000000000000"',
    '\u0000', '\uFEFF', '\uD800', '\uDFFF', '𝄞', 'é', '\u202E', '$(Remove-Item /)', '`', "'", '@"', '"@', '${x}'
];

type Mutation =
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'swap-lines'; a: number; b: number }
    | { kind: 'replace-char'; at: number; text: string };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const insertion = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: position, text: insertion }),
    fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('swap-lines' as const), a: position, b: position }),
    fc.record({ kind: fc.constant('replace-char' as const), at: position, text: insertion })
);

function apply(text: string, m: Mutation): string {
    const at = (fraction: number) => Math.floor(fraction * (text.length + 1));
    switch (m.kind) {
        case 'delete': return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
        case 'insert': return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
        case 'duplicate': return text.slice(0, at(m.at) + m.length) + text.slice(at(m.at), at(m.at) + m.length) + text.slice(at(m.at) + m.length);
        case 'replace-char': return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at) + 1);
        case 'swap-lines': {
            const lines = text.split('\n');
            const a = Math.floor(m.a * lines.length);
            const b = Math.floor(m.b * lines.length);
            [lines[a], lines[b]] = [lines[b]!, lines[a]!];
            return lines.join('\n');
        }
    }
}

const mutant = fc.record({
    seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 6 })
}).map(({ seed, mutations }) => ({ ...SEEDS[seed]!, text: mutations.reduce(apply, SEEDS[seed]!.text), mutations }));

/** Random bytes read as a file would be (UTF-8, invalid sequences replaced), sometimes spliced into a valid file. */
const randomBytes = fc.record({
    bytes: fc.uint8Array({ maxLength: 3000 }),
    splice: fc.option(fc.record({ seed: fc.integer({ min: 0, max: SEEDS.length - 1 }), at: position }), { nil: undefined })
}).map(({ bytes, splice }) => {
    const noise = Buffer.from(bytes).toString('utf8');
    if (!splice) return { name: 'bytes.voice', text: noise, companions: {} as Record<string, string> };
    const seed = SEEDS[splice.seed]!;
    const at = Math.floor(splice.at * seed.text.length);
    return { name: seed.name, text: seed.text.slice(0, at) + noise + seed.text.slice(at), companions: seed.companions };
});

const FC_OPTIONS = { seed: 20_260_701, endOnFailure: true } as const;

let consoleErrors: string[] = [];
beforeAll(() => {
    // Langium logs (rather than throws) when a validation crashes as a whole; such a log is a failure here.
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { consoleErrors.push(args.map(String).join(' ')); });
});
afterAll(() => { vi.restoreAllMocks(); });
afterEach(async () => { await forgetAll(); });

/** Checks one input in-process; returns the main document. */
async function check(input: { name: string; text: string; companions: Record<string, string> }): Promise<LangiumDocument<Model>> {
    consoleErrors = [];
    const started = performance.now();
    const documents = await buildFiles({ ...input.companions, [input.name]: input.text });
    const elapsed = performance.now() - started;
    const main = documents[documents.length - 1]! as LangiumDocument<Model>;
    const diagnostics = main.diagnostics ?? [];
    const problems = diagnostics.flatMap(d => {
        const problem = rangeProblem(input.text, d.range);
        return problem ? [`${problem}: ${String(d.message)}`] : [];
    });
    expect(problems, JSON.stringify(input.text.slice(0, 400))).toEqual([]);
    expect(internalErrors(diagnostics)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(elapsed).toBeLessThan(CASE_BOUND_MS);
    return main;
}

function positionAt(text: string, fraction: number): { line: number; character: number } {
    const offset = Math.floor(fraction * (text.length + 1));
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('the checker on hostile input', () => {
    test('mutants of every example check without a crash, in bounded time, with diagnostics inside the file', async () => {
        let runs = 0;
        let withErrors = 0;
        await fc.assert(fc.asyncProperty(mutant, async input => {
            const document = await check(input);
            runs++;
            if ((document.diagnostics ?? []).some(d => d.severity === 1)) withErrors++;
            await forgetAll();
        }), { ...FC_OPTIONS, numRuns: 600, interruptAfterTimeLimit: 15_000 });
        // The mutations do reach the checker: most mutants are broken somewhere.
        expect(runs).toBeGreaterThan(100);
        expect(withErrors).toBeGreaterThan(runs / 3);
    });

    test('random bytes, alone or spliced into an example, check without a crash', async () => {
        await fc.assert(fc.asyncProperty(randomBytes, async input => {
            await check(input);
            await forgetAll();
        }), { ...FC_OPTIONS, numRuns: 400, interruptAfterTimeLimit: 10_000 });
    });
});

describe('the language server on hostile input', () => {
    test('completion, hover and formatting at random positions of mutants never throw and stay inside the document', async () => {
        const { CompletionProvider, HoverProvider, Formatter } = services.Voice.lsp;
        await fc.assert(fc.asyncProperty(mutant, fc.array(position, { minLength: 1, maxLength: 4 }), async (input, spots) => {
            const document = await check(input);
            const textDocument = { uri: document.uri.toString() };
            for (const spot of spots) {
                const at = positionAt(input.text, spot);
                let started = performance.now();
                const completion = await CompletionProvider!.getCompletion(document, { textDocument, position: at });
                expect(performance.now() - started).toBeLessThan(CASE_BOUND_MS);
                for (const item of completion?.items ?? []) {
                    const edit = item.textEdit;
                    if (edit && 'range' in edit) expect(rangeProblem(input.text, edit.range), item.label).toBeUndefined();
                }
                started = performance.now();
                const hover = await HoverProvider!.getHoverContent(document, { textDocument, position: at });
                expect(performance.now() - started).toBeLessThan(CASE_BOUND_MS);
                if (hover?.range) expect(rangeProblem(input.text, hover.range)).toBeUndefined();
            }
            const edits = await Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
            for (const edit of edits) expect(rangeProblem(input.text, edit.range)).toBeUndefined();
            await forgetAll();
        }), { ...FC_OPTIONS, numRuns: 300, interruptAfterTimeLimit: 15_000 });
    });
});

/** Mutations that keep a file valid: string contents replaced with hostile text (no quote, backslash or line break). */
const hostileString = fc.oneof(
    fc.constantFrom('$(Remove-Item -Recurse /)', '`$env:PATH', "it's", '"@\n', '${x}', '@(1,2)', '; exit 1', '\u202Egnp.exe', '𝄞 Ünïcødé', '#>', '<#'),
    fc.string({ maxLength: 30 })
).map(s => s.replace(/["\\\r\n\u2028\u2029]/g, ''));

describe('the compiler on valid mutants', () => {
    test('every mutant that checks without errors compiles, with a source map, in bounded time', async () => {
        const seed = SEEDS[0]!;
        const strings = [...seed.text.matchAll(/"([^"\\\r\n]*)"/g)].filter(m => !m[1]!.startsWith('+') && !m[1]!.endsWith('.voice'));
        let compiled = 0;
        await fc.assert(fc.asyncProperty(fc.array(fc.record({ which: fc.nat(), text: hostileString }), { minLength: 1, maxLength: 5 }), async replacements => {
            let text = seed.text;
            // Replace from the end so earlier offsets stay right.
            const chosen = [...new Map(replacements.map(r => [r.which % strings.length, r.text])).entries()].sort((a, b) => b[0] - a[0]);
            for (const [index, replacement] of chosen) {
                const match = strings[index]!;
                text = text.slice(0, match.index! + 1) + replacement + text.slice(match.index! + 1 + match[1]!.length);
            }
            const document = await check({ ...seed, text });
            if ((document.diagnostics ?? []).some(d => d.severity === 1)) {
                await forgetAll();
                return;
            }
            const started = performance.now();
            const models = modelsInSetupOrder(services.shared.workspace.LangiumDocuments, document.uri);
            const script = generatePowerShell(planSetup(models), { mainUri: document.uri.toString(), sourceName: uri => uri.split('/').pop()!, toolVersion: '0.0.0-fuzz' });
            const map = buildSourceMap(script.blocks, 'stores.ps1', uri => uri.split('/').pop()!);
            expect(performance.now() - started).toBeLessThan(CASE_BOUND_MS);
            expect(script.text).toContain('Write-VoiceSummary');
            expect(map.mappings.length).toBeGreaterThan(0);
            compiled++;
            await forgetAll();
        }), { ...FC_OPTIONS, numRuns: 200, interruptAfterTimeLimit: 10_000 });
        expect(compiled).toBeGreaterThan(10);
    });
});

describe('voice check and voice compile on hostile files', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'voice-fuzz-'));

    test('a few mutants and random bytes: exit 0, 1 or 2, JSON with ranges inside the file, never a stack trace', () => {
        const inputs = fc.sample(fc.oneof(mutant, randomBytes), { seed: FC_OPTIONS.seed, numRuns: 5 });
        inputs.forEach((input, i) => {
            const dir = mkdtempSync(path.join(folder, `case-${i}-`));
            for (const [name, text] of Object.entries(input.companions)) writeFileSync(path.join(dir, name), text, 'utf8');
            const file = path.join(dir, input.name);
            writeFileSync(file, input.text, 'utf8');
            const result = runVoice(['check', '--format', 'json', file], { timeoutMs: 60_000 });
            expect([0, 1, 2], result.stderr).toContain(result.status);
            expect(result.stderr).not.toMatch(STACK_LINE);
            if (result.status === 2) return;
            const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
            const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number }[] };
            for (const d of diagnostics.filter(d => path.resolve(dir, d.file) === file || d.file.endsWith(input.name))) {
                expect(rangeProblem(text, { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } })).toBeUndefined();
            }
        });
    });

    test('voice compile on a valid mutant writes the script and its map', () => {
        const seed = SEEDS[0]!;
        const dir = mkdtempSync(path.join(folder, 'compile-'));
        for (const [name, text] of Object.entries(seed.companions)) writeFileSync(path.join(dir, name), text, 'utf8');
        const file = path.join(dir, 'stores.voice');
        writeFileSync(file, seed.text.replace(/description\s+"[^"]*"/, 'description "$(Remove-Item -Recurse /) `n \' @ 𝄞"'), 'utf8');
        const out = path.join(dir, 'stores.ps1');
        const result = runVoice(['compile', file, '-o', out]);
        expect(result.status, result.stderr).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('Remove-Item -Recurse /');
        expect(readFileSync(`${out}.map`, 'utf8').length).toBeGreaterThan(0);
    });
});
