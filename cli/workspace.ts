/**
 * Loads .voice files from disk into the language services: the CLI's only file I/O for
 * the language. Follows imports, guards against files the parser must not see (binary,
 * huge, not UTF-8), and builds everything with validation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Model } from '../language/generated/ast.js';
import { extensionFilesOf, extensionSourceOf, firstInvalidUtf8, MAX_EXTENSION_FILE_BYTES, tooLarge, type ExtensionSource } from '../language/extensions/extension-sources.js';
import { directImportUris } from '../language/imports.js';
import { declaredParameters, resolveParameterValues, substituteParameters } from '../language/parameters.js';
import type { Setup } from '../language/setups.js';
import { createVoiceCoreServices } from '../language/voice-module.js';

/** Larger files are refused before parsing: error recovery on huge invalid input overflows the parser's stack. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A file that could not be read as a .voice source; reported as one line, never a stack trace. */
export interface InputProblem {
    file: string;
    message: string;
}

export interface LoadedWorkspace {
    services: ReturnType<typeof createVoiceCoreServices>;
    /** Every document built, requested files first, then files reached through imports. */
    documents: LangiumDocument<Model>[];
    problems: InputProblem[];
    /** The setups the requested files form: one per folder (language/setups.ts). */
    setups: Setup[];
    /** The values file loaded with the setup, if any. */
    values?: string;
}

/** How a template's parameters get their values (docs/parameters.md). */
export interface ParameterOptions {
    /** A .voicevalues file, loaded and checked with the setup. */
    values?: string;
    /** Write the values (or the defaults) into the statements before they are checked; `voice check` without values leaves the template as it is. */
    substitute: boolean;
}

/** Expands files and folders into .voice file paths; problems for missing paths and empty folders. */
export function collectVoiceFiles(inputs: string[]): { files: string[]; problems: InputProblem[] } {
    const files: string[] = [];
    const problems: InputProblem[] = [];
    for (const input of inputs) {
        let stats;
        try {
            stats = statSync(input);
        } catch {
            problems.push({ file: input, message: 'no such file or folder' });
            continue;
        }
        if (stats.isDirectory()) {
            const found = findVoiceFiles(input);
            if (found.length === 0) problems.push({ file: input, message: 'folder contains no .voice files' });
            files.push(...found);
        } else {
            files.push(input);
        }
    }
    return { files: [...new Set(files.map(f => path.resolve(f)))], problems };
}

function findVoiceFiles(folder: string): string[] {
    const result: string[] = [];
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) result.push(...findVoiceFiles(full));
        else if (entry.isFile() && entry.name.endsWith('.voice')) result.push(full);
    }
    return result;
}

/** Reads a source file, or says in one line why it cannot be one. */
export function readVoiceSource(file: string): { text: string } | { problem: string } {
    let stats;
    try {
        stats = statSync(file);
    } catch {
        return { problem: 'no such file' };
    }
    if (!stats.isFile()) return { problem: 'not a regular file' };
    if (stats.size > MAX_FILE_BYTES) {
        return { problem: `file is ${(stats.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB per .voice file (split it with imports)` };
    }
    let bytes: Buffer;
    try {
        bytes = readFileSync(file);
    } catch (error) {
        return { problem: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}` };
    }
    if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes), not a .voice source' };
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    } catch {
        const offset = firstInvalidUtf8(bytes);
        return { problem: `not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8` };
    }
}

/** An extension CSV (`extensions from "<file>"`): its text, or why not; the validator reports the why on the statement. */
export function readExtensionFile(file: string): ExtensionSource {
    try {
        if (statSync(file).size > MAX_EXTENSION_FILE_BYTES) return tooLarge();
        return extensionSourceOf(readFileSync(file));
    } catch (error) {
        return { problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}` };
    }
}

/**
 * Loads the files and everything they import, then parses, links and validates them
 * together. The requested files are the setups' roots: each folder of them is one setup.
 */
export async function loadWorkspace(files: string[], parameters?: ParameterOptions): Promise<LoadedWorkspace> {
    const services = createVoiceCoreServices(NodeFileSystem);
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
    const problems: InputProblem[] = [];
    const documents: LangiumDocument<Model>[] = [];
    const queue = files.map(f => URI.file(path.resolve(f)));
    const requested = new Set(queue.map(u => u.toString()));
    const valuesUri = parameters?.values === undefined ? undefined : URI.file(path.resolve(parameters.values));
    // The values file is loaded beside the setup, never one of its roots: it declares nothing.
    if (valuesUri) queue.push(valuesUri);
    const seen = new Set<string>();
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        const source = readVoiceSource(uri.fsPath);
        if ('problem' in source) {
            // A missing import is reported by the importing file's unresolved-import diagnostic.
            const named = requested.has(uri.toString()) || uri.toString() === valuesUri?.toString();
            if (named || source.problem !== 'no such file') problems.push({ file: uri.fsPath, message: source.problem });
            continue;
        }
        const document = LangiumDocumentFactory.fromString<Model>(source.text, uri);
        LangiumDocuments.addDocument(document);
        documents.push(document);
        queue.push(...directImportUris(document.parseResult.value, uri));
        for (const file of extensionFilesOf(document.parseResult.value, uri)) services.shared.voice.ExtensionSources.set(file, readExtensionFile(file.fsPath));
    }
    const setups = services.shared.voice.Setups;
    setups.setRoots(documents.filter(d => requested.has(d.uri.toString())).map(d => d.uri));
    if (parameters?.substitute) {
        const values = documents.find(d => d.uri.toString() === valuesUri?.toString());
        // After linking, before validation: the setup's rules see the tenant's values.
        DocumentBuilder.onBuildPhase(DocumentState.Linked, () => {
            const templates = documents.filter(d => d !== values).map(d => d.parseResult.value);
            substituteParameters(templates, resolveParameterValues(declaredParameters(templates), values?.parseResult.value));
        });
    }
    await DocumentBuilder.build(documents, { validation: true });
    return { services, documents, problems, setups: setups.all(), ...(valuesUri ? { values: valuesUri.fsPath } : {}) };
}
