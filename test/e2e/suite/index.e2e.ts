/**
 * Entry of the end-to-end suite inside the extension host. VS Code (code-server with the
 * smoke-test driver, or @vscode/test-electron) loads this bundle as extensionTestsPath and
 * awaits run(); a rejection is a failed run.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    const grep = process.env.VOICE_E2E_GREP;
    if (grep) mocha.grep(grep);
    mocha.suite.emit('pre-require', globalThis, 'voice-e2e', mocha);
    // Bundled test files, evaluated after mocha's globals exist. The installed-VSIX run
    // (run.mjs, VOICE_E2E_INSTALLED) has its own workspace and runs its own file only.
    if (process.env.VOICE_E2E_INSTALLED) {
        await import('./installed.e2e.js');
    } else {
        await import('./diagnostics.e2e.js');
        await import('./language-features.e2e.js');
        await import('./lenses.e2e.js');
        await import('./tenant-checks.e2e.js');
        await import('./saved-plan.e2e.js');
        await import('./emergency-readiness.e2e.js');
        await import('./export-tenant.e2e.js');
        await import('./panes.e2e.js');
    }

    const results: { title: string; state: string; error?: string }[] = [];
    const failures = await new Promise<number>(resolve => {
        const runner = mocha.run(resolve);
        runner.on('pass', test => results.push({ title: test.fullTitle(), state: 'passed' }));
        runner.on('pending', test => results.push({ title: test.fullTitle(), state: 'pending' }));
        runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error?.message }));
    });
    const out = process.env.VOICE_E2E_RESULTS;
    if (out) writeFileSync(out, JSON.stringify({ failures, results }, null, 2));
    if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
}
