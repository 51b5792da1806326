/** Comparison helpers every kind's diff uses, and the snapshot look-ups by the keys the plan compares on. */
import type { FieldChange } from '../plan/diff.js';
import type { ObservedGroup, TenantSnapshot } from '../plan/snapshot.js';

/** Identifiers Teams matches regardless of case. */
export const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

export function sorted(values: readonly string[]): string[] {
    return [...values].map(v => v.toLowerCase()).sort();
}

/**
 * Comparison form: absent and empty text are the same. Text compares exactly (a route
 * pattern's `\d` and `\D` differ); identifiers that Teams matches regardless of case are
 * lower-cased where they are compared.
 */
function norm(value: unknown, mode?: 'ignoreCase'): unknown {
    if (value === undefined || value === null || value === '') return null;
    return mode === 'ignoreCase' && typeof value === 'string' ? value.toLowerCase() : value;
}

/** One drift field: its name, the tenant's value, the file's value (undefined: the file does not say). */
export type Field = [field: string, tenant: unknown, file: unknown, mode?: 'ignoreCase'];

/** Fields that differ, shown as the tenant and the file have them. */
export function compare(fields: Field[]): FieldChange[] {
    return fields.filter(([, from, to, mode]) => to !== undefined && JSON.stringify(norm(from, mode)) !== JSON.stringify(norm(to, mode)))
        .map(([field, from, to]) => ({ field, from, to }));
}

/** Update when a field differs, else unchanged. */
export function updateIfDiffers(changes: FieldChange[]): { action: 'update' | 'unchanged'; changes: FieldChange[] } {
    return { action: changes.length > 0 ? 'update' : 'unchanged', changes };
}

/** Looks tenant objects up by the keys the plan compares on; built once per plan. */
export class SnapshotIndex {
    constructor(readonly snapshot: TenantSnapshot) {}

    user(upn: string) { return this.snapshot.users.find(u => same(u.userPrincipalName, upn)); }
    appInstance(upn: string) { return this.snapshot.applicationInstances.find(a => same(a.userPrincipalName, upn)); }
    accountId(upn: string): string | undefined { return this.appInstance(upn)?.objectId ?? this.user(upn)?.id; }
    policiesOf(userId: string | undefined) { return userId ? this.snapshot.userPolicies.find(p => same(p.userId, userId))?.policies : undefined; }
    /**
     * The civic address with this description. Teams lets two addresses share one (two applies
     * at once can make both): the lowest id is the one used, by every plan and every apply, so
     * nothing flips between duplicates (civic-address.ts reports the others).
     */
    address(description: string) { return this.addresses(description)[0]; }
    /** Every civic address with this description, the one used first. */
    addresses(description: string) { return byLowestId(this.snapshot.civicAddresses.filter(a => same(a.description, description))); }
    group(id: string): ObservedGroup | undefined { return this.snapshot.groups.find(g => same(g.id, id)); }
}

/** Lowest civic address id first (ids compared without case): the same order on every machine. */
export function byLowestId<T extends { civicAddressId: string }>(addresses: readonly T[]): T[] {
    const key = (a: T) => a.civicAddressId.toLowerCase();
    return [...addresses].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Teams's built-in policy instance, which every tenant has and no file declares. */
export const isGlobal = (identity: string): boolean => identity.toLowerCase() === 'global';

/** Names of tenant objects that no declared key matches (case-insensitive). */
export function undeclared(names: readonly string[], declaredKeys: readonly string[]): string[] {
    const declared = new Set(declaredKeys.map(k => k.toLowerCase()));
    return names.filter(n => !declared.has(n.toLowerCase()));
}

/** A list of tenant records, or undefined when there is none (an absent object). */
export const present = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);
