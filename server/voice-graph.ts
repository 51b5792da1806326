/**
 * `voice/graph`: the setup of a file as a picture for the editor's visualizer. The graph
 * model is `voice graph`'s (language/graph/), built from the language server's documents
 * as they are typed; the layout is Graphviz's (the DOT of `voice graph --format dot`). A
 * large setup is drawn as its overview unless a filter narrows it (docs/graph.md).
 */
import type { LangiumDocument } from 'langium';
import { toDot } from '../language/graph/dot.js';
import { focusGraph } from '../language/graph/focus.js';
import { OVERVIEW_THRESHOLD, overviewGraph } from '../language/graph/overview.js';
import type { SetupGraph, SourceLocation } from '../language/graph/setup-graph.js';
import { buildSetupGraph } from '../language/graph/setup-graph.js';
import type { Model } from '../language/generated/ast.js';
import { setupOfDocument } from '../language/setups.js';
import type { GraphLink, GraphResult } from '../shared/protocol.js';
import type { VoiceSharedServices } from './voice-server-module.js';

type Viz = Awaited<ReturnType<typeof import('./graphviz.js').instance>>;
let viz: Promise<Viz> | undefined;

/** Graphviz, loaded once. */
async function graphviz(): Promise<Viz> {
    viz ??= import('./graphviz.js').then(m => m.instance());
    return viz;
}

export async function setupGraphResult(shared: VoiceSharedServices, document: LangiumDocument, filter: string | undefined): Promise<GraphResult> {
    const setup = setupOfDocument(shared.voice.Setups, document.uri);
    const documents = setup ? setup.documents : [document as LangiumDocument<Model>];
    const whole = wholeGraph(documents);
    const needle = filter?.trim() ?? '';
    const marks = {
        missingCoverage: whole.nodes.filter(n => n.marks.includes('missing-emergency-coverage')).length,
        unassigned: whole.nodes.filter(n => n.marks.includes('unassigned-number')).length,
        withoutAddress: whole.nodes.filter(n => n.marks.includes('number-without-address')).length,
        withDiagnostics: whole.nodes.filter(n => n.diagnostics.some(d => d.severity === 'error' || d.severity === 'warning')).length
    };
    const base = { setupNodes: whole.nodes.length, setupEdges: whole.edges.length, marks };
    let graph: SetupGraph;
    let view: GraphResult['view'];
    let message: string | undefined;
    if (needle !== '') {
        graph = focusGraph(whole, needle);
        view = 'filtered';
        if (graph.nodes.length === 0) return { ...base, view, nodes: 0, edges: 0, links: {}, message: `Nothing in the setup is named like '${needle}'.` };
    } else if (whole.nodes.length > OVERVIEW_THRESHOLD) {
        graph = overviewGraph(whole);
        view = 'overview';
        message = `${whole.nodes.length} nodes: drawn as one node per kind. Filter by a store, group or number to draw that part.`;
    } else {
        graph = whole;
        view = 'setup';
    }
    if (view === 'filtered' && graph.nodes.length > OVERVIEW_THRESHOLD) {
        graph = overviewGraph(graph);
        message = `${graph.nodes.length} kinds: the filter still matches too much to draw one by one; narrow it.`;
    }
    const rendered = (await graphviz()).render(toDot(graph, { direction: 'TB' }), { format: 'svg', engine: 'dot' });
    if (rendered.status !== 'success') {
        return { ...base, view, nodes: 0, edges: 0, links: {}, message: `Graphviz could not lay out the graph: ${rendered.errors.map(e => e.message).join('; ')}` };
    }
    const links: Record<string, GraphLink> = {};
    for (const item of [...graph.nodes, ...graph.edges]) links[item.id] = link(item.source);
    return { ...base, svg: rendered.output, view, nodes: graph.nodes.length, edges: graph.edges.length, links, ...(message ? { message } : {}) };
}

/** The last setup's graph, while none of its files changed: a filter typed on a large setup does not rebuild it. */
let cached: { key: string; diagnostics: unknown[]; graph: SetupGraph } | undefined;

function wholeGraph(documents: readonly LangiumDocument<Model>[]): SetupGraph {
    const key = documents.map(d => `${d.uri.toString()}@${d.textDocument.version}`).join('\n');
    // Each validation replaces a document's diagnostics: the same arrays mean the same diagnostics.
    const diagnostics = documents.map(d => d.diagnostics);
    if (cached?.key !== key || cached.diagnostics.some((list, i) => list !== diagnostics[i])) cached = { key, diagnostics, graph: buildSetupGraph(documents) };
    return cached.graph;
}

/** The graph's source file is the document's URI (buildSetupGraph's default naming). */
function link(source: SourceLocation): GraphLink {
    return { uri: source.file, line: source.line, column: source.column };
}
