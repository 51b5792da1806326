/**
 * The setup graph as a Mermaid flowchart, for Markdown (GitHub renders ```mermaid blocks).
 * Ids are the graph's (letters, digits, '_', with a kind prefix, so never a Mermaid keyword);
 * every label is a quoted string with Mermaid's entity codes for the characters that would
 * end or reinterpret it, so any display name is safe.
 */
import type { GraphEdgeKind, GraphNodeKind, SetupGraph } from './setup-graph.js';
import { edgeText, nodeLines, worstSeverity } from './labels.js';

const SHAPES: Record<GraphNodeKind, [string, string]> = {
    trunk: ['[[', ']]'], address: ['([', '])'], location: ['([', '])'], number: ['[/', '/]'],
    'resource-account': ['[', ']'], policy: ['{{', '}}'], group: ['(', ')'], coverage: ['>', ']'], notification: ['[\\', '/]'],
    undeclared: ['((', '))']
};

/** Coverage and locations say where people are, not what is granted: drawn dotted. */
const DOTTED: ReadonlySet<GraphEdgeKind> = new Set(['covers', 'works-at', 'place-of', 'notifies']);

const CLASSES = [
    'classDef missing stroke:#c00000,stroke-width:3px',
    'classDef unassigned stroke-dasharray:5 4,color:#666666',
    'classDef undeclared stroke:#c00000,stroke-dasharray:5 4',
    'classDef error fill:#ffd7d7,stroke:#c00000',
    'classDef warning fill:#fff1c2,stroke:#b58900'
];

export function toMermaid(graph: SetupGraph): string {
    const lines = ['flowchart LR'];
    for (const node of graph.nodes) {
        const [open, close] = SHAPES[node.kind];
        lines.push(`    ${node.id}${open}${mermaidString(nodeLines(node).join(' · '))}${close}`);
    }
    const linkStyles: string[] = [];
    graph.edges.forEach((edge, index) => {
        lines.push(`    ${edge.from} ${DOTTED.has(edge.kind) ? '-.->' : '-->'}|${mermaidString(edgeText(edge))}| ${edge.to}`);
        const severity = worstSeverity(edge.diagnostics);
        if (severity) linkStyles.push(`    linkStyle ${index} stroke:${severity === 'error' ? '#c00000' : '#b58900'},stroke-width:2px`);
    });
    const classOf = (name: string, ids: string[]): string[] => (ids.length > 0 ? [`    class ${ids.join(',')} ${name}`] : []);
    const marked = (test: (n: SetupGraph['nodes'][number]) => boolean): string[] => graph.nodes.filter(test).map(n => n.id);
    lines.push(
        ...CLASSES.map(c => `    ${c}`),
        ...classOf('missing', marked(n => n.marks.includes('missing-emergency-coverage') || n.marks.includes('number-without-address'))),
        ...classOf('unassigned', marked(n => n.marks.includes('unassigned-number'))),
        ...classOf('undeclared', marked(n => n.kind === 'undeclared')),
        ...classOf('error', marked(n => worstSeverity(n.diagnostics) === 'error')),
        ...classOf('warning', marked(n => worstSeverity(n.diagnostics) === 'warning')),
        ...linkStyles
    );
    return `${lines.join('\n')}\n`;
}

/**
 * A double-quoted Mermaid string. `#…;` is Mermaid's entity syntax, so '#' itself is escaped
 * first; quotes, angle brackets, '&', '|' and backticks (markdown strings) follow.
 */
export function mermaidString(text: string): string {
    const escaped = text
        .replace(/#/g, '#35;')
        .replace(/&/g, '#38;')
        .replace(/"/g, '#quot;')
        .replace(/</g, '#lt;')
        .replace(/>/g, '#gt;')
        .replace(/\|/g, '#124;')
        .replace(/`/g, '#96;')
        .replace(/[\r\n]+/g, ' ');
    return `"${escaped}"`;
}
