// Bundles the CLI, the language server and the VS Code client into CommonJS files
// under out/, so the extension ships without node_modules and `npx voice` starts fast.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { nodeBundle } from './scripts/bundle-options.mjs';

const watch = process.argv.includes('--watch');

/** The CLI loads Graphviz from its own bundle (cli/graphviz.ts), beside out/cli.cjs, only for `voice graph --format svg`. */
const graphvizApart = {
    name: 'graphviz-apart',
    setup(build) {
        build.onResolve({ filter: /^\.\/graphviz\.js$/ }, () => ({ path: './graphviz.cjs', external: true }));
    }
};

const builds = [
    nodeBundle('cli/main.ts', 'out/cli.cjs', { plugins: [graphvizApart] }),
    nodeBundle('cli/graphviz.ts', 'out/graphviz.cjs'),
    nodeBundle('server/main.ts', 'out/server.cjs'),
    nodeBundle('client/extension.ts', 'out/extension.cjs', { external: ['vscode'] })
].filter(b => b.entryPoints.every(existsSync));

for (const options of builds) {
    if (watch) {
        (await esbuild.context(options)).watch();
    } else {
        await esbuild.build(options);
    }
}
