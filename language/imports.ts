import type { LangiumDocuments, URI } from 'langium';
import { UriUtils } from 'langium';
import type { Model } from './generated/ast.js';

/** The URI an `import "path"` statement points at, relative to the importing file. */
export function resolveImportUri(documentUri: URI, importPath: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(documentUri), importPath);
}

/** The URIs a model imports directly, in source order. */
export function directImportUris(model: Model, documentUri: URI): URI[] {
    return model.imports
        .filter(imp => typeof imp.path === 'string' && imp.path.length > 0)
        .map(imp => resolveImportUri(documentUri, imp.path));
}

/**
 * Every document reachable through imports from `documentUri` (not including itself),
 * following imports transitively among the documents that are loaded. Cycles stop.
 */
export function importClosure(documents: LangiumDocuments, documentUri: URI): Set<string> {
    const start = documentUri.toString();
    const seen = new Set<string>([start]);
    const queue: URI[] = [documentUri];
    while (queue.length > 0) {
        const uri = queue.shift()!;
        const doc = documents.getDocument(uri);
        if (!doc) continue;
        for (const next of directImportUris(doc.parseResult.value as Model, uri)) {
            const key = next.toString();
            if (!seen.has(key)) {
                seen.add(key);
                queue.push(next);
            }
        }
    }
    seen.delete(start);
    return seen;
}
