/**
 * Loads the setup a command acts on: the given files or folders and what they import,
 * checked first. A setup with errors goes no further: its diagnostics are printed. This is
 * the one loader of the CLI, the tests and the benchmarks.
 */
import * as path from 'node:path';
import { AstUtils } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { isParameter } from '../language/generated/ast.js';
import { directImportUris } from '../language/imports.js';
import { mayHoldPlaceholder, placeholderNames } from '../language/parameters.js';
import type { StatementPlan } from '../language/plan/desired-setup.js';
import { planSetup } from '../language/plan/desired-setup.js';
import { assertPlanCoversSetup } from '../language/plan/plan-invariant.js';
import type { Setup } from '../language/setups.js';
import { independentSetups } from '../language/setups.js';
import type { FileDiagnostic } from './diagnostics.js';
import { flattenDiagnostics, relativeFile } from './diagnostics.js';
import { formatText } from './formats.js';
import type { InputProblem, LoadedWorkspace } from './workspace.js';
import { collectVoiceFiles, loadWorkspace } from './workspace.js';

export interface LoadedSetup {
    setup: Setup;
    models: Model[];
    plans: StatementPlan[];
    /** The tenant the files name (`tenant "..."`), if any. */
    tenant?: string;
    /** Diagnostics below error level (a setup with errors is refused). */
    warnings: FileDiagnostic[];
    workspace: LoadedWorkspace;
}

/** Why a setup could not be loaded: printed lines and the exit code (1 errors, 2 usage or I/O). */
export interface SetupRefusal {
    exitCode: 1 | 2;
    lines: string[];
}

/**
 * Loads and checks one setup; a refusal says why not (input problems, errors, several setups).
 * A caller that has loaded the inputs' workspace already passes it, so it is not built twice.
 */
export async function loadSetup(inputs: string[], loaded?: LoadedWorkspace, values?: string): Promise<LoadedSetup | SetupRefusal> {
    const { files, problems } = collectVoiceFiles(inputs);
    const workspace = loaded ?? await loadWorkspace(files, { values, substitute: true });
    const unreadable = inputRefusal([...problems, ...workspace.problems]);
    if (unreadable) return unreadable;
    const diagnostics = flattenDiagnostics(workspace.documents);
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        return { exitCode: 1, lines: [formatText(diagnostics), `\n${errors.length} error(s): fix them first ('voice check' lists them).`] };
    }
    const setup = oneSetup(workspace, inputs);
    if ('exitCode' in setup) return setup;
    const unset = parameterRefusal(setup, workspace);
    if (unset) return unset;
    const models = [...setup.models];
    const plans = planSetup(models);
    assertPlanCoversSetup(models, plans);
    const tenant = models.flatMap(m => m.statements).find(s => s.$type === 'Tenant') as { domain: string } | undefined;
    return { setup, models, plans, tenant: tenant?.domain, warnings: diagnostics, workspace };
}

/** Files that could not be read refuse the command (exit 2), one line each. */
export function inputRefusal(problems: InputProblem[]): SetupRefusal | undefined {
    return problems.length > 0 ? { exitCode: 2, lines: problems.map(p => `${relativeFile(p.file)}: ${p.message}`) } : undefined;
}

/** The one setup the inputs form, or a refusal naming the folders when they form several. */
export function oneSetup(workspace: LoadedWorkspace, inputs: string[]): Setup | SetupRefusal {
    const setups = independentSetups(workspace.setups);
    if (setups.length === 1) return setups[0]!;
    const folders = setups.map(s => `  ${relativeFile(s.folder.fsPath) || '.'}${path.sep}`);
    return {
        exitCode: 2, lines: [
            `${inputs.join(' ')} holds ${setups.length} setups (a setup is one folder's .voice files and what they import):`,
            ...folders,
            'Plan, compile, apply and graph one setup at a time: name one folder, or files of one folder.'
        ]
    };
}

/**
 * A values file must be for this setup (it imports one of its files), and every parameter the
 * setup uses needs a value: from the values file or its default.
 */
function parameterRefusal(setup: Setup, workspace: LoadedWorkspace): SetupRefusal | undefined {
    const own = new Set(setup.documents.map(d => d.uri.toString()));
    const values = workspace.values && workspace.documents.find(d => d.uri.fsPath === workspace.values);
    if (values && !directImportUris(values.parseResult.value, values.uri).some(uri => own.has(uri.toString()))) {
        return { exitCode: 2, lines: [`${relativeFile(values.uri.fsPath)} is not a values file of this setup: it imports none of its files (${relativeFile(setup.folder.fsPath) || '.'}${path.sep}).`] };
    }
    const lines: string[] = [];
    for (const document of setup.documents) {
        if (!mayHoldPlaceholder(document.textDocument.getText())) continue;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (isParameter(node)) continue;
            const unsetNames = Object.entries(node).filter(([key]) => !key.startsWith('$')).flatMap(([, v]) => [v].flat()).flatMap(v => typeof v === 'string' ? placeholderNames(v) : []);
            if (unsetNames.length === 0) continue;
            const position = node.$cstNode?.range.start;
            for (const name of new Set(unsetNames)) {
                lines.push(`${relativeFile(document.uri.fsPath)}:${(position?.line ?? 0) + 1}:${(position?.character ?? 0) + 1} error parameter ${name} has no value: give one with --values FILE (a .voicevalues file) or a default.`);
            }
        }
    }
    return lines.length > 0 ? { exitCode: 1, lines } : undefined;
}

/** Loads and checks; on a refusal prints it and returns the exit code instead. */
export async function loadCheckedSetup(inputs: string[], values?: string): Promise<LoadedSetup | number> {
    const loaded = await loadSetup(inputs, undefined, values);
    if ('exitCode' in loaded) {
        for (const line of loaded.lines) console.error(line);
        return loaded.exitCode;
    }
    return loaded;
}
