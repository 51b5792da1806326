/**
 * Loads the setup a command acts on: the given files or folders and what they import,
 * checked first. A setup with errors goes no further: its diagnostics are printed.
 */
import type { Model } from '../language/generated/ast.js';
import type { StatementPlan } from '../language/plan/desired-setup.js';
import { planSetup } from '../language/plan/desired-setup.js';
import { modelsInSetupOrder } from '../language/setup-context.js';
import { flattenDiagnostics, relativeFile } from './diagnostics.js';
import { formatText } from './formats.js';
import { collectVoiceFiles, loadWorkspace } from './workspace.js';

export interface LoadedSetup {
    models: Model[];
    plans: StatementPlan[];
    /** The tenant the files name (`tenant "..."`), if any. */
    tenant?: string;
}

/** Loads and checks; on errors prints them and returns the exit code instead. */
export async function loadCheckedSetup(inputs: string[]): Promise<LoadedSetup | number> {
    const { files, problems } = collectVoiceFiles(inputs);
    const workspace = await loadWorkspace(files);
    const allProblems = [...problems, ...workspace.problems];
    for (const problem of allProblems) console.error(`${relativeFile(problem.file)}: ${problem.message}`);
    if (allProblems.length > 0) return 2;
    const diagnostics = flattenDiagnostics(workspace.documents);
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        console.error(formatText(diagnostics));
        console.error(`\n${errors.length} error(s): fix them first ('voice check' lists them).`);
        return 1;
    }
    const { LangiumDocuments } = workspace.services.shared.workspace;
    const seen = new Set<Model>();
    const models: Model[] = [];
    for (const document of workspace.documents.filter(d => files.includes(d.uri.fsPath))) {
        for (const model of modelsInSetupOrder(LangiumDocuments, document.uri)) {
            if (!seen.has(model)) {
                seen.add(model);
                models.push(model);
            }
        }
    }
    const tenant = models.flatMap(m => m.statements).find(s => s.$type === 'Tenant') as { domain: string } | undefined;
    return { models, plans: planSetup(models), tenant: tenant?.domain };
}
