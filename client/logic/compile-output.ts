/**
 * Where Compile writes its script and source map, and which existing files it may replace
 * without asking. Plain logic, no vscode: client/features/compile reads and writes the files.
 */

/** `<name>.ps1` and `<name>.ps1.map` beside the source: what `voice compile -o <name>.ps1` writes. */
export function compileOutputs(sourcePath: string, fileName: string): { script: string; map: string } {
    const folder = sourcePath.slice(0, sourcePath.lastIndexOf('/') + 1);
    return { script: `${folder}${fileName}`, map: `${folder}${fileName}.map` };
}

/** A script Compile wrote: the compiler's header (language/generator: ".SYNOPSIS … Compiled by voice <version> from …"). */
export function isCompiledScript(text: string): boolean {
    return /^<#\r?\n\.SYNOPSIS\r?\n[^\n]*\r?\n\.DESCRIPTION\r?\n\s+Compiled by voice \S+ from /.test(text);
}

/** A source map Compile wrote: its JSON names the script it maps. */
export function isCompiledMap(text: string, scriptName: string): boolean {
    try {
        const map = JSON.parse(text) as { version?: unknown; script?: unknown; mappings?: unknown };
        return map.version === 1 && map.script === scriptName && Array.isArray(map.mappings);
    } catch {
        return false;
    }
}

/**
 * The existing outputs Compile would replace that it did not write (a hand-written script of
 * that name, another tool's map): the user is asked before they are overwritten. `undefined`
 * text means no such file.
 */
export function foreignOutputs(scriptName: string, existing: { script?: string; map?: string }): string[] {
    const foreign: string[] = [];
    if (existing.script !== undefined && !isCompiledScript(existing.script)) foreign.push(scriptName);
    if (existing.map !== undefined && !isCompiledMap(existing.map, scriptName)) foreign.push(`${scriptName}.map`);
    return foreign;
}

/** The question before overwriting files Compile did not write. */
export function overwritePrompt(names: readonly string[]): { message: string; detail: string; button: string } {
    return {
        message: `${names.join(' and ')} ${names.length > 1 ? 'exist' : 'exists'} and ${names.length > 1 ? 'were' : 'was'} not written by Compile. Overwrite?`,
        detail: 'Compile writes the script and its source map beside the .voice file. Cancel keeps the existing file(s) and writes nothing.',
        button: 'Overwrite'
    };
}
