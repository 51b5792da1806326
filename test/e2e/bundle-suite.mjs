// Bundles the runner-agnostic mocha suite (test/e2e/suite/*.e2e.ts) into out/e2e/suite.cjs,
// the extensionTestsPath both runners load. `vscode` stays external (the host provides it).
import * as esbuild from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const suiteBundle = join(root, 'out', 'e2e', 'suite.cjs');

export async function bundleSuite() {
    await esbuild.build({
        absWorkingDir: root,
        entryPoints: ['test/e2e/suite/index.e2e.ts'],
        outfile: suiteBundle,
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
        external: ['vscode'], logLevel: 'warning', mainFields: ['module', 'main']
    });
    return suiteBundle;
}
