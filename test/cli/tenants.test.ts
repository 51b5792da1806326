/**
 * `voice plan|apply --tenants` through the real CLI, against `voice emulator` serving the
 * carrier example's three customers (one tenant per port, each seeded with its domains):
 * the template with each customer's values applies to its own tenant, a second plan shows no
 * changes anywhere, and a tenant whose emulator crashes (the --crash-after fault knob) fails
 * alone: the others finish, the summary and the exit code say which one failed.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VOICE_BIN, runVoiceAsync } from '../support/cli.js';
import { CUSTOMERS, customerSeed } from '../support/customer-seeds.js';
import { findPwsh } from '../support/pwsh.js';

const children: ChildProcessWithoutNullStreams[] = [];
let cwd: string;

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    cwd = mkdtempSync(path.join(tmpdir(), 'voice-tenants-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'carrier'), path.join(cwd, 'carrier'), { recursive: true });
    for (const customer of CUSTOMERS) writeFileSync(path.join(cwd, `${customer.name}.seed.json`), JSON.stringify(customerSeed(customer)));
});

afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
});

/** Starts `voice emulator` with the arguments; resolves to the URL of each tenant it serves, in order. */
async function voiceEmulator(args: string[], tenants: number): Promise<string[]> {
    const child = spawn(process.execPath, [VOICE_BIN, 'emulator', '--port', '0', ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    return new Promise((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', chunk => {
            output += chunk;
            const urls = [...output.matchAll(/listening on (http:\/\/127\.0\.0\.1:\d+)/g)].map(m => m[1]!);
            if (urls.length === tenants && output.includes('Press Ctrl+C')) resolve(urls);
        });
        child.on('close', code => reject(new Error(`voice emulator exited (${code}): ${output}`)));
    });
}

function tenantsFile(name: string, urls: string[]): string {
    const tenants = CUSTOMERS.map((c, i) => ({ name: c.name, values: `carrier/tenants/${c.name}.voicevalues`, tenant: 'emulator', emulatorUrl: urls[i] }));
    writeFileSync(path.join(cwd, name), JSON.stringify({ tenants }, null, 2));
    return name;
}

const row = (stdout: string, name: string) => stdout.split('\n').find(l => l.startsWith(`${name} `)) ?? '';

describe('voice plan|apply --tenants', () => {
    let urls: string[];

    it('applies one template with each customer\'s values to its own tenant; a second plan shows no changes anywhere', async () => {
        urls = await voiceEmulator(CUSTOMERS.flatMap(c => ['--seed', `${c.name}.seed.json`]), 3);
        const file = tenantsFile('tenants.json', urls);
        // A dry run first: planned, nothing applied (the apply below still creates everything).
        const dry = await runVoiceAsync(['apply', 'carrier/customer', '--tenants', file, '--auto-approve', '--dry-run', '--state-dir', 'state', '--parallel', '3'],
            { cwd, timeoutMs: 200_000 });
        expect(dry.status, dry.stdout + dry.stderr).toBe(0);
        for (const customer of CUSTOMERS) expect(row(dry.stdout, customer.name)).toMatch(/^\S+\s+\d+ \(\d+ create, 0 update\)\s+planned \(dry run\)$/);
        const applied = await runVoiceAsync(['apply', 'carrier/customer', '--tenants', file, '--auto-approve', '--state-dir', 'state', '--parallel', '3'],
            { cwd, timeoutMs: 280_000 });
        expect(applied.status, applied.stdout + applied.stderr).toBe(0);
        expect(applied.stderr).toContain('Applying 3 tenant(s), at most 3 at a time.');
        for (const customer of CUSTOMERS) {
            expect(row(applied.stdout, customer.name)).toMatch(/^\S+\s+\d+ \(\d+ create, 0 update\)\s+applied$/);
            // Each tenant its own journal, named after its tenant statement.
            expect(existsSync(path.join(cwd, 'state', `emulator-${customer.tenant}`, 'journal.jsonl'))).toBe(true);
        }
        expect(applied.stdout).toContain('3 tenant(s): 3 succeeded, 0 failed.');
        // The customer's own values reached its own tenant.
        expect(applied.stderr).toMatch(/shared-line@northwindtraders\.com/);

        const planned = await runVoiceAsync(['plan', 'carrier/customer', '--tenants', file, '--detailed-exitcode'], { cwd, timeoutMs: 200_000 });
        expect(planned.status, planned.stdout + planned.stderr).toBe(0);
        for (const customer of CUSTOMERS) expect(row(planned.stdout, customer.name)).toMatch(/^\S+\s+0\s+no changes$/);
    }, 300_000);

    it('finishes the other tenants when one fails, and reports the failure in the summary and the exit code', async () => {
        // Tailspin's tenant again, in an emulator that stops abruptly at its 3rd call.
        const [broken] = await voiceEmulator(['--seed', 'tailspin.seed.json', '--crash-after', '3'], 1);
        const file = tenantsFile('tenants-broken.json', [urls[0]!, urls[1]!, broken!]);
        const before = readFileSync(path.join(cwd, 'state', 'emulator-fabrikam.onmicrosoft.com', 'journal.jsonl'), 'utf8');
        const result = await runVoiceAsync(['apply', 'carrier/customer', '--tenants', file, '--auto-approve', '--state-dir', 'state', '--parallel', '2'],
            { cwd, timeoutMs: 280_000 });
        expect(result.status, result.stdout + result.stderr).toBe(1);
        expect(row(result.stdout, 'fabrikam')).toMatch(/0\s+no changes$/);
        expect(row(result.stdout, 'northwind')).toMatch(/0\s+no changes$/);
        expect(row(result.stdout, 'tailspin')).toMatch(/failed \(exit [12]\): .+/);
        expect(result.stdout).toContain('3 tenant(s): 2 succeeded, 1 failed.');
        // Fabrikam's journal only grew (a no-op run): nothing of Tailspin's failure in it.
        const after = readFileSync(path.join(cwd, 'state', 'emulator-fabrikam.onmicrosoft.com', 'journal.jsonl'), 'utf8');
        expect(after.startsWith(before)).toBe(true);
        expect(after).not.toContain('tailspin');
    }, 300_000);
});
