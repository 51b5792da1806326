// npm run test:electron — the same mocha suite (out/e2e/suite.cjs) in VS Code desktop through
// @vscode/test-electron, on machines that can download VS Code from Microsoft's update
// servers (not this workplace's: use npm run test:e2e here). The package is a devDependency
// (installing it downloads nothing; runTests downloads VS Code when it runs). Needs a display (xvfb-run -a npm run test:electron on a headless Linux box).
// The suite targets the emulator like test:e2e: this script starts one and points the
// scratch workspace's settings at it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundleSuite, root } from './bundle-suite.mjs';

let runTests;
try {
    ({ runTests } = await import('@vscode/test-electron'));
} catch {
    console.error('test:electron needs the devDependency @vscode/test-electron: run npm install (it downloads VS Code only when the tests run).');
    process.exit(2);
}

const port = await new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
        const { port: p } = server.address();
        server.close(() => resolve(p));
    });
});
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const suite = await bundleSuite();
const scratch = join(root, '.tools', 'electron', `run-${process.pid}`);
const workspace = join(scratch, 'workspace');
mkdirSync(join(workspace, '.vscode'), { recursive: true });
cpSync(join(root, 'examples'), join(workspace, 'examples'), { recursive: true, filter: src => !/\.ps1(\.map)?$/.test(src) });
writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'voice.tenant': 'emulator', 'voice.emulatorUrl': `http://127.0.0.1:${port}` }));
const emulator = spawn(process.execPath, [join(root, 'out', 'cli.cjs'), 'emulator', '--port', String(port),
    '--seed', join(root, 'examples', 'seeds', 'frontline.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve, reject) => {
    emulator.stdout.on('data', d => /listening on/.test(String(d)) && resolve(undefined));
    emulator.once('exit', code => reject(new Error(`the emulator exited (${code})`)));
});
let code = 1;
try {
    code = await runTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: suite,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
        extensionTestsEnv: { VOICE_E2E_RESULTS: join(scratch, 'results.json') }
    }).then(() => 0, () => 1);
} finally {
    emulator.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
