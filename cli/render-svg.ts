/**
 * DOT to SVG by Graphviz itself (@viz-js/viz: Graphviz compiled to WebAssembly, the wasm
 * inlined in its JavaScript, so the CLI needs no download). Loaded only when an SVG is asked
 * for, from its own bundle beside the CLI's (graphviz.ts).
 */
export async function renderSvg(dot: string): Promise<string> {
    const { instance } = await import('./graphviz.js');
    const viz = await instance();
    const result = viz.render(dot, { format: 'svg', engine: 'dot' });
    if (result.status !== 'success') {
        throw new Error(`Graphviz could not lay out the graph: ${result.errors.map(e => e.message).join('; ')}`);
    }
    return result.output;
}
