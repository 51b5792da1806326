import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import { compilePlans, compileSetup } from '../../language/compile-setup.js';
import { explainLine, type VoiceSourceMap } from '../../language/generator/source-map.js';
import type { Command } from './command.js';
import { relativeFile } from '../diagnostics.js';
import { formatText } from '../formats.js';
import { UsageError } from '../usage-error.js';
import { toolVersion } from '../../shared/version.js';
import { loadSetup } from '../setup-loader.js';

const HELP = `voice compile <file.voice> [-o <out.ps1>]
voice compile <file.voice> --explain <script line>
voice compile <file.voice> --values <tenant.voicevalues> [-o <out.ps1>]

Compiles a .voice file (with the files it imports) to one PowerShell 7 script that
applies the setup idempotently; run it with -WhatIf first. Without -o the script goes
to stdout; with -o, <out.ps1>.map is written beside it (script line ranges -> .voice
ranges). --explain prints which .voice statement produced a line of the script.
--values gives a template's parameters their values (docs/parameters.md).
A file with errors does not compile. Exit codes: 0 compiled, 1 errors, 2 usage or I/O.`;

export const compileCommand: Command = {
    summary: 'compile a .voice file to an idempotent PowerShell script (-o out.ps1, --explain <line>)',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: { out: { type: 'string', short: 'o' }, explain: { type: 'string' }, values: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        if (positionals.length !== 1) throw new UsageError(`expected exactly one .voice file\n\n${HELP}`);
        const explain = values.explain === undefined ? undefined : Number(values.explain);
        if (explain !== undefined && (!Number.isInteger(explain) || explain < 1)) throw new UsageError(`--explain needs a script line number (1 or more), got '${values.explain}'`);
        if (explain !== undefined && values.out !== undefined) throw new UsageError('--explain and -o cannot be combined');

        const file = path.resolve(positionals[0]!);
        const loaded = await loadSetup([file], undefined, values.values);
        if ('exitCode' in loaded) {
            for (const line of loaded.lines) console.error(line);
            if (loaded.exitCode === 1) console.error(`${relativeFile(file)}: not compiled, fix the errors above first.`);
            return loaded.exitCode;
        }
        if (loaded.warnings.length > 0) console.error(formatText(loaded.warnings));
        const options = { toolVersion: toolVersion(), scriptName: values.out !== undefined ? path.basename(values.out) : undefined };
        const workspace = loaded.workspace;

        if (explain !== undefined) {
            const compiled = compileSetup(loaded.models, URI.file(file), options);
            return printExplanation(compiled.sourceMap, explain, compiled.script, workspace.documents, compiled.sourceName);
        }
        // The script is streamed to its file or stdout as it is generated, never held whole.
        const compiled = writeScript(values.out, write => compilePlans(loaded.plans, URI.file(file), options, write));
        if (values.out === undefined) return 0;
        writeFileSync(`${values.out}.map`, compiled.sourceMapText, 'utf8');
        console.error(`${relativeFile(file)} -> ${values.out} (+ ${path.basename(values.out)}.map)`);
        return 0;
    }
};

function printExplanation(map: VoiceSourceMap, line: number, text: string, documents: LangiumDocument<Model>[], sourceName: (uri: string) => string): number {
    const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (line > lineCount) throw new UsageError(`the script has ${lineCount} lines; there is no line ${line}`);
    const scriptLine = text.split('\n')[line - 1]!;
    console.log(`${map.script}:${line}  ${scriptLine.trim()}`);
    const mapping = explainLine(map, line);
    if (!mapping) {
        console.log('  comes from no .voice statement: it is part of the fixed script (header, connect, helpers or summary).');
        return 0;
    }
    console.log(`  <- ${mapping.source}:${mapping.start.line}:${mapping.start.column}-${mapping.end.line}:${mapping.end.column} (script lines ${mapping.scriptLines[0]}-${mapping.scriptLines[1]})`);
    const document = documents.find(d => sourceName(d.uri.toString()) === mapping.source);
    const sourceLines = document?.textDocument.getText().split(/\r?\n/) ?? [];
    for (let l = mapping.start.line; l <= Math.min(mapping.end.line, mapping.start.line + 9); l++) {
        console.log(`  ${String(l).padStart(4)} | ${sourceLines[l - 1] ?? ''}`);
    }
    if (mapping.end.line > mapping.start.line + 9) console.log('       | ...');
    return 0;
}

/** Runs `generate` with a sink that writes to `out` (stdout without one) in chunks of about 1 MB. */
function writeScript<T>(out: string | undefined, generate: (write: (chunk: string) => void) => T): T {
    const fd = out === undefined ? undefined : openSync(out, 'w');
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
        // stdout goes through its stream (a pipe may be non-blocking); the file is written in place.
        if (pending.length > 0 && fd === undefined) process.stdout.write(pending.join(''));
        else if (pending.length > 0) writeAll(fd!, pending.join(''));
        pending = [];
        size = 0;
    };
    try {
        const result = generate(chunk => {
            pending.push(chunk);
            size += chunk.length;
            if (size >= 1 << 20) flush();
        });
        flush();
        return result;
    } finally {
        if (fd !== undefined) closeSync(fd);
    }
}

/** writeSync may write part of a buffer (a pipe on stdout): write until all of it is out. */
function writeAll(fd: number, text: string): void {
    const buffer = Buffer.from(text, 'utf8');
    for (let at = 0; at < buffer.length;) at += writeSync(fd, buffer, at);
}
