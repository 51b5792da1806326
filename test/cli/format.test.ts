import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVoice } from '../support/cli.js';

const MESSY = 'group   G    "G"\naddress A {company "C"\ncountry US geo 1,2}\n';
const TIDY = 'group   G    "G"\naddress A {\n    company "C"\n    country US\n    geo     1, 2\n}\n';

describe('voice format', () => {
    it('--check lists unformatted files with exit 1 and writes nothing', () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'voice-format-')), 'messy.voice');
        writeFileSync(file, MESSY);
        const result = runVoice(['format', '--check', file]);
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/messy\.voice: not formatted/);
        expect(readFileSync(file, 'utf8')).toBe(MESSY);
    });

    it('formats in place, and a second run changes nothing', () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'voice-format-')), 'messy.voice');
        writeFileSync(file, MESSY);
        expect(runVoice(['format', file]).status).toBe(0);
        expect(readFileSync(file, 'utf8')).toBe(TIDY);
        const again = runVoice(['format', '--check', file]);
        expect(again.stdout).toBe('');
        expect(again.status).toBe(0);
    });

    it('finds every example formatted', () => {
        const result = runVoice(['format', '--check', 'examples']);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
    });
});
