/**
 * `voice check` reports the problems of an extension CSV at the CSV's own line and column,
 * in text and JSON, and refuses a setup whose CSV cannot be read; plan and apply never see a
 * setup with such errors (the loader refuses it).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVoice } from '../support/cli.js';

describe('voice check with an extension CSV', () => {
    it('prints each problem at its CSV line: file:line:col severity code message', () => {
        const result = runVoice(['check', 'examples/diagnostics/extension-duplicate']);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(`${path.join('examples', 'diagnostics', 'extension-duplicate', 'users.csv')}:3:42 error extension-duplicate `);
        expect(result.stdout).toContain('Extension 101 is also on line 2');
    });

    it('gives the CSV location in --format json too', () => {
        const result = runVoice(['check', 'examples/diagnostics/extension-invalid-upn', '--format', 'json']);
        const found = (JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; code: string }[] }).diagnostics;
        expect(found.map(d => [path.basename(d.file), d.line, d.column, d.code])).toEqual([['users.csv', 3, 1, 'extension-invalid-upn']]);
    });

    it('a missing CSV is unresolved-import on the statement, and exit 1', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'voice-ext-'));
        writeFileSync(path.join(folder, 'setup.voice'), 'extensions from "nowhere.csv"\n');
        const result = runVoice(['check', folder]);
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/setup\.voice:1:17 error unresolved-import Cannot read the extension file 'nowhere\.csv' .*: no such file/);
    });
});
