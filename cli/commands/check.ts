import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { UsageError } from '../usage-error.js';
import type { FileDiagnostic } from '../diagnostics.js';
import { flattenDiagnostics, relativeFile } from '../diagnostics.js';
import type { OutputFormat } from '../formats.js';
import { formatJson, formatSarif, formatText } from '../formats.js';
import { collectVoiceFiles, loadWorkspace } from '../workspace.js';
import { toolVersion } from '../../shared/version.js';

const HELP = `voice check <files or folders> [--format text|json|sarif] [--values FILE.voicevalues ...]

Checks .voice files (and the files they import) and prints every diagnostic. With
--values (once per values file), a template is checked again with each tenant's values:
an error in a values file is reported at its line, one the values cause in the template
names the values file (docs/parameters.md).
Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems.`;

export const checkCommand: Command = {
    summary: 'check .voice files and print diagnostics (text, json or sarif)',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: { format: { type: 'string', default: 'text' }, values: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }
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
        const diagnostics = flattenDiagnostics(workspace.documents);
        for (const valuesFile of values.values ?? []) {
            const withValues = await loadWorkspace(files, { values: valuesFile, substitute: true });
            allProblems.push(...withValues.problems.filter(p => !allProblems.some(q => q.file === p.file)));
            diagnostics.push(...newDiagnostics(diagnostics, flattenDiagnostics(withValues.documents), relativeFile(path.resolve(valuesFile))));
        }
        for (const problem of allProblems) console.error(`${relativeFile(problem.file)}: ${problem.message}`);

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

/**
 * What checking with one values file adds: the values file's own diagnostics, and the
 * template's that only its values cause, which name the values file. The template's
 * findings without values are reported once, not once per tenant.
 */
function newDiagnostics(known: FileDiagnostic[], found: FileDiagnostic[], valuesFile: string): FileDiagnostic[] {
    const key = (d: FileDiagnostic) => `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    const seen = new Set(known.map(key));
    return found.filter(d => !seen.has(key(d)))
        .map(d => (d.file === valuesFile ? d : { ...d, message: `${d.message} (with the values of ${valuesFile})` }));
}
