/** Generated workspaces on disk for the benchmark (test/support/generate-setup.ts makes the text). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateStores, generateWorkspace } from '../test/support/generate-setup.js';

export interface BenchWorkspace {
    stores: number;
    grantedStores: number;
    /** network.voice plus one file of 100 stores each, importing it. */
    folder: string;
    files: string[];
    /** The same stores in one file (what `voice compile` and the sequential script use). */
    singleFile: string;
    statements: number;
}

/**
 * Every store gets address, two numbers, resource account, assignment, policy, group and
 * emergency coverage; only the first `grantedStores` (at most 64, Teams' tenant-wide limit of
 * groups per policy type: a setup with more grants would not be valid, nor appliable) get a
 * group grant. Fewer than 64 give a small workspace the mix of a large one.
 */
export function writeWorkspace(scratch: string, stores: number, grantedStores = 64): BenchWorkspace {
    const folder = path.join(scratch, `workspace-${stores}-${grantedStores}`);
    mkdirSync(folder, { recursive: true });
    const options = { coverage: 'all', grantedStores } as const;
    const generated = generateWorkspace(stores, { ...options, storesPerFile: 100 });
    const files = Object.entries(generated.files).map(([name, text]) => {
        writeFileSync(path.join(folder, name), text, 'utf8');
        return path.join(folder, name);
    });
    const singleFile = path.join(scratch, `stores-${stores}-${grantedStores}.voice`);
    writeFileSync(singleFile, generateStores(stores, options).text, 'utf8');
    return { stores, grantedStores: Math.min(stores, grantedStores), folder, files, singleFile, statements: generated.statements };
}
