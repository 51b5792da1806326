/** Runs the bundled `voice` CLI in a child process and measures it: wall time, CPU time and peak memory. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const REPO_ROOT = process.cwd();
export const VOICE_BIN = path.join(REPO_ROOT, 'bin', 'voice.cjs');
const PRELOAD = path.join(REPO_ROOT, 'bench', 'resource-usage.cjs');

export interface MeasuredRun {
    status: number | null;
    stdout: string;
    stderr: string;
    wallMs: number;
    /** User plus system CPU time of the child (all its threads, GC included). */
    cpuMs: number;
    maxRssKb: number;
}

export function runMeasured(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<MeasuredRun> {
    return runMeasuredScript(VOICE_BIN, args, options);
}

/** Any Node script measured as `voice` is (the bench's bare Langium baseline runs through this). */
export function runMeasuredScript(script: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<MeasuredRun> {
    const dir = mkdtempSync(path.join(tmpdir(), 'voice-bench-usage-'));
    const usageFile = path.join(dir, 'usage.json');
    return new Promise(resolve => {
        const started = performance.now();
        const child = spawn(process.execPath, ['--require', PRELOAD, script, ...args], {
            cwd: REPO_ROOT, env: { ...process.env, ...options.env, VOICE_BENCH_USAGE: usageFile }, stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', c => { stdout += c; });
        child.stderr.setEncoding('utf8').on('data', c => { stderr += c; });
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30 * 60_000);
        child.on('close', status => {
            clearTimeout(timer);
            const wallMs = performance.now() - started;
            const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number } : undefined;
            rmSync(dir, { recursive: true, force: true });
            resolve({ status, stdout, stderr, wallMs, cpuMs: usage ? (usage.userUs + usage.systemUs) / 1000 : NaN, maxRssKb: usage?.maxRssKb ?? NaN });
        });
    });
}
