/**
 * A saved plan (`voice plan --out plan.voiceplan`): the plan document, the setup files it
 * was made from (content hashes), the tenant, and the fingerprint of every object the plan
 * touches. `voice apply plan.voiceplan` checks all of them before it applies exactly the
 * saved changes. Holds names and hashes, never a token or secret. Building, writing and
 * reading it back (with a clear message for a corrupt or foreign file) is pure; the CLI
 * does the file I/O and supplies the hash function.
 */
import { KINDS } from '../kinds/index.js';
import type { Action, FieldChange } from './diff.js';
import type { Fingerprint, Hasher } from './fingerprint.js';
import { ABSENT } from './fingerprint.js';
import type { PlanDocument } from './plan-document.js';
import { PLAN_FORMAT_VERSION } from './plan-document.js';
import type { Resource, ResourceKind } from './resources.js';
import { SEED_STEPS } from './resources.js';

export const PLAN_FILE_FORMAT = 'voice-plan-file';
/** Bumped on any change a reader must know about; a reader refuses other versions. */
export const PLAN_FILE_VERSION = 1;
export const PLAN_FILE_EXTENSION = '.voiceplan';

export interface SetupFile {
    /** Relative to the working folder of `voice plan`, `/`-separated. */
    path: string;
    sha256: string;
}

export interface PlanFile {
    format: typeof PLAN_FILE_FORMAT;
    format_version: typeof PLAN_FILE_VERSION;
    tool_version: string;
    created_at: string;
    /** `name` as given (domain, id or `emulator`), `id` as Teams reports it, `declared`: the files' tenant statement. */
    tenant: { name: string; id: string; declared?: string };
    /** `values`: the template's values file (docs/parameters.md), one of `files`, so a changed value refuses the plan too. */
    setup: { roots: string[]; values?: string; files: SetupFile[]; sha256: string };
    /** Every object of the plan, with its fingerprint when the plan was made. */
    snapshot: Fingerprint[];
    plan: PlanDocument;
}

/** The content hash of a setup: its files by path and content, in path order. */
export function setupHash(files: readonly SetupFile[], hash: Hasher): string {
    return hash([...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(f => `${f.path}\n${f.sha256}\n`).join(''));
}

export function buildPlanFile(input: {
    toolVersion: string; createdAt: string; tenant: PlanFile['tenant']; roots: string[]; values?: string; files: SetupFile[];
    snapshot: Fingerprint[]; plan: PlanDocument; hash: Hasher;
}): PlanFile {
    const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        format: PLAN_FILE_FORMAT, format_version: PLAN_FILE_VERSION, tool_version: input.toolVersion, created_at: input.createdAt,
        tenant: input.tenant,
        setup: { roots: input.roots, ...(input.values ? { values: input.values } : {}), files, sha256: setupHash(files, input.hash) },
        snapshot: input.snapshot,
        plan: input.plan
    };
}

export function serializePlanFile(file: PlanFile): string {
    return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file that is not a plan this version of voice can apply; the message says why. */
export class PlanFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'PlanFileError';
    }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const ACTIONS: readonly Action[] = ['create', 'update', 'unchanged'];

