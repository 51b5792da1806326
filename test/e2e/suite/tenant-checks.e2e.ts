/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, open, waitFor, workspaceRoot } from './support.js';

const TENANT_SOURCE = 'voice (tenant)';

/** A setup that `voice check` finds clean but whose group the emulator's seed (examples/seeds/frontline.json) does not have. */
const MISSING_GROUP = `// A group the tenant does not have: clean for the editor, not for the tenant.
import "../examples/frontline/network.voice"

group TacomaAssociates "Store Associates Tacoma"
`;

function tenantDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri).filter(d => d.source === TENANT_SOURCE);
}

describe('tenant checks as diagnostics', function () {
    this.timeout(120_000);
    before(activated);

    it('Check Against Tenant shows group-not-found on the group statement, and an edit clears it', async () => {
        // Outside examples/: the diagnostics catalogue test and the UI run iterate examples/.
        const uri = vscode.Uri.joinPath(workspaceRoot(), 'tenant-checks', 'missing-group.voice');
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(MISSING_GROUP));
        const editor = await open(uri);
        const line = editor.document.getText().split('\n').findIndex(l => l.startsWith('group '));

        await vscode.commands.executeCommand('voice.checkTenant', uri);
        const diagnostic = await waitFor('group-not-found from the tenant', () =>
            tenantDiagnostics(uri).find(d => codeOf(d) === 'group-not-found'));
        assert.equal(diagnostic.range.start.line, line);
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.match(diagnostic.message, /Store Associates Tacoma/);
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.toString(true), 'voice-docs:/diagnostics.md?group-not-found');
        // The imported network.voice has nothing wrong in the tenant: no tenant diagnostics there.
        assert.deepEqual(tenantDiagnostics(vscode.Uri.joinPath(workspaceRoot(), 'examples', 'frontline', 'network.voice')), []);

        // They may be stale once the file changes.
        await editor.edit(edit => edit.insert(new vscode.Position(line, 0), '// renamed soon\n'));
        await waitFor('the tenant diagnostics cleared after an edit', () => tenantDiagnostics(uri).length === 0);
        await editor.document.save();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
});
