// The Playwright part of the end-to-end run: drives the real workbench UI (code-server in
// Chromium) of the installed-VSIX run (installed.mjs), reads the Problems panel and saves the
// screenshots the README shows (docs/images/), as a user who installed the extension sees
// them. Every wait polls visible state; nothing sleeps.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bundle-suite.mjs';

const images = join(root, 'docs', 'images');
const WAIT = { timeout: 60_000 };

/**
 * Hover and completion asked before the language server has the answer show nothing and are
 * not asked again by VS Code: ask again until the answer is shown, within WAIT.
 */
async function askUntilShown(what, ask, shown) {
    const deadline = Date.now() + WAIT.timeout;
    for (;;) {
        await ask();
        if (await shown.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) return;
        if (Date.now() > deadline) throw new Error(`no ${what} appeared`);
    }
}

async function command(page, title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', ...WAIT });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor(WAIT);
    await page.keyboard.press('Enter');
}

async function openFile(page, name) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', ...WAIT });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor(WAIT);
}

/**
 * Waits until one reading of the Problems panel's text satisfies `shows`, within WAIT; the
 * error quotes the last reading.
 */
async function panelShows(page, what, shows) {
    const deadline = Date.now() + WAIT.timeout;
    let text = '';
    while (Date.now() < deadline) {
        text = await page.locator('.markers-panel').innerText().catch(() => '');
        if (shows(text)) return;
        await page.waitForTimeout(100); // a poll of visible state, as Playwright's own waits are
    }
    // One line: the step's log shows an error's first line.
    throw new Error(`Problems panel never showed ${what}: ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 400)}`);
}

