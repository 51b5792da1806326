/**
 * Every citation key in the repository resolves in docs/sources.md, and every source there
 * has an address. The scanner itself is tested on small texts first, so a pattern that
 * silently matches nothing cannot pass.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { citationsInFile, citationsInText, entriesOfSources } from './citations.js';

const SOURCES = 'docs/sources.md';
/** This file's fixtures cite made-up keys on purpose. */
const SELF = 'test/docs/sources.test.ts';

/** Tracked files a citation may sit in: no dependencies, build output, generated code or images. */
function trackedTextFiles(): string[] {
    return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
        .split('\0')
        .filter(Boolean)
        .filter((file) => !/^(?:node_modules|out|language\/generated)\//.test(file))
        .filter((file) => file !== SELF && path.basename(file) !== 'package-lock.json')
        .filter((file) => !/(?:^|\/)images\//.test(file) && !/\.(?:png|jpe?g|gif|svg|ico|webp|vsix)$/i.test(file));
}

function readText(file: string): string | undefined {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    return text.includes('\0') ? undefined : text;
}

describe('citation scanner', () => {
    const keys = (text: string): string[] => citationsInText(text).map((c) => c.key);

    test('reads single keys, lists, prose after a key, and brackets over two lines', () => {
        expect(keys('needs a location [NEW-SCRP].')).toEqual(['NEW-SCRP']);
        expect(keys('[GW-NEW, DR-CONNECT, USAGE-SET]')).toEqual(['GW-NEW', 'DR-CONNECT', 'USAGE-SET']);
        expect(keys('[SET-PNA; E.164 summary cited in teams-facts §3] and [SET-PNA, SC-SETUP §1.7]'))
            .toEqual(['SET-PNA', 'SET-PNA', 'SC-SETUP']);
        expect(citationsInText('x\n * per user [ECRP-GRANT; group\n * assignment disputed, TYPO-KEY here]'))
            .toEqual([{ key: 'ECRP-GRANT', line: 2 }, { key: 'TYPO-KEY', line: 3 }]);
        expect(keys('[CONNECT] and [UNCONFIRMED – none found]')).toEqual(['CONNECT', 'UNCONFIRMED']);
    });

    test('leaves regex classes, markdown links, identifiers and ordinary brackets alone', () => {
        expect(keys('/^[A-Z]{2}$/ and /-----BEGIN [A-Z ]*PRIVATE/ and [A-Z0-9]')).toEqual([]);
        expect(keys('see [README](README.md) or [SC-SETUP][ref]')).toEqual([]);
        expect(keys('[MAIN_LINE, "x"] [IO.Path]::PathSeparator [JSON.parse(x)] [PSCustomObject]@{}')).toEqual([]);
        expect(keys('[3rd-party] [x] [string[]] items[K]')).toEqual([]);
    });

    test('in scripts, reads comments and strings but not code', () => {
        const script = [
            '// Ranks are renumbered [GPA-NEW].',
            'const text = lines([HELPERS]);',
            'const plans = { [SKU_MCOEV]: 1, [SKUREF]: 2 };',
            "const comment = '# takes the Identity [NEW-SCRP].';",
            'const template = `a ${b} [G-USER]`;',
            '/** block [SC-SETUP] */'
        ].join('\n');
        expect(citationsInFile(script, 'x.ts')).toEqual([
            { key: 'GPA-NEW', line: 1 }, { key: 'NEW-SCRP', line: 4 }, { key: 'G-USER', line: 5 }, { key: 'SC-SETUP', line: 6 }
        ]);
        // The same text outside a script is read whole.
        expect(citationsInFile(script, 'x.md').map((c) => c.key)).toContain('HELPERS');
    });

    test('reads the keys and markers sources.md defines', () => {
        const markdown = [
            '## Shared Calling', '| Key | Source | Supports |', '|---|---|---|',
            '| `NEW-SCRP` | https://learn.microsoft.com/x | … |', '| **GET-SCRP** | none | … |',
            '## Markers', '| Marker | Meaning |', '|---|---|', '| `CONFLICT` | sources disagree |'
        ].join('\n');
        expect(entriesOfSources(markdown).map(({ key, marker, line }) => ({ key, marker, line }))).toEqual([
            { key: 'NEW-SCRP', marker: false, line: 4 }, { key: 'GET-SCRP', marker: false, line: 5 },
            { key: 'CONFLICT', marker: true, line: 9 }
        ]);
    });
});

describe('docs/sources.md', () => {
    const entries = entriesOfSources(readFileSync(path.join(REPO_ROOT, SOURCES), 'utf8'));
    const defined = new Set(entries.map((entry) => entry.key));

    test('defines each key once', () => {
        const seen = new Set<string>();
        const twice = entries.filter((entry) => seen.size === seen.add(entry.key).size).map((e) => `${SOURCES}:${e.line} ${e.key}`);
        expect(twice).toEqual([]);
    });

    test('gives every key an address (a Learn page or the source file on GitHub)', () => {
        const withoutUrl = entries
            .filter((entry) => !entry.marker && !/https:\/\/(?:learn\.microsoft\.com|github\.com)\//.test(entry.row))
            .map((entry) => `${SOURCES}:${entry.line} ${entry.key}`);
        expect(entries.filter((entry) => !entry.marker).length).toBeGreaterThan(40);
        expect(withoutUrl).toEqual([]);
    });

    test('resolves every key cited anywhere in the repository', () => {
        const unknown: string[] = [];
        let cited = 0;
        for (const file of trackedTextFiles()) {
            const text = readText(file);
            if (text === undefined) continue;
            for (const citation of citationsInFile(text, file)) {
                cited++;
                if (!defined.has(citation.key)) unknown.push(`${file}:${citation.line} [${citation.key}]`);
            }
        }
        // The scan must see the citations the code is known to carry, or it proves nothing.
        expect(cited).toBeGreaterThan(200);
        expect(unknown).toEqual([]);
    });
});
