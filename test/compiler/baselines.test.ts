/**
 * Golden files, Bicep style: each example entry's compiled script and source map sit
 * beside it (examples/<x>/<entry>.ps1 and .ps1.map). After an intended change, run
 * `npm run baselines` and review the diff.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatSourceMap } from '../../language/generator/source-map.js';
import { compileFile, exampleEntries, exampleFolders, REPO } from './compile-helpers.js';

const entries = exampleFolders().flatMap(exampleEntries);

describe('compiled example baselines', () => {
    test('the frontline example is among the baselines', () => {
        expect(entries).toContain(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
    });

    test.each(entries.map(e => [path.relative(REPO, e), e]))('%s matches its .ps1 and .ps1.map', async (_name, entry) => {
        const script = entry.replace(/\.voice$/, '.ps1');
        expect(existsSync(script), `${script} is missing: run npm run baselines`).toBe(true);
        const compiled = await compileFile(entry);
        expect(compiled.text, 'run npm run baselines and review the diff').toBe(readFileSync(script, 'utf8'));
        expect(formatSourceMap(compiled.map)).toBe(readFileSync(`${script}.map`, 'utf8'));
    });

    test('compiling twice gives byte-identical output with no absolute paths', async () => {
        const entry = path.join(REPO, 'examples', 'frontline', 'stores.voice');
        const [a, b] = [await compileFile(entry), await compileFile(entry)];
        expect(a.text).toBe(b.text);
        expect(a.text).not.toContain(REPO);
        expect(formatSourceMap(a.map)).not.toContain(REPO);
    });

    test('every .voice statement has a block headed by its step and file:line, in source order', async () => {
        const compiled = await compileFile(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
        const headings = [...compiled.text.matchAll(/^# ((?:network|stores)\.voice):(\d+) {2}/gm)].map(m => `${m[1]}:${m[2]}`);
        expect(headings.length).toBe(compiled.plans.length);
        expect(headings[0]).toBe('network.voice:4');
        const storesLines = headings.filter(h => h.startsWith('stores')).map(h => Number(h.split(':')[1]));
        expect(storesLines).toEqual([...storesLines].sort((x, y) => x - y));
        for (const mapping of compiled.map.mappings) {
            const firstLine = compiled.text.split('\n')[mapping.scriptLines[0] - 1]!;
            expect(firstLine).toMatch(/^# ---- (Prerequisites|Step \d|Inbound)/);
        }
    });
});
