/**
 * `voice format`: the editor's formatter (cli/format-text.ts) for files and
 * pipelines. Rewrites files in place, or with --check only reports which would change.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { voiceTextFormatter } from '../format-text.js';
import { relativeFile } from '../diagnostics.js';
import { UsageError } from '../usage-error.js';
import { collectVoiceFiles, readVoiceSource } from '../workspace.js';

const HELP = `voice format <files or folders> [--check]

Formats .voice files in the house style (as the editor does). A file with syntax errors is
left alone. With --check nothing is written: exit 1 lists the files that would change.`;

export const formatCommand: Command = {
    summary: 'format .voice files (or --check that they are formatted)',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        if (positionals.length === 0) throw new UsageError(`no files or folders given\n\n${HELP}`);
        const { files, problems } = collectVoiceFiles(positionals);
        const format = voiceTextFormatter();
        const unformatted: string[] = [];
        for (const file of files) {
            const source = readVoiceSource(file);
            if ('problem' in source) {
                problems.push({ file, message: source.problem });
                continue;
            }
            const formatted = await format(source.text, file);
            if (formatted === source.text) continue;
            unformatted.push(file);
            if (!values.check) writeFileSync(file, formatted, 'utf8');
        }
        for (const problem of problems) console.error(`${relativeFile(problem.file)}: ${problem.message}`);
        for (const file of unformatted) console.log(`${relativeFile(file)}${values.check ? ': not formatted' : ': formatted'}`);
        if (problems.length > 0) return 2;
        return values.check && unformatted.length > 0 ? 1 : 0;
    }
};
