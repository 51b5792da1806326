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
//      The suite's acquisition case hides pwsh (PATH, and a HOME whose login shell adds none)
//      and answers the offer with the one-click install: the extension's real `dotnet tool
//      install` of the PowerShell global tool, offline, from a NuGet source holding the package
//      scripts/ensure-pwsh.sh installed (else a stand-in dotnet that links the real pwsh);
//   5. optionally drives the UI of the same code-server (the README's screenshots, ui.mjs);
//   6. kills code-server's tree and removes the temp folder.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';

/** Resolves true when every test of the installed run passed. */
export async function installedRun({ context, entry, suite, root, userSettings, log, freePort, until, killTree, runSuite, keep, ui, scan }) {
    log('installed run: packaging out/voice.vsix');
    const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (pack.status !== 0) throw new Error('npm run package failed');
    const vsix = join(root, 'out', 'voice.vsix');

    const home = mkdtempSync(join(tmpdir(), 'voice-installed-'));
    const dir = (name) => { const d = join(home, name); mkdirSync(d, { recursive: true }); return d; };
    const workspace = dir('frontline');
    // The example's setup files and the data they read (the extension CSV), not its compiled script.
    cpSync(join(root, 'examples', 'frontline'), workspace, { recursive: true, filter: src => !/\.ps1(\.map)?$/.test(src) });
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
    const acquisition = prepareAcquisition(root, pwsh, dir('no-pwsh-home'), dir('stand-in-dotnet'), log);
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
        VOICE_E2E_GLOBAL_STORAGE: join(userData, 'User', 'globalStorage'),
        VOICE_E2E_NO_PWSH_HOME: acquisition.home, VOICE_E2E_DOTNET_DIR: acquisition.dotnetDir, VOICE_E2E_DOTNET_MODE: acquisition.mode
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
    let ok = false;
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
        // The README's screenshots come from this installed extension: the UI part drives the same code-server.
        const uiOk = ui ? await ui(base, home) : true;
        ok = code === 0 && results.length > 0 && passed === results.length && uiOk;
    } finally {
        killTree(server.pid);
        if (scan && !scan(home)) {
            log('installed run: the secrets check failed');
            ok = false;
        }
        if (!keep) rmSync(home, { recursive: true, force: true });
        else log(`installed run: kept at ${home}`);
    }
    return ok;
}

/**
 * What the acquisition case needs: a HOME with no pwsh on its login PATH, and a `dotnet` the
 * extension's one-click install runs offline. Real dotnet with a NuGet source (that HOME's
 * NuGet.Config) holding PowerShell's package as scripts/ensure-pwsh.sh installed it; without
 * either, a stand-in dotnet on PATH that links the real pwsh where the tool would go.
 */
function prepareAcquisition(root, pwsh, home, standIn, log) {
    const version = /PWSH_TOOL_VERSION = '([^']+)'/.exec(readFileSync(join(root, 'client', 'logic', 'pwsh-offer.ts'), 'utf8'))[1];
    const nupkg = join(dirname(realpathSync(pwsh)), '.store', 'powershell', version, 'powershell', version, `powershell.${version}.nupkg`);
    const dotnet = spawnSync('dotnet', ['--version'], { encoding: 'utf8' });
    if (dotnet.status === 0 && existsSync(nupkg)) {
        const feed = join(home, 'nuget-feed');
        mkdirSync(feed, { recursive: true });
        cpSync(nupkg, join(feed, basename(nupkg)));
        mkdirSync(join(home, '.nuget', 'NuGet'), { recursive: true });
        writeFileSync(join(home, '.nuget', 'NuGet', 'NuGet.Config'), '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n' +
            `    <clear />\n    <add key="e2e-local" value="${feed}" />\n  </packageSources>\n</configuration>\n`);
        log(`installed run: the acquisition case installs PowerShell ${version} with dotnet ${dotnet.stdout.trim()} from a local NuGet source`);
        return { home, dotnetDir: '', mode: 'dotnet' };
    }
    writeFileSync(join(standIn, 'dotnet'), '#!/bin/sh\n# Stand-in for `dotnet tool install --tool-path <dir> PowerShell --version <v>`: links the real pwsh there.\n' +
        '[ "$1 $2 $3 $5" = "tool install --tool-path PowerShell" ] || { echo "stand-in dotnet: unexpected $*" >&2; exit 2; }\n' +
        `mkdir -p "$4" && ln -sf '${realpathSync(pwsh)}' "$4/pwsh" && echo "Tool 'powershell' (version '$7') was successfully installed."\n`, { mode: 0o755 });
    log(`installed run: the acquisition case uses a stand-in dotnet (${dotnet.status === 0 ? `no ${nupkg}` : 'no dotnet on PATH'})`);
    return { home, dotnetDir: standIn, mode: 'stand-in' };
}
