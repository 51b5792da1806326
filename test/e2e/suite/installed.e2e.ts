/// <reference types="mocha" />
/**
 * The extension as a user gets it: installed from out/voice.vsix into a fresh profile, a
 * folder outside the repository (a copy of examples/frontline), PowerShell found on PATH
 * (VOICE_PWSH unset). The emulator is started by the command; every result is checked in
 * the emulator's own state, over its HTTP API. Runs only in run.mjs's installed run
 * (VOICE_E2E_INSTALLED), see index.e2e.ts.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, EXTENSION_ID, open, waitFor, workspaceRoot } from './support.js';

const settings = () => vscode.workspace.getConfiguration('voice');

/** A Teams admin cmdlet against the emulator (tenant/emulator/teams/index.ts: POST /teams/{cmdlet}). */
async function cmdlet(url: string, name: string, params: Record<string, unknown> = {}): Promise<unknown[]> {
    const { token } = await (await fetch(new URL('/emulator/token', url))).json() as { token: string };
    const response = await fetch(new URL(`/teams/${name}`, url), {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(params)
    });
    assert.equal(response.status, 200, `${name}: ${response.status}`);
    return ((await response.json()) as { value: unknown[] }).value;
}

const policyNames = async (url: string): Promise<string[]> =>
    (await cmdlet(url, 'Get-CsTeamsSharedCallingRoutingPolicy') as { Identity: string }[]).map(p => p.Identity).sort();

const answers = async (url: string): Promise<boolean> => {
    try {
        return (await fetch(new URL('/emulator/token', url))).ok;
    } catch {
        return false;
    }
};

