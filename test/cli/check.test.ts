import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runVoice } from '../support/cli.js';
import { generateStores } from '../support/generate-setup.js';

let scratch: string;
beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-check-'));
});

function scratchFile(name: string, content: string | Buffer): string {
    const file = path.join(scratch, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
}

const BAD = 'address Home { company "C" country US geo 1, 2 }\nnumber N "+1 206 555" direct-routing at Home\n';

describe('voice check', () => {
    it('exits 0 on the frontline example', () => {
        const result = runVoice(['check', 'examples/frontline']);
        expect(result.stderr).toContain('no problems');
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
    });

    it('prints file:line:col severity code message and exits 1 on errors', () => {
        const file = scratchFile('bad.voice', BAD);
        const result = runVoice(['check', file]);
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/bad\.voice:2:10 error invalid-phone-number '\+1 206 555' is not an E\.164 number/);
    });

    it('prints syntax errors in plain words, one diagnostic a line', () => {
        const file = scratchFile('syntax.voice', 'address A { company "C" country US geo 1, 2 }\nnumber N "+1 206 555 0100" direct-routng at A\n');
        const result = runVoice(['check', file]);
        expect(result.status).toBe(1);
        const lines = result.stdout.trim().split('\n');
        const syntax = lines.filter(l => l.includes(' syntax-error ')).map(l => l.slice(l.indexOf('syntax.voice:')));
        expect(syntax).toEqual([
            `syntax.voice:2:28 error syntax-error Expected 'direct-routing', 'calling-plan' or 'operator-connect' after '"+1 206 555 0100"', found 'direct'.`,
            "syntax.voice:2:34 error syntax-error 'direct-routng' is not a keyword (check its spelling); a name has only letters, digits and '_'."
        ]);
        for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+ (error|warning|info|hint) [a-z-]+ \S/);
    });

    it('prints JSON with 1-based ranges', () => {
        const file = scratchFile('bad-json.voice', BAD);
        const result = runVoice(['check', '--format', 'json', file]);
        expect(result.status).toBe(1);
        const { diagnostics } = JSON.parse(result.stdout);
        const invalid = diagnostics.find((d: { code: string }) => d.code === 'invalid-phone-number');
        expect(invalid).toMatchObject({ line: 2, column: 10, endLine: 2, endColumn: 22, severity: 'error' });
        expect(Object.keys(invalid).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    });

    it('prints SARIF 2.1.0 with rules and locations', () => {
        const file = scratchFile('bad-sarif.voice', BAD);
        const result = runVoice(['check', '--format', 'sarif', file]);
        expect(result.status).toBe(1);
        const log = JSON.parse(result.stdout);
        expect(log.version).toBe('2.1.0');
        expect(log.$schema).toContain('sarif-2.1.0');
        const run = log.runs[0];
        expect(run.tool.driver.name).toBe('voice');
        const result0 = run.results.find((r: { ruleId: string }) => r.ruleId === 'invalid-phone-number');
        expect(result0.level).toBe('error');
        expect(run.tool.driver.rules[result0.ruleIndex].id).toBe('invalid-phone-number');
        expect(result0.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 10 });
        expect(result0.locations[0].physicalLocation.artifactLocation.uri).toMatch(/bad-sarif\.voice$/);
    });

    it('reports warnings without failing', () => {
        const file = scratchFile('warn.voice', 'address Home { company "C" country US geo 1, 2 }\nnumber Spare "+1 206 555 0199" operator-connect at Home\n');
        const result = runVoice(['check', file]);
        expect(result.stdout).toMatch(/warning unassigned-number/);
        expect(result.status).toBe(0);
    });

    it('follows imports and reports unresolved ones', () => {
        const file = scratchFile('imports/main.voice', 'import "missing.voice"\n');
        const result = runVoice(['check', file]);
        expect(result.stdout).toMatch(/main\.voice:1:8 error unresolved-import Cannot find 'missing\.voice'/);
        expect(result.status).toBe(1);
    });

    it('gives one clear line for a missing file', () => {
        const result = runVoice(['check', path.join(scratch, 'nope.voice')]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toMatch(/nope\.voice: no such file or folder$/);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('gives one clear line for a folder without .voice files', () => {
        const folder = path.join(scratch, 'empty');
        mkdirSync(folder, { recursive: true });
        const result = runVoice(['check', folder]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toMatch(/empty: folder contains no \.voice files$/);
    });

    it('refuses a binary file in one line', () => {
        const file = scratchFile('binary.voice', Buffer.from([0x74, 0x65, 0x00, 0x01, 0xff, 0x00]));
        const result = runVoice(['check', file]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toMatch(/binary\.voice: binary file/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('refuses invalid UTF-8 in one line, naming the offset', () => {
        const file = scratchFile('latin1.voice', Buffer.concat([Buffer.from('group G "Caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
        const result = runVoice(['check', file]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toMatch(/latin1\.voice: not valid UTF-8 \(first bad byte at offset 12\)/);
    });

    it('refuses a huge file before parsing it', () => {
        const file = scratchFile('huge.voice', 'number X "+1" '.repeat(400_000));
        const result = runVoice(['check', file]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toMatch(/huge\.voice: file is 5\.3 MiB; the limit is 4 MiB/);
    });

    it('survives a large invalid file under the size limit', () => {
        const file = scratchFile('garbage.voice', '{'.repeat(200_000) + ' number ' + '"'.repeat(1000));
        const result = runVoice(['check', '--format', 'json', file], { timeoutMs: 120_000 });
        expect(result.status).toBe(1);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(JSON.parse(result.stdout).diagnostics.length).toBeGreaterThan(0);
    });

    it('rejects unknown formats and missing arguments with exit 2', () => {
        expect(runVoice(['check', '--format', 'xml', 'examples/frontline']).status).toBe(2);
        expect(runVoice(['check']).status).toBe(2);
        expect(runVoice(['check', '--nope', 'examples']).status).toBe(2);
        expect(runVoice(['frobnicate']).status).toBe(2);
    });

    it('checks a 5,000-statement file without errors', () => {
        const setup = generateStores(715);
        expect(setup.statements).toBeGreaterThanOrEqual(5000);
        const file = scratchFile('large.voice', setup.text);
        const started = Date.now();
        const result = runVoice(['check', '--format', 'json', file], { timeoutMs: 180_000 });
        const seconds = (Date.now() - started) / 1000;
        const { diagnostics } = JSON.parse(result.stdout);
        expect(diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
        expect(result.status).toBe(0);
        console.log(`5,000-statement check: ${setup.statements} statements in ${seconds.toFixed(1)} s`);
    });

    it('reports the right code for every diagnostics example', () => {
        const folder = 'examples/diagnostics';
        const codes = readdirSync(folder, { withFileTypes: true }).filter(d => d.isDirectory() && !d.name.startsWith('_') && d.name !== 'across-files').map(d => d.name);
        expect(codes.length).toBeGreaterThanOrEqual(16);
        for (const code of codes) {
            const result = runVoice(['check', '--format', 'json', path.join(folder, code)]);
            const reported = JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code);
            expect(reported, code).toContain(code);
        }
    });
});