/** Reads a plan file's text back; throws PlanFileError naming `source` and the first thing wrong. */
export function parsePlanFile(text: string, source: string): PlanFile {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (error) {
        throw new PlanFileError(`${source} is not a voice plan file: it is not JSON (${(error as Error).message.replace(/\s+/g, ' ')}). Make one with 'voice plan <setup> --out ${source}'.`);
    }
    if (!isObject(data) || data.format !== PLAN_FILE_FORMAT) {
        throw new PlanFileError(`${source} is not a voice plan file (no "format": "${PLAN_FILE_FORMAT}"). Make one with 'voice plan <setup> --out ${source}'.`);
    }
    if (data.format_version !== PLAN_FILE_VERSION) {
        throw new PlanFileError(`${source} is a plan file of format version ${JSON.stringify(data.format_version)} (written by voice ${String(data.tool_version ?? 'unknown')}); ` +
            `this voice reads version ${PLAN_FILE_VERSION}. Plan again with this voice.`);
    }
    const problem = (where: string, what: string): never => {
        throw new PlanFileError(`${source} is corrupt: ${where} ${what}. Plan again.`);
    };
    const nonEmpty = (value: unknown, where: string): string => (typeof value === 'string' && value !== '' ? value : problem(where, 'must be a non-empty string'));
    const list = (value: unknown, where: string): unknown[] => (Array.isArray(value) ? value : problem(where, 'must be a list'));
    const object = (value: unknown, where: string): Json => (isObject(value) ? value : problem(where, 'must be an object'));
    const kind = (value: unknown, where: string): ResourceKind => (typeof value === 'string' && value in KINDS ? value as ResourceKind : problem(where, 'is not a resource kind'));

    nonEmpty(data.tool_version, 'tool_version');
    nonEmpty(data.created_at, 'created_at');
    const tenant = object(data.tenant, 'tenant');
    nonEmpty(tenant.name, 'tenant.name');
    nonEmpty(tenant.id, 'tenant.id');
    const setup = object(data.setup, 'setup');
    list(setup.roots, 'setup.roots').forEach((r, i) => nonEmpty(r, `setup.roots[${i}]`));
    if (setup.values !== undefined) nonEmpty(setup.values, 'setup.values');
    list(setup.files, 'setup.files').forEach((f, i) => {
        const file = object(f, `setup.files[${i}]`);
        nonEmpty(file.path, `setup.files[${i}].path`);
        nonEmpty(file.sha256, `setup.files[${i}].sha256`);
    });
    nonEmpty(setup.sha256, 'setup.sha256');
    const fingerprinted = new Set<string>();
    list(data.snapshot, 'snapshot').forEach((f, i) => {
        const entry = object(f, `snapshot[${i}]`);
        const name = nonEmpty(entry.name, `snapshot[${i}].name`);
        const print = nonEmpty(entry.fingerprint, `snapshot[${i}].fingerprint`);
        if (print !== ABSENT && !/^sha256:[0-9a-f]{64}$/.test(print)) problem(`snapshot[${i}].fingerprint`, `must be "${ABSENT}" or sha256:<64 hex digits>`);
        fingerprinted.add(`${kind(entry.kind, `snapshot[${i}].kind`)}:${name}`);
    });
    const plan = object(data.plan, 'plan');
    if (plan.format_version !== PLAN_FORMAT_VERSION) problem('plan.format_version', `must be "${PLAN_FORMAT_VERSION}"`);
    for (const [i, c] of list(plan.changes, 'plan.changes').entries()) {
        const where = `plan.changes[${i}]`;
        const change = object(c, where);
        const k = kind(change.kind, `${where}.kind`);
        const name = nonEmpty(change.name, `${where}.name`);
        if (!ACTIONS.includes(change.action as Action)) problem(`${where}.action`, `must be one of ${ACTIONS.join(', ')}`);
        if (typeof change.step !== 'string' || !(change.step in SEED_STEPS)) problem(`${where}.step`, 'is not a setup step');
        list(change.fields, `${where}.fields`).forEach((f, j) => nonEmpty(object(f, `${where}.fields[${j}]`).field, `${where}.fields[${j}].field`));
        const desired = object(change.desired, `${where}.desired`);
        if (desired.kind !== k || desired.key !== name) problem(`${where}.desired`, `must be the ${k} ${name}`);
        if (!fingerprinted.has(`${k}:${name}`)) problem('snapshot', `has no fingerprint for ${k} ${name}`);
    }
    list(plan.findings, 'plan.findings');
    list(plan.not_managed, 'plan.not_managed');
    object(plan.summary, 'plan.summary');
    object(plan.tenant, 'plan.tenant');
    return data as unknown as PlanFile;
}

/** A saved change as apply carries it out: the desired object, the action, the fields that differ. */
export interface SavedChange {
    resource: Resource;
    action: Action;
    changes: FieldChange[];
}

export function savedChanges(file: PlanFile): SavedChange[] {
    return file.plan.changes.map(c => ({ resource: c.desired, action: c.action, changes: c.fields.map(f => ({ field: f.field, from: f.before, to: f.after })) }));
}

/** What differs between the saved setup and the files now: paths changed, added to the setup, or gone. */
export interface SetupDifference {
    changed: string[];
    added: string[];
    missing: string[];
}

export function setupDifference(saved: readonly SetupFile[], now: readonly SetupFile[]): SetupDifference {
    const before = new Map(saved.map(f => [f.path, f.sha256]));
    const after = new Map(now.map(f => [f.path, f.sha256]));
    return {
        changed: saved.filter(f => after.has(f.path) && after.get(f.path) !== f.sha256).map(f => f.path),
        added: now.filter(f => !before.has(f.path)).map(f => f.path),
        missing: saved.filter(f => !after.has(f.path)).map(f => f.path)
    };
}

export function sameSetup(difference: SetupDifference): boolean {
    return difference.changed.length + difference.added.length + difference.missing.length === 0;
}

/** Why a saved plan no longer fits these files, one line per file; a wholly different set of files is "another setup". */
export function describeSetupDifference(difference: SetupDifference, saved: readonly SetupFile[]): string[] {
    if (difference.missing.length === saved.length && difference.changed.length === 0) {
        return [`  the plan was made from another setup: ${saved.map(f => f.path).join(', ')}`];
    }
    return [
        ...difference.changed.map(p => `  ${p}: changed since the plan`),
        ...difference.added.map(p => `  ${p}: added to the setup since the plan`),
        ...difference.missing.map(p => `  ${p}: no longer in the setup`)
    ];
}