describe('the installed extension in a folder outside the repository', function () {
    this.timeout(300_000);
    const stores = () => vscode.Uri.joinPath(workspaceRoot(), 'stores.voice');
    const url = () => settings().get<string>('emulatorUrl')!;
    before(activated);

    it('is the installed VSIX, and the folder is not in the repository', () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
        const installedIn = process.env.VOICE_E2E_EXTENSIONS_DIR!;
        assert.ok(installedIn, 'VOICE_E2E_EXTENSIONS_DIR is set by run.mjs');
        assert.ok(extension.extensionPath.startsWith(installedIn), `${extension.extensionPath} is not under ${installedIn}`);
        // What the emulator path needs ships inside it.
        for (const file of ['out/cli.cjs', 'tenant/powershell/MicrosoftTeams/MicrosoftTeams.psm1', 'examples/seeds/frontline.json']) {
            assert.ok(existsSync(path.join(extension.extensionPath, file)), `${file} is in the VSIX`);
        }
        // The README's images show on the extension's page: VS Code reads them from the installed extension.
        // vsce stores the README as readme.md.
        const readmeName = readdirSync(extension.extensionPath).find(name => name.toLowerCase() === 'readme.md');
        assert.ok(readmeName, 'the README is in the VSIX');
        const readme = readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
        const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]!);
        assert.ok(images.length >= 3, `README images: ${images.join(', ')}`);
        for (const image of images) assert.ok(existsSync(path.join(extension.extensionPath, image)), `${image} is in the VSIX`);
        assert.ok(!existsSync(path.join(workspaceRoot().fsPath, '..', 'package.json')), 'the workspace sits outside any repository');
        assert.equal(process.env.VOICE_PWSH, undefined, 'pwsh must be found without VOICE_PWSH');
        // The suggested language default, as a fresh profile sees it.
        assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'voice' }).get('formatOnSave'), true);
        assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('formatOnSave'), false);
    });

    it('Start Local Tenant Emulator runs the bundled emulator from the seed', async () => {
        assert.equal(await answers(url()), false, 'no emulator before the command');
        const started = await vscode.commands.executeCommand<string>('voice.startEmulator');
        assert.equal(started, url());
        assert.ok(await answers(url()));
        // The seed's tenant: no shared calling policy yet.
        assert.deepEqual((await policyNames(url())).filter(n => /Stores/.test(n)), []);
    });

    it('with no PowerShell on PATH, Plan offers to get it; the one-click install makes Plan work', async () => {
        // Hide pwsh: PATH without it, and a HOME whose login shell adds none (installed.mjs; its NuGet.Config
        // points at a local source with PowerShell's package, so the real `dotnet tool install` runs offline).
        const saved = { PATH: process.env.PATH, HOME: process.env.HOME };
        const hidden = (process.env.PATH ?? '').split(path.delimiter).filter(dir => dir && !existsSync(path.join(dir, 'pwsh')));
        process.env.PATH = [process.env.VOICE_E2E_DOTNET_DIR, ...hidden].filter(Boolean).join(path.delimiter);
        process.env.HOME = process.env.VOICE_E2E_NO_PWSH_HOME;
        const api = await activated();
        const offers: { message: string; choices: string[] }[] = [];
        api.overrideAnswer(async (message, choices) => {
            offers.push({ message, choices });
            return choices.find(choice => /^Install PowerShell 7/.test(choice));
        });
        let plan: vscode.TextDocument | undefined;
        try {
            await open(stores());
            plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', stores().toString());
        } finally {
            api.overrideAnswer(undefined);
            Object.assign(process.env, saved);
        }
        assert.equal(offers.length, 1, 'the acquisition offer, once');
        assert.match(offers[0]!.message, /run PowerShell 7 \(pwsh\)/);
        assert.deepEqual(offers[0]!.choices, ['Install PowerShell 7 (.NET tool)', 'Choose pwsh…', 'How to install PowerShell']);
        const tool = path.join(process.env.VOICE_E2E_GLOBAL_STORAGE!, EXTENSION_ID, 'pwsh', 'pwsh');
        assert.ok(existsSync(tool), `PowerShell installed at ${tool} (${process.env.VOICE_E2E_DOTNET_MODE})`);
        assert.ok(plan, 'plan returned no document after the install (see the Voice log)');
        assert.match(plan.getText(), /Plan: \d+ to create, 0 to update/);
    });

    it('Plan, Apply, Plan again with no changes, and Check Against Tenant', async () => {
        await open(stores());
        const plan = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', stores().toString());
        assert.ok(plan, 'plan returned no document (see the Voice log)');
        assert.match(plan.getText(), /Plan: \d+ to create, 0 to update/);

        const api = await activated();
        api.overrideConfirmation(async () => true);
        let result: string | undefined;
        try {
            result = await vscode.commands.executeCommand<string | undefined>('voice.apply', stores().toString());
        } finally {
            api.overrideConfirmation(undefined);
        }
        assert.ok(result, 'apply returned no output (see the Voice log)');
        assert.match(result, /Apply complete/);
        // In the emulator's state: both policies of stores.voice exist now.
        const policies = (await policyNames(url())).filter(n => /Stores/.test(n));
        assert.equal(policies.length, 2, `policies: ${policies.join(', ')}`);
        assert.ok(policies.some(p => /WashingtonStores/.test(p)) && policies.some(p => /OregonStores/.test(p)), policies.join(', '));
        const accounts = (await cmdlet(url(), 'Get-CsOnlineApplicationInstance') as { UserPrincipalName?: string }[]).map(a => a.UserPrincipalName ?? '');
        assert.ok(accounts.includes('sc-washington@contoso.com') && accounts.includes('sc-oregon@contoso.com'), `resource accounts: ${accounts.join(', ')}`);

        const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', stores().toString());
        assert.ok(again);
        assert.match(again.getText(), /No changes\. The tenant matches the files/);

        const findings = await vscode.commands.executeCommand<{ code: string; severity: string }[] | undefined>('voice.checkTenant', stores().toString());
        assert.ok(findings, 'the tenant check returned nothing (see the Voice log)');
        assert.deepEqual(findings.filter(f => f.severity === 'error').map(f => f.code), []);
        assert.deepEqual(vscode.languages.getDiagnostics(stores()).filter(d => d.source === 'voice (tenant)').map(d => d.message), []);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('VS Code\'s terminals have the voice command (the extension\'s PATH prepend)', async () => {
        const out = path.join(workspaceRoot().fsPath, 'voice-help.txt');
        const terminal = vscode.window.createTerminal({ name: 'voice', cwd: workspaceRoot() });
        try {
            terminal.sendText(`voice help > '${out}' 2>&1`);
            const text = await waitFor('voice help written from a terminal', () => existsSync(out) && /emulator/.test(readFileSync(out, 'utf8')) && readFileSync(out, 'utf8'));
            assert.match(text, /\bplan\b/);
        } finally {
            terminal.dispose();
        }
    });

    it('the emulator keeps its tenant in the extension\'s global storage; Reset goes back to the seed, Stop stops it', async () => {
        const stateFile = path.join(process.env.VOICE_E2E_GLOBAL_STORAGE!, EXTENSION_ID, 'emulator', 'tenant.json');
        await waitFor(`the emulator's state file ${stateFile}`, () => existsSync(stateFile) && /WashingtonStores/.test(readFileSync(stateFile, 'utf8')));
        await vscode.commands.executeCommand('voice.resetEmulator');
        assert.deepEqual((await policyNames(url())).filter(n => /Stores/.test(n)), []);
        await vscode.commands.executeCommand('voice.stopEmulator');
        assert.equal(await answers(url()), false, 'the emulator stopped');
    });
});
