// @vitest-environment happy-dom
/**
 * Mermaid output read back by Mermaid's own flowchart parser. @mermaid-js/parser has no
 * flowchart grammar (it covers info, pie, packet, gitGraph, architecture, ...), so this uses
 * the `mermaid` package, whose sanitiser (DOMPurify) needs a DOM: happy-dom provides one.
 */
import * as path from 'node:path';
import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMermaid } from '../../language/graph/mermaid.js';
import { AWKWARD_NAME, AWKWARD_SETUP, graphOf, setupFolder } from '../support/graph.js';

const FRONTLINE = path.resolve(__dirname, '..', '..', 'examples', 'frontline');

interface Parsed { vertices: Map<string, { text?: string }>; edges: { start: string; end: string; text: string }[] }

async function parseFlowchart(text: string): Promise<Parsed> {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as { getVertices(): Parsed['vertices']; getEdges(): Parsed['edges'] };
    return { vertices: db.getVertices(), edges: db.getEdges() };
}

/** Mermaid keeps entities as placeholders until it renders: `ﬂ°°35¶ß` is `&#35;`, `ﬂ°lt¶ß` is `&lt;`. */
function decoded(text: string): string {
    const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
    return text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
        .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => named[name] ?? `&${name};`);
}

beforeAll(() => mermaid.initialize({ startOnLoad: false }));

describe('voice graph --format mermaid', () => {
    it('parses back to the nodes and edges of the frontline graph', async () => {
        const graph = await graphOf([FRONTLINE]);
        const parsed = await parseFlowchart(toMermaid(graph));
        expect([...parsed.vertices.keys()]).toEqual(graph.nodes.map(n => n.id));
        expect(parsed.edges.map(e => `${e.start} -> ${e.end}`)).toEqual(graph.edges.map(e => `${e.from} -> ${e.to}`));
        expect(parsed.vertices.size).toBe(21);
        expect(parsed.edges).toHaveLength(33);
        expect(parsed.edges.find(e => e.start === 'group_SpokaneAssociates')!.text).toBe('grant rank 2');
    });

    it('keeps any display name intact, and names such as end and o stay plain ids', async () => {
        const graph = await graphOf([setupFolder({ 'setup.voice': AWKWARD_SETUP })]);
        const parsed = await parseFlowchart(toMermaid(graph));
        expect(parsed.vertices.size).toBe(graph.nodes.length);
        expect(parsed.edges).toHaveLength(graph.edges.length);
        for (const id of ['group_o', 'policy_end', 'account_Account']) {
            expect(decoded(parsed.vertices.get(id)!.text!).split(' · ')).toContain(AWKWARD_NAME);
        }
    });

    it('is refused by the parser when a quote is left unescaped (the check can fail)', async () => {
        await expect(mermaid.parse('flowchart LR\n    a["x "y" "] --> b\n')).rejects.toThrow(/Parse error/);
    });
});
