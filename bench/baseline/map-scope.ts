import type { AstNode, AstNodeDescription, LangiumCoreServices, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, MultiMapScope, WorkspaceCache } from 'langium';

type LocalSymbols = NonNullable<ReturnType<typeof AstUtils.getDocument>['localSymbols']>;

/**
 * The baseline's scope: a file's own names, then every file's exported names, each looked up
 * in a map. Langium's stock local scope scans every local symbol for each reference, which is
 * quadratic in a file of thousands of statements (language/voice-scope.ts does the same fix);
 * a baseline with it would be slow for a reason `voice check` does not share.
 */
export class MapScopeProvider extends DefaultScopeProvider {
    private readonly globalScopes: WorkspaceCache<string, Scope>;
    /** Keyed by the document's local symbols (a new object whenever they are recomputed). */
    private readonly localScopes = new WeakMap<LocalSymbols, Map<AstNode, Map<string, Scope>>>();

    constructor(services: LangiumCoreServices) {
        super(services);
        this.globalScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const global = this.getGlobalScope(referenceType);
        if (!localSymbols) return global;
        // Named nodes only sit at the top level of this grammar: the root is the one container with locals.
        const root = AstUtils.findRootNode(context.container);
        let byContainer = this.localScopes.get(localSymbols);
        if (!byContainer) this.localScopes.set(localSymbols, byContainer = new Map());
        let byType = byContainer.get(root);
        if (!byType) byContainer.set(root, byType = new Map());
        let scope = byType.get(referenceType);
        if (!scope) {
            const own: AstNodeDescription[] = localSymbols.getStream(root).filter(d => this.reflection.isSubtype(d.type, referenceType)).toArray();
            byType.set(referenceType, scope = new MultiMapScope(own, global));
        }
        return scope;
    }

    protected override getGlobalScope(referenceType: string): Scope {
        return this.globalScopes.get(referenceType, () => new MultiMapScope(this.indexManager.allElements(referenceType)));
    }
}
