/**
 * Where the repository's files are at run time: this code runs from TypeScript sources
 * (tests) and from the bundled CLI in out/, so look upwards from several starting points.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function startingPoints(): string[] {
    const points = [process.cwd()];
    if (typeof __dirname === 'string') points.unshift(__dirname);
    if (process.argv[1]) points.push(dirname(resolve(process.argv[1])));
    return points;
}

/** The absolute path of a file or folder in the repository, or null when it cannot be found. */
export function findRepoPath(relative: string): string | null {
    for (const start of startingPoints()) {
        let dir = resolve(start);
        for (;;) {
            const candidate = join(dir, relative);
            if (existsSync(candidate)) return candidate;
            const parent = dirname(dir);
            if (parent === dir) break;
            dir = parent;
        }
    }
    return null;
}

/** The folder to prepend to PSModulePath: it holds the MicrosoftTeams and Microsoft.Graph.Authentication stand-ins. */
export function standInModulePath(): string {
    const path = findRepoPath(join('tenant', 'powershell', 'MicrosoftTeams'));
    if (!path) throw new Error('cannot find tenant/powershell/MicrosoftTeams (run from the repository)');
    return dirname(path);
}

export function defaultSeedPath(): string {
    const path = findRepoPath(join('examples', 'seeds', 'frontline.json'));
    if (!path) throw new Error('cannot find examples/seeds/frontline.json (run from the repository, or pass --seed FILE)');
    return path;
}
