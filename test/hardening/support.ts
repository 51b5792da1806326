/**
 * Shared helpers for the hardening tests: the language services with documents created
 * from text, checks that every range lies inside its document, and a `voice` child
 * process that a test can kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createVoiceServices } from '../../server/voice-server-module.js';
import type { TenantState } from '../../tenant/emulator/index.js';
import { REPO_ROOT, VOICE_BIN } from '../support/cli.js';

export const services = createVoiceServices(EmptyFileSystem);

/**
 * Builds the given files (name -> text) under file:///fuzz/ with validation; returns the .voice
 * documents in the same order. A `.csv` is an extension file: handed to the services as the
 * CLI's loader hands it over (language/ reads no files).
 */
export async function buildFiles(files: Record<string, string>): Promise<LangiumDocument[]> {
    const { LangiumDocumentFactory, LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    for (const [name, text] of Object.entries(files)) {
        if (name.endsWith('.csv')) services.shared.voice.ExtensionSources.set(URI.parse(`file:///fuzz/${name}`), { text });
    }
    const documents = Object.entries(files).filter(([name]) => !name.endsWith('.csv')).map(([name, text]) => {
        const document = LangiumDocumentFactory.fromString(text, URI.parse(`file:///fuzz/${name}`));
        LangiumDocuments.addDocument(document);
        return document;
    });
    await DocumentBuilder.build(documents, { validation: true });
    return documents;
}

export async function forgetAll(): Promise<void> {
    await clearDocuments(services.shared);
}

/** Why a range is not inside `text` (zero-based lines, UTF-16 characters; an end may sit at a line's end), or undefined. */
export function rangeProblem(text: string, range: Range | undefined): string | undefined {
    if (!range) return 'no range';
    const lines = text.split(/\r\n|\r|\n/);
    const inside = (p: { line: number; character: number }) => Number.isInteger(p.line) && Number.isInteger(p.character) &&
        p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
    if (!inside(range.start)) return `start ${JSON.stringify(range.start)} outside the document (${lines.length} lines)`;
    if (!inside(range.end)) return `end ${JSON.stringify(range.end)} outside the document (${lines.length} lines)`;
    if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character)) {
        return `end ${JSON.stringify(range.end)} before start ${JSON.stringify(range.start)}`;
    }
    return undefined;
}

/** Diagnostics that report an internal failure (a check or provider that threw) rather than a problem in the file. */
export function internalErrors(diagnostics: readonly Diagnostic[]): string[] {
    return diagnostics.map(d => (typeof d.message === 'string' ? d.message : String(d.message))).filter(m => /^An error occurred/.test(m));
}

export interface RunningVoice {
    child: ChildProcess;
    done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the bundled `voice` command; the test may kill it (a crash-stop of the operator's machine). */
export function startVoice(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunningVoice {
    const child = spawn(process.execPath, [VOICE_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', c => { stdout += c; });
    child.stderr!.setEncoding('utf8').on('data', c => { stderr += c; });
    const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
        child.on('close', (status, signal) => {
            clearTimeout(timer);
            resolve({ status, signal, stdout, stderr });
        });
    });
    return { child, done };
}

/** A stack trace line as Node prints them: what a user must never see from `voice`. */
export const STACK_LINE = /\n\s+at .+\(|\n\s+at \S+:\d+:\d+/;

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The tenant as a sorted list of objects, without generated ids and timestamps: equal
 * lists mean the same objects, none twice and none missing.
 */
/**
 * Schedules no auto attendant uses. A crash after New-CsOnlineSchedule (which writes to the tenant,
 * nested in New-/Set-CsAutoAttendant) and before the auto attendant call leaves them so: the run
 * that resumes makes them again (docs/language.md says so). A retry within a run takes them again
 * instead (session-script.ts), so under faults without a crash there are none.
 */
export function unusedSchedules(state: TenantState): string[] {
    const used = new Set((state.autoAttendants ?? []).flatMap(a => a.callHandlingAssociations.map(c => String((c as { ScheduleId?: unknown }).ScheduleId ?? '').toLowerCase())));
    return (state.schedules ?? []).filter(s => !used.has(s.id.toLowerCase())).map(s => s.id);
}

export function projection(state: TenantState): string[] {
    const out: string[] = [];
    // A schedule no auto attendant uses is left out (see unusedSchedules); used schedules are compared.
    const unused = new Set(unusedSchedules(state));
    for (const [collection, value] of Object.entries(state)) {
        const items = (Array.isArray(value) ? value : [value])
            .filter(item => collection !== 'schedules' || !unused.has((item as { id: string }).id));
        for (const item of items) {
            out.push(`${collection} ${JSON.stringify(item, (key, v) => (/(^id$|Id$|DateTime$|Time$)/.test(key) ? undefined : typeof v === 'string' ? v.replace(GUID, '<id>') : v))}`);
        }
    }
    return out.sort();
}
