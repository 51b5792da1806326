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
            return result && result.items.some(i => labelOf(i) === 'US') ? result : undefined;
        });
        const labels = list.items.map(labelOf);
        assert.ok(labels.includes('GB'));
        // The country's name stands beside its code (labelDetails), as in the completion list.
        const gb = list.items.find(i => labelOf(i) === 'GB')!;
        assert.equal(typeof gb.label === 'string' ? undefined : gb.label.description, 'United Kingdom');
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
        // The tenant effect comes once the setup is validated: ask until it is there.
        const text = await waitFor('the tenant effect in the hover on WashingtonRA', async () => {
            const value = await hoverText(uri, position);
            return value.includes('In the tenant') ? value : undefined;
        });
        assert.match(text, /\*\*resource account\*\* `WashingtonRA`/);
        assert.match(text, /Answers the Washington stores' main line/, 'the doc comment');
        assert.match(text, /\*\*In the tenant\*\* \(Step 2: [^)]*\):\n- resource account `sc-washington@contoso\.com` in US, licensed Teams Phone Resource Account/);
        assert.match(text, /\(https:\/\/learn\.microsoft\.com\/microsoftteams\/manage-resource-accounts\)/);
    });

    it('hover in a setup with errors gives the facts but no tenant effect', async () => {
        const uri = exampleUri('diagnostics', 'rank-conflict', 'rank-conflict.voice');
        const editor = await open(uri);
        await waitFor('rank-conflict', () => vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === 'rank-conflict'));
        const position = positionOf(editor.document, 'group StoreManagers', 'group S'.length);
        const text = await waitFor('the hover on StoreManagers', async () => {
            const value = await hoverText(uri, position);
            return value.includes('learn.microsoft.com') ? value : undefined;
        });
        assert.match(text, /\*\*Entra group\*\* `StoreManagers`/);
        assert.doesNotMatch(text, /In the tenant/);
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

    it('formatting an unformatted document gives the house style, which formatting leaves alone', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const houseStyle = (await open(uri)).document.getText();
        // The same file with the block properties unindented and their values no longer aligned.
        const messy = houseStyle.split('\n').map(line => line.replace(/^ {4}(\S+) +/, '$1 ')).join('\n');
        assert.notEqual(messy, houseStyle);
        const document = await vscode.workspace.openTextDocument({ language: 'voice', content: messy });
        await vscode.window.showTextDocument(document);
        // No formatter registered means no edits: this waits in vain and fails.
        const edits = await waitFor('formatting edits', async () => {
            const result = await formatEdits(document.uri);
            return result && result.length > 0 ? result : undefined;
        });
        const edit = new vscode.WorkspaceEdit();
        edit.set(document.uri, edits);
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.equal(document.getText(), houseStyle);
        assert.deepEqual(await formatEdits(uri) ?? [], [], 'the house style is a fixed point');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
});

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    return (hovers ?? []).flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

function formatEdits(uri: vscode.Uri): Thenable<vscode.TextEdit[] | undefined> {
    return vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
}

/** A completion item's label text: a plain string, or the label of a label with details. */
function labelOf(item: vscode.CompletionItem): string {
    return typeof item.label === 'string' ? item.label : item.label.label;
}
