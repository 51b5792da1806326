/**
 * The editor path, through the real language server services (createVoiceServices, the
 * module server/main.ts runs): a large workspace loaded as the server loads it, then
 * one-line edits re-validated with DocumentBuilder.update (what a didChange triggers),
 * and completion and hover requests at sampled positions.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVoiceServices } from '../server/voice-server-module.js';
import type { Distribution } from './stats.js';
import { distribution } from './stats.js';
import { createRandom } from '../tenant/emulator/random.js';
import { storeLines } from '../test/support/generate-setup.js';
import type { PeakMemorySampler } from './memory.js';

export interface EditorResult {
    loadMs: number;
    /** One-line edit in one store file of the workspace. */
    edit: Distribution;
    /** One-line edit in network.voice, which every store file imports (all of them relink). */
    sharedEdit: Distribution;
    /** Realistic edits in a store file of the workspace, each applied and then undone (both timed). */
    rename?: Distribution;
    numberChange?: Distribution;
    addStore?: Distribution;
    completion: Distribution;
    hover: Distribution;
    /** Completion and hover in the one-file variant (every store in one file), of this many stores. */
    singleFileStores?: number;
    /** Completion and hover in the one-file variant (every store in one file). */
    singleFileCompletion?: Distribution;
    singleFileHover?: Distribution;
    /** Peak RSS of this process up to the end of the workspace figures: the language server holding the workspace. */
    workspacePeakRssKb: number;
}

type Services = ReturnType<typeof createVoiceServices>;

export async function load(files: string[]): Promise<{ services: Services; documents: LangiumDocument[] }> {
    const services = createVoiceServices(NodeFileSystem);
    const { LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    const documents: LangiumDocument[] = [];
    for (const file of files) documents.push(await LangiumDocuments.getOrCreateDocument(URI.file(file)));
    await DocumentBuilder.build(documents, { validation: true });
    return { services, documents };
}

/** Replaces one line in an open document and rebuilds as the language server does on didChange; returns the time to fresh diagnostics. */
async function editLine(services: Services, document: LangiumDocument, version: number, from: string, to: string): Promise<number> {
    const text = document.textDocument.getText();
    const at = text.indexOf(from);
    if (at < 0) throw new Error(`bench: '${from}' not found in ${document.uri.path}`);
    return setText(services, document, version, text.slice(0, at) + to + text.slice(at + from.length));
}

/** Sets a document's whole text as a didChange does and rebuilds; the time to fresh diagnostics, which must hold no error. */
export async function setText(services: Services, document: LangiumDocument, version: number, next: string): Promise<number> {
    const started = performance.now();
    services.shared.workspace.TextDocuments!.set(TextDocument.create(document.uri.toString(), 'voice', version, next));
    await services.shared.workspace.DocumentBuilder.update([document.uri], []);
    const elapsed = performance.now() - started;
    const rebuilt = services.shared.workspace.LangiumDocuments.getDocument(document.uri)!;
    if (!rebuilt.diagnostics) throw new Error('bench: the edited document was not validated');
    const error = rebuilt.diagnostics.find(d => d.severity === 1);
    if (error) throw new Error(`bench: the edit introduced errors: ${error.message}`);
    return elapsed;
}

/**
 * Renames a declaration as the editor does: the language server's rename provider computes
 * the edit (declaration and every reference), which is applied to the open document.
 */
async function rename(services: Services, uri: string, version: number, from: string, to: string): Promise<number> {
    const document = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
    const text = document.textDocument.getText();
    const at = text.indexOf(`group ${from} `);
    if (at < 0) throw new Error(`bench: group ${from} not found`);
    const position = document.textDocument.positionAt(at + 'group '.length + 1);
    const edit = await services.Voice.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName: to });
    const changes = Object.entries(edit?.changes ?? {});
    if (changes.length !== 1 || changes[0]![0] !== uri) throw new Error(`bench: the rename of ${from} should change its own file only`);
    const next = TextDocument.applyEdits(document.textDocument, changes[0]![1]);
    return setText(services, document, version, next);
}

/** A store's statements with names and numbers no generated store uses (index past every generated one). */
function extraStore(): string {
    return storeLines(9_999, { coverage: 'all', grants: false }).lines.join('\n')
        .replace(/\+1 \d{3} 555/g, '+1 299 555');
}

/** Positions to ask at: every kind of spot in the text (keywords, names, references, strings, blanks), sampled with a fixed seed. */
function samplePositions(document: LangiumDocument, n: number, seed: number): { line: number; character: number }[] {
    // Seeded, so every run samples the same positions.
    const random = createRandom(seed);
    const lines = document.textDocument.getText().split('\n');
    const positions: { line: number; character: number }[] = [];
    while (positions.length < n) {
        const line = Math.floor(random() * lines.length);
        positions.push({ line, character: Math.floor(random() * ((lines[line]?.length ?? 0) + 1)) });
    }
    return positions;
}

