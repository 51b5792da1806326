/**
 * Editor latency on examples/frontline through the real language server services (the
 * same createVoiceServices the server runs; no LSP transport): completion, hover, and
 * diagnostics after an edit. Reports p50/p95 and ratios; a benchmark, not a test.
 *
 *   node bench/editor-latency.mjs [iterations]   (bundles this file with esbuild, runs it from the repository root)
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVoiceServices } from '../server/voice-server-module.js';

async function main(): Promise<void> {
    const iterations = Number(process.argv[2] ?? 200);
    const root = resolve(process.cwd(), 'examples', 'frontline');
    const { shared, Voice } = createVoiceServices(EmptyFileSystem);
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;

    const network = documents.createDocument(URI.file(resolve(root, 'network.voice')), readFileSync(resolve(root, 'network.voice'), 'utf8'));
    const storesText = readFileSync(resolve(root, 'stores.voice'), 'utf8');
    const storesUri = URI.file(resolve(root, 'stores.voice'));
    let stores: LangiumDocument = documents.createDocument(storesUri, storesText);
    await builder.build([network, stores], { validation: true });

    const position = (text: string, needle: string, delta: number) => {
        const doc = TextDocument.create('x', 'voice', 0, text);
        return doc.positionAt(text.indexOf(needle) + delta);
    };

    async function time(fn: () => Promise<unknown>): Promise<number[]> {
        for (let i = 0; i < 20; i++) await fn(); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < iterations; i++) {
            const start = performance.now();
            await fn();
            samples.push(performance.now() - start);
        }
        return samples.sort((a, b) => a - b);
    }

    const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
    const textDocument = { uri: storesUri.toString() };

    const completion = await time(async () => Voice.lsp.CompletionProvider!.getCompletion(stores, {
        textDocument, position: position(storesText, 'assign WashingtonMain', 'assign '.length)
    }));
    const countryCompletion = await time(async () => Voice.lsp.CompletionProvider!.getCompletion(stores, {
        textDocument, position: position(storesText, 'usage-location US', 'usage-location '.length)
    }));
    const hover = await time(async () => (Voice.lsp.HoverProvider!.getHoverContent(stores, {
        textDocument, position: position(storesText, 'resource-account WashingtonRA', 'resource-account W'.length)
    })));
    let version = 0;
    const diagnostics = await time(async () => {
        // An edit (a rank changes back and forth) and a full re-validation of the file and what depends on it.
        version++;
        const text = storesText.replace('rank 3', version % 2 ? 'rank 2' : 'rank 3');
        // What a didChange does in the server: the open text changes, the builder updates.
        shared.workspace.TextDocuments!.set(TextDocument.create(storesUri.toString(), 'voice', version, text));
        await builder.update([storesUri], []);
        await builder.waitUntil(DocumentState.Validated, storesUri);
        stores = documents.getDocument(storesUri)!;
        const count = (stores.diagnostics ?? []).length;
        if (version % 2 && count === 0) throw new Error('the edit should have produced a rank-conflict');
    });

    const rows: [string, number[]][] = [
        ['completion (declarations)', completion],
        ['completion (country codes)', countryCompletion],
        ['hover (declaration + tenant effect)', hover],
        ['diagnostics after an edit', diagnostics]
    ];
    const base = pct(hover, 50);
    console.log(`Editor latency on examples/frontline (${iterations} iterations, Node ${process.versions.node})\n`);
    console.log(`${'operation'.padEnd(38)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'x hover p50'.padStart(13)}`);
    for (const [name, s] of rows) {
        console.log(`${name.padEnd(38)}${pct(s, 50).toFixed(2).padStart(9)}${pct(s, 95).toFixed(2).padStart(9)}${(pct(s, 50) / base).toFixed(1).padStart(13)}`);
    }
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
