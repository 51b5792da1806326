/**
 * Reading cmdlet parameters sent by the stand-in module: PowerShell already bound and
 * type-checked them, so these helpers only guard against hand-written HTTP calls.
 */
import { badRequest } from '../errors.js';

export type Params = Record<string, unknown>;

/**
 * `@{add=...; remove=...}` as the module sends it; a plain value (the whole list, passed
 * directly) arrives as `set`, which no hashtable key can reach.
 */
export interface ListModifier { add?: unknown[]; remove?: unknown[]; set?: unknown[] }

export function has(params: Params, name: string): boolean {
    return params[name] !== undefined;
}

export function optionalString(params: Params, name: string): string | null {
    const value = params[name];
    if (value === undefined || value === null) return null;
    // rule: parameter-type
    if (typeof value !== 'string' && typeof value !== 'number') throw badRequest(`Parameter -${name} must be a string.`);
    return String(value);
}

export function requiredString(params: Params, name: string): string {
    const value = optionalString(params, name);
    // rule: mandatory-parameter
    if (value === null || value === '') throw badRequest(`Cannot validate argument on parameter '${name}'. The argument is null or empty.`);
    return value;
}

export function optionalBool(params: Params, name: string): boolean | null {
    const value = params[name];
    if (value === undefined || value === null) return null;
    // rule: parameter-type
    if (typeof value !== 'boolean') throw badRequest(`Parameter -${name} must be a boolean.`);
    return value;
}

export function optionalInt(params: Params, name: string): number | null {
    const value = params[name];
    if (value === undefined || value === null) return null;
    // rule: parameter-type
    if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest(`Parameter -${name} must be an integer.`);
    return value;
}

export function stringList(params: Params, name: string): string[] {
    const value = params[name];
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * A list parameter as a modifier. Since MicrosoftTeams 4.2.0 every list modifier takes only
 * Add or Remove; a whole list is passed directly [TPS-RN].
 */
export function listModifier(params: Params, name: string): ListModifier | null {
    const value = params[name];
    if (value === undefined || value === null) return null;
    if (typeof value === 'object' && !Array.isArray(value)) {
        const v = value as Record<string, unknown>;
        const out: ListModifier = {};
        for (const key of Object.keys(v)) {
            const k = key.toLowerCase();
            if (k !== 'add' && k !== 'remove') {
                // rule: list-modifier-operations [TPS-RN]
                throw badRequest(`Parameter -${name}: unknown list operation '${key}' (use add or remove, or pass the values directly).`);
            }
            const items = v[key];
            out[k] = items === null || items === undefined ? [] : Array.isArray(items) ? items : [items];
        }
        return out;
    }
    return { set: Array.isArray(value) ? value : [value] };
}

/** Applies a list modifier: a whole list first, then remove, then add (keeping items unique by key). */
export function applyModifier<T>(current: T[], modifier: ListModifier | null, convert: (item: unknown) => T, key: (item: T) => string): T[] {
    if (!modifier) return current;
    let list = modifier.set ? modifier.set.map(convert) : [...current];
    if (modifier.remove) {
        const drop = new Set(modifier.remove.map(convert).map(key).map(k => k.toLowerCase()));
        list = list.filter(item => !drop.has(key(item).toLowerCase()));
    }
    for (const item of (modifier.add ?? []).map(convert)) {
        if (!list.some(existing => key(existing).toLowerCase() === key(item).toLowerCase())) list.push(item);
    }
    return list;
}

export function isGuid(value: string): boolean {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
