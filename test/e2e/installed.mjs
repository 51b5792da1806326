// The installed-extension run of npm run test:e2e (run.mjs calls it after the development
// suite): what a new user gets.
//   1. npm run package → out/voice.vsix;
//   2. a fresh profile and a workspace OUTSIDE the repository, in the system temp folder: a
//      copy of examples/frontline, its voice.emulatorUrl on a free port (nothing listens);
//   3. code-server --install-extension out/voice.vsix into that profile's extensions dir,
//      before code-server starts;
//   4. code-server with PowerShell only on PATH, set in a fresh HOME's .profile (VOICE_PWSH
//      unset: the extension's discovery finds it) and the suite's installed.e2e.ts (VOICE_E2E_INSTALLED), loaded beside a stub
//      development extension (VS Code runs extensionTestsPath only with a development path;
//      the stub contributes nothing, so the extension under test is the installed one);
//   5. kills code-server's tree and removes the temp folder.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Resolves true when every test of the installed run passed. */
export async function installedRun({ context, entry, suite, root, userSettings, log, freePort, until, killTree, runSuite, keep }) {
    log('installed run: packaging out/voice.vsix');
    const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (pack.status !== 0) throw new Error('npm run package failed');
    const vsix = join(root, 'out', 'voice.vsix');

    const home = mkdtempSync(join(tmpdir(), 'voice-installed-'));
    const dir = (name) => { const d = join(home, name); mkdirSync(d, { recursive: true }); return d; };
    const workspace = dir('frontline');
    for (const file of ['stores.voice', 'network.voice']) cpSync(join(root, 'examples', 'frontline', file), join(workspace, file));
    const emulatorPort = await freePort();
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'voice.tenant': 'emulator', 'voice.emulatorUrl': `http://127.0.0.1:${emulatorPort}` }, null, 2));
    const extensions = dir('extensions');
    const userData = dir('user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
    // PowerShell on PATH only, the way a user has it.
    const bin = dir('bin');
    const pwsh = process.env.VOICE_PWSH ?? join(root, '.tools', 'pwsh', 'pwsh');
    if (!existsSync(pwsh)) throw new Error(`no PowerShell 7 at ${pwsh} (scripts/ensure-pwsh.sh installs it)`);
    symlinkSync(pwsh, join(bin, 'pwsh'));
    const runner = dir('runner');
    writeFileSync(join(runner, 'package.json'), JSON.stringify({ name: 'voice-e2e-runner', publisher: 'voice-e2e', version: '0.0.0', engines: { vscode: '*' } }));
    const resultsFile = join(home, 'results.json');
    // VS Code's server takes the extension host's environment from the user's login shell
    // (which resets PATH from /etc/profile), so pwsh goes on PATH where a user puts it: the
    // profile of a fresh HOME.
    const userHome = dir('home');
    writeFileSync(join(userHome, '.profile'), `export PATH="${bin}:$PATH"\n`);
    const env = {
        ...process.env,
        HOME: userHome, SHELL: '/bin/bash',
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        XDG_CONFIG_HOME: dir('xdg/config'), XDG_DATA_HOME: dir('xdg/data'), XDG_CACHE_HOME: dir('xdg/cache'),
        XDG_STATE_HOME: dir('xdg/state'), XDG_RUNTIME_DIR: dir('xdg/runtime'), TMPDIR: dir('tmp'),
        VOICE_E2E_INSTALLED: '1', VOICE_E2E_RESULTS: resultsFile, VOICE_E2E_EXTENSIONS_DIR: extensions,
        VOICE_E2E_GLOBAL_STORAGE: join(userData, 'User', 'globalStorage')
    };
    delete env.VOICE_PWSH;
    delete env.VOICE_E2E_GREP;
    delete env.VSCODE_IPC_HOOK_CLI;

    log(`installed run: code-server --install-extension ${vsix}`);
    const install = spawnSync(process.execPath, [entry, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix],
        { cwd: home, env, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`installing the VSIX failed: ${install.stderr || install.stdout}`);

    const port = await freePort();
    log(`installed run: code-server on 127.0.0.1:${port}, workspace ${workspace}`);
    const server = spawn(process.execPath, [
        entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver',
        '--user-data-dir', userData, '--extensions-dir', extensions, workspace
    ], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const serverLog = [];
    server.stdout.on('data', d => serverLog.push(String(d)));
    server.stderr.on('data', d => serverLog.push(String(d)));
    try {
        const base = `http://127.0.0.1:${port}`;
        await until('code-server /healthz', async () => (await fetch(`${base}/healthz`)).ok, 60_000);
        const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
        const code = await runSuite(context, base, workspace, [['extensionDevelopmentPath', remote(runner)], ['extensionTestsPath', remote(suite)]]);
        if (!existsSync(resultsFile)) {
            log('installed run: mocha wrote no results file');
            log(`code-server output:\n${serverLog.join('').slice(-4000)}`);
            return false;
        }
        const { results } = JSON.parse(readFileSync(resultsFile, 'utf8'));
        const mark = { passed: '✔', failed: '✖', pending: '-' };
        for (const r of results) log(`  ${mark[r.state]} ${r.title}${r.error ? ` — ${r.error}` : ''}`);
        const passed = results.filter(r => r.state === 'passed').length;
        log(`installed run: ${passed} passed, ${results.length - passed} not passed`);
        return code === 0 && results.length > 0 && passed === results.length;
    } finally {
        killTree(server.pid);
        if (!keep) rmSync(home, { recursive: true, force: true });
        else log(`installed run: kept at ${home}`);
    }
}
