/** `voice graph`, the real bundled command: SVG laid out by Graphviz, errors, usage, determinism. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { runVoice } from '../support/cli.js';
import { AWKWARD_NAME, AWKWARD_SETUP, graphOf, setupFolder } from '../support/graph.js';

const FRONTLINE = path.resolve(__dirname, '..', '..', 'examples', 'frontline');

/** Parses strictly: any XML error or warning fails the test. */
function parseXml(text: string): Document {
    const fail = (level: string) => (message: string) => { throw new Error(`SVG is not well-formed XML (${level}): ${message}`); };
    return new DOMParser({ onError: (level, message) => fail(level)(message) }).parseFromString(text, 'image/svg+xml');
}

const groupsOfClass = (svg: Document, name: string): Element[] =>
    Array.from(svg.getElementsByTagName('g')).filter(g => g.getAttribute('class') === name);

describe('voice graph --format svg', () => {
    it('lays out the frontline example: well-formed SVG with a <g class="node"> per node', async () => {
        const result = runVoice(['graph', 'examples/frontline', '--format', 'svg']);
        expect(result.stderr).toContain('21 nodes, 33 edges.');
        expect(result.status).toBe(0);
        const svg = parseXml(result.stdout);
        expect(svg.documentElement?.tagName).toBe('svg');
        const model = await graphOf([FRONTLINE]);
        expect(groupsOfClass(svg, 'node').map(g => g.getAttribute('id')).sort()).toEqual(model.nodes.map(n => n.id).sort());
        expect(groupsOfClass(svg, 'edge')).toHaveLength(model.edges.length);
    });

    it('draws awkward display names as text', () => {
        const folder = setupFolder({ 'setup.voice': AWKWARD_SETUP });
        const out = path.join(folder, 'graph.svg');
        const result = runVoice(['graph', folder, '--format', 'svg', '-o', out]);
        expect(result.status).toBe(0);
        const svg = parseXml(readFileSync(out, 'utf8'));
        const texts = Array.from(svg.getElementsByTagName('text')).map(t => t.textContent);
        expect(texts).toContain(AWKWARD_NAME);
    });
});

describe('voice graph', () => {
    it('writes the same bytes on every run', () => {
        for (const format of ['mermaid', 'dot', 'svg', 'json']) {
            const first = runVoice(['graph', 'examples/frontline', '--format', format]);
            expect(first.status).toBe(0);
            expect(runVoice(['graph', 'examples/frontline', '--format', format]).stdout).toBe(first.stdout);
        }
    });

    it('draws a setup with errors, prints its diagnostics with locations and exits 1', () => {
        const folder = setupFolder({ 'setup.voice': AWKWARD_SETUP.replace('grant end to o rank 1', 'grant end to o rank 1\ngroup p "P"\ngrant end to p rank 1\nemergency p works-at Shop') });
        const result = runVoice(['graph', folder, '--format', 'dot'], { cwd: folder });
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^setup\.voice:9:\d+ error rank-conflict /m);
        expect(result.stdout).toMatch(/^digraph setup \{/);
        expect(result.stdout).toContain('"group_p" -> "policy_end" [id="group_p__grant__policy_end", label="grant rank 1 ⚠ error: rank-conflict"');
    });

    it('focuses with --filter and refuses a filter that matches nothing', () => {
        const focused = runVoice(['graph', 'examples/frontline', '--filter', 'PortlandAssociates']);
        expect(focused.status).toBe(0);
        expect(focused.stderr).toContain('9 nodes, 12 edges.'); // with the security desk it notifies
        const none = runVoice(['graph', 'examples/frontline', '--filter', 'Nowhere']);
        expect(none.status).toBe(2);
        expect(none.stderr).toContain("voice graph: --filter 'Nowhere' matches no node of the setup (21 nodes)");
    });

    it('says what is wrong with the call', () => {
        const badFormat = runVoice(['graph', 'examples/frontline', '--format', 'png']);
        expect(badFormat.status).toBe(2);
        expect(badFormat.stderr).toContain("voice graph: unknown format 'png' (use mermaid, dot, svg, json)");
        const noInput = runVoice(['graph']);
        expect(noInput.status).toBe(2);
        expect(noInput.stderr).toContain('voice graph: no files or folders given');
        const missing = runVoice(['graph', 'no/such/folder']);
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain('no/such/folder: no such file or folder');
        const two = runVoice(['graph', 'examples/frontline', 'examples/diagnostics/rank-conflict']);
        expect(two.status).toBe(2);
        expect(two.stderr).toContain('holds 2 setups');
        const unwritable = runVoice(['graph', 'examples/frontline', '-o', 'no/such/folder/graph.mmd']);
        expect(unwritable.status).toBe(2);
        expect(unwritable.stderr).toContain('voice graph: cannot write no/such/folder/graph.mmd: ENOENT');
    });
});
