/**
 * The compiled script's source map: for each range of script lines, the .voice file and
 * range it came from. Built from the blocks the generator traced; plain JSON so any tool (or a
 * reviewer) can read it, and deterministic like the script itself.
 */
import type { TracedBlock } from './powershell-generator.js';

export interface SourcePosition { line: number; column: number }

export interface SourceMapping {
    /** First and last script line (1-based, inclusive). */
    scriptLines: [number, number];
    source: string;
    /** 1-based line and column in the source file. */
    start: SourcePosition;
    end: SourcePosition;
}

export interface VoiceSourceMap {
    version: 1;
    script: string;
    sources: string[];
    mappings: SourceMapping[];
}

export function buildSourceMap(blocks: readonly TracedBlock[], scriptName: string, sourceName: (uri: string) => string): VoiceSourceMap {
    const mappings: SourceMapping[] = blocks.map(({ fileURI, range, scriptLines }) => ({
        scriptLines: [...scriptLines],
        source: sourceName(fileURI),
        start: { line: range.start.line + 1, column: range.start.character + 1 },
        end: { line: range.end.line + 1, column: range.end.character + 1 }
    }));
    mappings.sort((a, b) => a.scriptLines[0] - b.scriptLines[0] || b.scriptLines[1] - a.scriptLines[1]);
    return { version: 1, script: scriptName, sources: [...new Set(mappings.map(m => m.source))].sort(), mappings };
}

/** The most specific mapping that covers a script line, or undefined for the fixed parts (header, helpers, summary). */
export function explainLine(map: VoiceSourceMap, scriptLine: number): SourceMapping | undefined {
    return map.mappings
        .filter(m => m.scriptLines[0] <= scriptLine && scriptLine <= m.scriptLines[1])
        .sort((a, b) => (a.scriptLines[1] - a.scriptLines[0]) - (b.scriptLines[1] - b.scriptLines[0]))[0];
}

/** JSON with one mapping per line: small diffs in review, still plain JSON. */
export function formatSourceMap(map: VoiceSourceMap): string {
    const head = `{\n  "version": ${map.version},\n  "script": ${JSON.stringify(map.script)},\n  "sources": ${JSON.stringify(map.sources)},\n  "mappings": [\n`;
    return `${head}${map.mappings.map(m => `    ${JSON.stringify(m)}`).join(',\n')}\n  ]\n}\n`;
}
