/**
 * The one compile pipeline, for `voice compile` and the editor's Compile alike: loaded
 * documents in, script text and source map text out. Pure: the caller loads and checks
 * the documents and writes the output, so both callers produce byte-identical scripts.
 */
import type { URI } from 'langium';
import { URI as Uri, UriUtils } from 'langium';
import type { Model } from './generated/ast.js';
import { writePowerShell } from './generator/powershell-generator.js';
import type { VoiceSourceMap } from './generator/source-map.js';
import { buildSourceMap, formatSourceMap } from './generator/source-map.js';
import { planSetup, type StatementPlan } from './plan/desired-setup.js';
import { assertPlanCoversSetup } from './plan/plan-invariant.js';

export interface CompileOptions {
    toolVersion: string;
    /** The script's file name, recorded in the source map; `<file>.ps1` beside the source by default. */
    scriptName?: string;
}

/** A compiled setup without its script text (written to a sink by compileSetupTo). */
export interface CompiledMap {
    scriptName: string;
    sourceMap: VoiceSourceMap;
    /** The source map as written beside the script (`<script>.map`). */
    sourceMapText: string;
    /** How the script and the map name a source document. */
    sourceName(uri: string): string;
}

export interface CompiledSetup extends CompiledMap {
    script: string;
}

/**
 * Compiles a checked setup (its models in setup order, setups.ts); `mainUri` names the
 * script and is the folder sources are named from. Refuses a plan that dropped a statement.
 */
export function compileSetup(models: readonly Model[], mainUri: URI, options: CompileOptions): CompiledSetup {
    const chunks: string[] = [];
    const compiled = compileSetupTo(models, mainUri, options, chunk => chunks.push(chunk));
    return { ...compiled, script: chunks.join('') };
}

/**
 * compileSetup with the script written chunk by chunk to `write` (in order) instead of
 * returned: the CLI streams a large setup's script to its file without holding it.
 */
export function compileSetupTo(models: readonly Model[], mainUri: URI, options: CompileOptions, write: (chunk: string) => void): CompiledMap {
    const plans = planSetup([...models]);
    assertPlanCoversSetup(models, plans);
    return compilePlans(plans, mainUri, options, write);
}

/** compileSetupTo for a setup already planned and checked against its plan (the CLI's loadSetup does both). */
export function compilePlans(plans: readonly StatementPlan[], mainUri: URI, options: CompileOptions, write: (chunk: string) => void): CompiledMap {
    const sourceName = sourceNamer(UriUtils.dirname(mainUri));
    const blocks = writePowerShell(plans, { mainUri: mainUri.toString(), sourceName, toolVersion: options.toolVersion }, write);
    const scriptName = options.scriptName ?? defaultScriptName(mainUri);
    const sourceMap = buildSourceMap(blocks, scriptName, sourceName);
    return { scriptName, sourceMap, sourceMapText: formatSourceMap(sourceMap), sourceName };
}

/** `stores.voice` compiles to `stores.ps1`. */
export function defaultScriptName(mainUri: URI): string {
    return `${UriUtils.basename(mainUri).replace(/\.voice$/, '') || 'setup'}.ps1`;
}

/**
 * Names sources relative to the compiled file's folder, with '/' separators: no absolute
 * paths in the output. A source under another scheme is named by its base name.
 */
export function sourceNamer(folder: URI): (uri: string) => string {
    // Asked once per statement of the script and of its source map: a setup has a few files.
    const names = new Map<string, string>();
    return uri => {
        let name = names.get(uri);
        if (name === undefined) {
            const target = Uri.parse(uri);
            name = (target.scheme === folder.scheme && UriUtils.relative(folder, target)) || UriUtils.basename(target);
            names.set(uri, name);
        }
        return name;
    };
}
