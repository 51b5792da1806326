// npm run test:e2e — the extension end to end in a real VS Code (code-server 4.139.1, Node
// extension host) driven by Playwright in Debian's Chromium:
//   1. bundle the extension and the mocha suite; install code-server once (cached in .tools/);
//   2. start code-server on 127.0.0.1 with scratch XDG/TMPDIR/user-data/extensions dirs and the
//      smoke-test driver, on a scratch workspace holding a copy of examples/;
//   3. open it with the payload extensionDevelopmentPath + extensionTestsPath: the mocha suite
//      runs inside the extension host; its exit code arrives through window.codeAutomationExit;
//   4. kill the whole code-server process tree;
//   then the installed-VSIX run (test/e2e/installed.mjs): the VSIX in a fresh profile, a folder
//   outside the repository, the emulator started by command; and in that same code-server, the
//   UI (ui.mjs): read the Problems panel, save the README's screenshots (diagnostics,
//   completion, compile result, apply, emergency readiness) to docs/images/ — so they show
//   what a user who installed the VSIX sees.
// Options: --keep (keep the scratch folder), --no-ui (skip the UI part), --no-installed (skip the
// installed run, and so the UI part), --grep <text> (mocha grep).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { bundleSuite, root } from './bundle-suite.mjs';
import { installCodeServer } from './install-code-server.mjs';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const ui = !args.includes('--no-ui');
const installed = !args.includes('--no-installed');
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : undefined;
const CHROMIUM = process.env.VOICE_CHROMIUM ?? '/usr/bin/chromium';
const log = (message) => console.log(`[e2e] ${message}`);

