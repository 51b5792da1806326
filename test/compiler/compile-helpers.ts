/**
 * Compiling .voice files in-process for the compiler tests, exactly as `voice compile`
 * does (the CLI's one loader, same source naming), with the package version the bundled CLI uses.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { loadSetup } from '../../cli/setup-loader.js';
import { compileSetup } from '../../language/compile-setup.js';
import type { VoiceSourceMap } from '../../language/generator/source-map.js';
import type { StatementPlan } from '../../language/plan/desired-setup.js';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { runPwshFile, type PwshRun } from '../support/pwsh.js';

export const REPO = path.resolve(__dirname, '..', '..');
export const PACKAGE_VERSION: string = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

export interface Compiled {
    text: string;
    map: VoiceSourceMap;
    plans: StatementPlan[];
}

export async function compileFile(file: string): Promise<Compiled> {
    const loaded = await loadSetup([file]);
    if ('exitCode' in loaded) throw new Error(`${file} does not compile:\n${loaded.lines.join('\n')}`);
    const mainUri = URI.file(path.resolve(file));
    const compiled = compileSetup(loaded.models, mainUri, { toolVersion: PACKAGE_VERSION });
    return { text: compiled.script, map: compiled.sourceMap, plans: loaded.plans };
}

/** Writes the files into a fresh folder and compiles `main` (a key of `files`). */
export async function compileSources(files: Record<string, string>, main: string): Promise<Compiled & { folder: string }> {
    const folder = mkdtempSync(path.join(tmpdir(), 'voice-compile-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text, 'utf8');
    return { ...(await compileFile(path.join(folder, main))), folder };
}

/** Entry points of an example folder: .voice files no other file in it imports (the same rule as scripts/update-baselines.mjs). */
export function exampleEntries(folder: string): string[] {
    const files = readdirSync(folder).filter(f => f.endsWith('.voice')).sort();
    const imported = new Set<string>();
    for (const f of files) {
        for (const m of readFileSync(path.join(folder, f), 'utf8').matchAll(/^\s*import\s+"([^"]+)"/gm)) imported.add(path.resolve(folder, m[1]!));
    }
    return files.map(f => path.join(folder, f)).filter(f => !imported.has(path.resolve(f)));
}

export function exampleFolders(): string[] {
    const root = path.join(REPO, 'examples');
    return readdirSync(root, { withFileTypes: true })
        .filter(d => d.isDirectory() && d.name !== 'diagnostics' && readdirSync(path.join(root, d.name)).some(f => f.endsWith('.voice')))
        .map(d => path.join(root, d.name)).sort();
}

/** Runs a compiled script against the emulator with real pwsh; a failed run throws with its output. */
export async function runCompiled(script: string, emulator: EmulatorHandle): Promise<PwshRun> {
    const result = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 240_000 });
    if (result.exitCode !== 0) throw new Error(`pwsh exited ${result.exitCode}:\n${result.stdout}\n${result.stderr}`);
    return result;
}
