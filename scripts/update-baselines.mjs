// Regenerates the compiled-script baselines beside each example, Bicep style:
// examples/<x>/<entry>.voice -> <entry>.ps1 and <entry>.ps1.map. An entry is a .voice file
// that no other file in its folder imports (the rule test/compiler/compile-helpers.ts uses);
// examples/diagnostics holds diagnostic samples, not setups, and is skipped; an entry with
// errors does not compile and gets no baseline.
// Run `npm run build` first: this uses the bundled CLI, so the baselines carry its version.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve('examples');
const cli = path.resolve('bin', 'voice.cjs');
let count = 0;
for (const dir of readdirSync(root, { withFileTypes: true }).filter(d => d.isDirectory() && d.name !== 'diagnostics').map(d => path.join(root, d.name)).sort()) {
    const files = readdirSync(dir).filter(f => f.endsWith('.voice')).sort();
    const imported = new Set();
    for (const f of files) {
        for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*import\s+"([^"]+)"/gm)) imported.add(path.resolve(dir, m[1]));
    }
    for (const f of files.map(f => path.join(dir, f)).filter(f => !imported.has(path.resolve(f)))) {
        const out = f.replace(/\.voice$/, '.ps1');
        const result = spawnSync(process.execPath, [cli, 'compile', f, '-o', out], { encoding: 'utf8' });
        if (result.status === 1) {
            // Has errors: no baseline, and none left over from before.
            for (const stale of [out, `${out}.map`]) if (existsSync(stale)) rmSync(stale);
            continue;
        }
        if (result.status !== 0) {
            process.stderr.write(result.stderr);
            process.exit(result.status ?? 1);
        }
        process.stderr.write(result.stderr);
        count++;
    }
}
console.log(`${count} baseline(s) written.`);
