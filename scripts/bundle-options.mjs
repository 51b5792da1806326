// The one esbuild configuration for everything this repository bundles (CLI, server,
// extension, benchmarks, the e2e suite): CommonJS for Node, the tool version baked in.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** esbuild options for a Node bundle of `entry` into `outfile` (both relative to the repository). */
export function nodeBundle(entry, outfile, extra = {}) {
    return {
        absWorkingDir: root,
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        sourcemap: true,
        logLevel: 'warning',
        define: { __VOICE_VERSION__: JSON.stringify(version) },
        mainFields: ['module', 'main'],
        ...extra
    };
}
