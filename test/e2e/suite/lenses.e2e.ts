/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activated, exampleUri, lens, open, tenantSnapshot, waitFor } from './support.js';

describe('Compile, Plan and Apply lenses', function () {
    this.timeout(120_000);
    before(activated);

    it('the Compile lens writes stores.ps1 and its source map beside the source and opens the script', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const ps1 = exampleUri('frontline', 'stores.ps1').fsPath;
        rmSync(ps1, { force: true });
        rmSync(`${ps1}.map`, { force: true });
        await open(uri);
        const command = await lens(uri, 'voice.compile');
        assert.match(command.title, /Compile/);
        const script = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command.command, ...(command.arguments ?? []));
        assert.ok(script, 'compile returned no script document');
        assert.equal(script.uri.fsPath, ps1);
        assert.equal(script.isDirty, false);
        assert.equal(script.languageId, 'powershell');
        assert.match(script.getText(), /New-CsTeamsSharedCallingRoutingPolicy/);
        assert.match(script.getText(), /stores\.voice/);
        assert.equal(readFileSync(ps1, 'utf8'), script.getText());
        const map = JSON.parse(readFileSync(`${ps1}.map`, 'utf8')) as { script: string; sources: string[] };
        assert.equal(map.script, 'stores.ps1');
        assert.deepEqual(map.sources, ['network.voice', 'stores.voice']);
        await waitFor('the script in an editor', () => vscode.window.visibleTextEditors.some(e => e.document === script));
    });

    it('Compile replaces its own script without asking, and asks before replacing one it did not write', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        const ps1 = exampleUri('frontline', 'stores.ps1').fsPath;
        const api = await activated();
        const asked: string[] = [];
        api.overrideConfirmation(async message => { asked.push(message); return false; });
        try {
            const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.compile', uri.toString());
            assert.ok(again, 'a second compile over its own script');
            assert.equal(asked.length, 0, asked.join('; '));
            writeFileSync(ps1, '# my own script\n');
            const declined = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.compile', uri.toString());
            assert.deepEqual(asked, ['stores.ps1 exists and was not written by Compile. Overwrite?']);
            assert.equal(declined, undefined);
            assert.equal(readFileSync(ps1, 'utf8'), '# my own script\n', 'declined: the file is kept');
            api.overrideConfirmation(async message => { asked.push(message); return true; });
            const replaced = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.compile', uri.toString());
            assert.equal(asked.length, 2);
            assert.match(readFileSync(ps1, 'utf8'), /New-CsTeamsSharedCallingRoutingPolicy/);
            assert.match(replaced!.getText(), /New-CsTeamsSharedCallingRoutingPolicy/);
        } finally {
            api.overrideConfirmation(undefined);
        }
        assert.ok(existsSync(`${ps1}.map`));
    });

    it('the Plan lens shows the plan in the setup\'s one read-only document, whose [file:line] open the statement', async () => {
        const uri = exampleUri('frontline', 'stores.voice');
        await open(uri);
        const command = await lens(uri, 'voice.plan');
        const plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command.command, ...(command.arguments ?? []));
        assert.ok(plan, 'plan returned no document');
        assert.equal(plan.uri.scheme, 'voice-plan');
        assert.ok(plan.uri.path.endsWith('/examples/frontline/frontline.plan.md'), plan.uri.path);
        assert.match(plan.getText(), /shared-calling-policy WashingtonStores/);

        // Links: each change's [stores.voice:N] / [network.voice:N] goes to that file and line.
        const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', plan.uri);
        const policy = plan.getText().split('\n').findIndex(line => /shared-calling-policy WashingtonStores/.test(line));
        const link = links.find(l => l.range.start.line === policy);
        assert.ok(link?.target, `no link on the line of WashingtonStores: ${JSON.stringify(links.map(l => l.range.start.line))}`);
        assert.equal(link.target.with({ fragment: '' }).toString(), uri.toString());
        const line = Number(/^L(\d+)$/.exec(link.target.fragment)?.[1]);
        assert.match((await vscode.workspace.openTextDocument(uri)).lineAt(line - 1).text, /^shared-calling-policy WashingtonStores\b/);
        assert.ok(links.some(l => l.target?.path.endsWith('/frontline/network.voice')), 'network.voice statements link to network.voice');

        // Planning network.voice, of the same setup, refreshes that document in place: no second plan document.
        const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', exampleUri('frontline', 'network.voice').toString());
        assert.equal(again, plan, 'the same document');
        assert.notEqual(/^Saved plan: (.+)$/m.exec(again.getText())?.[1], undefined);
        const planTabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'voice-plan');
        assert.equal(planTabs.length, 1, planTabs.map(t => t.label).join(', '));
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
