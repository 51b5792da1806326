/**
 * Real PowerShell for tests: find `pwsh` (or install PowerShell 7.6.9 as a dotnet tool into
 * the git-ignored .tools/ folder) and run scripts with the stand-in modules on PSModulePath.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export const PWSH_VERSION = '7.6.9';

let cached: string | null = null;

/** The repository root: the nearest folder upwards from the working directory with tenant/powershell. */
export function repoRoot(): string {
    let dir = resolve(process.cwd());
    for (;;) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tenant', 'powershell'))) return dir;
        const parent = dirname(dir);
        if (parent === dir) throw new Error(`cannot find the repository root (with tenant/powershell) above ${process.cwd()}`);
        dir = parent;
    }
}

function works(candidate: string): boolean {
    const result = spawnSync(candidate, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.Major'], { encoding: 'utf8', timeout: 60_000 });
    return result.status === 0 && Number(result.stdout.trim()) >= 7;
}

function onPath(name: string): string | null {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        const candidate = join(dir, name);
        if (dir && existsSync(candidate)) return candidate;
    }
    return null;
}

export interface PwshSearch {
    /** $VOICE_PWSH */
    explicit?: string;
    /** `pwsh` found on PATH */
    onPath?: string | null;
    /** <repo>/.tools/pwsh/pwsh, where the dotnet tool is installed */
    local: string;
    /** the `dotnet` executable, or null when there is none */
    dotnet: string | null;
    /** whether a candidate runs as PowerShell 7+ */
    works?: (candidate: string) => boolean;
}

/** The search behind findPwsh, with its inputs explicit so the failure path can be tested. */
export function locatePwsh(search: PwshSearch): string {
    const usable = search.works ?? works;
    const candidates = [search.explicit, search.onPath ?? undefined, search.local].filter((c): c is string => !!c);
    for (const candidate of candidates) {
        if (existsSync(candidate) && usable(candidate)) return candidate;
    }
    if (search.dotnet) {
        try {
            execFileSync(search.dotnet, ['tool', 'install', '--tool-path', dirname(search.local), 'PowerShell', '--version', PWSH_VERSION], { stdio: 'pipe', timeout: 600_000 });
        } catch (error) {
            const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
            throw new Error(`PowerShell not found and 'dotnet tool install PowerShell --version ${PWSH_VERSION}' failed: ${detail}`);
        }
        if (existsSync(search.local) && usable(search.local)) return search.local;
    }
    throw new Error(`PowerShell 7 not found: set VOICE_PWSH, put pwsh on PATH, or install the .NET SDK so 'dotnet tool install --tool-path .tools/pwsh PowerShell --version ${PWSH_VERSION}' can run.`);
}

/** $VOICE_PWSH, then `pwsh` on PATH, then <repo>/.tools/pwsh/pwsh, else installs it with dotnet; throws one clear line if none works. */
export function findPwsh(): string {
    cached ??= locatePwsh({
        explicit: process.env.VOICE_PWSH,
        onPath: onPath('pwsh'),
        local: join(repoRoot(), '.tools', 'pwsh', 'pwsh'),
        dotnet: onPath('dotnet')
    });
    return cached;
}

export interface PwshRun {
    stdout: string;
    stderr: string;
    exitCode: number | null;
    timedOut: boolean;
}

export interface PwshOptions {
    /** The emulator to talk to: sets VOICE_EMULATOR_URL and VOICE_EMULATOR_TOKEN. */
    emulator?: { url: string; token: string };
    env?: Record<string, string>;
    timeoutMs?: number;
}

/** The environment a pwsh process needs: stand-in modules first on PSModulePath, the emulator's URL and token. */
export function pwshEnvironment(options: PwshOptions = {}): NodeJS.ProcessEnv {
    const modules = join(repoRoot(), 'tenant', 'powershell');
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    env.PSModulePath = [modules, process.env.PSModulePath].filter(Boolean).join(delimiter);
    env.POWERSHELL_TELEMETRY_OPTOUT = '1';
    env.POWERSHELL_UPDATECHECK = 'Off';
    env.NO_COLOR = '1';
    if (options.emulator) {
        env.VOICE_EMULATOR_URL = options.emulator.url;
        env.VOICE_EMULATOR_TOKEN = options.emulator.token;
    }
    return env;
}

/** Runs a script file with real pwsh; resolves with its output and exit code (never rejects on a non-zero exit). */
export function runPwshFile(file: string, args: string[] = [], options: PwshOptions = {}): Promise<PwshRun> {
    const pwsh = findPwsh();
    return new Promise((resolveRun, reject) => {
        const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', file, ...args], { env: pwshEnvironment(options), stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
        child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
        const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs ?? 60_000);
        child.on('error', error => { clearTimeout(timer); reject(error); });
        child.on('close', code => { clearTimeout(timer); resolveRun({ stdout, stderr, exitCode: code, timedOut }); });
    });
}

/** Runs script text with real pwsh (written to a temporary .ps1 file, so `param()` and `#Requires` work). */
export async function runPwsh(script: string, options: PwshOptions = {}): Promise<PwshRun> {
    const dir = mkdtempSync(join(tmpdir(), 'voice-pwsh-'));
    const file = join(dir, 'script.ps1');
    writeFileSync(file, script, 'utf8');
    try {
        return await runPwshFile(file, [], options);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
