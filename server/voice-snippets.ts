/**
 * The statement snippets the server offers in completion, only where a statement can start
 * (snippets/voice.json, the one snippet source; VS Code gets them from the server too, so
 * other editors get the very same snippets). Tabs indent; the editor adapts them to its settings.
 */
import snippetFile from '../snippets/voice.json';

export interface Snippet {
    label: string;
    detail: string;
    /** The body in LSP snippet syntax, lines joined with '\n'. */
    body: string;
}

interface SnippetEntry { prefix: string | string[]; description: string; body: string | string[] }

export const SNIPPETS: readonly Snippet[] = Object.entries(snippetFile as Record<string, SnippetEntry>).map(([label, entry]) => ({
    label,
    detail: entry.description,
    body: Array.isArray(entry.body) ? entry.body.join('\n') : entry.body
}));
