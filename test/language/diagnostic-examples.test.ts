/**
 * examples/diagnostics/<code>/<code>.voice: one living example per diagnostic code (each its
 * own setup, so its own folder), each reporting its code and nothing else; and
 * examples/frontline, which checks with no diagnostics at all. Loaded as `voice check` loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { collectVoiceFiles, loadWorkspace } from '../../cli/workspace.js';
import type { Model } from '../../language/generated/ast.js';
import { allIssueCodes, defaultSeverity } from '../../language/issue-codes.js';
import { codeOf, listed } from './helpers.js';

const EXAMPLES = path.resolve('examples/diagnostics');
/** Conflicts between files, one folder per case and layout (test/cli/across-files.test.ts). */
const ACROSS_FILES = 'across-files';
/** Codes Langium itself reports, named as `voice check` names them. */
const LANGIUM_CODES = ['syntax-error', 'unresolved-reference'];
const ALL_CODES = [...allIssueCodes, ...LANGIUM_CODES];

/** Langium's lexing/parsing/linking errors carry the CLI's names as their code (voice-document-validator.ts). */
function reportedCode(diagnostic: Diagnostic): string | undefined {
    return codeOf(diagnostic);
}

/** Loads as `voice check` does: the files (or folders) given are the setups' roots. */
async function load(inputs: string[]): Promise<Array<LangiumDocument<Model>>> {
    return (await loadWorkspace(collectVoiceFiles(inputs).files)).documents;
}

function allDiagnostics(documents: Array<LangiumDocument<Model>>): string {
    return documents.map(d => `${path.basename(d.uri.fsPath)}:\n${listed(d.diagnostics)}`).join('\n');
}

describe('examples/diagnostics', () => {
    test('has one example per code and nothing else', () => {
        const folders = readdirSync(EXAMPLES, { withFileTypes: true })
            .filter(d => d.isDirectory() && !d.name.startsWith('_') && d.name !== ACROSS_FILES).map(d => d.name);
        expect(folders.sort()).toEqual([...ALL_CODES].sort());
        for (const code of ALL_CODES) expect(readdirSync(path.join(EXAMPLES, code)).filter(f => f.endsWith('.voice') && !f.startsWith('_'))).toEqual([`${code}.voice`]);
    });

    test('the shared base setup checks clean on its own', async () => {
        const documents = await load([path.join(EXAMPLES, '_base', 'base.voice')]);
        expect(documents.flatMap(d => d.diagnostics ?? []), allDiagnostics(documents)).toHaveLength(0);
    });

    test.each(ALL_CODES)('%s.voice reports %s and no other code', async code => {
        const documents = await load([path.join(EXAMPLES, code)]);
        const codes = new Set(documents.flatMap(d => (d.diagnostics ?? []).map(reportedCode)));
        expect([...codes], allDiagnostics(documents)).toEqual([code]);
    });

    test.each(ALL_CODES)('%s.voice starts with a comment saying what is wrong', code => {
        const text = readFileSync(path.join(EXAMPLES, code, `${code}.voice`), 'utf8');
        expect(text.startsWith(`// ${code}`)).toBe(true);
    });
});

describe('examples/frontline', () => {
    test('checks with no diagnostics at all', async () => {
        const documents = await load([path.resolve('examples/frontline')]);
        expect(documents.length).toBeGreaterThanOrEqual(2);
        expect(documents.flatMap(d => d.diagnostics ?? []), allDiagnostics(documents)).toHaveLength(0);
    });

    test('stores.voice alone (following its import) checks with no diagnostics', async () => {
        const documents = await load(['examples/frontline/stores.voice']);
        expect(documents.map(d => path.basename(d.uri.fsPath))).toEqual(['stores.voice', 'network.voice']);
        expect(documents.flatMap(d => d.diagnostics ?? []), allDiagnostics(documents)).toHaveLength(0);
    });
});

describe('docs/diagnostics.md', () => {
    const docs = readFileSync('docs/diagnostics.md', 'utf8');

    test.each(ALL_CODES)('has a section headed exactly "## %s", linking its example', code => {
        expect(docs.split('\n')).toContain(`## ${code}`);
        const section = docs.split(`## ${code}\n`)[1].split('\n## ')[0];
        expect(section).toMatch(/\*\*Severity:\*\* (error|warning|info)\./);
        expect(section).toContain(`(../examples/diagnostics/${code}/${code}.voice)`);
    });

    test('states each code\'s severity as the validator reports it', () => {
        for (const code of allIssueCodes) {
            const section = docs.split(`## ${code}\n`)[1].split('\n## ')[0];
            expect(section, code).toContain(`**Severity:** ${defaultSeverity[code]}.`);
        }
    });
});