/** Polls `probe` until truthy; observable state only. */
async function until(what, probe, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    while (Date.now() < deadline) {
        const value = await probe().catch(() => undefined);
        if (value) return value;
        await new Promise(r => setTimeout(r, delay));
        delay = Math.min(delay * 2, 500);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** Every descendant of `pid` (from /proc), deepest first. */
function descendants(pid) {
    const children = new Map();
    for (const entry of readdirSync('/proc').filter(e => /^\d+$/.test(e))) {
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (!children.has(ppid)) children.set(ppid, []);
            children.get(ppid).push(Number(entry));
        } catch { /* gone */ }
    }
    const out = [];
    const visit = (p) => { for (const c of children.get(p) ?? []) { visit(c); out.push(c); } };
    visit(pid);
    return out;
}

/** Kills `pid`, its process group (orphans reparented away stay in it) and every descendant, until none is left. */
function killTree(pid) {
    const kill = (p) => { try { process.kill(p, 'SIGKILL'); } catch { /* already gone */ } };
    for (let round = 0; round < 5; round++) {
        const tree = descendants(pid);
        try { process.kill(-pid, 'SIGKILL'); } catch { /* no such group */ }
        for (const p of [...tree, pid]) kill(p);
        if (descendants(pid).length === 0) break;
    }
}

async function main() {
    log('building the extension and the suite');
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
    const suite = await bundleSuite();
    const entry = installCodeServer(undefined, log);

    const scratch = join(root, '.tools', 'e2e', `run-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    const dir = (name) => { const d = join(scratch, name); mkdirSync(d, { recursive: true }); return d; };
    const workspace = dir('workspace');
    cpSync(join(root, 'examples'), join(workspace, 'examples'), { recursive: true, filter: src => !/\.ps1(\.map)?$/.test(src) });
    const resultsFile = join(scratch, 'results.json');
    const port = await freePort();
    const emulatorPort = await freePort();
    // The workspace targets a fresh tenant emulator (the default target), started below.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({
        'voice.tenant': 'emulator', 'voice.emulatorUrl': `http://127.0.0.1:${emulatorPort}`
    }, null, 2));
    const env = {
        ...process.env,
        XDG_CONFIG_HOME: dir('xdg/config'), XDG_DATA_HOME: dir('xdg/data'), XDG_CACHE_HOME: dir('xdg/cache'),
        XDG_STATE_HOME: dir('xdg/state'), XDG_RUNTIME_DIR: dir('xdg/runtime'), TMPDIR: dir('tmp'),
        VOICE_E2E_RESULTS: resultsFile, ...(grep ? { VOICE_E2E_GREP: grep } : {}),
        // Debug level everywhere, so the secrets check below sees the most the tool ever writes.
        VOICE_DEBUG: '1'
    };
    // Known tokens for the emulators, so every log and output can be searched for them afterwards.
    const tokens = [randomBytes(24).toString('base64url'), randomBytes(24).toString('base64url')];
    delete env.VSCODE_IPC_HOOK_CLI;
    // A quiet workbench: no chat side bar or AI actions, no welcome page.
    mkdirSync(join(scratch, 'user-data', 'User'), { recursive: true });
    writeFileSync(join(scratch, 'user-data', 'User', 'settings.json'), JSON.stringify({
        'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'editor.minimap.enabled': false,
        'window.dialogStyle': 'custom', 'extensions.ignoreRecommendations': true, 'files.autoSave': 'off'
    }, null, 2));
    const emulator = startEmulator(emulatorPort, env, ['--token', tokens[0]]);
    let uiEmulator;
    log(`starting code-server on 127.0.0.1:${port}`);
    const server = spawn(process.execPath, [
        entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver',
        '--user-data-dir', dir('user-data'), '--extensions-dir', dir('extensions'), workspace
    ], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }); // own process group: killed as one
    const serverLog = [];
    server.stdout.on('data', d => serverLog.push(String(d)));
    server.stderr.on('data', d => serverLog.push(String(d)));

    let context;
    let exitCode = 1;
    // Ctrl+C or a CI timeout: take the detached process groups down too.
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.once(signal, () => {
            for (const child of [server, emulator, uiEmulator]) if (child) killTree(child.pid);
            process.exit(130);
        });
    }
    try {
        await emulator.ready;
        const base = `http://127.0.0.1:${port}`;
        await until('code-server /healthz', async () => (await fetch(`${base}/healthz`)).ok, 60_000);
        context = await chromium.launchPersistentContext(dir('browser'), {
            executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 },
            args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync']
        });
        const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
        exitCode = await runSuite(context, base, workspace, [
            ['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(suite)]
        ]);
        if (existsSync(resultsFile)) {
            const { results } = JSON.parse(readFileSync(resultsFile, 'utf8'));
            const count = (state) => results.filter(r => r.state === state).length;
            const mark = { passed: '✔', failed: '✖', pending: '-' };
            for (const r of results) log(`  ${mark[r.state]} ${r.title}${r.error ? ` — ${r.error}` : ''}`);
            log(`mocha: ${count('passed')} passed, ${count('failed')} failed, ${count('pending')} pending`);
            if (count('failed') > 0) showExtensionLogs(join(scratch, 'user-data', 'logs'), tokens);
        } else {
            log('mocha wrote no results file');
        }
        // The UI part drives the installed extension's code-server, in the installed run's temp home (outside the repository).
        const uiPart = async (installedBase, home) => {
            // Its own workspace copy and a fresh emulator with latency, so the apply progress is visible.
            const uiWorkspace = join(home, 'workspace-ui');
            cpSync(join(root, 'examples'), join(uiWorkspace, 'examples'), { recursive: true, filter: src => !/\.ps1(\.map)?$/.test(src) });
            const uiEmulatorPort = await freePort();
            mkdirSync(join(uiWorkspace, '.vscode'), { recursive: true });
            writeFileSync(join(uiWorkspace, '.vscode', 'settings.json'), JSON.stringify({
                'voice.tenant': 'emulator', 'voice.emulatorUrl': `http://127.0.0.1:${uiEmulatorPort}`
            }, null, 2));
            uiEmulator = startEmulator(uiEmulatorPort, env, ['--latency', '40', '--token', tokens[1]]);
            await uiEmulator.ready;
            const { uiTest } = await import('./ui.mjs');
            return uiTest(context, installedBase, uiWorkspace, [], log);
        };
        if (installed) {
            const { installedRun } = await import('./installed.mjs');
            const ok = await installedRun({ context, entry, suite, root, log, freePort, until, killTree, runSuite, keep,
                userSettings: JSON.parse(readFileSync(join(scratch, 'user-data', 'User', 'settings.json'), 'utf8')),
                ui: ui ? uiPart : undefined,
                // The installed run's profile and the UI's workspace: no token there either.
                scan: (home) => checkNoSecrets(home, tokens, false) });
            if (!ok) exitCode = exitCode || 1;
        } else if (ui) {
            log('ui: skipped (it drives the installed extension: run without --no-installed)');
        }
        if (!checkNoSecrets(scratch, tokens)) exitCode = exitCode || 1;
    } catch (error) {
        log(`error: ${error instanceof Error ? error.stack : String(error)}`);
        log(`code-server output:\n${serverLog.join('').slice(-4000)}`);
        exitCode = exitCode || 1;
    } finally {
        await context?.close().catch(() => undefined);
        killTree(server.pid);
        for (const child of [emulator, uiEmulator]) if (child) killTree(child.pid);
        if (!keep) rmSync(scratch, { recursive: true, force: true });
        else log(`scratch kept at ${scratch}`);
    }
    log(exitCode === 0 ? 'passed' : `failed (exit ${exitCode})`);
    process.exitCode = exitCode;
}

