/**
 * `conflicts()` (setup-findings.ts) over a setup's files, kept from one run of the setup's
 * rules to the next. An edit changes one file of a setup: its keys are read again, and the
 * other files' are reused while those files are neither parsed nor linked again (keys may
 * follow references). In a 5,000-store setup this saves keying 40,000 statements per edit.
 */
import type { LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import type { Model } from './generated/ast.js';
import { conflicts } from './setup-findings.js';

/** One file's items and where each key sits among them. */
interface FileKeys<T, K> {
    /** Langium's reference list when read: an unlink replaces it, a link fills it. */
    references: LangiumDocument['references'];
    linked: number;
    /** The file's items, section after section. */
    items: T[];
    /** Where each section starts in `items`. */
    sectionStarts: number[];
    /** Each key's first position in `items`; a key held twice in the file also has `more`. */
    first: Map<K, number>;
    more: Map<K, number[]>;
}

/** A member of a conflict: where it stands in setup order (section, then file, then position). */
interface Member<T> {
    section: number;
    file: number;
    position: number;
    item: T;
}

export class ConflictIndex<T, K> {
    private readonly files = new Map<Model, FileKeys<T, K>>();
    /** How many items of the setup hold each key. */
    private readonly counts = new Map<K, number>();
    /** Keys held by more than one item: the conflicts. */
    private readonly repeated = new Set<K>();

    /**
     * @param sectionsOf a file's items in sections: the setup's order is every file's first
     *   section (files in setup order), then every file's second, and so on.
     * @param keyOf an item's key; items without one take part in no conflict.
     */
    constructor(private readonly sectionsOf: (model: Model) => readonly (readonly T[])[],
        private readonly keyOf: (item: T) => K | undefined,
        /** Whether items or keys follow references (then a file linked again is read again), or only the file's text. */
        private readonly followsReferences: boolean,
        /** Whether the index is kept for the next run; a one-off run (the command line) keys the setup once, without per-file maps. */
        private readonly kept = true) {}

    /** The items of the last one-off run, for the models they were read from. */
    private once?: { models: readonly Model[]; items: T[] };

    /** The setup's items in setup order. */
    items(models: readonly Model[]): T[] {
        if (!this.kept) {
            if (this.once?.models !== models) this.once = { models, items: inSections([...new Set(models)].map(this.sectionsOf)) };
            return this.once.items;
        }
        return inSections(this.update(models).map(sectionsOf));
    }

    /** The keys the setup's items hold (a view: valid until the next call on this index). */
    keys(models: readonly Model[]): { has(key: K): boolean } {
        if (!this.kept) {
            const items = this.items(models);
            if (this.onceKeys?.items !== items) this.onceKeys = { items, keys: new Set(items.map(this.keyOf)) };
            return this.onceKeys.keys;
        }
        this.update(models);
        return this.counts;
    }

    /** The keys of the last one-off run's items. */
    private onceKeys?: { items: T[]; keys: Set<K | undefined> };

    /** Items grouped by key, the groups with more than one member, as `conflicts()` returns them. */
    conflicts(models: readonly Model[]): T[][] {
        if (!this.kept) return conflicts(this.items(models), this.keyOf);
        const files = this.update(models);
        const groups: Member<T>[][] = [];
        for (const key of this.repeated) {
            const members: Member<T>[] = [];
            files.forEach((file, index) => {
                const first = file.first.get(key);
                if (first === undefined) return;
                for (const position of [first, ...file.more.get(key) ?? []]) {
                    members.push({ section: sectionAt(file, position), file: index, position, item: file.items[position]! });
                }
            });
            groups.push(members.sort(inSetupOrder));
        }
        return groups.sort((a, b) => inSetupOrder(a[0]!, b[0]!)).map(group => group.map(member => member.item));
    }

    /** The files of `models` (each once, in order), indexed afresh where parsed or linked again. */
    private update(models: readonly Model[]): FileKeys<T, K>[] {
        const current = new Set(models);
        const stale = [...this.files].filter(([model, file]) => !current.has(model) || !this.isUpToDate(model, file));
        if (stale.length > this.files.size / 2) {
            // An edit that every file follows (network.voice, imported by all): counting afresh is cheaper than taking each file out.
            this.files.clear();
            this.counts.clear();
            this.repeated.clear();
        }
        for (const [model, file] of stale) {
            if (this.files.delete(model)) this.count(file, -1);
        }
        return [...current].map(model => {
            let file = this.files.get(model);
            if (!file) {
                this.files.set(model, file = this.read(model));
                this.count(file, +1);
            }
            return file;
        });
    }

    private read(model: Model): FileKeys<T, K> {
        const document = AstUtils.getDocument(model);
        const file: FileKeys<T, K> = {
            references: document.references, linked: document.references.length,
            items: [], sectionStarts: [], first: new Map(), more: new Map()
        };
        for (const section of this.sectionsOf(model)) {
            file.sectionStarts.push(file.items.length);
            for (const item of section) {
                const position = file.items.length;
                file.items.push(item);
                const key = this.keyOf(item);
                if (key === undefined) continue;
                if (!file.first.has(key)) file.first.set(key, position);
                else file.more.set(key, [...file.more.get(key) ?? [], position]);
            }
        }
        return file;
    }

    private count(file: FileKeys<T, K>, sign: 1 | -1): void {
        for (const [key] of file.first) {
            const count = (this.counts.get(key) ?? 0) + sign * (1 + (file.more.get(key)?.length ?? 0));
            if (count > 0) this.counts.set(key, count);
            else this.counts.delete(key);
            if (count > 1) this.repeated.add(key);
            else this.repeated.delete(key);
        }
    }

    /** Whether a file's keys still hold: the same parse (the model), and no link since where keys follow references. */
    private isUpToDate(model: Model, file: FileKeys<T, K>): boolean {
        if (!this.followsReferences) return true;
        const references = AstUtils.getDocument(model).references;
        return references === file.references && references.length === file.linked;
    }
}

/** Every file's first section (files in order), then every file's second, and so on. */
function inSections<T>(files: readonly (readonly (readonly T[])[])[]): T[] {
    const result: T[] = [];
    const sections = Math.max(0, ...files.map(f => f.length));
    for (let section = 0; section < sections; section++) {
        for (const file of files) for (const item of file[section] ?? []) result.push(item);
    }
    return result;
}

/** A file's items, section by section. */
function sectionsOf<T>(file: FileKeys<T, unknown>): T[][] {
    return file.sectionStarts.map((start, section) => file.items.slice(start, file.sectionStarts[section + 1] ?? file.items.length));
}

function sectionAt(file: FileKeys<unknown, unknown>, position: number): number {
    let section = 0;
    while (section + 1 < file.sectionStarts.length && file.sectionStarts[section + 1]! <= position) section++;
    return section;
}

function inSetupOrder(a: Member<unknown>, b: Member<unknown>): number {
    return a.section - b.section || a.file - b.file || a.position - b.position;
}
