/// <reference types="mocha" />
/**
 * "Emergency Readiness" runs `voice report emergency` on the setup of the active file and
 * shows the report in a webview panel: before apply the emulator's seed has gaps (exit 2, a
 * report, not an error); after examples/frontline is applied, every member is ready.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, emulatorCall, exampleUri, open, waitFor } from './support.js';

interface ReadinessShown {
    title: string;
    html: string;
    status: string;
}

const stores = () => exampleUri('frontline', 'stores.voice');

async function readiness(): Promise<ReadinessShown> {
    await open(stores());
    const shown = await vscode.commands.executeCommand<ReadinessShown | undefined>('voice.emergencyReadiness');
    assert.ok(shown, 'the command showed no report (see the Voice log)');
    return shown;
}

/** The webview tab titled `title`, once VS Code shows it. */
const panelTab = (title: string) => waitFor(`the ${title} panel`, () => vscode.window.tabGroups.all.flatMap(g => g.tabs)
    .find(t => t.input instanceof vscode.TabInputWebview && t.label === title));

describe('Emergency Readiness in the editor', function () {
    this.timeout(240_000);
    before(activated);
    beforeEach(async () => { await emulatorCall('POST', '/emulator/reset'); });

    it('Emergency Readiness shows the report in a webview: gaps on the seed, every member ready after apply', async () => {
        const gaps = await readiness();
        assert.equal(gaps.title, 'Emergency Readiness: stores');
        await panelTab(gaps.title);
        assert.match(gaps.status, /^Emergency readiness: 10 member\(s\) and 3 group\(s\) with gaps; 0 of 10 member\(s\) ready\.$/);
        assert.match(gaps.html, /<h1>Emergency readiness <span class="badge gap">gaps found<\/span><\/h1>/);
        // The panel's policy: nothing loads, no script, the report's <style> by nonce.
        assert.match(gaps.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'">/);
        assert.doesNotMatch(gaps.html, /unsafe-inline|<script/);

        const api = await activated();
        api.overrideConfirmation(async () => true);
        try {
            // A fresh plan of this tenant (the emulator was reset): Apply applies exactly the plan shown last.
            await vscode.commands.executeCommand<vscode.TextDocument | undefined>('voice.plan', stores().toString());
            const applied = await vscode.commands.executeCommand<string | undefined>('voice.apply', stores().toString());
            assert.match(applied ?? '', /Apply complete/);
        } finally {
            api.overrideConfirmation(undefined);
        }

        const ready = await readiness();
        await panelTab(ready.title);
        assert.equal(ready.status, 'Emergency readiness: 10 of 10 member(s) ready.');
        assert.match(ready.html, /<title>Emergency readiness: the tenant emulator at http:\/\/127\.0\.0\.1:\d+/);
        assert.match(ready.html, /<h1>Emergency readiness <span class="badge ok">ready<\/span><\/h1>/);
        assert.match(ready.html, /10 of 10 member\(s\) in 3 group\(s\) ready\./);
        // One panel, updated in place.
        assert.equal(vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputWebview && t.label === ready.title).length, 1);
    });
});
