/**
 * examples/diagnostics/<code>.voice: one living example per diagnostic code, each reporting
 * its code and nothing else; and examples/frontline, which checks with no diagnostics at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/generated/ast.js';
import { directImportUris } from '../../language/imports.js';
import { allIssueCodes, defaultSeverity } from '../../language/issue-codes.js';
import { clearAll, codeOf, listed, services } from './helpers.js';

afterEach(clearAll);

const EXAMPLES = path.resolve('examples/diagnostics');
/** Codes Langium itself reports, named as `voice check` names them. */
const LANGIUM_CODES = ['syntax-error', 'unresolved-reference'];
const ALL_CODES = [...allIssueCodes, ...LANGIUM_CODES];

/** Langium's lexing/parsing/linking codes under the names the CLI gives them. */
function reportedCode(diagnostic: Diagnostic): string | undefined {
    const code = codeOf(diagnostic);
    if (code === 'lexing-error' || code === 'parsing-error') return 'syntax-error';
    if (code === 'linking-error') return 'unresolved-reference';
    return code;
}

/**
 * Loads `files` and everything they import from disk (as `voice check` does), then builds
 * and validates them together. Returns the documents, requested files first.
 */
async function load(files: string[]): Promise<Array<LangiumDocument<Model>>> {
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
    const documents: Array<LangiumDocument<Model>> = [];
    const queue = files.map(f => URI.file(path.resolve(f)));
    const seen = new Set<string>();
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        let text: string;
        try {
            text = readFileSync(uri.fsPath, 'utf8');
        } catch {
            continue; // a missing import is the importing file's unresolved-import diagnostic
        }
        const document = LangiumDocumentFactory.fromString<Model>(text, uri);
        LangiumDocuments.addDocument(document);
        documents.push(document);
        queue.push(...directImportUris(document.parseResult.value, uri));
    }
    await DocumentBuilder.build(documents, { validation: true });
    return documents;
}

function allDiagnostics(documents: Array<LangiumDocument<Model>>): string {
    return documents.map(d => `${path.basename(d.uri.fsPath)}:\n${listed(d.diagnostics)}`).join('\n');
}

describe('examples/diagnostics', () => {
    test('has one example per code and nothing else', () => {
        const files = readdirSync(EXAMPLES).filter(f => f.endsWith('.voice') && !f.startsWith('_'));
        expect(files.map(f => f.replace(/\.voice$/, '')).sort()).toEqual([...ALL_CODES].sort());
    });

    test('the shared base setup checks clean on its own', async () => {
        const documents = await load([path.join(EXAMPLES, '_base.voice')]);
        expect(documents.flatMap(d => d.diagnostics ?? []), allDiagnostics(documents)).toHaveLength(0);
    });

    test.each(ALL_CODES)('%s.voice reports %s and no other code', async code => {
        const documents = await load([path.join(EXAMPLES, `${code}.voice`)]);
        const codes = new Set(documents.flatMap(d => (d.diagnostics ?? []).map(reportedCode)));
        expect([...codes], allDiagnostics(documents)).toEqual([code]);
    });

    test.each(ALL_CODES)('%s.voice starts with a comment saying what is wrong', code => {
        const text = readFileSync(path.join(EXAMPLES, `${code}.voice`), 'utf8');
        expect(text.startsWith(`// ${code}`)).toBe(true);
    });
});

describe('examples/frontline', () => {
    test('checks with no diagnostics at all', async () => {
        const folder = path.resolve('examples/frontline');
        const files = readdirSync(folder).filter(f => f.endsWith('.voice')).map(f => path.join(folder, f));
        expect(files.length).toBeGreaterThanOrEqual(2);
        const documents = await load(files);
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
        expect(section).toMatch(/\*\*Severity:\*\* (error|warning)\./);
        expect(section).toContain(`(../examples/diagnostics/${code}.voice)`);
    });

    test('states each code\'s severity as the validator reports it', () => {
        for (const code of allIssueCodes) {
            const section = docs.split(`## ${code}\n`)[1].split('\n## ')[0];
            expect(section, code).toContain(`**Severity:** ${defaultSeverity[code]}.`);
        }
    });
});
