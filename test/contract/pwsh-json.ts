/**
 * Runs a pwsh script that writes JSON to the file named by $env:VOICE_OUT (stdout would mix in
 * warnings and progress), and returns the parsed JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPwsh } from '../support/pwsh.js';

export async function runPwshForJson<T>(script: string, env: Record<string, string>, timeoutMs: number): Promise<T> {
    const dir = mkdtempSync(path.join(tmpdir(), 'voice-pwsh-json-'));
    const out = path.join(dir, 'out.json');
    try {
        const run = await runPwsh(script, { env: { ...env, VOICE_OUT: out }, timeoutMs });
        if (run.exitCode !== 0) throw new Error(`pwsh failed (${run.exitCode}): ${run.stderr}`);
        return JSON.parse(readFileSync(out, 'utf8')) as T;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
