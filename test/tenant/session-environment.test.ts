/**
 * The Teams PowerShell session's pwsh must write nothing but what a command prints: node-powershell
 * finds the end of a batch by a delimiter in the output's last chunk, and the keypad escapes
 * .NET writes for a terminal type such as xterm, arriving after the delimiter, hid it (a batch
 * then hung until the 10-minute timeout). Real pwsh, started with the session's environment
 * from a caller whose TERM is xterm.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { sessionEnvironment } from '../../tenant/teams/powershell-session.js';
import { findPwsh } from '../support/pwsh.js';

describe('the PowerShell session environment', () => {
    test('pwsh run with it from an xterm writes no escape sequence around a command\'s output', () => {
        const env = sessionEnvironment({ ...process.env, TERM: 'xterm' }, { VOICE_EMULATOR_URL: 'http://127.0.0.1:1' }, '');
        const run = spawnSync(findPwsh(), ['-NoLogo', '-NoProfile', '-NonInteractive', '-NoExit', '-Command', '-'], {
            input: '[Console]::Out.WriteLine("delimiter")\n"output"\n[Console]::Out.WriteLine("delimiter")\nexit\n',
            env, encoding: 'utf8', timeout: 120_000
        });
        expect(run.status).toBe(0);
        expect(JSON.stringify(run.stdout)).toBe(JSON.stringify('delimiter\noutput\ndelimiter\n'));
        expect(env.VOICE_EMULATOR_URL).toBe('http://127.0.0.1:1');
    }, 150_000);
});
