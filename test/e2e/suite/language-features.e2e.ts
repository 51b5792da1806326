/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, exampleUri, open, positionOf, waitFor } from './support.js';

describe('language features through vscode.commands.executeCommand', function () {
    this.timeout(60_000);
    before(activated);

    it('completion offers ISO country codes, in an unsaved untitled file', async () => {
        const document = await vscode.workspace.openTextDocument({ language: 'voice', content: 'address Hq {\n    company "Contoso"\n    country \n}\n' });
        await vscode.window.showTextDocument(document);
        const position = new vscode.Position(2, 12);
        const list = await waitFor('country completions', async () => {
            const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
            return result && result.items.some(i => i.label === 'US') ? result : undefined;
        });
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('GB'));
        assert.ok(!labels.includes('company'), 'a country position offers no keywords');
    });

    it('completion offers only declarations of the right kind', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const editor = await open(uri);
        const position = positionOf(editor.document, 'assign WashingtonMain', 'assign '.length);
        const list = await waitFor('number completions', async () => {
            const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
            return result && result.items.some(i => i.label === 'WashingtonMain') ? result : undefined;
        });
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('OregonMain'));
        assert.ok(!labels.includes('WashingtonRA'), 'resource accounts are not numbers');
    });

    it('hover tells what a declaration does in the tenant, with a learn.microsoft.com link', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const editor = await open(uri);
        const position = positionOf(editor.document, 'resource-account WashingtonRA', 'resource-account W'.length);
        const text = await waitFor('hover on WashingtonRA', async () => {
            const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
            const value = (hovers ?? []).flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
            return value.includes('learn.microsoft.com') ? value : undefined;
        });
        assert.match(text, /resource account/);
        assert.match(text, /sc-washington@contoso\.com/);
        assert.match(text, /auto attendant/);
    });

    it('go to definition jumps into the imported file', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const editor = await open(uri);
        const position = positionOf(editor.document, 'via CteloUS', 'via C'.length);
        const locations = await waitFor('definition of CteloUS', async () => {
            const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position);
            return result && result.length > 0 ? result : undefined;
        });
        const target = 'targetUri' in locations[0] ? locations[0].targetUri : locations[0].uri;
        assert.match(target.path, /frontline\/network\.voice$/);
    });

    it('a quick fix applied through the API removes its diagnostic', async () => {
        const uri = exampleUri('diagnostics', 'emergency-dial-string', 'emergency-dial-string.voice');
        const editor = await open(uri);
        const diagnostic = await waitFor('emergency-dial-string', () =>
            vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'emergency-dial-string'));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        // Ours carry a workspace edit; the host may add its own command-only actions (e.g. "Fix", "Explain").
        const fix = actions?.find(a => a.edit && a.kind?.value === vscode.CodeActionKind.QuickFix.value && /Remove the \+/.test(a.title));
        assert.ok(fix, `no quick fix among ${actions?.map(a => a.title).join(', ')}`);
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        await waitFor('emergency-dial-string to go away', () =>
            !vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === 'emergency-dial-string'));
        // Leave the example as it was.
        await vscode.commands.executeCommand('workbench.action.files.revert');
        assert.equal(editor.document.isDirty, false);
    });

    it('formatting the house style changes nothing', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
        assert.deepEqual(edits ?? [], []);
    });
});
