// Bundles bench/editor-latency.ts (and the language server services it measures) with
// esbuild, as esbuild.mjs bundles the server, then runs it with this Node from the
// repository root. Usage: node bench/editor-latency.mjs [iterations]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { nodeBundle, root } from '../scripts/bundle-options.mjs';

process.chdir(root);
const outfile = path.join('out', 'bench', 'editor-latency.cjs');
await esbuild.build(nodeBundle('bench/editor-latency.ts', outfile));
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
