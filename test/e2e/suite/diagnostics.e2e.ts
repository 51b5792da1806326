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
        const editor = await open(uri);
        const errors = () => vscode.languages.getDiagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
        // No errors is also what a file not validated yet shows. So first see the server validate
        // this very file (a stray brace is a syntax error), then take the edit back.
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        assert.ok(await editor.edit(edit => edit.insert(end, '\n}\n')));
        await waitFor('a syntax error on the edited stores.voice', () => errors().length > 0);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        assert.equal(editor.document.isDirty, false);
        try {
            await waitFor('the errors to go once the file is as it was', () => errors().length === 0);
        } catch {
            assert.deepEqual(errors().map(d => d.message), []);
        }
    });
});
