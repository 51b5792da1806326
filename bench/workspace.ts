/** Generated workspaces on disk for the benchmark (test/support/generate-setup.ts makes the text). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateStores, generateWorkspace } from '../test/support/generate-setup.js';

export interface BenchWorkspace {
    stores: number;
    /** network.voice plus one file of 100 stores each, importing it. */
    folder: string;
    files: string[];
    /** The same stores in one file (what `voice compile` and the sequential script use). */
    singleFile: string;
    statements: number;
}

/**
 * Every store gets address, two numbers, resource account, assignment, policy, group and
 * emergency coverage; only the first 64 get a group grant, Teams' tenant-wide limit of
 * groups per policy type (a setup with more grants would not be valid, nor appliable).
 */
export function writeWorkspace(scratch: string, stores: number): BenchWorkspace {
    const folder = path.join(scratch, `workspace-${stores}`);
    mkdirSync(folder, { recursive: true });
    const generated = generateWorkspace(stores, { coverage: 'all', storesPerFile: 100 });
    const files = Object.entries(generated.files).map(([name, text]) => {
        writeFileSync(path.join(folder, name), text, 'utf8');
        return path.join(folder, name);
    });
    const singleFile = path.join(scratch, `stores-${stores}.voice`);
    writeFileSync(singleFile, generateStores(stores, { coverage: 'all' }).text, 'utf8');
    return { stores, folder, files, singleFile, statements: generated.statements };
}
