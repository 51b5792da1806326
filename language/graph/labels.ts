/** The words both serialisers (Mermaid, DOT) put on nodes and edges, so the two pictures agree. */
import type { GraphDiagnostic, GraphEdge, GraphEdgeKind, GraphMark, GraphNode, GraphNodeKind } from './setup-graph.js';

const KIND_WORD: Record<GraphNodeKind, string> = {
    trunk: 'trunk', address: 'address', location: 'emergency location', number: 'number',
    'resource-account': 'resource account', policy: 'shared calling policy', group: 'group', coverage: 'emergency coverage',
    notification: 'emergency calling policy',
    undeclared: 'not declared'
};

const MARK_WORDS: Record<GraphMark, string> = {
    'missing-emergency-coverage': 'no emergency coverage',
    'number-without-address': 'no emergency address',
    'unassigned-number': 'not assigned'
};

const EDGE_WORD: Record<GraphEdgeKind, string> = {
    grant: 'grant', account: 'resource account', callback: 'emergency callback', assigned: 'assigned',
    'located-at': 'at', via: 'via', covers: 'covers', 'works-at': 'works at', 'place-of': 'place at', notifies: 'notifies'
};

/** Kind, name, detail, then what is wrong with it: one entry a line. */
export function nodeLines(node: GraphNode): string[] {
    const lines = [KIND_WORD[node.kind], node.name];
    if (node.detail) lines.push(node.detail);
    for (const mark of node.marks) lines.push(`⚠ ${MARK_WORDS[mark]}`);
    const problems = diagnosticLine(node.diagnostics);
    if (problems) lines.push(problems);
    return lines;
}

export function edgeText(edge: GraphEdge): string {
    const problems = diagnosticLine(edge.diagnostics);
    return [EDGE_WORD[edge.kind], edge.label, problems].filter(Boolean).join(' ');
}

/** The most severe diagnostic that styles a node or an edge (information and hints do not). */
export function worstSeverity(diagnostics: readonly GraphDiagnostic[]): 'error' | 'warning' | undefined {
    if (diagnostics.some(d => d.severity === 'error')) return 'error';
    if (diagnostics.some(d => d.severity === 'warning')) return 'warning';
    return undefined;
}

/** `⚠ error: rank-conflict, setup-order` (codes once each, most severe level named). */
function diagnosticLine(diagnostics: readonly GraphDiagnostic[]): string | undefined {
    const severity = worstSeverity(diagnostics);
    if (!severity) return undefined;
    const codes = [...new Set(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => d.code))];
    return `⚠ ${severity}: ${codes.join(', ')}`;
}
