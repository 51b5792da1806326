/**
 * Template parameters and values files through the real `voice` CLI: the carrier example's
 * template checks alone and with each customer's values; a bad value is reported at the
 * values file's own line; compile writes the customer's values; apply converges three
 * emulator tenants (each seeded with its customer's domains) and a second plan shows no
 * changes anywhere.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle, SeedFile } from '../../tenant/emulator/index.js';
import { defaultSeedPath, readSeedFile, startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoice, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

const CUSTOMERS = [
    { name: 'fabrikam', tenant: 'fabrikam.onmicrosoft.com', domain: 'fabrikam.com' },
    { name: 'northwind', tenant: 'northwind.onmicrosoft.com', domain: 'northwindtraders.com' },
    { name: 'tailspin', tenant: 'tailspin.onmicrosoft.com', domain: 'tailspintoys.com' }
];
const TEMPLATE = 'examples/carrier/customer';
const valuesOf = (name: string) => `examples/carrier/tenants/${name}.voicevalues`;

/** The frontline seed as the customer's tenant: its domains, the same groups and users. */
export function customerSeed(customer: { tenant: string; domain: string }): SeedFile {
    const text = JSON.stringify(readSeedFile(defaultSeedPath()))
        .replaceAll('contoso.onmicrosoft.com', customer.tenant).replaceAll('contoso.com', customer.domain);
    return JSON.parse(text) as SeedFile;
}

let scratch: string;
beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-parameters-'));
});

describe('voice check with values files', () => {
    it('checks the template alone and with each customer values file', () => {
        expect(runVoice(['check', TEMPLATE]).status).toBe(0);
        const result = runVoice(['check', TEMPLATE, ...CUSTOMERS.flatMap(c => ['--values', valuesOf(c.name)])]);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
    });

    it('reports a bad value at its line in the values file, and a missing one at the import', () => {
        const bad = path.join(scratch, 'bad.voicevalues');
        const text = readFileSync(path.join(REPO_ROOT, valuesOf('tailspin')), 'utf8')
            .replace(`"../customer/customer.voice"`, JSON.stringify(path.join(REPO_ROOT, TEMPLATE, 'customer.voice')))
            .replace('"+1 509 555 0120"', '"509-555-0120"')
            .replace(/set Geo .*\n/, '');
        writeFileSync(bad, text);
        const line = text.split('\n').findIndex(l => l.includes('509-555-0120')) + 1;
        const result = runVoice(['check', TEMPLATE, '--values', bad]);
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(new RegExp(`bad\\.voicevalues:${line}:\\d+ error invalid-parameter-value "509-555-0120" is not an E\\.164 phone number`));
        expect(result.stdout).toMatch(/bad\.voicevalues:2:\d+ error invalid-parameter-value No value for Geo \(string\)/);
        // The template's own finding names the values file that causes it.
        expect(result.stdout).toMatch(/customer\.voice:\d+:\d+ error invalid-phone-number .*\(with the values of .*bad\.voicevalues\)/);
    });

    it('compiles with the values written in, and refuses a template whose parameters have no value', () => {
        const compiled = runVoice(['compile', `${TEMPLATE}/customer.voice`, '--values', valuesOf('northwind')]);
        expect(compiled.status).toBe(0);
        expect(compiled.stdout).toContain(`'shared-line@northwindtraders.com'`);
        expect(compiled.stdout).not.toContain('${');
        const refused = runVoice(['compile', `${TEMPLATE}/customer.voice`]);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(/customer\.voice:\d+:\d+ error parameter MainNumber has no value: give one with --values FILE/);
    });
});

describe('one template, three emulator tenants', () => {
    const emulators: EmulatorHandle[] = [];
    afterAll(async () => { await Promise.all(emulators.map(e => e.stop())); });

    it('applies each customer to its own tenant, then plans no changes anywhere', async () => {
        for (const customer of CUSTOMERS) emulators.push(await startEmulator({ port: 0, seed: customerSeed(customer) }));
        const cwd = mkdtempSync(path.join(scratch, 'apply-'));
        cpSync(path.join(REPO_ROOT, 'examples', 'carrier'), path.join(cwd, 'carrier'), { recursive: true });
        const args = (i: number) => ['carrier/customer', '--values', `carrier/tenants/${CUSTOMERS[i]!.name}.voicevalues`,
            '--tenant', 'emulator', '--emulator-url', emulators[i]!.url];
        const applied = await Promise.all(CUSTOMERS.map((_, i) =>
            runVoiceAsync(['apply', ...args(i), '--auto-approve', '--state-dir', 'state'], { cwd, timeoutMs: 240_000 })));
        applied.forEach(result => expect(result.status, result.stderr).toBe(0));
        CUSTOMERS.forEach((customer, i) => {
            const accounts = emulators[i]!.state.users.filter(u => u.userPrincipalName.startsWith('shared-line@'));
            expect(accounts.map(u => u.userPrincipalName)).toEqual([`shared-line@${customer.domain}`]);
        });
        const planned = await Promise.all(CUSTOMERS.map((_, i) => runVoiceAsync(['plan', ...args(i), '--detailed-exitcode'], { cwd })));
        planned.forEach(result => {
            expect(result.status, result.stdout + result.stderr).toBe(0);
            expect(result.stdout).toContain('No changes');
        });
    }, 300_000);
});
