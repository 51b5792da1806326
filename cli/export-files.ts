/**
 * The steps of `voice export` after the tenant is read, callable in-process (tests, bench):
 * the pure mapping (language/export/), the house style (the editor's formatter), writing the
 * folder, and the export's own check: the real validator as `voice check` runs it, then a
 * plan of the written files against the snapshot it came from (no further reads).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportSetup, type ExportOptions, type ExportResult } from '../language/export/export-setup.js';
import { diffSetup, type Plan } from '../language/plan/diff.js';
import type { TenantSnapshot } from '../language/plan/snapshot.js';
import { flattenDiagnostics, type FileDiagnostic } from './diagnostics.js';
import { voiceTextFormatter } from './format-text.js';
import { loadSetup } from './setup-loader.js';
import { loadWorkspace } from './workspace.js';

/** The export's files, formatted as `voice format` would. */
export async function exportFormatted(snapshot: TenantSnapshot, options: ExportOptions): Promise<ExportResult> {
    const result = exportSetup(snapshot, options);
    const format = voiceTextFormatter();
    const files = await Promise.all(result.files.map(async f => ({ name: f.name, text: await format(f.text, f.name) })));
    return { ...result, files };
}

/** .voice files already in the folder (an export replaces them only when told to). */
export function existingVoiceFiles(folder: string): string[] {
    try {
        return readdirSync(folder).filter(f => f.endsWith('.voice')).sort();
    } catch {
        return [];
    }
}

/** Writes the files into the folder; the folder's earlier .voice files go first (they would join the setup). */
export function writeExport(folder: string, result: ExportResult): string[] {
    mkdirSync(folder, { recursive: true });
    for (const old of existingVoiceFiles(folder)) rmSync(path.join(folder, old));
    return result.files.map(f => {
        const file = path.join(folder, f.name);
        writeFileSync(file, f.text, 'utf8');
        return file;
    });
}

export interface ExportCheck {
    diagnostics: FileDiagnostic[];
    /** A plan of the export against the snapshot, when the files have no errors; no changes is the round trip. */
    plan?: Plan;
}

/** Checks the written files as `voice check` does, and plans them against the snapshot they came from. */
export async function checkExport(files: string[], snapshot: TenantSnapshot): Promise<ExportCheck> {
    const workspace = await loadWorkspace(files);
    const diagnostics = flattenDiagnostics(workspace.documents);
    if (diagnostics.some(d => d.severity === 'error')) return { diagnostics };
    const loaded = await loadSetup(files, workspace);
    if ('exitCode' in loaded) return { diagnostics };
    return { diagnostics, plan: diffSetup(loaded.plans, snapshot) };
}

/** The changes a plan of the export would make: none when the round trip holds. */
export function planChanges(plan: Plan): string[] {
    return plan.changes.filter(c => c.action !== 'unchanged').map(c =>
        `${c.action} ${c.resource.kind} ${c.resource.key}${c.changes.length > 0 ? ` (${c.changes.map(f => f.field).join(', ')})` : ''}`);
}
