// Bundles the CLI, the language server and the VS Code client into CommonJS files
// under out/, so the extension ships without node_modules and `npx voice` starts fast.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { nodeBundle } from './scripts/bundle-options.mjs';

const watch = process.argv.includes('--watch');

/** The CLI and the server load Graphviz from its own bundle (cli/graphviz.ts), beside theirs, only for `voice graph --format svg` and the visualizer. */
const graphvizApart = {
    name: 'graphviz-apart',
    setup(build) {
        build.onResolve({ filter: /^\.\/graphviz\.js$/ }, () => ({ path: './graphviz.cjs', external: true }));
    }
};

/** A webview's page script (client/webviews/): for the browser, one file, no imports at run time, shipped in the VSIX. */
function webviewBundle(name) {
    return { absWorkingDir: nodeBundle('', '').absWorkingDir, entryPoints: [`client/webviews/${name}.ts`], outfile: `out/webviews/${name}.js`,
        bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'warning' };
}

const builds = [
    nodeBundle('cli/main.ts', 'out/cli.cjs', { plugins: [graphvizApart] }),
    nodeBundle('cli/graphviz.ts', 'out/graphviz.cjs'),
    nodeBundle('server/main.ts', 'out/server.cjs', { plugins: [graphvizApart] }),
    nodeBundle('client/extension.ts', 'out/extension.cjs', { external: ['vscode'] }),
    ...['visualizer', 'plan-pane'].map(webviewBundle)
].filter(b => b.entryPoints.every(existsSync));

for (const options of builds) {
    if (watch) {
        (await esbuild.context(options)).watch();
    } else {
        await esbuild.build(options);
    }
}
