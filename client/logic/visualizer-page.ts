/** The setup visualizer's page (the picture arrives by message): filter, summary, the canvas, and colours from the theme. */
import { escapeHtml, webviewPage } from './webview-page.js';

export function visualizerHtml(nonce: string, cspSource: string, scriptUri: string, setup: string): string {
    return webviewPage({
        title: `Setup: ${setup}`, nonce, cspSource, scriptUri, style: STYLE,
        body: `<header>
<label for="filter">Filter by store, group or number</label>
<input id="filter" type="search" placeholder="e.g. Seattle or 00042" aria-describedby="note">
<p id="summary" role="status" aria-live="polite">Drawing ${escapeHtml(setup)}…</p>
<p id="note" class="muted"></p>
</header>
<main id="graph" aria-label="The setup's graph: Tab moves between nodes, Enter goes to the statement"></main>`
    });
}

/**
 * Graphviz draws in fixed colours; these rules repaint the picture in the theme's: outlines
 * and text in the foreground colour, marks (red outlines) in the error colour, nodes with
 * errors or warnings filled with the validation backgrounds (dot.ts's colours select them).
 */
const STYLE = `
header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; z-index: 1; }
header p { margin: 4px 0; }
#graph { overflow: auto; }
#graph svg { max-width: 100%; height: auto; }
#graph g.graph > polygon { fill: transparent; stroke: none; }
#graph text { fill: var(--vscode-editor-foreground); }
#graph g.node polygon, #graph g.node ellipse, #graph g.node path, #graph g.node polyline { stroke: var(--vscode-editor-foreground); fill: var(--vscode-editor-background); }
#graph g.node [stroke="#c00000"] { stroke: var(--vscode-errorForeground); }
#graph g.node [fill="#ffd7d7"] { fill: var(--vscode-inputValidation-errorBackground, var(--vscode-editor-background)); }
#graph g.node [fill="#fff1c2"] { fill: var(--vscode-inputValidation-warningBackground, var(--vscode-editor-background)); }
#graph g.node text[fill="#666666"] { fill: var(--vscode-descriptionForeground); }
#graph g.edge path { stroke: var(--vscode-descriptionForeground); }
#graph g.edge polygon { stroke: var(--vscode-descriptionForeground); fill: var(--vscode-descriptionForeground); }
#graph g.edge [stroke="#c00000"] { stroke: var(--vscode-errorForeground); }
#graph g.edge [stroke="#b58900"] { stroke: var(--vscode-editorWarning-foreground); }
#graph g.node { cursor: pointer; }
#graph g.node:hover polygon, #graph g.node:hover ellipse, #graph g.node:hover path { stroke: var(--vscode-focusBorder); }
#graph g.node:focus { outline: none; }
#graph g.node:focus polygon, #graph g.node:focus ellipse, #graph g.node:focus path { stroke: var(--vscode-focusBorder); stroke-width: 3; }
`;
