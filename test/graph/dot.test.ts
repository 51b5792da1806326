/** DOT output read back by a real DOT parser (@ts-graphviz/ast): the nodes, edges and labels the model has. */
import * as path from 'node:path';
import type { AttributeASTNode, DotASTNode, EdgeASTNode, NodeASTNode } from '@ts-graphviz/ast';
import { parse } from '@ts-graphviz/ast';
import { describe, expect, it } from 'vitest';
import { toDot } from '../../language/graph/dot.js';
import { AWKWARD_NAME, AWKWARD_SETUP, graphOf, setupFolder } from '../support/graph.js';

const FRONTLINE = path.resolve(__dirname, '..', '..', 'examples', 'frontline');

function statementsOf(dot: string): { nodes: NodeASTNode[]; edges: EdgeASTNode[] } {
    const ast = parse(dot) as DotASTNode;
    const graph = ast.children.find(c => c.type === 'Graph')!;
    return {
        nodes: graph.children.filter((c): c is NodeASTNode => c.type === 'Node'),
        edges: graph.children.filter((c): c is EdgeASTNode => c.type === 'Edge')
    };
}

/** A DOT attribute's value with Graphviz's escapes read (`\\` a backslash, `\n` a line break). */
function attribute(statement: NodeASTNode | EdgeASTNode, name: string): string | undefined {
    const found = statement.children.find((a): a is AttributeASTNode => a.type === 'Attribute' && a.key.value === name);
    return found?.value.value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

describe('voice graph --format dot', () => {
    it('parses back to the nodes and edges of the frontline graph', async () => {
        const graph = await graphOf([FRONTLINE]);
        const { nodes, edges } = statementsOf(toDot(graph));
        expect(nodes.map(n => n.id.value)).toEqual(graph.nodes.map(n => n.id));
        expect(edges.map(e => e.targets.map(t => ('id' in t ? t.id.value : '')).join(' -> ')))
            .toEqual(graph.edges.map(e => `${e.from} -> ${e.to}`));
        expect(nodes).toHaveLength(21);
        expect(edges).toHaveLength(33);
        expect(attribute(nodes.find(n => n.id.value === 'group_SpokaneAssociates')!, 'tooltip')).toBe('stores.voice:47');
    });

    it('keeps any display name intact inside its quoted label', async () => {
        const graph = await graphOf([setupFolder({ 'setup.voice': AWKWARD_SETUP })]);
        const { nodes, edges } = statementsOf(toDot(graph));
        expect(nodes).toHaveLength(graph.nodes.length);
        expect(edges).toHaveLength(graph.edges.length);
        for (const id of ['group_o', 'policy_end', 'account_Account']) {
            const label = attribute(nodes.find(n => n.id.value === id)!, 'label')!;
            expect(label.split('\n')).toContain(AWKWARD_NAME);
        }
    });
});
