/**
 * examples/diagnostics/across-files/<case>/<layout>: a conflict between two files of one
 * setup, neither importing the other. `voice check` of the layout's folder reports the code
 * on the conflicting statements of both files, in all three output formats, each pointing
 * at the other file. Layouts: one-folder (a.voice, b.voice side by side) and imports
 * (main.voice importing east/a.voice and west/b.voice).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runVoice } from '../support/cli.js';

const ROOT = 'examples/diagnostics/across-files';
const CODE_OF: Record<string, string> = { 'grant-limit': 'rank-conflict' };
const cases = readdirSync(ROOT).sort();
const layouts = cases.flatMap(c => readdirSync(path.join(ROOT, c)).sort().map(layout => [c, layout] as const));

interface JsonDiagnostic { file: string; line: number; code: string; related?: { file: string; line: number }[] }

/** The file names, a.voice / b.voice, with the diagnostics the side reports. */
const side = (file: string): string => path.basename(file);

describe('conflicts across the files of one setup', () => {
    it('has every case the issue names, in both layouts', () => {
        expect(cases).toEqual(['duplicate-name', 'emergency-number-reused', 'grant-limit', 'number-assigned-twice', 'rank-conflict']);
        expect(layouts.map(([, l]) => l)).toEqual(cases.flatMap(() => ['imports', 'one-folder']));
    });

    it.each(layouts)('%s (%s): json reports the code in a.voice and b.voice, each related to the other file', (name, layout) => {
        const code = CODE_OF[name] ?? name;
        const result = runVoice(['check', '--format', 'json', path.join(ROOT, name, layout)]);
        expect(result.status).toBe(1);
        const diagnostics = (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
        expect(new Set(diagnostics.map(d => d.code)), result.stdout).toEqual(new Set([code]));
        const bySide = (s: string) => diagnostics.filter(d => side(d.file) === s);
        expect(bySide('a.voice').length, result.stdout).toBeGreaterThan(0);
        expect(bySide('b.voice').length, result.stdout).toBeGreaterThan(0);
        const pointsAt = (d: JsonDiagnostic) => new Set((d.related ?? []).map(r => side(r.file)));
        if (name !== 'grant-limit') {
            // A pairwise conflict: each side names the other side's file.
            expect(bySide('a.voice').every(d => pointsAt(d).has('b.voice')), result.stdout).toBe(true);
            expect(bySide('b.voice').every(d => pointsAt(d).has('a.voice')), result.stdout).toBe(true);
        }
    });

    it.each(layouts)('%s (%s): text names both files', (name, layout) => {
        const result = runVoice(['check', path.join(ROOT, name, layout)]);
        expect(result.status).toBe(1);
        const code = CODE_OF[name] ?? name;
        const lines = result.stdout.split('\n').filter(Boolean);
        expect(lines.some(l => /a\.voice:\d+:\d+ error /.test(l) && l.includes(` ${code} `)), result.stdout).toBe(true);
        expect(lines.some(l => /b\.voice:\d+:\d+ error /.test(l) && l.includes(` ${code} `)), result.stdout).toBe(true);
    });

    it.each(layouts)('%s (%s): sarif has a result in each file, with related locations', (name, layout) => {
        const result = runVoice(['check', '--format', 'sarif', path.join(ROOT, name, layout)]);
        const run = JSON.parse(result.stdout).runs[0];
        const files = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
            side(r.locations[0]!.physicalLocation.artifactLocation.uri));
        expect(files).toContain('a.voice');
        expect(files).toContain('b.voice');
        expect(run.results.every((r: { ruleId: string }) => r.ruleId === (CODE_OF[name] ?? name))).toBe(true);
        expect(run.results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations ?? []).length > 0)).toBe(true);
    });

    it('a file alone, outside the setup, does not see the conflict', () => {
        const result = runVoice(['check', path.join(ROOT, 'rank-conflict', 'imports', 'east', 'a.voice')]);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
    });
});
