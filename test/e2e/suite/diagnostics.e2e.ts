/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, exampleUri, open, waitFor } from './support.js';

describe('diagnostics in a real VS Code', function () {
    this.timeout(120_000);
    before(activated);

    it('every examples/diagnostics/<code>/<code>.voice shows its code in the Problems', async () => {
        const folder = exampleUri('diagnostics');
        const codes = (await vscode.workspace.fs.readDirectory(folder))
            .filter(([name, type]) => type === vscode.FileType.Directory && !name.startsWith('_') && name !== 'across-files')
            .map(([name]) => name).sort();
        assert.ok(codes.length >= 16, `expected the diagnostics catalogue examples, found ${codes.join(', ')}`);
        const missing: string[] = [];
        for (const expected of codes) {
            const file = `${expected}.voice`;
            const uri = vscode.Uri.joinPath(folder, expected, file);
            await open(uri);
            try {
                // Syntax errors and unknown names carry their codes in the editor too, as in voice check.
                await waitFor(`${expected} on ${file}`, () => vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === expected), 20_000);
            } catch {
                missing.push(`${file}: ${vscode.languages.getDiagnostics(uri).map(d => `${codeOf(d)} ${d.message}`).join(' | ') || 'no diagnostics'}`);
            }
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        assert.deepEqual(missing, []);
    });

    it('a conflict between two files of one setup shows on both files, each pointing at the other', async () => {
        const root = exampleUri('diagnostics', 'across-files');
        const codeOfCase: Record<string, string> = { 'grant-limit': 'rank-conflict' };
        const failures: string[] = [];
        for (const [name] of (await vscode.workspace.fs.readDirectory(root)).sort()) {
            const code = codeOfCase[name] ?? name;
            for (const [layout, a, b] of [['one-folder', ['a.voice'], ['b.voice']], ['imports', ['east', 'a.voice'], ['west', 'b.voice']]] as const) {
                const uris = [a, b].map(segments => vscode.Uri.joinPath(root, name, layout, ...segments));
                for (const uri of uris) await open(uri);
                try {
                    await waitFor(`${code} on both files of ${name}/${layout}`, () =>
                        uris.every(uri => vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === code)), 20_000);
                    if (name !== 'grant-limit') {
                        const [onA] = vscode.languages.getDiagnostics(uris[0]!).filter(d => codeOf(d) === code);
                        assert.ok(onA?.relatedInformation?.some(r => r.location.uri.toString() === uris[1]!.toString()),
                            `${name}/${layout}: a.voice's diagnostic points at b.voice`);
                    }
                } catch (error) {
                    failures.push(`${name}/${layout}: ${(error as Error).message}; ` +
                        uris.map(u => `${u.path.split('/').pop()}: ${vscode.languages.getDiagnostics(u).map(d => codeOf(d)).join(',') || 'none'}`).join(' '));
                }
                await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            }
        }
        assert.deepEqual(failures, []);
    });

    it('editing one file brings the conflict to its neighbour, and undoing it clears both', async () => {
        const folder = exampleUri('diagnostics', 'across-files', 'rank-conflict', 'one-folder');
        const a = vscode.Uri.joinPath(folder, 'a.voice');
        const b = vscode.Uri.joinPath(folder, 'b.voice');
        await open(b);
        const editor = await open(a);
        const conflicts = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => codeOf(d) === 'rank-conflict').length;
        await waitFor('the conflict on both files', () => conflicts(a) > 0 && conflicts(b) > 0);
        const grant = 'grant Frontline to EastManagers rank 2';
        const at = editor.document.getText().indexOf(grant) + grant.length - 1;
        assert.ok(at > grant.length, 'a.voice grants EastManagers rank 2');
        await editor.edit(e => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '3'));
        await waitFor('no conflict on either file', () => conflicts(a) === 0 && conflicts(b) === 0);
        await vscode.commands.executeCommand('undo');
        await waitFor('the conflict back on both files', () => conflicts(a) > 0 && conflicts(b) > 0);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('catalogue diagnostics link to their explanation', async () => {
        const uri = exampleUri('diagnostics', 'rank-conflict', 'rank-conflict.voice');
        await open(uri);
        const diagnostic = await waitFor('rank-conflict', () => vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'rank-conflict'));
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(typeof code, 'object');
        assert.equal(code.target.toString(true), 'voice-docs:/diagnostics.md?rank-conflict');
        // Opening the target (what a click on the code does) shows the rendered section, not the raw file.
        await vscode.commands.executeCommand('vscode.open', code.target);
        const tab = await waitFor('the markdown preview of diagnostics.md', () => {
            const active = vscode.window.tabGroups.activeTabGroup.activeTab;
            return active?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(active.input.viewType) ? active : undefined;
        });
        assert.match(tab.label, /diagnostics\.md/);
        const raw = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'voice-docs');
        assert.deepEqual(raw.map(t => t.label), []);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
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
