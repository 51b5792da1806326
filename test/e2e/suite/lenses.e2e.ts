/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, exampleUri, lens, open, tenantSnapshot, waitFor } from './support.js';

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

    it('a declined confirmation applies nothing: the tenant is as it was', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const before = await tenantSnapshot();
        // The fresh emulator lacks the setup, so an apply would change it.
        assert.ok(Array.isArray(before.objects['Get-CsTeamsSharedCallingRoutingPolicy']), 'the emulator answered the policy read');
        assert.deepEqual(before.objects['Get-CsTeamsSharedCallingRoutingPolicy'], [], 'the tenant has no shared calling policy yet');
        const api = await activated();
        const asked: string[] = [];
        api.overrideConfirmation(async message => { asked.push(message); return false; });
        let result: string | undefined;
        try {
            result = await vscode.commands.executeCommand<string | undefined>('voice.apply', uri.toString());
        } finally {
            api.overrideConfirmation(undefined);
        }
        assert.equal(asked.length, 1, 'apply planned and asked for confirmation');
        assert.match(asked[0], /^Apply stores to the tenant emulator at /);
        assert.equal(result, undefined);
        const after = await tenantSnapshot();
        assert.equal(after.writeCalls, before.writeCalls, 'no call that writes reached the tenant');
        assert.deepEqual(after.objects, before.objects);
    });

    it('Apply against the emulator completes after confirmation', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const command = await lens(uri, 'voice.apply');
        assert.match(command.title, /Apply/);
        // VS Code refuses modal dialogs in extension tests: answer the confirmation through the
        // extension's API (the Playwright UI run clicks the real modal).
        const api = await activated();
        const asked: string[] = [];
        api.overrideConfirmation(async (message, _detail, button) => { asked.push(`${message} [${button}]`); return true; });
        let result: string | undefined;
        try {
            result = await vscode.commands.executeCommand<string | undefined>(command.command, ...(command.arguments ?? []));
        } finally {
            api.overrideConfirmation(undefined);
        }
        assert.equal(asked.length, 1, 'apply asks exactly once');
        assert.match(asked[0], /^Apply stores to the tenant emulator at http:\/\/127\.0\.0\.1:\d+\? \[Apply to the tenant emulator/);
        assert.ok(result, 'apply returned no output (see the Voice log)');
        assert.match(result, /Apply complete/);
        // Converged: planning again finds nothing to create or update.
        const plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', uri.toString());
        assert.ok(plan);
        assert.match(plan.getText(), /No changes\. The tenant matches the files/);
    });
});
