// Bundles the runner-agnostic mocha suite (test/e2e/suite/*.e2e.ts) into out/e2e/suite.cjs,
// the extensionTestsPath both runners load. `vscode` stays external (the host provides it).
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { nodeBundle, root } from '../../scripts/bundle-options.mjs';

export { root };
export const suiteBundle = join(root, 'out', 'e2e', 'suite.cjs');

export async function bundleSuite() {
    await esbuild.build(nodeBundle('test/e2e/suite/index.e2e.ts', suiteBundle, { sourcemap: 'inline', external: ['vscode'] }));
    return suiteBundle;
}
