/**
 * A tenants file (`voice plan|apply --tenants tenants.json`, docs/pipelines.md#tenants-file):
 * the tenants one template goes to, each with its values file and its connection. Paths in it
 * are relative to the file. Read and checked here, with a clear message per mistake.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './usage-error.js';

export interface TenantEntry {
    /** A short name for the summary table and the journal (letters, digits, `.`, `_`, `-`). */
    name: string;
    /** The values file (.voicevalues), absolute. */
    values?: string;
    /** `--tenant`: a tenant id or domain, or `emulator`. */
    tenant: string;
    emulatorUrl?: string;
    signIn?: string;
    clientId?: string;
    /** A certificate file, absolute. Never its content: the file stays where it is. */
    certificate?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const KNOWN = new Set(['name', 'values', 'tenant', 'emulatorUrl', 'signIn', 'clientId', 'certificate']);

export function readTenantsFile(file: string): TenantEntry[] {
    let data: unknown;
    try {
        data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof SyntaxError ? `not JSON (${error.message})` : 'cannot read';
        throw new UsageError(`${file}: ${why}`);
    }
    const list = (data as { tenants?: unknown } | null)?.tenants;
    if (!Array.isArray(list) || list.length === 0) throw new UsageError(`${file}: expected { "tenants": [ { "name": ..., "tenant": ..., "values": ... }, ... ] }`);
    const folder = path.dirname(path.resolve(file));
    const seen = new Set<string>();
    return list.map((item: unknown, index) => {
        const where = `${file}: tenants[${index}]`;
        if (!item || typeof item !== 'object') throw new UsageError(`${where} is not an object`);
        const entry = item as Record<string, unknown>;
        const unknown = Object.keys(entry).filter(k => !KNOWN.has(k));
        if (unknown.length > 0) throw new UsageError(`${where}: unknown field ${unknown.map(k => `"${k}"`).join(', ')} (known: ${[...KNOWN].join(', ')})`);
        for (const [key, value] of Object.entries(entry)) {
            if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${where}: "${key}" must be a non-empty string`);
        }
        const name = entry.name as string | undefined;
        if (!name || !NAME.test(name)) throw new UsageError(`${where}: "name" must be letters, digits, '.', '_' or '-' (it names the tenant in the summary)`);
        if (seen.has(name)) throw new UsageError(`${where}: the name "${name}" is used twice`);
        seen.add(name);
        if (!entry.tenant) throw new UsageError(`${where} (${name}): "tenant" is missing (a tenant id or domain, or "emulator")`);
        const absolute = (key: string) => (entry[key] ? { [key]: path.resolve(folder, entry[key] as string) } : {});
        return { ...(entry as unknown as TenantEntry), ...absolute('values'), ...absolute('certificate') };
    });
}

/** The flags of `--tenants` shared by plan and apply. */
export const TENANTS_OPTIONS = {
    tenants: { type: 'string' },
    parallel: { type: 'string' }
} as const;

export const TENANTS_HELP = `  --tenants FILE.json             run for every tenant of the file, each with its values and its
                                  connection, then print one summary table (docs/pipelines.md)
  --parallel N                    with --tenants: tenants at a time (default 4)`;

/** The flags of plan and apply that --tenants reads. */
export interface TenantsFlags {
    tenants?: string; parallel?: string; tenant?: string; values?: string; 'emulator-url'?: string;
    'sign-in'?: string; 'client-id'?: string; certificate?: string;
}

/**
 * Checks the flags that go with --tenants and reads the file. The sign-in flags on the command
 * line are each tenant's default (a pipeline signs in one way for all), an entry's own win.
 */
export function tenantsFrom(values: TenantsFlags): { tenants: TenantEntry[]; parallel: number } {
    const clash = (['tenant', 'values', 'emulator-url'] as const).filter(k => values[k] !== undefined);
    if (clash.length > 0) throw new UsageError(`--tenants gives each tenant its connection and values: drop ${clash.map(k => `--${k}`).join(', ')}`);
    const parallel = values.parallel === undefined ? 4 : Number(values.parallel);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) throw new UsageError(`--parallel needs a whole number from 1 to 64, got '${values.parallel}'`);
    const defaults: Partial<TenantEntry> = {
        ...(values['sign-in'] !== undefined ? { signIn: values['sign-in'] } : {}),
        ...(values['client-id'] !== undefined ? { clientId: values['client-id'] } : {}),
        ...(values.certificate !== undefined ? { certificate: path.resolve(values.certificate) } : {})
    };
    return { tenants: readTenantsFile(values.tenants!).map(entry => ({ ...defaults, ...entry })), parallel };
}
