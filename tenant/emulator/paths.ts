/**
 * Where the files the CLI ships with are at run time (the stand-in PowerShell modules, the
 * default seed, the example): beside the code itself, whether that is the TypeScript
 * sources (tests), the bundle in a repository's out/, the installed VSIX's out/ or an
 * npm-installed package's out/. Each keeps the repository's layout, so look upwards from
 * the code's own folder first; the working directory comes last (the demo's examples).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function startingPoints(): string[] {
    const points: string[] = [];
    if (typeof __dirname === 'string') points.push(__dirname);
    if (process.argv[1]) points.push(dirname(resolve(process.argv[1])));
    points.push(process.cwd());
    return points;
}

/** The absolute path of a shipped file or folder, or null when it cannot be found. */
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
    if (!path) throw new Error(`cannot find the stand-in modules (tenant/powershell/MicrosoftTeams) beside the voice CLI in ${codeFolder()}: reinstall the extension or package`);
    return dirname(path);
}

export function defaultSeedPath(): string {
    const path = findRepoPath(join('examples', 'seeds', 'frontline.json'));
    if (!path) throw new Error(`cannot find the default seed (examples/seeds/frontline.json) beside the voice CLI in ${codeFolder()}: pass --seed FILE`);
    return path;
}

function codeFolder(): string {
    return typeof __dirname === 'string' ? __dirname : process.cwd();
}
