import * as vscode from 'vscode';

/** Links to a section of the shipped docs: `voice-docs:/diagnostics.md?group-not-found`. */
export const DOCS_SCHEME = 'voice-docs';

/** Turns links into the shipped docs (docs/*.md) into `voice-docs:` links, which open the rendered section. */
export interface DocsLinks {
    /** The link for a page of docs/ and a section (its heading's anchor). */
    link(page: string, section: string): vscode.Uri;
    /** A diagnostic code's target: a file link into the shipped docs becomes a docs link; anything else is kept. */
    rewrite(target: vscode.Uri): vscode.Uri;
}

/**
 * A diagnostic code links to its explanation. VS Code opens a code's target with the
 * editor opener (no command links), and a file: target shows the raw markdown at line 1.
 * So codes link to `voice-docs:` documents instead; when one becomes the active editor,
 * this closes it and opens the markdown preview of the shipped page at the section
 * (`markdown.showPreview` scrolls to a URI's fragment).
 */
export function activateDocsLinks(context: vscode.ExtensionContext): DocsLinks {
    const docs = vscode.Uri.joinPath(context.extensionUri, 'docs');
    const docsPrefix = `${docs.toString()}/`;

    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
            // Shown only for the moment before the preview replaces it.
            provideTextDocumentContent: uri => `Opening ${uri.path.slice(1)}, section ${uri.query}, in the markdown preview…\n`
        }),
        vscode.window.onDidChangeActiveTextEditor(editor => {
            if (editor?.document.uri.scheme === DOCS_SCHEME) void showRendered(editor.document.uri);
        })
    );

    const showRendered = async (uri: vscode.Uri): Promise<void> => {
        const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .filter(tab => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
        await vscode.window.tabGroups.close(tabs);
        const page = vscode.Uri.joinPath(docs, uri.path.slice(1));
        await vscode.commands.executeCommand('markdown.showPreview', page.with({ fragment: uri.query }));
    };

    return {
        link: (page, section) => vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${page}`, query: section }),
        rewrite: target => {
            const text = target.with({ fragment: '' }).toString();
            if (!text.startsWith(docsPrefix) || !text.endsWith('.md')) return target;
            return vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${text.slice(docsPrefix.length)}`, query: target.fragment });
        }
    };
}
