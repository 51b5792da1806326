/**
 * Ctrl-C in a terminal: SIGINT to the whole foreground process group, the CLI and its pwsh
 * sessions alike. The run must end as cleanly as when only the CLI gets it: the steps under
 * way finish, exit 130, "Interrupted after N change(s)", the journal closed with its
 * run-finished record, no pwsh left running, and the next apply converges.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, VOICE_BIN, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { STACK_LINE } from './support.js';

let emulator: EmulatorHandle | undefined;
let scratch: string;

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-interrupt-'));
});

afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
});

const FRONTLINE = path.join(REPO_ROOT, 'examples', 'frontline');
const tenant = (e: EmulatorHandle): string[] => ['--tenant', 'emulator', '--emulator-url', e.url];
const target = (e: EmulatorHandle, stateDir: string): string[] => [...tenant(e), '--state-dir', stateDir];
type JournalLine = { event: string; run: string; outcome?: string; done?: number; step?: string };
const journal = (stateDir: string): JournalLine[] => {
    const file = path.join(stateDir, 'emulator-contoso.onmicrosoft.com', 'journal.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as JournalLine) : [];
};

/** Processes of the group led by `pid` that still run (zombies, already ended, do not count). */
function runningInGroup(pid: number): string[] {
    return execFileSync('ps', ['-eo', 'pgid=,stat=,args='], { encoding: 'utf8' }).split('\n')
        .map(line => line.trim().split(/\s+/))
        .filter(([pgid, stat]) => Number(pgid) === pid && !stat!.startsWith('Z'))
        .map(fields => fields.slice(2).join(' '));
}

/**
 * `voice apply` as a terminal runs it: leader of its own process group, which gets SIGINT
 * as a whole (as the terminal's Ctrl-C does) once the first step has finished; `presses`
 * times, 200 ms apart.
 */
function applyAndCtrlC(args: string[], presses = 1, env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; pid: number }> {
    const child = spawn(process.execPath, [VOICE_BIN, 'apply', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    let sent = false;
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', chunk => {
        stderr += chunk;
        if (!sent && /\[\s*\d+\/\d+\] /.test(stderr)) {
            sent = true;
            process.kill(-child.pid!, 'SIGINT');
            for (let press = 2; press <= presses; press++) setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 200 * (press - 1));
        }
    });
    return new Promise(resolve => {
        const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 180_000);
        child.on('close', (status, signal) => {
            clearTimeout(timer);
            resolve({ status, signal, stderr, pid: child.pid! });
        });
    });
}

test.skipIf(process.platform === 'win32')('Ctrl-C to the whole process group mid-apply: exit 130, the journal closed, pwsh stopped, and the next apply converges', async () => {
    // Latency keeps the apply busy for a while, so the interrupt lands mid-run.
    emulator = await startEmulator({ port: 0, faults: { latencyMs: 100 } });
    const stateDir = mkdtempSync(path.join(scratch, 'state-'));
    const interrupted = await applyAndCtrlC([FRONTLINE, ...target(emulator, stateDir), '--auto-approve']);

    expect(interrupted.stderr).not.toMatch(/PowerShell returned no result/);
    expect(interrupted.stderr).not.toMatch(STACK_LINE);
    expect(interrupted.status, interrupted.stderr).toBe(130);
    const done = Number(/Interrupted after (\d+) change\(s\)\. Run apply again to finish\./.exec(interrupted.stderr)?.[1]);
    expect(done).toBeGreaterThanOrEqual(1);
    const events = journal(stateDir);
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', outcome: 'interrupted', done });
    expect(events.filter(e => e.event === 'step-done')).toHaveLength(done);
    // The steps under way when Ctrl-C came finished: pwsh did not stop them half-way.
    const finished = new Set(events.filter(e => e.event === 'step-done' || e.event === 'step-failed').map(e => e.step));
    expect(events.filter(e => e.event === 'step-started' && !finished.has(e.step)).map(e => e.step)).toEqual([]);
    // The CLI stopped its pwsh sessions before it exited: nothing of the group is left.
    expect(runningInGroup(interrupted.pid)).toEqual([]);

    emulator.faults.configure({ latencyMs: 0 });
    const again = await runVoiceAsync(['apply', FRONTLINE, ...target(emulator, stateDir), '--auto-approve']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Resuming: the previous apply \(.*, interrupted\) finished \d+ of \d+ started step\(s\)/);
    expect(again.stderr).toMatch(/Apply complete: \d+ change\(s\) applied/);
    const plan = await runVoiceAsync(['plan', FRONTLINE, ...tenant(emulator), '--detailed-exitcode']);
    expect(plan.status, plan.stdout + plan.stderr).toBe(0);
}, 300_000);


/**
 * pwsh as one process. The repository's .tools/pwsh/pwsh is a dotnet tool shim that runs
 * PowerShell as a child process, out of the CLI's reach; an installed pwsh is one process.
 */
function singleProcessPwsh(): string {
    const pwsh = findPwsh();
    const store = path.join(path.dirname(pwsh), '.store', 'powershell');
    if (!existsSync(store)) return pwsh;
    const dll = execFileSync('find', [store, '-path', '*/unix/pwsh.dll'], { encoding: 'utf8' }).split('\n')[0]!;
    const launcher = path.join(scratch, 'pwsh');
    writeFileSync(launcher, `#!/bin/sh\nexec dotnet '${dll}' "$@"\n`, { mode: 0o755 });
    return launcher;
}

test.skipIf(process.platform === 'win32')('Ctrl-C twice stops at once: exit 130, and the CLI takes its pwsh sessions down with it', async () => {
    // Slow calls: a pwsh left to finish its batch would still be running well after the CLI exited.
    emulator = await startEmulator({ port: 0, faults: { latencyMs: 1_000 } });
    const stateDir = mkdtempSync(path.join(scratch, 'state-'));
    const stopped = await applyAndCtrlC([FRONTLINE, ...target(emulator, stateDir), '--auto-approve'], 2, { VOICE_PWSH: singleProcessPwsh() });
    const exitedAt = Date.now();
    expect(stopped.status, stopped.stderr).toBe(130);
    expect(stopped.stderr).not.toMatch(STACK_LINE);
    let left = runningInGroup(stopped.pid);
    while (left.length > 0 && Date.now() - exitedAt < 500) left = runningInGroup(stopped.pid);
    expect(left).toEqual([]);
}, 120_000);
