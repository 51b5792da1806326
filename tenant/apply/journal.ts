/**
 * The apply journal: one JSON line per event, appended and flushed as it happens, so a
 * crash leaves a true record of what was started and what finished. Lives in a
 * git-ignored state folder; holds names and outcomes, never tokens or secrets.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type JournalEvent =
    | { event: 'run-started'; run: string; at: string; tenant: string; source: string; changes: number;
        /** The identity (sha256 of the file) of the saved plan this run applies, and where that file is. */
        plan?: string; planFile?: string;
        /** Set when the run continues an interrupted run of the same plan (`apply --resume`). */
        resumes?: string }
    | { event: 'step-started'; run: string; at: string; step: string; action: string }
    | { event: 'step-done'; run: string; at: string; step: string; action: string; detail?: string }
    | { event: 'step-failed'; run: string; at: string; step: string; action: string; error: string }
    | { event: 'run-finished'; run: string; at: string; outcome: 'succeeded' | 'failed' | 'interrupted'; done: number; failed: number;
        /** Why the run stopped, when it was not a failed step (e.g. the tenant asked for a longer wait than voice waits). */
        error?: string };

export const DEFAULT_STATE_FOLDER = '.voice-state';

export class Journal {
    readonly file: string;

    constructor(stateFolder: string, tenant: string) {
        const safeTenant = tenant.replace(/[^a-zA-Z0-9._-]/g, '_');
        this.file = path.join(stateFolder, safeTenant, 'journal.jsonl');
    }

    append(event: JournalEvent): void {
        mkdirSync(path.dirname(this.file), { recursive: true });
        appendFileSync(this.file, JSON.stringify(event) + '\n', 'utf8');
    }

    /** Every event so far; a torn last line (crash mid-write) is skipped. */
    read(): JournalEvent[] {
        if (!existsSync(this.file)) return [];
        return readFileSync(this.file, 'utf8').split('\n').flatMap(line => {
            try {
                return line.trim() ? [JSON.parse(line) as JournalEvent] : [];
            } catch {
                return [];
            }
        });
    }

    /**
     * The last run if it did not succeed: it failed, was interrupted, or never finished
     * (crash, kill, lost network). A new run resumes what it left.
     */
    unfinishedRun(): UnfinishedRun | undefined {
        const events = this.read();
        const lastStart = events.map(e => e.event).lastIndexOf('run-started');
        if (lastStart < 0) return undefined;
        const start = events[lastStart] as Extract<JournalEvent, { event: 'run-started' }>;
        const of = events.slice(lastStart).filter(e => e.run === start.run);
        const finished = of.find(e => e.event === 'run-finished');
        if (finished?.event === 'run-finished' && finished.outcome === 'succeeded') return undefined;
        const outcome = finished?.event === 'run-finished' && finished.outcome !== 'succeeded' ? finished.outcome : 'stopped unexpectedly';
        // The steps of every run of the same plan count: a resumed run may itself have been interrupted.
        const runs = start.plan === undefined ? new Set([start.run]) : runsOfPlan(events, start.plan);
        const ofPlan = events.filter(e => runs.has(e.run));
        const started = new Set(ofPlan.flatMap(e => (e.event === 'step-started' ? [e.step] : [])));
        const done = new Set(ofPlan.flatMap(e => (e.event === 'step-done' ? [e.step] : [])));
        return { run: start.run, outcome, started, done, plan: start.plan, planFile: start.planFile };
    }
}

/**
 * Steps that runs before `run` created within the last `withinMs`, with when (epoch ms): an
 * object made that recently may not be readable yet (replication), so a plan that wants to
 * create it again is waited for instead (executor.ts), until `withinMs` after its creation.
 */
export function recentCreates(journal: Journal, run: string, withinMs: number, now = Date.now()): Map<string, number> {
    return new Map(journal.read().flatMap(e => (e.event === 'step-done' && e.action === 'create' && e.run !== run
        && now - Date.parse(e.at) < withinMs ? [[e.step, Date.parse(e.at)] as const] : [])));
}

export interface UnfinishedRun {
    run: string;
    outcome: 'failed' | 'interrupted' | 'stopped unexpectedly';
    /** Steps started and steps done, over every run of the run's plan. */
    started: Set<string>;
    done: Set<string>;
    /** The saved plan the run applied (its identity and file), when it recorded one. */
    plan?: string;
    planFile?: string;
}

/** The runs that applied the plan `plan`, since the last run that applied another plan. */
function runsOfPlan(events: JournalEvent[], plan: string): Set<string> {
    const starts = events.filter((e): e is Extract<JournalEvent, { event: 'run-started' }> => e.event === 'run-started');
    const runs = new Set<string>();
    for (let i = starts.length - 1; i >= 0 && starts[i]!.plan === plan; i--) runs.add(starts[i]!.run);
    return runs;
}
