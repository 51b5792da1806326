// `npm run bench`: bundles the benchmark (bench/run.ts and what it imports) with esbuild,
// the way esbuild.mjs bundles the CLI, then runs it with this Node. Arguments pass through
// (e.g. `npm run bench -- --quick`, `--only check,editor`, `--out docs/performance.md`).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { nodeBundle, root } from '../scripts/bundle-options.mjs';

process.chdir(root);
if (!existsSync('out/cli.cjs')) {
    console.error('bench: out/cli.cjs is missing; run `npm run build` first (the bench measures the bundled CLI).');
    process.exit(2);
}
const outfile = path.join('out', 'bench', 'run.cjs');
await esbuild.build(nodeBundle('bench/run.ts', outfile));
// The bare Langium baseline, bundled like the CLI so that both start the same way (bench/baseline/main.ts).
await esbuild.build(nodeBundle('bench/baseline/main.ts', path.join('out', 'bench', 'baseline.cjs')));
const result = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
