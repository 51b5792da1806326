// `npm run bench`: bundles the benchmark (bench/run.ts and what it imports) with esbuild,
// the way esbuild.mjs bundles the CLI, then runs it with this Node. Arguments pass through
// (e.g. `npm run bench -- --quick`, `--only check,editor`, `--out docs/performance.md`).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (!existsSync('out/cli.cjs')) {
    console.error('bench: out/cli.cjs is missing; run `npm run build` first (the bench measures the bundled CLI).');
    process.exit(2);
}
const outfile = path.join('out', 'bench', 'run.cjs');
await esbuild.build({
    entryPoints: ['bench/run.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    define: { __VOICE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
    mainFields: ['module', 'main']
});
const result = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
