/**
 * Saved plans on disk: writing and reading `.voiceplan` files, the content hashes of a
 * setup's files, and telling a plan file from a setup on the command line. The format and
 * its checks are pure (language/plan/plan-file.ts); this is the file I/O around them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hasher } from '../language/plan/fingerprint.js';
import { fingerprints } from '../language/plan/fingerprint.js';
import type { PlanDocument } from '../language/plan/plan-document.js';
import type { PlanFile, SetupFile } from '../language/plan/plan-file.js';
import { PLAN_FILE_EXTENSION, PLAN_FILE_FORMAT, PlanFileError, buildPlanFile, parsePlanFile, serializePlanFile } from '../language/plan/plan-file.js';
import type { TenantSnapshot } from '../language/plan/snapshot.js';
import { toolVersion } from '../shared/version.js';
import type { LoadedSetup } from './setup-loader.js';
import { UsageError } from './usage-error.js';

export const sha256: Hasher = text => createHash('sha256').update(text, 'utf8').digest('hex');

/** A path as a plan file records it: relative to the working folder, `/`-separated. */
export function recordedPath(file: string): string {
    return path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');
}

/** Every file of the loaded setup with the hash of its content as it was checked and planned. */
export function setupFilesOf(loaded: LoadedSetup): SetupFile[] {
    const values = loaded.workspace.documents.filter(d => d.uri.fsPath === loaded.workspace.values);
    return [...loaded.setup.documents, ...values].map(d => ({ path: recordedPath(d.uri.fsPath), sha256: sha256(d.textDocument.getText()) }));
}

/** Whether a command-line argument names a saved plan: by extension, or a file (not .voice) whose content says so. */
export function isPlanFileArgument(argument: string): boolean {
    if (argument.endsWith(PLAN_FILE_EXTENSION)) return true;
    if (argument.endsWith('.voice')) return false;
    try {
        if (!statSync(argument).isFile()) return false;
        return readFileSync(argument, 'utf8').slice(0, 200).includes(`"format": "${PLAN_FILE_FORMAT}"`);
    } catch {
        return false;
    }
}

export interface ReadPlan {
    file: PlanFile;
    /** The plan's identity: the sha256 of the file's bytes. The journal records it. */
    identity: string;
    path: string;
}

/** Reads and checks a plan file; a missing, corrupt or foreign file is a usage error with the reason. */
export function readPlanFile(file: string): ReadPlan {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new UsageError(`cannot read the plan file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    try {
        return { file: parsePlanFile(text, file), identity: sha256(text), path: file };
    } catch (error) {
        if (error instanceof PlanFileError) throw new UsageError(error.message);
        throw error;
    }
}

/** Writes a plan file (creating its folder); returns its identity. */
export function writePlanFile(file: string, plan: PlanFile): string {
    const text = serializePlanFile(plan);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text, 'utf8');
    return sha256(text);
}

/** A plan file for a plan just made: the document, the setup's files, the tenant, and every object's fingerprint. */
export function planFileFor(input: { loaded: LoadedSetup; roots: string[]; doc: PlanDocument; snapshot: TenantSnapshot; tenantId: string }): PlanFile {
    const { loaded, doc, tenantId } = input;
    return buildPlanFile({
        toolVersion: toolVersion(), createdAt: new Date().toISOString(),
        tenant: { name: doc.tenant.name, id: tenantId, ...(loaded.tenant ? { declared: loaded.tenant } : {}) },
        roots: input.roots.map(recordedPath), files: setupFilesOf(loaded),
        ...(loaded.workspace.values ? { values: recordedPath(loaded.workspace.values) } : {}),
        snapshot: fingerprints(doc.changes.map(c => c.desired), input.snapshot, sha256),
        plan: { ...doc, tenant: { ...doc.tenant, id: tenantId } }, hash: sha256
    });
}
