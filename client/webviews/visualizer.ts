/**
 * The setup visualizer's page script (bundled to out/webviews/visualizer.js): shows the
 * Graphviz picture the language server laid out, makes every node a keyboard-reachable
 * button that goes to its statement, and sends the filter as it is typed.
 */
import type { FromVisualizer, ToVisualizer, VisualizerShow } from '../../shared/webview-messages.js';

declare function acquireVsCodeApi(): { postMessage(message: FromVisualizer): void };
const vscode = acquireVsCodeApi();

const canvas = document.getElementById('graph')!;
const summary = document.getElementById('summary')!;
const note = document.getElementById('note')!;
const filter = document.getElementById('filter') as HTMLInputElement;

let typing: ReturnType<typeof setTimeout> | undefined;
filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => vscode.postMessage({ type: 'filter', text: filter.value }), 250);
});

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function show(message: VisualizerShow): void {
    const { graph } = message;
    canvas.innerHTML = graph.svg ?? '';
    const nodes = Array.from(canvas.querySelectorAll<SVGGElement>('g.node'));
    for (const node of nodes) {
        const title = node.querySelector('title')?.textContent ?? node.id;
        const label = Array.from(node.querySelectorAll('text')).map(t => t.textContent).join(' ');
        node.setAttribute('tabindex', '0');
        node.setAttribute('role', 'button');
        node.setAttribute('aria-label', `${label || title}: go to its statement`);
        node.addEventListener('click', () => vscode.postMessage({ type: 'open', id: node.id }));
        node.addEventListener('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                vscode.postMessage({ type: 'open', id: node.id });
            }
        });
    }
    const edges = canvas.querySelectorAll('g.edge').length;
    const marks = [
        graph.marks.missingCoverage > 0 ? `${plural(graph.marks.missingCoverage, 'group')} without emergency coverage` : '',
        graph.marks.unassigned > 0 ? `${plural(graph.marks.unassigned, 'number')} not assigned` : '',
        graph.marks.withoutAddress > 0 ? `${plural(graph.marks.withoutAddress, 'number')} without an emergency address` : '',
        graph.marks.withDiagnostics > 0 ? `${graph.marks.withDiagnostics} with diagnostics` : ''
    ].filter(Boolean);
    const drawn = `${plural(nodes.length, 'node')}, ${plural(edges, 'edge')}`;
    summary.textContent = graph.view === 'setup'
        ? `${message.setup}: ${drawn}`
        : `${message.setup}: ${drawn} drawn of ${plural(graph.setupNodes, 'node')}, ${plural(graph.setupEdges, 'edge')}`;
    summary.dataset.nodes = String(nodes.length);
    summary.dataset.edges = String(edges);
    summary.dataset.view = graph.view;
    note.textContent = [graph.message, marks.length > 0 ? `Marked: ${marks.join('; ')}.` : ''].filter(Boolean).join(' ');
    vscode.postMessage({ type: 'rendered', nodes: nodes.length, edges, view: graph.view });
}

window.addEventListener('message', (event: MessageEvent<ToVisualizer>) => {
    const message = event.data;
    if (message.type === 'graph') show(message);
    else if (message.type === 'click') canvas.querySelector<SVGGElement>(`g.node#${CSS.escape(message.id)}`)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
});
vscode.postMessage({ type: 'ready' });
