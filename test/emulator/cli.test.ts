/** `voice emulator`: flags, printed URL/token/env lines, and the bundled CommonJS command as a real process (crash-stop exit, --state). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { emulatorCommand } from '../../cli/commands/emulator.js';
import { UsageError } from '../../cli/usage-error.js';
import { repoRoot } from '../support/pwsh.js';
import { call } from './client.js';

let scratch: string;
let bundle: string;

beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'voice-emulator-cli-'));
    const entry = join(scratch, 'entry.ts');
    writeFileSync(entry, `import { emulatorCommand } from ${JSON.stringify(join(repoRoot(), 'cli', 'commands', 'emulator.ts'))};\nemulatorCommand.run(process.argv.slice(2)).then(code => { process.exitCode = code; });\n`);
    bundle = join(scratch, 'emulator.cjs');
    // The same bundling as the shipped CLI (esbuild, CommonJS): proves no ESM-only construct slipped in.
    await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
});
afterAll(() => { rmSync(scratch, { recursive: true, force: true }); });

describe('flags', () => {
    test('bad flags are usage errors; --help prints the options', async () => {
        await expect(emulatorCommand.run(['--port', 'eighty'])).rejects.toBeInstanceOf(UsageError);
        await expect(emulatorCommand.run(['--throttle-rate', '1.5'])).rejects.toThrow(/--throttle-rate/);
        await expect(emulatorCommand.run(['--crash-after', '0'])).rejects.toBeInstanceOf(UsageError);
        await expect(emulatorCommand.run(['--lose-reply-after', '1.5'])).rejects.toThrow(/--lose-reply-after/);
        await expect(emulatorCommand.run(['--colour'])).rejects.toBeInstanceOf(UsageError);
        const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
        try {
            expect(await emulatorCommand.run(['--help'])).toBe(0);
            expect(log.mock.calls.flat().join('\n')).toContain('--replication-delay MS');
            expect(log.mock.calls.flat().join('\n')).toContain('--replication-applies-to-writes');
            expect(log.mock.calls.flat().join('\n')).toContain('--lose-reply-after N');
        } finally {
            log.mockRestore();
        }
    });

    test('prints the URL, a token it accepts and --env lines for both shells; stops on SIGINT', async () => {
        const lines: string[] = [];
        const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
        try {
            const running = emulatorCommand.run(['--port', '0', '--env', '--latency', '1']);
            await vi.waitFor(() => expect(lines.join('\n')).toContain('Press Ctrl+C'));
            const output = lines.join('\n');
            const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
            const token = /Bearer token: (\S+)/.exec(output)![1]!;
            expect((await call({ url, token }, 'GET', '/v1.0/groups')).status).toBe(200);
            expect(output).toContain(`export VOICE_EMULATOR_URL='${url}'`);
            expect(output).toContain(`export VOICE_EMULATOR_TOKEN='${token}'`);
            expect(output).toMatch(/export PSModulePath='.*tenant\/powershell'":\$PSModulePath"/);
            expect(output).toContain(`$env:VOICE_EMULATOR_URL = '${url}'`);
            expect(output).toContain('$env:PSModulePath = ');
            process.emit('SIGINT');
            expect(await running).toBe(0);
        } finally {
            log.mockRestore();
        }
    });
});

function startProcess(args: string[]): { child: ChildProcessWithoutNullStreams; ready: Promise<{ url: string; token: string }> } {
    const child = spawn(process.execPath, [bundle, '--port', '0', ...args], { cwd: repoRoot() });
    let out = '';
    const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const url = /listening on (\S+)/.exec(out)?.[1];
            const token = /Bearer token: (\S+)/.exec(out)?.[1];
            if (url && token) resolve({ url, token });
        });
        child.on('exit', code => reject(new Error(`emulator exited early (${code}): ${out}`)));
    });
    return { child, ready };
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
    return new Promise(resolve => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.on('exit', code => resolve(code));
    });
}

describe('the bundled command as a process', () => {
    test('--replication-applies-to-writes and --lose-reply-after N reach the faults', async () => {
        const running = startProcess(['--replication-delay', '5000', '--replication-applies-to-writes', '--lose-reply-after', '3']);
        try {
            const e = await running.ready;
            expect((await call(e, 'GET', '/emulator/stats')).body.faults).toMatchObject({ replicationDelayMs: 5000, replicationAppliesToWrites: true, loseReplyAfter: 3 });
        } finally {
            running.child.kill('SIGTERM');
        }
    });

    test('--crash-after N exits abruptly (code 75); --state brings the tenant back on restart', async () => {
        const statePath = join(scratch, 'state.json');
        const first = startProcess(['--state', statePath, '--crash-after', '2']);
        const a = await first.ready;
        expect((await call(a, 'PATCH', '/v1.0/users/it.admin@contoso.com', { usageLocation: 'NL' })).status).toBe(204);
        await expect(call(a, 'GET', '/v1.0/users')).rejects.toThrow();
        expect(await exitCode(first.child)).toBe(75);

        const second = startProcess(['--state', statePath]);
        try {
            const b = await second.ready;
            expect((await call(b, 'GET', '/v1.0/users/it.admin@contoso.com?$select=usageLocation')).body.usageLocation).toBe('NL');
        } finally {
            second.child.kill('SIGTERM');
            expect(await exitCode(second.child)).toBe(0);
        }
    });
});
