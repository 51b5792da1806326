import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const VOICE_BIN = path.join(REPO_ROOT, 'bin', 'voice.cjs');

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the real, bundled `voice` command (built by `npm run build`) in a child process. */
export function runVoice(args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliResult {
    const result = spawnSync(process.execPath, [VOICE_BIN, ...args], {
        cwd: options.cwd ?? REPO_ROOT,
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `voice` without blocking this process's event loop: needed whenever the test
 * itself serves the emulator the command talks to.
 */
export function runVoiceAsync(
    args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; onStderr?: (soFar: string) => void } = {}
): Promise<CliResult> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [VOICE_BIN, ...args], {
            cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', chunk => {
            stderr += chunk;
            options.onStderr?.(stderr);
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
        child.on('close', status => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}
