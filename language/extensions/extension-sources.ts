/**
 * The extension CSV files of a setup: language/ reads no files, so the CLI's loader and the
 * language server read each file an `extensions from "<file>"` statement names and hand its
 * text in here (`ExtensionSources`, a shared service) before validation. The validator checks
 * it and keeps the checked rows on the statement for the plan (`extensionRowsOf`).
 */
import type { URI } from 'langium';
import type { Extensions, Model } from '../generated/ast.js';
import { resolveImportUri } from '../imports.js';
import type { ExtensionCsv, ExtensionRow } from './extension-csv.js';

/** The file's text, or why it could not be read (said in the diagnostic). */
export type ExtensionSource = { text: string } | { problem: string };

/** Larger extension files are refused unread (a 50,000-row file is about 2.5 MB). */
export const MAX_EXTENSION_FILE_BYTES = 32 * 1024 * 1024;

/** What the editor and the CLI make of an extension file's bytes: one policy, so both report the same. */
export function extensionSourceOf(bytes: Uint8Array): ExtensionSource {
    if (bytes.length > MAX_EXTENSION_FILE_BYTES) return tooLarge();
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    } catch {
        return { problem: `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); save it as UTF-8` };
    }
}

/** The answer for a file over MAX_EXTENSION_FILE_BYTES (a reader that can tell the size first leaves it unread). */
export function tooLarge(): ExtensionSource {
    return { problem: `it is larger than ${MAX_EXTENSION_FILE_BYTES / 1048576} MiB` };
}

/** The offset of the first byte that is not UTF-8 (by bisection: a decoder says only that one is there). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let low = 0;
    let high = bytes.length;
    while (low < high) {
        const mid = Math.floor((low + high) / 2);
        try {
            decoder.decode(bytes.subarray(0, mid), { stream: true });
            decoder.decode();
            low = mid + 1;
        } catch {
            high = mid;
        }
    }
    return Math.max(0, low - 1);
}

export class ExtensionSources {
    private readonly sources = new Map<string, ExtensionSource>();

    set(uri: URI, source: ExtensionSource): void {
        this.sources.set(uri.toString(), source);
    }

    get(uri: URI): ExtensionSource | undefined {
        return this.sources.get(uri.toString());
    }
}

/** The URI an `extensions from "path"` statement points at, relative to its file (as imports are). */
export function extensionFileUri(documentUri: URI, path: string): URI {
    return resolveImportUri(documentUri, path);
}

/** The extension files a model names, for the loader to read. */
export function extensionFilesOf(model: Model, documentUri: URI): URI[] {
    return model.statements
        .filter((s): s is Extensions => s.$type === 'Extensions' && typeof s.path === 'string' && s.path.length > 0)
        .map(s => extensionFileUri(documentUri, s.path));
}

/** What the validator found in each statement's file, for the plan (an unchecked statement has no rows). */
const checked = new WeakMap<Extensions, ExtensionCsv>();

export function recordExtensionCsv(statement: Extensions, csv: ExtensionCsv): void {
    checked.set(statement, csv);
}

export function extensionRowsOf(statement: Extensions): ExtensionRow[] {
    return checked.get(statement)?.rows ?? [];
}
