/**
 * The bare Langium baseline (docs/performance.md): parses and links the `.voice` files of a
 * folder with bench/baseline/baseline.langium, no validation, and prints what it did as JSON.
 * Bundled to out/bench/baseline.cjs by bench/run.mjs and run in a child process the way
 * `voice check` is, so the two are timed and their peak memory read the same way.
 *
 * It exits 1 when a file has a syntax error or a reference stays unresolved: a baseline that
 * skipped work would flatter the ratio of `voice check` to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AstNode, LangiumCoreServices, LangiumDocument, LangiumSharedCoreServices, Module, PartialLangiumCoreServices } from 'langium';
import { AstUtils, EmptyFileSystem, URI, inject } from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule } from 'langium';
import { BaselineGeneratedModule, BaselineGeneratedSharedModule } from './generated/module.js';
import { MapScopeProvider } from './map-scope.js';
// The product's walks over the AST (generic, not the voice grammar's), so the ratio measures the language's own work.
import { BatchedInterruptModule } from '../../language/batched-interrupts.js';

function createBaselineServices(): LangiumCoreServices & { shared: LangiumSharedCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), BaselineGeneratedSharedModule);
    const module: Module<LangiumCoreServices, PartialLangiumCoreServices> = { references: { ScopeProvider: services => new MapScopeProvider(services) } };
    const baseline = inject(createDefaultCoreModule({ shared }), BaselineGeneratedModule, BatchedInterruptModule, module);
    shared.ServiceRegistry.register(baseline);
    return baseline;
}

async function main(folder: string): Promise<number> {
    const services = createBaselineServices();
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
    const documents: LangiumDocument[] = [];
    for (const name of readdirSync(folder).filter(n => n.endsWith('.voice')).sort()) {
        const file = path.resolve(folder, name);
        const document = LangiumDocumentFactory.fromString<AstNode>(readFileSync(file, 'utf8'), URI.file(file));
        LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    await DocumentBuilder.build(documents, { validation: false });
    let references = 0;
    let unresolved = 0;
    let syntaxErrors = 0;
    for (const document of documents) {
        syntaxErrors += document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const { reference } of AstUtils.streamReferences(node)) {
                references++;
                // The grammar has no multi-references; `items` covers one anyway.
                if (('ref' in reference ? reference.ref : reference.items[0]) === undefined) unresolved++;
            }
        }
    }
    console.log(JSON.stringify({ files: documents.length, references, unresolved, syntaxErrors }));
    return unresolved === 0 && syntaxErrors === 0 && references > 0 ? 0 : 1;
}

const folder = process.argv[2];
if (!folder) {
    console.error('usage: baseline <folder of .voice files>');
    process.exit(2);
}
main(folder).then(code => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(2);
});
