/// <reference types="mocha" />
/**
 * The editor applies what it showed: the Plan lens saves the plan (`voice plan --out`) in
 * the extension's storage, and Apply confirms and applies exactly that file. Each test
 * starts from the emulator's seed (its reset endpoint), so it holds in any order.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, emulatorCall, exampleUri, lens, open, tenantSnapshot, waitFor, workspaceRoot } from './support.js';

interface SavedPlanFile {
    plan: { summary: { create: number; update: number; unchanged: number }; changes: { kind: string; name: string; action: string }[]; not_managed: unknown[] };
}

interface Asked {
    message: string;
    detail: string;
    button: string;
}

const stores = () => exampleUri('frontline', 'stores.voice');

/** The saved plan the plan document names (its last lines: "Saved plan: <file>"). */
function savedPlanOf(document: vscode.TextDocument): string {
    const match = /^Saved plan: (.+)$/m.exec(document.getText());
    assert.ok(match, `the plan document names no saved plan:\n${document.getText()}`);
    return match[1]!;
}

/** Plans stores.voice through its Plan lens; the plan document and the saved plan file. */
async function planWithLens(): Promise<{ document: vscode.TextDocument; file: string; saved: SavedPlanFile }> {
    await open(stores());
    const command = await lens(stores(), 'voice.plan');
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>(command.command, ...(command.arguments ?? []));
    assert.ok(document, 'plan returned no document');
    const file = savedPlanOf(document);
    return { document, file, saved: JSON.parse(readFileSync(file, 'utf8')) as SavedPlanFile };
}

/** Runs Apply on stores.voice, answering each modal question with `answer`; what it asked and returned. */
async function applyAnswering(answer: (asked: Asked) => boolean | Promise<boolean>): Promise<{ asked: Asked[]; result: string | undefined }> {
    const api = await activated();
    const asked: Asked[] = [];
    api.overrideConfirmation(async (message, detail, button) => {
        const question = { message, detail, button };
        asked.push(question);
        return answer(question);
    });
    try {
        const result = await vscode.commands.executeCommand<string | undefined>('voice.apply', stores().toString());
        return { asked, result };
    } finally {
        api.overrideConfirmation(undefined);
    }
}

/** Every journal line the workspace's apply runs wrote (.voice-state/<tenant>/journal.jsonl). */
function journal(): { event: string; run: string; step?: string; planFile?: string }[] {
    const state = path.join(workspaceRoot().fsPath, '.voice-state');
    if (!existsSync(state)) return [];
    return readdirSync(state).map(tenant => path.join(state, tenant, 'journal.jsonl')).filter(existsSync)
        .flatMap(file => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line)));
}

const pendingSteps = (saved: SavedPlanFile): string[] =>
    saved.plan.changes.filter(c => c.action !== 'unchanged').map(c => `${c.kind}:${c.name}`).sort();

const tenantCalls = async (): Promise<number> => (await emulatorCall('GET', '/emulator/stats')).calls as number;

