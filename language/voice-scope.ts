import type { AstNode, AstNodeDescription, LangiumCoreServices, LangiumDocuments, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, MultiMap, MultiMapScope, WorkspaceCache, stream } from 'langium';
import { importClosure } from './imports.js';

type LocalSymbols = NonNullable<ReturnType<typeof AstUtils.getDocument>['localSymbols']>;

/**
 * Names visible from a file: its own declarations (local scope, resolved even when
 * declared later so that setup order can be reported precisely) and the declarations
 * of the files it imports, transitively. Files that are not imported stay invisible.
 *
 * Local names are looked up in a map built once per document, container and reference
 * type: Langium's default local scope is a linear scan per reference, which made linking
 * a file of n statements O(n²) (a 5,000-store file took minutes; see docs/performance.md).
 */
export class VoiceScopeProvider extends DefaultScopeProvider {
    private readonly documents: LangiumDocuments;
    private readonly importedScopes: WorkspaceCache<string, Scope>;
    /** Keyed by the document's local symbols, which are recomputed (a new object) whenever the document is. */
    private readonly localMaps = new WeakMap<LocalSymbols, Map<AstNode, Map<string, MultiMap<string, AstNodeDescription>>>>();

    constructor(services: LangiumCoreServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.importedScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        let result = this.getGlobalScope(referenceType, context);
        if (!localSymbols) return result;
        const containers: AstNode[] = [];
        for (let node: AstNode | undefined = context.container; node; node = node.$container) {
            if (localSymbols.has(node)) containers.push(node);
        }
        // Outermost container first, so the innermost scope ends up in front.
        for (let i = containers.length - 1; i >= 0; i--) {
            result = new LocalMapScope(this.localMap(localSymbols, containers[i]!, referenceType), result);
        }
        return result;
    }

    private localMap(localSymbols: LocalSymbols, container: AstNode, referenceType: string): MultiMap<string, AstNodeDescription> {
        let byContainer = this.localMaps.get(localSymbols);
        if (!byContainer) this.localMaps.set(localSymbols, byContainer = new Map());
        let byType = byContainer.get(container);
        if (!byType) byContainer.set(container, byType = new Map());
        let map = byType.get(referenceType);
        if (!map) {
            map = new MultiMap();
            for (const description of localSymbols.getStream(container)) {
                if (this.reflection.isSubtype(description.type, referenceType)) map.add(description.name, description);
            }
            byType.set(referenceType, map);
        }
        return map;
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

/** A local scope backed by a name map, in front of an outer scope (the same semantics as Langium's StreamScope). */
class LocalMapScope implements Scope {
    constructor(private readonly elements: MultiMap<string, AstNodeDescription>, private readonly outer: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.elements.get(name)[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.elements.get(name)).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.elements.values()).concat(this.outer.getAllElements());
    }
}
