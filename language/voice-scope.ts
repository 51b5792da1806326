import type { LangiumCoreServices, LangiumDocuments, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, MultiMapScope, WorkspaceCache } from 'langium';
import { importClosure } from './imports.js';

/**
 * Names visible from a file: its own declarations (local scope, resolved even when
 * declared later so that setup order can be reported precisely) and the declarations
 * of the files it imports, transitively. Files that are not imported stay invisible.
 */
export class VoiceScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly importedScopes: WorkspaceCache<string, Scope>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.importedScopes = new WorkspaceCache(services.shared);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const documentUri = AstUtils.getDocument(context.container).uri;
        const key = `${documentUri.toString()}\u0000${referenceType}`;
        return this.importedScopes.get(key, () => {
            const visible = importClosure(this.documents, documentUri);
            return new MultiMapScope(this.indexManager.allElements(referenceType, visible));
        });
    }
}
