/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, exampleUri, open, waitFor } from './support.js';

async function lens(uri: vscode.Uri, command: string): Promise<vscode.Command> {
    const lenses = await waitFor(`${command} lens`, async () => {
        const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return result?.some(l => l.command?.command === command) ? result : undefined;
    });
    return lenses.find(l => l.command?.command === command)!.command!;
}

describe('Compile, Plan and Apply lenses', function () {
    this.timeout(120_000);
    before(activated);

    it('the Compile lens opens the PowerShell script beside the source', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const command = await lens(uri, 'voice.compile');
        assert.match(command.title, /Compile/);
        const script = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command.command, ...(command.arguments ?? []));
        assert.ok(script, 'compile returned no script document');
        assert.equal(script.languageId, 'powershell');
        assert.match(script.getText(), /New-CsTeamsSharedCallingRoutingPolicy/);
        assert.match(script.getText(), /stores\.voice/);
        await waitFor('the script in an editor', () => vscode.window.visibleTextEditors.some(e => e.document === script));
    });

    it('the Plan lens shows the plan in a read-only document', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const command = await lens(uri, 'voice.plan');
        const plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command.command, ...(command.arguments ?? []));
        assert.ok(plan, 'plan returned no document');
        assert.equal(plan.uri.scheme, 'voice-plan');
        assert.match(plan.getText(), /shared-calling-policy WashingtonStores/);
    });

    it('Apply against the emulator completes after confirmation', async function () {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const command = await lens(uri, 'voice.apply');
        assert.match(command.title, /Apply/);
        // The modal confirmation is answered by the runner (code-server: Playwright clicks it).
        // Without an apply engine in this build the command says so and the test is pending.
        const result = await vscode.commands.executeCommand<string | undefined>(command.command, ...(command.arguments ?? []));
        if (result === undefined) this.skip();
        assert.match(result, /Apply complete/);
        // Converged: planning again finds nothing to create or update.
        const plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', uri.toString());
        assert.ok(plan);
        assert.match(plan.getText(), /0 to create, 0 to update/);
    });
});
