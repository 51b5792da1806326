/**
 * The page of the extension's scripted webviews (the plan pane, the setup visualizer): a
 * strict content security policy (nothing remote; only the bundled script and the page's
 * own style, by nonce), the theme's colours through VS Code's CSS variables, and one
 * script from out/webviews/. Plain logic, tested without VS Code.
 */

export interface WebviewPage {
    title: string;
    /** A fresh random nonce per page. */
    nonce: string;
    /** The webview's `cspSource`: where its local resources come from. */
    cspSource: string;
    /** The bundled script's webview URI. */
    scriptUri: string;
    style: string;
    body: string;
}

export function webviewPolicy(nonce: string, cspSource: string): string {
    return [`default-src 'none'`, `img-src ${cspSource} data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `font-src ${cspSource}`].join('; ');
}

export function webviewPage(page: WebviewPage): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${webviewPolicy(page.nonce, page.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${page.nonce}">${BASE_STYLE}${page.style}</style>
</head>
<body>
${page.body}
<script nonce="${page.nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Theme colours only (light, dark, high contrast), and a focus ring on everything that takes focus. */
const BASE_STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; border-radius: 2px; }
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.secondary:hover:not(:disabled) { background: var(--vscode-button-secondaryHoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
input { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.muted { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.warning { color: var(--vscode-editorWarning-foreground); }
`;
