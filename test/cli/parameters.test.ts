/**
 * Template parameters and values files through the real `voice` CLI: the carrier example's
 * template checks alone and with each customer's values; a bad value is reported at the
 * values file's own line; compile writes the customer's values. Applying the three customers
 * to three emulator tenants is in tenants.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoice, runVoiceAsync } from '../support/cli.js';
import { CUSTOMERS, customerSeed } from '../support/customer-seeds.js';
import { findPwsh } from '../support/pwsh.js';

const TEMPLATE = 'examples/carrier/customer';
const valuesOf = (name: string) => `examples/carrier/tenants/${name}.voicevalues`;

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

describe('a saved plan made with values', () => {
    it('records the values file and refuses to apply once a value changed, applying nothing', async () => {
        const emulator = await startEmulator({ port: 0, seed: customerSeed(CUSTOMERS[0]) });
        try {
            const cwd = mkdtempSync(path.join(scratch, 'saved-'));
            cpSync(path.join(REPO_ROOT, 'examples', 'carrier'), path.join(cwd, 'carrier'), { recursive: true });
            const values = 'carrier/tenants/fabrikam.voicevalues';
            const planned = await runVoiceAsync(['plan', 'carrier/customer', '--values', values, '--tenant', 'emulator', '--emulator-url', emulator.url, '--out', 'f.voiceplan'], { cwd });
            expect(planned.status, planned.stderr).toBe(0);
            expect((JSON.parse(readFileSync(path.join(cwd, 'f.voiceplan'), 'utf8')) as { setup: { values: string } }).setup.values).toBe(values);
            writeFileSync(path.join(cwd, values), readFileSync(path.join(cwd, values), 'utf8').replace('"Fabrikam"', '"Fabrikam Inc"'));
            const writes = emulator.callLog.entries.length;
            const applied = await runVoiceAsync(['apply', 'f.voiceplan', '--tenant', 'emulator', '--emulator-url', emulator.url], { cwd });
            expect(applied.status).toBe(1);
            expect(applied.stderr).toMatch(/the setup is not the one the plan was made from[\s\S]*fabrikam\.voicevalues/);
            expect(emulator.callLog.entries.slice(writes).filter(c => !/^(GET |POST \/teams\/Get-)/.test(c.route))).toEqual([]);
        } finally {
            await emulator.stop();
        }
    }, 120_000);
});
