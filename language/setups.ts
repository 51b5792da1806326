/**
 * Which files form one setup. A setup is what plan, compile or apply send to one tenant
 * together, and it is checked as one:
 *
 *   the root files of one folder (not its subfolders) plus everything they import,
 *   each file once, in setup order: root files by name, each after the files it imports.
 *
 * Root files are the files a command was given (the CLI) or every file of the workspace
 * (the editor). A file reached only through an import roots no setup of its own. So a
 * folder is one setup, and independent setups live in separate folders (docs/language.md,
 * "Setups"). A file imported from another folder belongs to every setup that imports it.
 */
import type { LangiumDocument, LangiumDocuments, LangiumSharedCoreServices, URI } from 'langium';
import { DocumentState, UriUtils, WorkspaceCache } from 'langium';
import type { Model } from './generated/ast.js';
import { directImportUris } from './imports.js';

export interface Setup {
    /** The folder whose root files the setup is made of; also its identity. */
    readonly folder: URI;
    readonly key: string;
    /** The folder's root files, by name. */
    readonly roots: readonly LangiumDocument<Model>[];
    /** Every file of the setup in setup order (imported files before their importers). */
    readonly documents: readonly LangiumDocument<Model>[];
    readonly models: readonly Model[];
}

export class SetupResolver {
    private readonly documents: LangiumDocuments;
    /** Rebuilt at every build (and on deletion): setups follow imports, which any edit can change. */
    private readonly cache: WorkspaceCache<string, { setups: Setup[]; byDocument: Map<string, Setup[]> }>;
    /** URIs of the root files; undefined means every loaded file is a root (the editor). */
    private rootUris?: ReadonlySet<string>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(shared, DocumentState.IndexedContent);
    }

    /** The CLI names its root files; the editor leaves every file a root. */
    setRoots(uris: Iterable<URI> | undefined): void {
        this.rootUris = uris === undefined ? undefined : new Set([...uris].map(u => u.toString()));
        this.cache.clear();
    }

    /** Every setup of the loaded files, by folder. */
    all(): Setup[] {
        return this.computed().setups;
    }

    /** The setups `uri` belongs to: its own folder's (if it is a root) and those that import it. */
    setupsOf(uri: URI): Setup[] {
        return this.computed().byDocument.get(uri.toString()) ?? [];
    }

    /** Whether `uri` shares a setup with any of `others` (so an edit there can change its diagnostics). */
    sharesSetupWith(uri: URI, others: ReadonlySet<string>): boolean {
        const byDocument = this.computed().byDocument;
        const mine = byDocument.get(uri.toString());
        if (!mine) return false;
        for (const other of others) {
            if (byDocument.get(other)?.some(setup => mine.includes(setup))) return true;
        }
        return false;
    }

    private computed(): { setups: Setup[]; byDocument: Map<string, Setup[]> } {
        return this.cache.get('setups', () => {
            const byFolder = new Map<string, LangiumDocument<Model>[]>();
            for (const document of this.documents.all) {
                if (this.rootUris && !this.rootUris.has(document.uri.toString())) continue;
                const folder = UriUtils.dirname(document.uri).toString();
                byFolder.set(folder, [...(byFolder.get(folder) ?? []), document as LangiumDocument<Model>]);
            }
            const setups = [...byFolder.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, roots]) => {
                const sortedRoots = roots.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
                const documents = this.inSetupOrder(sortedRoots);
                return { folder: UriUtils.dirname(sortedRoots[0]!.uri), key, roots: sortedRoots, documents, models: documents.map(d => d.parseResult.value) };
            });
            const byDocument = new Map<string, Setup[]>();
            for (const setup of setups) {
                for (const document of setup.documents) {
                    const key = document.uri.toString();
                    byDocument.set(key, [...(byDocument.get(key) ?? []), setup]);
                }
            }
            return { setups, byDocument };
        });
    }

    /** Depth first through imports, each file once, imported files first. */
    private inSetupOrder(roots: LangiumDocument<Model>[]): LangiumDocument<Model>[] {
        const result: LangiumDocument<Model>[] = [];
        const visited = new Set<string>();
        const visit = (uri: URI): void => {
            const key = uri.toString();
            if (visited.has(key)) return;
            visited.add(key);
            const document = this.documents.getDocument(uri) as LangiumDocument<Model> | undefined;
            if (!document) return;
            for (const imported of directImportUris(document.parseResult.value, uri)) visit(imported);
            result.push(document);
        };
        roots.forEach(root => visit(root.uri));
        return result;
    }
}

/**
 * The setup the editor acts on for a document (Compile, Plan, hover): its own folder's, or,
 * for a file that is only imported, the first setup that stands on its own and holds it.
 */
export function setupOfDocument(resolver: SetupResolver, uri: URI): Setup | undefined {
    const setups = resolver.setupsOf(uri);
    const folder = UriUtils.dirname(uri).toString();
    return setups.find(s => s.key === folder) ?? independentSetups(setups)[0] ?? setups[0];
}

/**
 * The setups that stand on their own: a setup whose files all belong to another setup (a
 * folder of shared files that another folder's files import) is part of that one, and is
 * not planned or applied by itself.
 */
export function independentSetups(setups: readonly Setup[]): Setup[] {
    const members = setups.map(s => new Set(s.documents.map(d => d.uri.toString())));
    return setups.filter((setup, i) => !setups.some((other, j) =>
        j !== i && members[j]!.size > members[i]!.size && [...members[i]!].every(uri => members[j]!.has(uri))));
}