/**
 * The tail of the extension's own logs (the Voice output channel, the language server's
 * trace), so a failure in CI shows its cause without a kept scratch folder. Known tokens
 * are masked even though the secrets check below must find none.
 */
function showExtensionLogs(logs, tokens) {
    const files = existsSync(logs) ? walk(logs).filter(f => /(Voice|Voice Language Server)\.log$/.test(f)) : [];
    for (const file of files) {
        let text = unlessGone(() => readFileSync(file, 'utf8'), '');
        for (const token of tokens) text = text.split(token).join('<token>');
        log(`last lines of ${file.slice(logs.length + 1)}:\n${text.split('\n').slice(-60).join('\n')}`);
    }
}

/**
 * No token in any file the run produced: VS Code's logs (the "Voice" output channel is written
 * to them), the workspaces' journals, the browser profile. The check proves it read the Voice
 * channel by finding the apply's progress in it.
 */
function checkNoSecrets(scratch, tokens, needsApplyLog = true) {
    const read = (f, encoding) => unlessGone(() => readFileSync(f, encoding), '');
    const files = walk(scratch).filter(f => unlessGone(() => statSync(f).size, Infinity) < 64 * 1024 * 1024);
    const leaks = files.filter(f => { const text = read(f, 'latin1'); return tokens.some(t => text.includes(t)); });
    const voiceLogs = files.filter(f => /Voice\.log$/.test(f) && read(f, 'utf8').includes('Apply complete'));
    log(`secrets: ${files.length} files scanned, ${voiceLogs.length} Voice output channel log(s) with an apply, ${leaks.length} with a token`);
    for (const leak of leaks) log(`  token found in ${leak}`);
    if (needsApplyLog && voiceLogs.length === 0) log('  no Voice output channel log with an apply was found: the check did not see the channel');
    return leaks.length === 0 && (!needsApplyLog || voiceLogs.length > 0);
}

/** `read()`, or `gone` when the file went meanwhile: code-server still runs during the scan (locks, temporary files). */
function unlessGone(read, gone) {
    try {
        return read();
    } catch (error) {
        if (error.code === 'ENOENT') return gone;
        throw error;
    }
}

function walk(folder) {
    return unlessGone(() => readdirSync(folder, { withFileTypes: true }), []).flatMap(entry => {
        const full = join(folder, entry.name);
        if (entry.isSymbolicLink()) return [];
        return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
    });
}

/** Starts `voice emulator` (seeded with the frontline tenant) and resolves once it listens. */
function startEmulator(port, env, extra = []) {
    log(`starting the tenant emulator on 127.0.0.1:${port}`);
    const child = spawn(process.execPath, [join(root, 'out', 'cli.cjs'), 'emulator', '--port', String(port),
        '--seed', join(root, 'examples', 'seeds', 'frontline.json'), ...extra], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.ready = new Promise((resolve, reject) => {
        child.stdout.on('data', d => { if (/listening on/.test(String(d))) resolve(child); });
        child.once('exit', code => reject(new Error(`the emulator exited (${code})`)));
    });
    child.ready.catch(() => undefined);
    return child;
}

/** Opens the workbench with the test payload and resolves with the suite's exit code. */
async function runSuite(context, base, workspace, payload) {
    const page = await context.newPage();
    let resolveExit;
    const exited = new Promise(r => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (code) => { resolveExit(Number(code)); });
    await page.exposeFunction('codeAutomationLog', (message) => console.log(`  ${message}`));
    // Results come back through the suite's results file; the page's console only adds errors.
    page.on('pageerror', error => log(`page error: ${error.message}`));
    // Answer the Apply confirmation like a user would: the modal dialog is part of the page.
    const confirmer = setInterval(() => {
        void page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Apply to / }).first().click({ timeout: 200 }).catch(() => undefined);
    }, 500);
    const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log('running the mocha suite inside the extension host');
    await page.goto(url);
    let watchdog;
    const timeout = new Promise(r => { watchdog = setTimeout(() => r('timeout'), 15 * 60_000); });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(watchdog);
    clearInterval(confirmer);
    await page.close();
    if (code === 'timeout') throw new Error('the suite did not finish within 15 minutes');
    return code;
}

await main();
