// Bundles bench/editor-latency.ts (and the language server services it measures) with
// esbuild, as esbuild.mjs bundles the server, then runs it with this Node from the
// repository root. Usage: node bench/editor-latency.mjs [iterations]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const outfile = path.join('out', 'bench', 'editor-latency.cjs');
await esbuild.build({
    entryPoints: ['bench/editor-latency.ts'], outfile, bundle: true, platform: 'node', target: 'node22', format: 'cjs',
    sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main']
});
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
