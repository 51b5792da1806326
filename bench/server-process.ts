/**
 * The language server as the editor runs it: the bundled server (out/server.cjs) in its own
 * process over stdio, with the workspace folder opened, as VS Code starts it. Its memory is
 * its own (the in-process editor figures share a process with the bench), read from the
 * kernel's high-water mark (VmHWM in /proc/<pid>/status): the exact peak, not a sample.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LanguageServerProcess } from '../test/support/language-server.js';
import type { Distribution } from './stats.js';
import { distribution } from './stats.js';

export interface ServerProcessResult {
    files: number;
    /** From the server's start to the diagnostics of the file opened in it (every file read, indexed and linked). */
    loadMs: number;
    /** Resident memory then. */
    afterLoadRssKb: number;
    /** One-line edits of a store file (didChange) until its fresh diagnostics arrive. */
    edit: Distribution;
    /** The process's peak resident memory over the load and the edits. */
    peakRssKb: number;
}

/** A figure of /proc/<pid>/status in kB (VmRSS now, VmHWM the peak so far). */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!match) throw new Error(`bench: no ${field} for process ${pid}`);
    return Number(match[1]);
}

export async function benchServerProcess(folder: string, files: string[], editFile: string, edits: number): Promise<ServerProcessResult> {
    const started = performance.now();
    const server = await LanguageServerProcess.start(folder);
    try {
        const waiting = new Map<string, () => void>();
        let failure: string | undefined;
        server.onDiagnostics(({ uri, diagnostics }) => {
            const error = diagnostics.find(d => d.severity === 1);
            if (error) failure ??= `bench: the language server reports an error in ${uri}: ${error.message}`;
            waiting.get(uri)?.();
        });
        const fail = () => {
            if (failure) throw new Error(failure);
        };
        // The server reads, indexes and links every file of the folder when it starts, and
        // validates the files the editor opens: the opened file's diagnostics come after both.
        const uri = pathToFileURL(editFile).href;
        await new Promise<void>((resolve, reject) => {
            waiting.set(uri, resolve);
            server.open(editFile).catch(reject);
            setTimeout(() => reject(new Error('bench: no diagnostics from the language server in 10 minutes')), 600_000).unref();
        });
        fail();
        const loadMs = performance.now() - started;
        const afterLoadRssKb = statusKb(server.pid, 'VmRSS');

        const original = readFileSync(editFile, 'utf8');
        const match = /description "(Store \d+)"/.exec(original)!;
        const edited = original.replace(match[0], `description "${match[1]} (renovated)"`);
        const times: number[] = [];
        for (let version = 2; version < edits + 2; version++) {
            const fresh = new Promise<void>(resolve => waiting.set(uri, resolve));
            const begun = performance.now();
            await server.change(uri, version, version % 2 === 0 ? edited : original);
            await fresh;
            times.push(performance.now() - begun);
            fail();
        }
        return { files: files.length, loadMs, afterLoadRssKb, edit: distribution(times), peakRssKb: statusKb(server.pid, 'VmHWM') };
    } finally {
        await server.stop();
    }
}
