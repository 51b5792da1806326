/**
 * Langium's walks over every AST node (linking, local symbols, reference descriptions) await a
 * cancellation check at each node and build stream objects per node: a 5,000-store setup has
 * hundreds of thousands, and an edit to a file every other file imports walks them all again.
 * The same walks, in the same order, looking at cancellation every few hundred nodes (as
 * VoiceDocumentValidator does for validation).
 * Nothing here is specific to the voice grammar: the bench's bare Langium baseline uses the
 * same module, so its ratio still measures the voice language's own work.
 */
import type { AstNode, AstNodeDescription, LangiumCoreServices, LangiumDocument, LocalSymbols, Module, PartialLangiumCoreServices, ReferenceDescription, ReferenceInfo } from 'langium';
import {
    Cancellation, DefaultLinker, DefaultReferenceDescriptionProvider, DefaultScopeComputation, MultiMap, interruptAndCheck, isAstNode, isMultiReference, isReference
} from 'langium';
import { NODES_BETWEEN_INTERRUPTS } from './cancellation.js';

type Token = Cancellation.CancellationToken;
const NONE = Cancellation.CancellationToken.None;

/**
 * Calls `visit` on every node under `root` (itself included unless `withRoot` is false), in
 * AstUtils.streamAst's order (depth first, properties in key order), awaiting cancellation
 * every few hundred nodes. A stack instead of Langium's streams, whose iterator objects per
 * node were the largest self time of a relink in the profile.
 */
async function walk(root: AstNode, cancelToken: Token, visit: (node: AstNode) => void, withRoot = true): Promise<void> {
    const stack: AstNode[] = [root];
    let visited = 0;
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (node !== root || withRoot) {
            if (visited++ % NODES_BETWEEN_INTERRUPTS === 0) await interruptAndCheck(cancelToken);
            visit(node);
        }
        pushChildren(node, stack);
    }
}

/** Pushes a node's children so that the first one is popped first. */
function pushChildren(node: AstNode, stack: AstNode[]): void {
    const from = stack.length;
    for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('$')) continue;
        if (isAstNode(value)) stack.push(value);
        else if (Array.isArray(value)) for (const item of value) if (isAstNode(item)) stack.push(item);
    }
    for (let i = from, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j]!, stack[i]!];
}

/** A node's references, as AstUtils.streamReferences gives them, without a stream. */
function eachReference(node: AstNode, handle: (info: ReferenceInfo) => void): void {
    for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('$')) continue;
        if (isReference(value) || isMultiReference(value)) handle({ reference: value, container: node, property });
        else if (Array.isArray(value)) {
            value.forEach((item: unknown, index) => {
                if (isReference(item) || isMultiReference(item)) handle({ reference: item, container: node, property, index });
            });
        }
    }
}

export class BatchedInterruptLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: Token = NONE): Promise<void> {
        // Langium's profiler times each reference kind in its own walk.
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        await walk(document.parseResult.value, cancelToken, node => eachReference(node, ref => this.doLink(ref, document)));
    }
}

export class BatchedInterruptScopeComputation extends DefaultScopeComputation {
    override async collectLocalSymbols(document: LangiumDocument, cancelToken: Token = NONE): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        await walk(document.parseResult.value, cancelToken, node => this.addLocalSymbol(node, document, symbols), false);
        return symbols;
    }
}

export class BatchedInterruptReferenceDescriptions extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken: Token = NONE): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        await walk(document.parseResult.value, cancelToken, node => eachReference(node, refInfo => {
            if (refInfo.reference.error) return;
            for (const description of this.createInfoDescriptions(refInfo)) descriptions.push(description);
        }));
        return descriptions;
    }
}

export const BatchedInterruptModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
    references: {
        Linker: services => new BatchedInterruptLinker(services),
        ScopeComputation: services => new BatchedInterruptScopeComputation(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new BatchedInterruptReferenceDescriptions(services)
    }
};
