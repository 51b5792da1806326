/**
 * Template parameters (docs/parameters.md): a setup declares `param Name type`, its strings
 * use the value as `${Name}`, and a per-tenant values file (`.voicevalues`) sets it. The
 * CLI writes the values into the statements before the setup's rules are checked, so the
 * rules, the compiler and plan see a tenant's own numbers, UPNs, domains and countries.
 */
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import type { Address, Model, Parameter } from './generated/ast.js';
import { isParameter, isParameterValue } from './generated/ast.js';
import { isIsoCountry } from './countries.js';
import { FQDN, UPN } from './patterns.js';
import { isParsedNumber, parseNumber } from './phone-numbers.js';

export const VALUES_EXTENSION = '.voicevalues';

const PLACEHOLDER = /\$\{([_a-zA-Z]\w*)\}/g;

/**
 * Whether a file's text may hold a `${Name}` in one of its strings: a cheap test before
 * looking at every string. `$` rather than `${`, since an escape (`$\{`) also makes one.
 */
export function mayHoldPlaceholder(text: string): boolean {
    return text.includes('$');
}

/** The parameter names a string uses, in order. */
export function placeholderNames(text: string): string[] {
    return [...text.matchAll(PLACEHOLDER)].map(m => m[1]!);
}

/** Whether a property value (a string or a list of strings) still holds a `${Name}`. */
export function holdsPlaceholder(value: unknown): boolean {
    if (typeof value === 'string') return placeholderNames(value).length > 0;
    return Array.isArray(value) && value.some(v => typeof v === 'string' && placeholderNames(v).length > 0);
}

/** Why `value` does not fit the parameter's type and pattern, or undefined when it does. */
export function parameterValueProblem(parameter: Pick<Parameter, 'type' | 'pattern'>, value: string): string | undefined {
    const typed: Record<string, () => string | undefined> = {
        'string': () => undefined,
        'phone-number': () => isParsedNumber(parseNumber(value)) ? undefined : 'is not an E.164 phone number (+, country code, digits)',
        'country': () => isIsoCountry(value) ? undefined : 'is not an ISO 3166-1 alpha-2 country code (two capital letters, like US)',
        'upn': () => UPN.test(value) ? undefined : 'is not a user principal name (name@domain)',
        'domain': () => FQDN.test(value) ? undefined : 'is not a domain name (like contoso.com)'
    };
    const problem = typed[parameter.type]?.();
    if (problem) return problem;
    const pattern = patternOf(parameter.pattern);
    if (pattern && !pattern.test(value)) return `does not match the parameter's pattern "${parameter.pattern}"`;
    return undefined;
}

/** The pattern as a whole-value regular expression; undefined when absent or not a valid expression. */
export function patternOf(pattern: string | undefined): RegExp | undefined {
    if (pattern === undefined) return undefined;
    try {
        return new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
        return undefined;
    }
}

/** Every parameter the models declare, by name (the first declaration wins; duplicates are reported as duplicate names). */
export function declaredParameters(models: Iterable<Model>): Map<string, Parameter> {
    const byName = new Map<string, Parameter>();
    for (const model of models) {
        for (const parameter of model.parameters) {
            if (typeof parameter.name === 'string' && !byName.has(parameter.name)) byName.set(parameter.name, parameter);
        }
    }
    return byName;
}

/** The value of each parameter: the values file's `set`, else the declared default. Unset parameters are missing. */
export function resolveParameterValues(parameters: Map<string, Parameter>, values?: Model): Map<string, string> {
    const result = new Map<string, string>();
    for (const [name, parameter] of parameters) {
        if (parameter.default !== undefined) result.set(name, parameter.default);
    }
    for (const set of values?.values ?? []) {
        const name = set.parameter?.ref?.name ?? set.parameter?.$refText;
        if (name && parameters.has(name) && typeof set.value === 'string') result.set(name, set.value);
    }
    return result;
}

/**
 * Writes the values into every string of the models' statements (not into the parameter
 * declarations). Names without a value stay as `${Name}`; the caller reports them.
 */
export function substituteParameters(models: Iterable<Model>, values: ReadonlyMap<string, string>): void {
    const replace = (text: string): string => text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
    for (const model of models) {
        for (const node of AstUtils.streamAst(model)) {
            if (isParameter(node) || isParameterValue(node)) continue;
            const record = node as AstNode & Record<string, unknown>;
            for (const key of Object.keys(record)) {
                if (key.startsWith('$')) continue;
                const value = record[key];
                if (typeof value === 'string') record[key] = replace(value);
                else if (Array.isArray(value) && value.every(v => typeof v === 'string')) record[key] = value.map(replace);
            }
        }
    }
}

/** `geo "lat, long"` as numbers; undefined when it is not two numbers (or still holds a `${Name}`). */
export function parseCoordinates(text: string): [number, number] | undefined {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** An address's coordinates, written as two numbers or as one string; undefined when it has none (or they do not parse). */
export function geoOf(address: Pick<Address, 'latitude' | 'longitude' | 'coordinates'>): { latitude?: number; longitude?: number } {
    const parsed = address.coordinates === undefined ? undefined : parseCoordinates(address.coordinates);
    return parsed ? { latitude: parsed[0], longitude: parsed[1] } : { latitude: address.latitude, longitude: address.longitude };
}
