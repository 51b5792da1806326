/**
 * The setup graph in Graphviz's DOT language: for `dot -Tsvg`, for the SVG `voice graph`
 * renders, and for tools that read graphs. Every id and label is a quoted string, so any
 * display name is safe; node ids are the graph's, so the SVG's `<g id>` finds the node.
 */
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind, SetupGraph } from './setup-graph.js';
import { edgeText, nodeLines, worstSeverity } from './labels.js';

const SHAPES: Record<GraphNodeKind, string> = {
    trunk: 'box3d', address: 'house', location: 'house', number: 'note',
    'resource-account': 'box', policy: 'hexagon', group: 'ellipse', coverage: 'octagon', notification: 'cds', undeclared: 'box'
};

const DOTTED: ReadonlySet<GraphEdgeKind> = new Set(['covers', 'works-at', 'place-of', 'notifies']);

const RED = '#c00000';
const AMBER = '#b58900';
const FILL = { error: '#ffd7d7', warning: '#fff1c2' };

/** direction: LR (the default) for a page; TB for the editor's visualizer, a pane taller than wide. */
export function toDot(graph: SetupGraph, options: { direction?: 'LR' | 'TB' } = {}): string {
    const lines = [
        'digraph setup {',
        `    graph [rankdir=${options.direction ?? 'LR'}, fontname="Helvetica", charset="UTF-8"];`,
        '    node [fontname="Helvetica", fontsize=10, style=rounded];',
        '    edge [fontname="Helvetica", fontsize=9];'
    ];
    for (const node of graph.nodes) lines.push(`    ${dotString(node.id)} [${attributes(nodeAttributes(node))}];`);
    for (const edge of graph.edges) lines.push(`    ${dotString(edge.from)} -> ${dotString(edge.to)} [${attributes(edgeAttributes(edge))}];`);
    lines.push('}');
    return `${lines.join('\n')}\n`;
}

function nodeAttributes(node: GraphNode): [string, string][] {
    const styles = node.kind === 'location' || node.kind === 'undeclared' ? ['rounded', 'dashed'] : ['rounded'];
    const result: [string, string][] = [
        ['id', node.id], ['label', nodeLines(node).join('\n')], ['shape', SHAPES[node.kind]],
        ['tooltip', `${node.source.file}:${node.source.line}`]
    ];
    if (node.kind === 'undeclared' || node.marks.includes('missing-emergency-coverage') || node.marks.includes('number-without-address')) {
        result.push(['color', RED], ['penwidth', '2.5']);
        styles.push('bold');
    }
    if (node.marks.includes('unassigned-number')) {
        result.push(['fontcolor', '#666666']);
        styles.push('dashed');
    }
    const severity = worstSeverity(node.diagnostics);
    if (severity) {
        result.push(['fillcolor', FILL[severity]]);
        styles.push('filled');
    }
    result.push(['style', [...new Set(styles)].join(',')]);
    return result;
}

function edgeAttributes(edge: GraphEdge): [string, string][] {
    const result: [string, string][] = [['id', edge.id], ['label', edgeText(edge)], ['tooltip', `${edge.source.file}:${edge.source.line}`]];
    if (DOTTED.has(edge.kind)) result.push(['style', 'dashed']);
    const severity = worstSeverity(edge.diagnostics);
    if (severity) result.push(['color', severity === 'error' ? RED : AMBER], ['penwidth', '2']);
    return result;
}

function attributes(pairs: [string, string][]): string {
    return pairs.map(([name, value]) => `${name}=${dotString(value)}`).join(', ');
}

/**
 * A DOT double-quoted string. Backslashes are doubled (Graphviz reads `\N`, `\G`, `\l` in
 * labels as escapes), quotes escaped, and a line break becomes Graphviz's `\n`.
 */
export function dotString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