describe('Saved plans in the editor: Apply applies the plan it showed', function () {
    this.timeout(180_000);
    before(activated);
    beforeEach(async () => { await emulatorCall('POST', '/emulator/reset'); });

    it('plan with the lens, confirm over that plan, and the applied changes are exactly the plan\'s', async () => {
        // A gateway no file declares: the confirmation counts it as not managed (left alone).
        await emulatorCall('POST', '/teams/New-CsOnlinePSTNGateway', { Fqdn: 'legacy-sbc.contoso.com', SipSignalingPort: 5067, Enabled: true });
        const { file, saved } = await planWithLens();
        assert.ok(!file.startsWith(workspaceRoot().fsPath), `the saved plan ${file} is outside the workspace`);
        const pending = pendingSteps(saved);
        assert.ok(pending.length > 0, 'the seed lacks the setup: the plan has changes');
        const { create, update, unchanged } = saved.plan.summary;

        const callsAtPlan = await tenantCalls();
        let callsAtQuestion = -1;
        const { asked, result } = await applyAnswering(async () => { callsAtQuestion = await tenantCalls(); return true; });
        assert.equal(asked.length, 1, 'apply asks exactly once');
        assert.match(asked[0]!.message, /^Apply stores to the tenant emulator at http:\/\/127\.0\.0\.1:\d+\?$/);
        const notManaged = saved.plan.not_managed.length;
        assert.ok(JSON.stringify(saved.plan.not_managed).includes('legacy-sbc.contoso.com'), JSON.stringify(saved.plan.not_managed));
        assert.ok(asked[0]!.detail.startsWith(`The plan open beside the file: ${create} to create, ${update} to update, ${unchanged} unchanged, ` +
            `${notManaged} not managed (in the tenant, in no file: left alone). Nothing will be deleted.`), asked[0]!.detail);
        // The question is over the saved plan: Apply did not read the tenant (plan again) before asking.
        assert.equal(callsAtQuestion, callsAtPlan, 'no tenant call between the plan and the confirmation');
        assert.ok(result, 'apply returned no output (see the Voice log)');
        assert.match(result, new RegExp(`Apply complete: ${pending.length} change\\(s\\) applied`));

        // The journal's run applied that file, and its steps are exactly the plan's pending changes.
        const lines = journal();
        const run = lines.find(l => l.event === 'run-started' && l.planFile === file);
        assert.ok(run, `no apply run of ${file} in the journal`);
        assert.deepEqual(lines.filter(l => l.event === 'step-done' && l.run === run.run).map(l => l.step!).sort(), pending);
        // And the emulator holds what the plan created.
        const policies = (await tenantSnapshot()).objects['Get-CsTeamsSharedCallingRoutingPolicy'] as { Identity: string }[];
        const planned = saved.plan.changes.filter(c => c.kind === 'shared-calling-policy' && c.action === 'create').map(c => c.name).sort();
        assert.ok(planned.length > 0);
        assert.deepEqual(policies.map(p => p.Identity.replace(/^Tag:/, '')).sort(), planned);
        const again = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', stores().toString());
        assert.match(again!.getText(), /No changes\. The tenant matches the files/);
    });

    it('cancelling the confirmation of a saved plan leaves the tenant as it was', async () => {
        const { file } = await planWithLens();
        const before = await tenantSnapshot();
        const { asked, result } = await applyAnswering(() => false);
        assert.equal(asked.length, 1, 'apply asked for confirmation');
        assert.match(asked[0]!.detail, /\d+ to create, \d+ to update, \d+ unchanged, \d+ not managed .*\. Nothing will be deleted\./);
        assert.equal(result, undefined);
        const after = await tenantSnapshot();
        assert.equal(after.writeCalls, before.writeCalls, 'no call that writes reached the tenant');
        assert.deepEqual(after.objects, before.objects);
        assert.ok(!journal().some(l => l.planFile === file), 'no apply run of the plan started');
    });

    it('the tenant moved between plan and apply: the user sees what moved, nothing is applied, and can plan again', async () => {
        const { file } = await planWithLens();
        // Someone creates the gateway the plan would create, by hand, after the plan.
        await emulatorCall('POST', '/teams/New-CsOnlinePSTNGateway', { Fqdn: 'sbc1.contoso.com', SipSignalingPort: 5067, Enabled: true });
        const before = await tenantSnapshot();
        const { asked, result } = await applyAnswering(() => true);
        assert.equal(asked.length, 2, `confirmation, then the refusal: ${JSON.stringify(asked)}`);
        assert.match(asked[1]!.message, /^Nothing was applied to the tenant emulator at .*: the tenant changed since the plan was made \(.*\); 1 object\(s\) moved\.$/);
        assert.match(asked[1]!.detail, /^gateway sbc1\.contoso\.com: created since the plan$/m);
        assert.equal(asked[1]!.button, 'Plan again');
        assert.equal(result, undefined);
        const after = await tenantSnapshot();
        assert.equal(after.writeCalls, before.writeCalls, 'no call that writes reached the tenant');
        assert.deepEqual(after.objects, before.objects);
        assert.ok(!journal().some(l => l.planFile === file), 'no apply run of the refused plan started');
        // "Plan again" showed a new plan, of the tenant as it is now: the gateway is an update.
        await waitFor('the new plan beside the file', () => vscode.window.visibleTextEditors.some(e =>
            e.document.uri.scheme === 'voice-plan' && savedPlanOf(e.document) !== file && /~ update\s+gateway sbc1\.contoso\.com/.test(e.document.getText())));
    });
});
