/**
 * Reading tenant rows defensively: cmdlet output and Graph items arrive as JSON whose shape
 * Microsoft does not always pin down (a single value where a list is usual, null where a
 * value is unset, "Tag:" prefixes on per-user policy instances). Every kind's read mapping
 * goes through these, so an odd shape reads as "absent", never as a crash.
 */

/** One row of a bulk read: a cmdlet's output object or a Graph collection item. */
export type Row = Record<string, unknown>;

/** Text, or undefined for null, undefined and the empty string. */
export function str(value: unknown): string | undefined {
    return value === null || value === undefined || value === '' ? undefined : String(value);
}

/** A finite number, or undefined. */
export function num(value: unknown): number | undefined {
    const n = value === null || value === undefined || value === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : undefined;
}

/** A list, whether the JSON held a list, one value or nothing. */
export function list(value: unknown): unknown[] {
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
}

/** Teams shows per-user policy instances as "Tag:Name". */
export function stripTag(identity: string): string {
    return identity.replace(/^tag:/i, '');
}

/** An identity that reads back with or without its "Tag:" prefix. */
export const identityOf = (row: Row): string => stripTag(str(row.Identity) ?? '');

/** An unset id reads back as the zero GUID (or, defensively, null) [GET-PNA]. */
export function unlessZeroGuid(id: string | undefined): string | undefined {
    return id === undefined || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id) ? undefined : id;
}
