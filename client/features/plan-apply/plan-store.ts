import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { planFileName, plansToPrune } from '../../logic/saved-plans.js';

/** Applied plans kept for `voice apply --resume` (the journal names its plan file); older ones go. */
const KEEP = 50;

/**
 * Where the editor's saved plans live: `plans/` in the extension's storage (the
 * workspace's, else the global one), never the user's workspace. A plan holds names,
 * hashes and desired settings, no secret (docs/apply.md, "Saved plans").
 */
export class PlanStore {
    private count = 0;

    constructor(private readonly folder: string) {}

    /** A new, unused path for a plan of `setup`; prunes the oldest plans first. */
    newFile(setup: string): string {
        mkdirSync(this.folder, { recursive: true });
        for (const old of plansToPrune(readdirSync(this.folder), KEEP - 1)) this.discard(path.join(this.folder, old));
        return path.join(this.folder, planFileName(setup, new Date(), ++this.count));
    }

    read(file: string): string {
        return readFileSync(file, 'utf8');
    }

    discard(file: string): void {
        rmSync(file, { force: true });
    }
}
