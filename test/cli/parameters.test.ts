/**
 * Template parameters and values files through the real `voice` CLI: the carrier example's
 * template checks alone and with each customer's values; a bad value is reported at the
 * values file's own line; compile writes the customer's values. Applying the three customers
 * to three emulator tenants is in tenants.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runVoice } from '../support/cli.js';
import { CUSTOMERS } from '../support/customer-seeds.js';
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
