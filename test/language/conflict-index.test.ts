/**
 * The setup's rules keep each file's keys between runs (language/conflict-index.ts). Whatever
 * changed in between (a file parsed again, linked again, dropped, moved), the index must give
 * what `conflicts()` gives over the whole setup read afresh, groups and members in setup order.
 */
import { describe, expect, test } from 'vitest';
import { ConflictIndex } from '../../language/conflict-index.js';
import type { Model } from '../../language/generated/ast.js';
import { conflicts } from '../../language/setup-findings.js';

interface Item { name: string; key: string | undefined }

/** A stand-in for a parsed file: the index reads its items through `sectionsOf` and its document's reference list. */
interface FakeFile { model: Model; sections: Item[][] }

let seed = 7;
function random(n: number): number {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
}

function makeFile(name: string): FakeFile {
    const sections = [0, 1].map(s => Array.from({ length: random(6) }, (_, i) => ({
        name: `${name}.${s}.${i}`,
        key: random(5) === 0 ? undefined : `k${random(12)}`
    })));
    const model = { $type: 'Model', $document: { references: [] } } as unknown as Model;
    return { model, sections };
}

/** What `conflicts()` gives over the setup's items read afresh, sections first, then files. */
function expected(files: FakeFile[]): string[][] {
    const items = [0, 1].flatMap(s => files.flatMap(f => f.sections[s]!));
    return conflicts(items, i => i.key).map(group => group.map(i => i.name));
}

describe('ConflictIndex', () => {
    test('gives what conflicts() gives over the whole setup, through re-parses, re-links, removals and moves', () => {
        const sectionsByModel = new Map<Model, Item[][]>();
        const index = new ConflictIndex<Item, string>(m => sectionsByModel.get(m)!, i => i.key, true);
        let files = Array.from({ length: 6 }, (_, i) => makeFile(`f${i}`));
        let conflictsSeen = 0;
        for (let step = 0; step < 300; step++) {
            for (const f of files) sectionsByModel.set(f.model, f.sections);
            const got = index.conflicts(files.map(f => f.model)).map(group => group.map(i => i.name));
            expect(got, `step ${step}`).toEqual(expected(files));
            expect(index.items(files.map(f => f.model)).map(i => i.name)).toEqual([0, 1].flatMap(s => files.flatMap(f => f.sections[s]!)).map(i => i.name));
            // A one-off run (the command line) reads the setup afresh and gives the same.
            const once = new ConflictIndex<Item, string>(m => sectionsByModel.get(m)!, i => i.key, true, false);
            expect(once.conflicts(files.map(f => f.model)).map(group => group.map(i => i.name))).toEqual(got);
            // Which keys the setup holds, kept and one-off alike.
            const held = new Set(files.flatMap(f => f.sections.flat()).map(i => i.key));
            for (const key of Array.from({ length: 12 }, (_, k) => `k${k}`)) {
                expect(index.keys(files.map(f => f.model)).has(key), `step ${step}, ${key}`).toBe(held.has(key));
                expect(once.keys(files.map(f => f.model)).has(key)).toBe(held.has(key));
            }
            conflictsSeen += got.length;
            const at = random(files.length);
            switch (random(6)) {
                case 0: // an edit: the file is parsed again into a new model
                    files[at] = makeFile(`f${at}-${step}`);
                    break;
                case 1: { // linked again: Langium replaces the reference list, and keys that follow references may change
                    const file = files[at]!;
                    file.sections = file.sections.map(section => section.map(i => ({ ...i, key: `k${random(12)}` })));
                    (file.model as unknown as { $document: { references: unknown[] } }).$document.references = [];
                    break;
                }
                case 2: // linked where it was not yet: the same list, filled
                    files[at]!.sections[0]!.push({ name: `late-${step}`, key: 'k1' });
                    (files[at]!.model as unknown as { $document: { references: unknown[] } }).$document.references.push({});
                    break;
                case 3: // a file leaves the setup, another joins
                    if (files.length > 2) files.splice(at, 1);
                    files.push(makeFile(`n${step}`));
                    break;
                case 4: // an edit every file follows (network.voice): all are linked again
                    for (const file of files) {
                        file.sections = file.sections.map(section => section.map(i => ({ ...i, key: random(3) === 0 ? `k${random(12)}` : i.key })));
                        (file.model as unknown as { $document: { references: unknown[] } }).$document.references = [];
                    }
                    break;
                default: // the setup's order changes
                    files = [...files.slice(at), ...files.slice(0, at)];
            }
        }
        // The random setups did conflict, so the comparison above was not between empty lists.
        expect(conflictsSeen).toBeGreaterThan(300);
    });

    test('keys that follow only the text are read once per parse: a file linked again is not read again', () => {
        const file = makeFile('a');
        const other = makeFile('b');
        let reads = 0;
        const index = new ConflictIndex<Item, string>(m => { reads++; return m === file.model ? file.sections : other.sections; }, i => i.key, false);
        index.conflicts([file.model, other.model]);
        (file.model as unknown as { $document: { references: unknown[] } }).$document.references = [];
        index.conflicts([file.model, other.model]);
        expect(reads).toBe(2);
        const replaced = makeFile('c');
        index.conflicts([replaced.model, other.model]);
        expect(reads).toBe(3);
    });
});
