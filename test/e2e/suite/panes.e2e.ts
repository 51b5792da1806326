/// <reference types="mocha" />
/**
 * The plan pane and the setup visualizer in the real editor. Their pages count what their
 * DOM shows and report it (client/webviews/), the extension's API hands that to the test:
 * the pane's counts are the saved plan's; Apply from the pane applies exactly that file
 * (the journal's steps are the plan's changes) and the emulator holds what it created; the
 * visualizer draws the frontline setup's 21 nodes and 33 edges, a click on a node goes to
 * its statement, typing redraws it, and a 1,000-store workspace opens as an overview (its time reported).
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SetupInfoRequest } from '../../../shared/protocol.js';
import { generateWorkspace } from '../../support/generate-setup.js';
import { activated, emulatorCall, exampleUri, open, tenantSnapshot, waitFor, workspaceRoot } from './support.js';
import type { VoiceApi } from './support.js';

interface PaneApi {
    language: { request<P, R>(type: { method: string }, params: P): Promise<R> };
    planPane: {
        state(): { file: string; rendered?: Record<string, number>; outcome?: { kind: string; text: string } } | undefined;
        press(button: 'plan' | 'apply' | 'cancel'): Promise<void>;
    };
    visualizer: {
        rendered(): { nodes: number; edges: number; view: string; elapsedMs: number; at: number } | undefined;
        click(id: string): Promise<void>;
        filter(text: string): Promise<void>;
    };
}

interface SavedPlanFile {
    plan: { summary: { create: number; update: number; unchanged: number }; changes: { kind: string; name: string; action: string }[]; not_managed: unknown[]; findings: unknown[] };
}

const stores = () => exampleUri('frontline', 'stores.voice');

async function api(): Promise<VoiceApi & PaneApi> {
    return await activated() as VoiceApi & PaneApi;
}

function journal(): { event: string; run: string; step?: string; planFile?: string }[] {
    const state = path.join(workspaceRoot().fsPath, '.voice-state');
    if (!existsSync(state)) return [];
    return readdirSync(state).map(tenant => path.join(state, tenant, 'journal.jsonl')).filter(existsSync)
        .flatMap(file => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line)));
}

async function closeWebviews(): Promise<void> {
    for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputWebview) await vscode.window.tabGroups.close(tab);
    }
}

describe('Panes: the plan pane', function () {
    this.timeout(180_000);
    beforeEach(async () => { await emulatorCall('POST', '/emulator/reset'); });
    after(closeWebviews);

    it('renders the plan of the frontline example with the saved plan\'s counts, and Apply from it applies exactly that plan', async () => {
        const voice = await api();
        await open(stores());
        await vscode.commands.executeCommand('voice.planPane', stores().toString());
        const shown = await waitFor('the pane to draw the plan', () => voice.planPane.state()?.rendered && voice.planPane.state());
        const saved = JSON.parse(readFileSync(shown.file, 'utf8')) as SavedPlanFile;
        const { create, update, unchanged } = saved.plan.summary;
        assert.ok(create > 0, 'the seed lacks the setup: the plan creates objects');
        assert.deepEqual(shown.rendered, {
            create, update, unchanged, notManaged: saved.plan.not_managed.length, findings: saved.plan.findings.length,
            steps: new Set(saved.plan.changes.map(c => (c as unknown as { step: string }).step)).size
        });

        const pending = saved.plan.changes.filter(c => c.action !== 'unchanged').map(c => `${c.kind}:${c.name}`).sort();
        const asked: string[] = [];
        voice.overrideConfirmation(async (message, detail) => { asked.push(`${message} ${detail}`); return true; });
        try {
            await voice.planPane.press('apply');
            const outcome = await waitFor('the apply from the pane to finish', () => voice.planPane.state()?.outcome, 150_000);
            assert.equal(outcome.kind, 'done', outcome.text);
        } finally {
            voice.overrideConfirmation(undefined);
        }
        assert.equal(asked.length, 1);
        assert.match(asked[0]!, new RegExp(`${create} to create, ${update} to update, ${unchanged} unchanged, .*Nothing will be deleted\\.`));
        // The run applied the pane's file, and its steps are exactly the plan's changes.
        const lines = journal();
        const run = lines.find(l => l.event === 'run-started' && l.planFile === shown.file);
        assert.ok(run, `no apply run of ${shown.file} in the journal`);
        assert.deepEqual(lines.filter(l => l.event === 'step-done' && l.run === run.run).map(l => l.step!).sort(), pending);
        const policies = (await tenantSnapshot()).objects['Get-CsTeamsSharedCallingRoutingPolicy'] as { Identity: string }[];
        const planned = saved.plan.changes.filter(c => c.kind === 'shared-calling-policy' && c.action === 'create').map(c => c.name).sort();
        assert.deepEqual(policies.map(p => p.Identity.replace(/^Tag:/, '')).sort(), planned);

        // Plan again in the pane: nothing left to do.
        const first = shown.file;
        await voice.planPane.press('plan');
        const again = await waitFor('the pane to draw the new plan', () => voice.planPane.state()?.file !== first && voice.planPane.state()?.rendered && voice.planPane.state());
        assert.equal(again.rendered!.create + again.rendered!.update, 0, JSON.stringify(again.rendered));
    });
});

describe('Panes: the setup visualizer', function () {
    this.timeout(180_000);
    after(closeWebviews);

    it('draws the frontline setup\'s 21 nodes and 33 edges, goes to a node\'s statement on click, and redraws as you type', async () => {
        const voice = await api();
        const editor = await open(stores());
        await vscode.commands.executeCommand('voice.showVisualizer', stores().toString());
        const drawn = await waitFor('the visualizer to draw', () => voice.visualizer.rendered());
        assert.deepEqual({ ...drawn, elapsedMs: 0, at: 0 }, { nodes: 21, edges: 33, view: 'setup', elapsedMs: 0, at: 0 });

        const line = editor.document.getText().split('\n').findIndex(l => l.startsWith('group SpokaneAssociates'));
        assert.ok(line >= 0);
        await vscode.commands.executeCommand('cursorTop');
        await voice.visualizer.click('group_SpokaneAssociates');
        await waitFor('the editor at the group\'s statement', () => {
            const active = vscode.window.activeTextEditor;
            return active?.document.uri.toString() === stores().toString() && active.selection.active.line === line;
        });

        // Live: a new group, unsaved, is drawn a moment later; taking it out again redraws.
        await editor.edit(edit => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\ngroup PaneTestGroup "Pane test"\n'));
        await waitFor('the new group drawn', () => voice.visualizer.rendered()?.nodes === 22);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor('the group gone again', () => voice.visualizer.rendered()?.nodes === 21);
    });

    it('opens a 1,000-store workspace as its overview (time in the title), and a filter draws one store', async function () {
        const voice = await api();
        await closeWebviews();
        const folder = path.join(workspaceRoot().fsPath, 'stores-1000');
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(folder, { recursive: true });
        try {
            for (const [name, text] of Object.entries(generateWorkspace(1000, { coverage: 'all', storesPerFile: 100 }).files)) writeFileSync(path.join(folder, name), text);
            const network = vscode.Uri.file(path.join(folder, 'network.voice'));
            await open(network);
            // The server has the whole setup (its files found and validated) before the clock starts.
            await waitFor('the 1,000-store setup validated', async () => {
                const info = await voice.language.request<{ uri: string }, { roots?: string[] }>(SetupInfoRequest, { uri: network.toString() });
                return (info.roots?.length ?? 0) === 11;
            }, 120_000);
            const started = Date.now();
            await vscode.commands.executeCommand('voice.showVisualizer', network.toString());
            const drawn = await waitFor('the overview drawn', () => voice.visualizer.rendered(), 30_000);
            // Up to when the page reported what it drew (not when this poll saw it).
            const elapsed = drawn.at - started;
            this.test!.title += ` (${elapsed} ms)`;
            assert.equal(drawn.view, 'overview');
            assert.ok(drawn.nodes > 0 && drawn.nodes < 12, JSON.stringify(drawn));
            // Reported, not asserted: a timed test fails under load. The 2 s target is held by
            // `npm run bench` (the same graph request on the same workspace).

            await voice.visualizer.filter('00042');
            const store = await waitFor('one store drawn', () => voice.visualizer.rendered()?.view === 'filtered' && voice.visualizer.rendered());
            assert.ok(store.nodes > 3 && store.nodes < 15, JSON.stringify(store));
            await voice.visualizer.filter('');
        } finally {
            await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
