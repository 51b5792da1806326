/** `--state FILE`: the tenant written atomically after each change and read back on start. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TenantState } from './model.js';

const FORMAT = 'voice-emulator-state';
const VERSION = 1;

export function loadState(path: string): TenantState | null {
    if (!existsSync(path)) return null;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; version?: number; state?: TenantState };
    if (parsed.format !== FORMAT || parsed.version !== VERSION || !parsed.state) {
        throw new Error(`${path} is not an emulator state file (format ${FORMAT} v${VERSION})`);
    }
    return parsed.state;
}

/** Writes to a temporary file and renames it over the target, so a crash never leaves half a file. */
export function saveState(path: string, state: TenantState): void {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, version: VERSION, state }, null, 1));
    renameSync(temporary, path);
}
