// Bundles the CLI, the language server and the VS Code client into CommonJS files
// under out/, so the extension ships without node_modules and `npx voice` starts fast.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    define: { __VOICE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
    mainFields: ['module', 'main']
};

const builds = [
    { entryPoints: ['cli/main.ts'], outfile: 'out/cli.cjs' },
    { entryPoints: ['server/main.ts'], outfile: 'out/server.cjs' },
    { entryPoints: ['client/extension.ts'], outfile: 'out/extension.cjs', external: ['vscode'] }
].filter(b => b.entryPoints.every(existsSync));

for (const b of builds) {
    const options = { ...common, ...b };
    if (watch) {
        (await esbuild.context(options)).watch();
    } else {
        await esbuild.build(options);
    }
}