/** Resets the workspace's tenant emulator to its seed, over its HTTP API (its token from /emulator/token). */
async function emulatorReset(workspace) {
    const { 'voice.emulatorUrl': url } = JSON.parse(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8'));
    const { token } = await (await fetch(`${url}/emulator/token`)).json();
    const response = await fetch(`${url}/emulator/reset`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    if (!response.ok) throw new Error(`emulator reset: ${response.status}`);
}

/** Runs the UI checks; resolves false (after logging) when one fails. */
export async function uiTest(context, base, workspace, payload, log) {
    mkdirSync(images, { recursive: true });
    const page = await context.newPage();
    const url = `${base}/?folder=${encodeURIComponent(workspace)}${payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    const steps = [];
    const step = async (name, body) => {
        try {
            await body();
            steps.push([name, 'passed']);
            log(`  ✔ ui: ${name}`);
        } catch (error) {
            steps.push([name, 'failed']);
            log(`  ✖ ui: ${name} — ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
            await page.screenshot({ path: join(workspace, '..', `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
        }
    };
    log('driving the workbench UI');
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor(WAIT);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'examples' }).first().waitFor(WAIT);

    await step('the Problems panel lists diagnostics with their codes', async () => {
        await openFile(page, 'rank-conflict.voice');
        await page.locator('.monaco-editor .squiggly-error').first().waitFor(WAIT);
        await page.keyboard.press('Control+Shift+M');
        const rows = page.locator('.markers-panel .monaco-list-row');
        await rows.first().waitFor(WAIT);
        // The list is virtual, and _base/base.voice (imported by every example) lists the
        // problems of every setup it is part of: filter it to the file at hand by a glob, as a
        // user would (a text filter matches fuzzily and keeps base.voice's rows in view).
        const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
        await filter.fill('**/rank-conflict/*.voice');
        try {
            // One reading of the panel must show the filtered list: the panel re-renders as the
            // filter applies and as other setups' diagnostics arrive, so a row seen once may be
            // gone at the next read (in CI under load, the file's row showed, then the read found
            // the unfiltered list, base.voice's rows first).
            await panelShows(page, 'rank-conflict.voice\'s diagnostics with their code, filtered to that file',
                // The code stands on a line of its own (the parentheses around it are drawn by CSS).
                // base.voice's own row names its folder; the message and its related line name only the file.
                text => /rank-conflict\.voice/.test(text) && /used by the grant/.test(text) && /^\s*rank-conflict\s*$/m.test(text) && !/diagnostics\/_base/.test(text));
            await page.screenshot({ path: join(images, 'editor-diagnostics.png') });
        } finally {
            await filter.fill(''); // the panel filter would otherwise carry over to the Output view
        }
    });

    await step('completion lists country codes', async () => {
        await page.keyboard.press('Control+J'); // hide the panel
        await openFile(page, 'stores.voice');
        await page.locator('.part.editor .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('resource-account TexasRA {');
        await page.keyboard.press('Enter');
        await page.keyboard.type('usage-location ');
        await askUntilShown('completion with country codes',
            async () => { await page.keyboard.press('Escape'); await page.keyboard.press('Control+Space'); },
            page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'US' }).first());
        await page.screenshot({ path: join(images, 'completion.png') });
        await page.keyboard.press('Escape');
        await command(page, 'File: Revert File');
        await page.locator('.part.editor .view-lines', { hasText: 'TexasRA' }).waitFor({ state: 'detached', ...WAIT });
    });

    await step('hover explains a declaration', async () => {
        // The completion step left the view at the file's end, below every line that names the account.
        await page.locator('.part.editor .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        const word = page.locator('.part.editor .monaco-editor .view-line span', { hasText: /^WashingtonRA$/ }).first();
        // The tenant effect comes once the setup is validated (the screenshot shows it in the README).
        await askUntilShown('a hover with the declaration\'s tenant effect',
            async () => { await page.mouse.move(5, 5); await word.hover(); },
            page.locator('.monaco-hover', { hasText: /In the tenant[\s\S]*sc-washington@contoso\.com/ }).first());
        await page.screenshot({ path: join(images, 'hover.png') });
        await page.mouse.move(5, 5);
    });

    await step('the Compile command writes stores.ps1 beside the source and opens it', async () => {
        await openFile(page, 'stores.voice');
        await command(page, 'Shared Calling: Compile to PowerShell');
        await page.locator('.tabs-container .tab.active', { hasText: 'stores.ps1' }).waitFor(WAIT);
        await page.locator('.part.editor .monaco-editor .view-lines', { hasText: 'SYNOPSIS' }).first().waitFor(WAIT);
        await page.screenshot({ path: join(images, 'compile-result.png') });
        await command(page, 'View: Close All Editors');
        const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ });
        await dontSave.first().click({ timeout: 5_000 }).catch(() => undefined);
    });

    await step('Apply asks for confirmation naming the tenant, then shows progress', async () => {
        await openFile(page, 'stores.voice');
        await command(page, 'Shared Calling: Apply to the tenant');
        const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Apply to the tenant emulator/ });
        // The plan is read from the tenant before the question: allow for a slow machine.
        await confirm.first().waitFor({ timeout: 2 * WAIT.timeout });
        await page.screenshot({ path: join(images, 'apply-confirm.png') });
        await confirm.first().click();
        // In progress: the Voice output channel streams the CLI's steps ([n/29] ... done).
        // Progress shows in the Voice output channel and in the progress notification: either will do.
        await Promise.any([
            page.locator('.part.panel .view-lines', { hasText: /\[\d+\/\d+\]/ }).first().waitFor(WAIT),
            page.locator('.notifications-toasts', { hasText: /\[\d+\/\d+\]/ }).first().waitFor(WAIT)
        ]);
        await page.screenshot({ path: join(images, 'apply-progress.png') });
        await page.getByText(/Applied stores to the tenant emulator/).first().waitFor({ timeout: 180_000 });
    });

    await step('Emergency Readiness shows the report in a view', async () => {
        await command(page, 'Notifications: Clear All Notifications');
        await openFile(page, 'stores.voice');
        await command(page, 'Shared Calling: Emergency Readiness');
        // The report is a webview: its page sits in the webview's inner frame.
        await page.frameLocator('iframe.webview').last().frameLocator('#active-frame')
            .locator('body', { hasText: /member\(s\)/ }).waitFor({ timeout: 3 * WAIT.timeout });
        await page.screenshot({ path: join(images, 'emergency-readiness.png') });
    });

    /** The webview page of the newest editor webview (a panel's page sits in its inner frame). */
    const webview = () => page.frameLocator('iframe.webview').last().frameLocator('#active-frame');

    await step('the plan pane shows the plan by setup step, and Apply from it applies that plan', async () => {
        await command(page, 'View: Close All Editors');
        await command(page, 'Notifications: Clear All Notifications');
        // Back to the seed, so the pane has a plan to show (the Apply step above applied it).
        await emulatorReset(workspace);
        // Room for the panes in the screenshots: no side bar, no panel.
        // (Toggles: only when shown. The palette lists their Close/Hide commands only while the part is visible.)
        if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
        if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
        await openFile(page, 'stores.voice');
        await command(page, 'Shared Calling: Open Plan Pane');
        const counts = webview().locator('#counts');
        await counts.waitFor({ timeout: 2 * WAIT.timeout });
        const shown = await counts.evaluate(el => ({ create: Number(el.dataset.create), update: Number(el.dataset.update), unchanged: Number(el.dataset.unchanged) }));
        const rows = { create: await webview().locator('tr.change.create').count(), update: await webview().locator('tr.change.update').count(), unchanged: await webview().locator('tr.change.unchanged').count() };
        if (JSON.stringify(shown) !== JSON.stringify(rows) || shown.create === 0) throw new Error(`plan pane: counts ${JSON.stringify(shown)}, rows ${JSON.stringify(rows)}`);
        await webview().locator('#no-delete', { hasText: 'Nothing will be deleted.' }).waitFor(WAIT);
        await webview().locator('#apply').click();
        const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Apply to the tenant emulator/ });
        await confirm.first().waitFor(WAIT);
        await confirm.first().click();
        await webview().locator('#status', { hasText: /^Applied stores/ }).waitFor({ timeout: 180_000 });
        const done = await webview().locator('td.state.done').count();
        if (done !== shown.create + shown.update) throw new Error(`plan pane: ${done} objects marked done of ${shown.create + shown.update}`);
        await page.screenshot({ path: join(images, 'plan-pane.png') });
    });

    await step('the setup visualizer draws the setup and goes to a node\'s statement', async () => {
        await command(page, 'View: Close All Editors');
        await openFile(page, 'stores.voice');
        await command(page, 'Shared Calling: Show Setup Visualizer');
        await webview().locator('#summary[data-nodes="21"]').waitFor({ timeout: 2 * WAIT.timeout });
        const nodes = await webview().locator('g.node').count();
        const edges = await webview().locator('g.edge').count();
        if (nodes !== 21 || edges !== 33) throw new Error(`visualizer: ${nodes} nodes, ${edges} edges`);
        await page.screenshot({ path: join(images, 'setup-visualizer.png') });
        const line = readFileSync(join(workspace, 'examples', 'frontline', 'stores.voice'), 'utf8').split('\n').findIndex(l => l.startsWith('group SpokaneAssociates')) + 1;
        await webview().locator('g.node#group_SpokaneAssociates').click();
        // The cursor lands on the group's statement (the status bar's position).
        await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` }).first().waitFor(WAIT);
    });

    await page.close();
    return steps.every(([, state]) => state === 'passed');
}
