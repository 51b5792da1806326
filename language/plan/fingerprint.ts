/**
 * Snapshot fingerprints: per object a plan touches, a stable hash of the tenant record its
 * comparison reads, or `absent`. A saved plan keeps them; apply reads the tenant again and
 * refuses when any moved (drift, another apply), since the saved changes were worked out
 * against the old record. Pure: the hash function is passed in (language/ has no crypto).
 */
import { SnapshotIndex } from '../kinds/compare.js';
import { handlerOf, KINDS, resolvedGroupIds } from '../kinds/index.js';
import type { ObservedContext } from '../kinds/kind-handler.js';
import type { Resource, ResourceKind } from './resources.js';
import type { TenantSnapshot } from './snapshot.js';

export const ABSENT = 'absent';

/** Text in, hex digest out (sha256 in the CLI). */
export type Hasher = (text: string) => string;

export interface Fingerprint {
    kind: ResourceKind;
    name: string;
    /** `sha256:<hex>` of the record's canonical JSON, or `absent`. */
    fingerprint: string;
}

/**
 * JSON with object keys sorted at every level, lists sorted and undefined left out: equal
 * records give equal text. Lists are compared as sets because every kind's comparison does
 * (usages, gateways, numbers), so a service that lists them in another order moves nothing.
 */
export function canonicalJson(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
    if (Array.isArray(value)) return `[${value.map(v => canonicalJson(v === undefined ? null : v)).sort().join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The tenant record(s) a resource's comparison looks at (its kind's `observed`), undefined
 * when the tenant has none.
 */
export function observedRecord(resource: Resource, ctx: ObservedContext): unknown {
    return handlerOf(resource).observed(resource, ctx);
}

/** The fingerprint of every resource, in the order given. */
export function fingerprints(resources: readonly Resource[], snapshot: TenantSnapshot, hash: Hasher): Fingerprint[] {
    const groupIds = resolvedGroupIds(resources, snapshot);
    const ctx: ObservedContext = { snapshot, index: new SnapshotIndex(snapshot), groupId: key => groupIds.get(key.toLowerCase()) };
    return resources.map(r => {
        const record = observedRecord(r, ctx);
        return { kind: r.kind, name: r.key, fingerprint: record === undefined ? ABSENT : `sha256:${hash(canonicalJson(record))}` };
    });
}

export interface MovedObject {
    kind: ResourceKind;
    name: string;
    /** created: absent then, present now; deleted: the reverse; changed: present both times, different. */
    how: 'created' | 'deleted' | 'changed';
}

/** The objects whose fingerprint now differs from the saved one; `skip` names objects (kind:name) not to compare. */
export function movedObjects(saved: readonly Fingerprint[], now: readonly Fingerprint[], skip: ReadonlySet<string> = new Set()): MovedObject[] {
    const current = new Map(now.map(f => [`${f.kind}:${f.name}`, f.fingerprint]));
    return saved.flatMap(f => {
        const id = `${f.kind}:${f.name}`;
        const after = current.get(id) ?? ABSENT;
        if (skip.has(id) || after === f.fingerprint) return [];
        const how = f.fingerprint === ABSENT ? 'created' : after === ABSENT ? 'deleted' : 'changed';
        return [{ kind: f.kind, name: f.name, how }];
    });
}

/**
 * The objects an interrupted run may have moved by its own hand: the steps it started, and
 * every object of a kind that depends (transitively) on a kind it started, since those read
 * what the earlier steps made (a new account's policies, the members a new grant reaches).
 */
export function movedByRun(started: ReadonlySet<string>, resources: readonly Resource[]): Set<string> {
    const startedKinds = new Set(resources.filter(r => started.has(`${r.kind}:${r.key}`)).map(r => r.kind));
    const downstream = (kind: ResourceKind): boolean => startedKinds.has(kind) || KINDS[kind].dependsOn.some(downstream);
    return new Set([...started, ...resources.filter(r => KINDS[r.kind].dependsOn.some(downstream)).map(r => `${r.kind}:${r.key}`)]);
}

/** One line per moved object, for the refusal message. */
export function describeMoved(moved: readonly MovedObject[]): string[] {
    const words = { created: 'created since the plan', deleted: 'deleted since the plan', changed: 'changed since the plan' } as const;
    return moved.map(m => `  ${m.kind} ${m.name}: ${words[m.how]}`);
}
