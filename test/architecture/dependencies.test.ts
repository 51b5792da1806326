/**
 * The dependency rules of docs/architecture.md, enforced by reading every import (static,
 * type-only and dynamic) of every TypeScript file: `language/` is pure (Langium and itself),
 * the client reaches the CLI only as a process and the server only over LSP, the server
 * never reaches into the CLI or the tenant, and the client's plain units stay free of vscode.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..');

/** A top-level folder, or a folder inside one whose rule is stricter (the most specific rule applies). */
type Folder = 'language' | 'shared' | 'server' | 'client' | 'client/logic' | 'tenant' | 'cli';

interface Rule {
    /** Project folders this folder may import from (itself included). */
    folders: Folder[];
    /** Which npm packages and Node built-ins it may import. */
    packages: (specifier: string) => boolean;
}

const anyPackage = (): boolean => true;

const RULES: Record<Folder, Rule> = {
    language: { folders: ['language'], packages: s => s === 'langium' || s.startsWith('langium/') },
    shared: { folders: ['shared'], packages: () => false },
    server: { folders: ['server', 'language', 'shared'], packages: anyPackage },
    client: { folders: ['client', 'shared'], packages: anyPackage },
    // The client's plain units: tested under vitest, where there is no `vscode` module.
    'client/logic': { folders: ['client/logic', 'shared'], packages: () => false },
    tenant: { folders: ['tenant', 'language'], packages: anyPackage },
    cli: { folders: ['cli', 'language', 'shared', 'tenant'], packages: anyPackage }
};

/** Imports allowed across the rules, each with its reason (docs/architecture.md names them). */
const EXCEPTIONS: { from: string; to: string }[] = [
    // `voice format` and `voice export` use the editor's formatter, so the command line and the editor never disagree.
    { from: 'cli/format-text.ts', to: 'server/voice-formatter.ts' },
    // The server offers the snippets VS Code contributes: one snippet source.
    { from: 'server/voice-snippets.ts', to: 'snippets/voice.json' }
];

interface Violation { file: string; specifier: string }

function typescriptFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true, recursive: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.ts'))
        .map(entry => path.join(entry.parentPath, entry.name));
}

function dependencyViolations(root: string): Violation[] {
    const violations: Violation[] = [];
    const folders = (Object.keys(RULES) as Folder[]).sort((a, b) => b.length - a.length);
    const folderOf = (file: string): Folder | undefined => folders.find(folder => file.startsWith(`${folder}/`));
    for (const top of folders.filter(folder => !folder.includes('/'))) {
        let files: string[];
        try {
            files = typescriptFiles(path.join(root, top));
        } catch {
            continue;
        }
        for (const file of files) {
            const from = path.relative(root, file).split(path.sep).join('/');
            const rule = RULES[folderOf(from)!];
            for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
                if (!specifier.startsWith('.')) {
                    if (!rule.packages(specifier)) violations.push({ file: from, specifier });
                    continue;
                }
                const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/').replace(/\.js$/, '.ts');
                if (rule.folders.some(folder => target.startsWith(`${folder}/`))) continue;
                if (EXCEPTIONS.some(e => e.from === from && e.to === target)) continue;
                violations.push({ file: from, specifier });
            }
        }
    }
    return violations;
}

describe('dependency rules (docs/architecture.md)', () => {
    test('every import of the project keeps them', () => {
        expect(dependencyViolations(REPO)).toEqual([]);
    });

    test('the scan sees each kind of breach', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'voice-deps-'));
        const files: Record<string, string> = {
            'client/a.ts': "import { apply } from '../tenant/apply.js';",
            'client/b.ts': "import type { Plan } from '../language/plan.js';",
            'server/a.ts': "const cli = await import('../cli/version.js');",
            'server/b.ts': "export { session } from '../tenant/session.js';",
            'language/a.ts': "import { readFileSync } from 'node:fs';\nimport { inject } from 'langium';\nimport { x } from './b.js';",
            'language/b.ts': "import type { TextEdit } from 'vscode-languageserver';",
            'shared/a.ts': "import { Model } from '../language/ast.js';",
            'cli/a.ts': "import { VoiceFormatter } from '../server/voice-hover.js';",
            'client/logic/a.ts': "import * as vscode from 'vscode';\nimport { Log } from '../infrastructure/log.js';\nimport { EMULATOR } from '../../shared/settings.js';",
            'client/features/a.ts': "import * as vscode from 'vscode';\nimport { placeFindings } from '../logic/findings.js';"
        };
        for (const [name, text] of Object.entries(files)) {
            mkdirSync(path.join(root, path.dirname(name)), { recursive: true });
            writeFileSync(path.join(root, name), text);
        }
        expect(dependencyViolations(root)).toEqual(expect.arrayContaining([
            { file: 'client/a.ts', specifier: '../tenant/apply.js' },
            { file: 'client/b.ts', specifier: '../language/plan.js' },
            { file: 'server/a.ts', specifier: '../cli/version.js' },
            { file: 'server/b.ts', specifier: '../tenant/session.js' },
            { file: 'language/a.ts', specifier: 'node:fs' },
            { file: 'language/b.ts', specifier: 'vscode-languageserver' },
            { file: 'shared/a.ts', specifier: '../language/ast.js' },
            { file: 'cli/a.ts', specifier: '../server/voice-hover.js' },
            { file: 'client/logic/a.ts', specifier: 'vscode' },
            { file: 'client/logic/a.ts', specifier: '../infrastructure/log.js' }
        ]));
        expect(dependencyViolations(root)).toHaveLength(10);
    });
});
