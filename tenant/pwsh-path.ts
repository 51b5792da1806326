/** Finds PowerShell 7 for the Teams session: $VOICE_PWSH, pwsh on PATH, or the repository's .tools/pwsh. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { TenantError } from './errors.js';
import { findRepoPath } from './emulator/paths.js';

export function findPwshExecutable(): string {
    const fromEnv = process.env.VOICE_PWSH;
    if (fromEnv && existsSync(fromEnv)) return fromEnv;
    const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        if (dir && existsSync(path.join(dir, exe))) return path.join(dir, exe);
    }
    const local = findRepoPath(path.join('.tools', 'pwsh', exe));
    if (local) return local;
    throw new TenantError('PowerShell 7 (pwsh) was not found: install it, set VOICE_PWSH, or run scripts/ensure-pwsh.sh.');
}
