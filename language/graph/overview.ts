/**
 * The overview of a setup too large to draw node by node (the editor's visualizer on the
 * 1,000-store workspace): one node per kind ("1000 groups, 3 without emergency coverage")
 * and one edge per kind of connection between two kinds, with its count. What is marked or
 * has diagnostics stays visible as counts; a filter (focus.ts) then draws one store.
 */
import type { GraphDiagnostic, GraphEdge, GraphMark, GraphNode, GraphNodeKind, SetupGraph } from './setup-graph.js';

/** Past this many nodes the visualizer draws the overview unless a filter narrows the graph (a readable picture, a fast layout). */
export const OVERVIEW_THRESHOLD = 300;

export function overviewGraph(graph: SetupGraph): SetupGraph {
    const byKind = new Map<GraphNodeKind, GraphNode[]>();
    for (const node of graph.nodes) {
        const list = byKind.get(node.kind);
        if (list) list.push(node);
        else byKind.set(node.kind, [node]);
    }
    const kindOf = new Map(graph.nodes.map(n => [n.id, n.kind]));
    const nodes: GraphNode[] = [...byKind].map(([kind, members]) => ({
        id: `all_${kind.replace(/-/g, '_')}`,
        kind,
        name: `${members.length}`,
        detail: markCounts(members),
        source: members[0]!.source,
        marks: [...new Set(members.flatMap(m => m.marks))],
        // One diagnostic per code, so the node is styled by the worst without carrying thousands.
        diagnostics: firstPerCode(members.flatMap(m => m.diagnostics))
    }));
    const edges = new Map<string, { edge: GraphEdge; count: number }>();
    for (const edge of graph.edges) {
        const from = `all_${kindOf.get(edge.from)!.replace(/-/g, '_')}`;
        const to = `all_${kindOf.get(edge.to)!.replace(/-/g, '_')}`;
        const id = `${from}__${edge.kind}__${to}`;
        const entry = edges.get(id);
        if (entry) {
            entry.count++;
            if (edge.diagnostics.length > 0) entry.edge.diagnostics = firstPerCode([...entry.edge.diagnostics, ...edge.diagnostics]);
        } else {
            edges.set(id, { edge: { id, kind: edge.kind, from, to, source: edge.source, diagnostics: firstPerCode(edge.diagnostics) }, count: 1 });
        }
    }
    return {
        nodes,
        edges: [...edges.values()].map(({ edge, count }) => ({ ...edge, label: `×${count}` })),
        unplaced: graph.unplaced
    };
}

const MARK_COUNT_WORDS: Record<GraphMark, string> = {
    'missing-emergency-coverage': 'without emergency coverage',
    'number-without-address': 'without an emergency address',
    'unassigned-number': 'not assigned'
};

function markCounts(members: readonly GraphNode[]): string | undefined {
    const parts = (Object.keys(MARK_COUNT_WORDS) as GraphMark[])
        .map(mark => [mark, members.filter(m => m.marks.includes(mark)).length] as const)
        .filter(([, count]) => count > 0)
        .map(([mark, count]) => `${count} ${MARK_COUNT_WORDS[mark]}`);
    const withProblems = members.filter(m => m.diagnostics.some(d => d.severity === 'error' || d.severity === 'warning')).length;
    if (withProblems > 0) parts.push(`${withProblems} with diagnostics`);
    return parts.length > 0 ? parts.join(', ') : undefined;
}

function firstPerCode(diagnostics: readonly GraphDiagnostic[]): GraphDiagnostic[] {
    const seen = new Map<string, GraphDiagnostic>();
    for (const d of diagnostics) if (!seen.has(`${d.severity} ${d.code}`)) seen.set(`${d.severity} ${d.code}`, d);
    return [...seen.values()];
}
