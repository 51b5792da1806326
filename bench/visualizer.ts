/**
 * The visualizer's open, as the language server serves it: the `voice/graph` request of a
 * store file of a large workspace (the graph built from the validated documents, then laid
 * out by Graphviz). The first request is timed cold (Graphviz's WebAssembly loaded then),
 * as when the visualizer is opened; later ones show the cost of a redraw after typing.
 * The webview's own drawing is not in this figure: the e2e run reports the whole open.
 */
import { performance } from 'node:perf_hooks';
import { setupGraphResult } from '../server/voice-graph.js';
import { load, setText } from './editor.js';
import type { Distribution } from './stats.js';
import { distribution } from './stats.js';

export interface VisualizerResult {
    stores: number;
    /** The first `voice/graph` request after the workspace is validated (Graphviz loaded then). */
    firstMs: number;
    /** Further requests, each after an edit so that the graph is rebuilt, not read from the cache. */
    redraw: Distribution;
    view: string;
    nodes: number;
    setupNodes: number;
}

export async function benchVisualizer(files: string[], stores: number, redraws: number): Promise<VisualizerResult> {
    const { services, documents } = await load(files);
    const target = documents.find(d => /stores-\d+\.voice$/.test(d.uri.path))!;
    let started = performance.now();
    const first = await setupGraphResult(services.shared, target, undefined);
    const firstMs = performance.now() - started;
    if (first.nodes === 0 || first.svg === undefined) throw new Error(`bench: the visualizer drew nothing: ${first.message ?? ''}`);
    const times: number[] = [];
    const original = target.textDocument.getText();
    let version = target.textDocument.version;
    for (let i = 0; i < redraws; i++) {
        // An edit (a blank line added, then taken out) gives the document a new version, so the
        // graph is rebuilt rather than read from the cache; the edit's re-validation is not timed.
        await setText(services, target, ++version, i % 2 === 0 ? `${original}\n` : original);
        const current = services.shared.workspace.LangiumDocuments.getDocument(target.uri)!;
        started = performance.now();
        await setupGraphResult(services.shared, current, undefined);
        times.push(performance.now() - started);
    }
    return { stores, firstMs, redraw: distribution(times), view: first.view, nodes: first.nodes, setupNodes: first.setupNodes };
}
