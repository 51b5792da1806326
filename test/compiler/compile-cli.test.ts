/** `voice compile` as users run it (the bundled CLI: run `npm run build` first). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, runVoice } from '../support/cli.js';

const STORES = path.join(REPO_ROOT, 'examples', 'frontline', 'stores.voice');

describe('voice compile', () => {
    test('prints the script to stdout, identical to the baseline', () => {
        const result = runVoice(['compile', STORES]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toBe(readFileSync(path.join(REPO_ROOT, 'examples', 'frontline', 'stores.ps1'), 'utf8'));
    });

    test('-o writes the script and its source map', () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'voice-cli-')), 'out.ps1');
        const result = runVoice(['compile', STORES, '-o', out]);
        expect(result.status, result.stderr).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('[CmdletBinding(SupportsShouldProcess)]');
        const map = JSON.parse(readFileSync(`${out}.map`, 'utf8'));
        expect(map.script).toBe('out.ps1');
        expect(map.sources).toEqual(['network.voice', 'stores.voice']);
    });

    test('--explain names the .voice statement behind a script line', () => {
        const script = readFileSync(path.join(REPO_ROOT, 'examples', 'frontline', 'stores.ps1'), 'utf8').split('\n');
        const line = script.findIndex(l => l.includes('Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName \'OregonStores\'')) + 1;
        const result = runVoice(['compile', STORES, '--explain', String(line)]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/<- stores\.voice:\d+:1-\d+:\d+/);
        expect(result.stdout).toContain('grant OregonStores     to PortlandAssociates rank 3');
        const fixed = runVoice(['compile', STORES, '--explain', '3']);
        expect(fixed.stdout).toContain('fixed script');
    });

    test('a file with errors does not compile: diagnostics and exit code 1', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'voice-cli-'));
        const file = path.join(folder, 'bad.voice');
        writeFileSync(file, 'tenant "contoso.onmicrosoft.com"\nassign Nothing to Nobody\n', 'utf8');
        const result = runVoice(['compile', file]);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('error');
        expect(result.stderr).toContain('not compiled');
    });
});