async function requestLatencies(services: Services, document: LangiumDocument, samples: number, seed: number): Promise<{ completion: number[]; hover: number[] }> {
    const completion: number[] = [];
    const hover: number[] = [];
    const textDocument = { uri: document.uri.toString() };
    const { CompletionProvider, HoverProvider } = services.Voice.lsp;
    for (const position of samplePositions(document, samples, seed)) {
        let started = performance.now();
        await CompletionProvider!.getCompletion(document, { textDocument, position });
        completion.push(performance.now() - started);
        started = performance.now();
        await HoverProvider!.getHoverContent(document, { textDocument, position });
        hover.push(performance.now() - started);
    }
    return { completion, hover };
}

export async function benchEditor(workspaceFiles: string[], singleFile: string | undefined, options: { edits: number; samples: number; memory: PeakMemorySampler }): Promise<EditorResult> {
    const started = performance.now();
    const { services, documents } = await load(workspaceFiles);
    const loadMs = performance.now() - started;
    const stores = documents.filter(d => /stores-\d+\.voice$/.test(d.uri.path));
    const target = stores[Math.floor(stores.length / 2)]!;
    const network = documents.find(d => d.uri.path.endsWith('/network.voice'))!;

    // A store's description, edited back and forth (after warm-up edits, not measured).
    const match = /description "(Store \d+)"/.exec(readFileSync(target.uri.fsPath, 'utf8'))!;
    const original = `description "${match[1]}"`;
    const edited = `description "${match[1]} (renovated)"`;
    const edit: number[] = [];
    let version = 1;
    for (let i = 0; i < options.edits + 3; i++) {
        const current = services.shared.workspace.LangiumDocuments.getDocument(target.uri)!;
        const [from, to] = i % 2 === 0 ? [original, edited] : [edited, original];
        const elapsed = await editLine(services, current, ++version, from, to);
        if (i >= 3) edit.push(elapsed);
    }
    const sharedEdit: number[] = [];
    for (let i = 0; i < Math.max(4, Math.round(options.edits / 5)); i++) {
        const current = services.shared.workspace.LangiumDocuments.getDocument(network.uri)!;
        const [from, to] = i % 2 === 0 ? ['port 5061', 'port 5062'] : ['port 5062', 'port 5061'];
        sharedEdit.push(await editLine(services, current, ++version, from, to));
    }

    // Realistic edits, each done and undone (both timed): rename a group (through the rename
    // provider), change a number, add a store at the end of the file.
    const uri = target.uri.toString();
    const renameTimes: number[] = [];
    const numberTimes: number[] = [];
    const addTimes: number[] = [];
    const group = /group (Associates\d+) /.exec(readFileSync(target.uri.fsPath, 'utf8'))![1]!;
    const number = /number Main\d+ "(\+1 \d{3} 555 \d{4})"/.exec(readFileSync(target.uri.fsPath, 'utf8'))![1]!;
    const freeNumber = number.replace(' 555 ', ' 556 ');
    const realistic = Math.max(6, Math.round(options.edits / 4));
    for (let i = 0; i < realistic; i++) {
        const [from, to] = i % 2 === 0 ? [group, `${group}Crew`] : [`${group}Crew`, group];
        renameTimes.push(await rename(services, uri, ++version, from, to));
    }
    for (let i = 0; i < realistic; i++) {
        const current = services.shared.workspace.LangiumDocuments.getDocument(target.uri)!;
        const [from, to] = i % 2 === 0 ? [`"${number}"`, `"${freeNumber}"`] : [`"${freeNumber}"`, `"${number}"`];
        numberTimes.push(await editLine(services, current, ++version, from, to));
    }
    const store = extraStore();
    for (let i = 0; i < realistic; i++) {
        const current = services.shared.workspace.LangiumDocuments.getDocument(target.uri)!;
        const text = current.textDocument.getText();
        const next = i % 2 === 0 ? `${text}\n${store}\n` : text.slice(0, text.length - store.length - 2);
        addTimes.push(await setText(services, current, ++version, next));
    }

    const current = services.shared.workspace.LangiumDocuments.getDocument(target.uri)!;
    await requestLatencies(services, current, 20, 1); // warm-up
    const latencies = await requestLatencies(services, current, options.samples, 7);

    const result: EditorResult = {
        loadMs, edit: distribution(edit), sharedEdit: distribution(sharedEdit),
        rename: distribution(renameTimes), numberChange: distribution(numberTimes), addStore: distribution(addTimes),
        completion: distribution(latencies.completion), hover: distribution(latencies.hover),
        workspacePeakRssKb: options.memory.peak().selfKb
    };
    if (singleFile) {
        const single = await load([singleFile]);
        const document = single.documents[0]!;
        await requestLatencies(single.services, document, 5, 1);
        const one = await requestLatencies(single.services, document, Math.max(20, Math.round(options.samples / 4)), 11);
        result.singleFileStores = (document.textDocument.getText().match(/^address /gm) ?? []).length;
        result.singleFileCompletion = distribution(one.completion);
        result.singleFileHover = distribution(one.hover);
    }
    return result;
}
