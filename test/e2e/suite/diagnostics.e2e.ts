/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, exampleUri, open, waitFor } from './support.js';

describe('diagnostics in a real VS Code', function () {
    this.timeout(120_000);
    before(activated);

    it('every examples/diagnostics/<code>.voice shows its code in the Problems', async () => {
        const folder = exampleUri('diagnostics');
        const files = (await vscode.workspace.fs.readDirectory(folder))
            .map(([name]) => name).filter(name => name.endsWith('.voice') && !name.startsWith('_')).sort();
        assert.ok(files.length >= 16, `expected the diagnostics catalogue examples, found ${files.join(', ')}`);
        const missing: string[] = [];
        for (const file of files) {
            const uri = vscode.Uri.joinPath(folder, file);
            const expected = file.replace(/\.voice$/, '');
            await open(uri);
            try {
                await waitFor(`${expected} on ${file}`, () => {
                    const diagnostics = vscode.languages.getDiagnostics(uri);
                    // Langium's own (syntax, unresolved reference) codes are not catalogue codes: any error will do there.
                    return expected === 'syntax-error' || expected === 'unresolved-reference'
                        ? diagnostics.some(d => d.severity === vscode.DiagnosticSeverity.Error)
                        : diagnostics.some(d => codeOf(d) === expected);
                }, 20_000);
            } catch {
                missing.push(`${file}: ${vscode.languages.getDiagnostics(uri).map(d => `${codeOf(d)} ${d.message}`).join(' | ') || 'no diagnostics'}`);
            }
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        assert.deepEqual(missing, []);
    });

    it('catalogue diagnostics link to their explanation', async () => {
        const uri = exampleUri('diagnostics', 'rank-conflict.voice');
        await open(uri);
        const diagnostic = await waitFor('rank-conflict', () => vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'rank-conflict'));
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(typeof code, 'object');
        assert.match(code.target.toString(), /diagnostics\.md#rank-conflict$/);
    });

    it('the frontline example has no errors', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        // Wait until the server has validated the file (the code lenses come from the same build).
        await waitFor('code lenses on stores.voice', async () =>
            ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).length > 0);
        const errors = vscode.languages.getDiagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepEqual(errors.map(d => d.message), []);
    });
});
