import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { UsageError } from '../usage-error.js';
import { flattenDiagnostics, relativeFile } from '../diagnostics.js';
import type { OutputFormat } from '../formats.js';
import { formatJson, formatSarif, formatText } from '../formats.js';
import { collectVoiceFiles, loadWorkspace } from '../workspace.js';
import { toolVersion } from '../../shared/version.js';

const HELP = `voice check <files or folders> [--format text|json|sarif]

Checks .voice files (and the files they import) and prints every diagnostic.
Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems.`;

export const checkCommand: Command = {
    summary: 'check .voice files and print diagnostics (text, json or sarif)',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        const format = values.format as OutputFormat;
        if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format '${values.format}' (use text, json or sarif)`);
        if (positionals.length === 0) throw new UsageError(`no files or folders given\n\n${HELP}`);

        const { files, problems } = collectVoiceFiles(positionals);
        const workspace = await loadWorkspace(files);
        const allProblems = [...problems, ...workspace.problems];
        for (const problem of allProblems) console.error(`${relativeFile(problem.file)}: ${problem.message}`);

        const diagnostics = flattenDiagnostics(workspace.documents);
        if (format === 'json') console.log(formatJson(diagnostics));
        else if (format === 'sarif') console.log(formatSarif(diagnostics, toolVersion()));
        else if (diagnostics.length > 0) console.log(formatText(diagnostics));
        else if (allProblems.length === 0) {
            console.error(`${workspace.documents.length} file(s) checked, no problems.`);
        }
        if (allProblems.length > 0) return 2;
        return diagnostics.some(d => d.severity === 'error') ? 1 : 0;
    }
};
