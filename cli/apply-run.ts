/**
 * One apply run, whichever way its changes came (planned just now, a saved plan, a resume):
 * parallel sessions for a large run, Ctrl-C handling, the journal opened and always closed
 * with a run-finished record, progress, and the closing line with the exit code.
 */
import { randomUUID } from 'node:crypto';
import { summarize } from '../language/plan/render.js';
import type { ApplyResult } from '../tenant/apply/executor.js';
import { PlanExecutor } from '../tenant/apply/executor.js';
import type { Journal } from '../tenant/apply/journal.js';
import type { ExecutableChange } from '../tenant/apply/operations.js';
import type { TenantConnection } from '../tenant/connection.js';
import { CancelledError } from '../tenant/errors.js';
import type { TenantSnapshot } from '../language/plan/snapshot.js';
import { progressPrinter } from './progress.js';

/** Pending changes that justify one more PowerShell session (a pwsh process takes seconds to start). */
const CHANGES_PER_SESSION = 50;

export interface ApplyRun {
    connection: TenantConnection;
    journal: Journal;
    snapshot: TenantSnapshot;
    changes: readonly ExecutableChange[];
    tenant: string;
    /** What was applied, for the journal: the setup's paths or the plan file. */
    source: string;
    /** The saved plan this run applies: its identity and file. */
    plan: { identity: string; file: string };
    /** The run this one continues (`--resume`). */
    resumes?: string;
}

export async function runApply(input: ApplyRun): Promise<number> {
    const { connection, journal } = input;
    const summary = summarize(input);
    // Parallel Teams PowerShell sessions for a large apply: up to one per 50 changes and the pool's limit, opened
    // while the apply runs, as the work needs them (the first waves start on the session that read the tenant).
    const sessions = connection.teams.allow(Math.ceil((summary.create + summary.update) / CHANGES_PER_SESSION));
    if (sessions > 1) console.error(`Applying with up to ${sessions} Teams PowerShell sessions in parallel.`);
    const run = randomUUID();
    const aborter = new AbortController();
    const onInterrupt = () => {
        if (aborter.signal.aborted) process.exit(130);
        console.error('\nStopping after the steps under way (Ctrl-C again to stop at once)...');
        aborter.abort();
    };
    process.on('SIGINT', onInterrupt);
    journal.append({
        event: 'run-started', run, at: new Date().toISOString(), tenant: input.tenant, source: input.source, changes: summary.create + summary.update,
        plan: input.plan.identity, planFile: input.plan.file, ...(input.resumes ? { resumes: input.resumes } : {})
    });
    try {
        const progress = { done: 0, failed: 0, print: progressPrinter() };
        const executor = new PlanExecutor(connection.graph, connection.teams, input.snapshot, {
            journal, run, signal: aborter.signal, parallel: sessions, onNote: note => console.error(note),
            onProgress: p => { progress.done = p.done; if (p.outcome === 'failed') progress.failed++; progress.print(p); }
        });
        let result: ApplyResult;
        try {
            result = await executor.apply(input);
        } catch (error) {
            // Ctrl-C that reached PowerShell as well (a Windows console), or any error while stopping, is the interruption.
            if (!(error instanceof CancelledError) && !aborter.signal.aborted) {
                journal.append({ event: 'run-finished', run, at: new Date().toISOString(), outcome: 'failed', done: progress.done, failed: progress.failed,
                    error: error instanceof Error ? error.message : String(error) });
                throw error;
            }
            result = { done: progress.done, failed: [], interrupted: true, warnings: [] };
        }
        for (const warning of result.warnings) console.error(`\nWarning: ${warning}`);
        const outcome = result.interrupted ? 'interrupted' : result.failed.length > 0 ? 'failed' : 'succeeded';
        journal.append({ event: 'run-finished', run, at: new Date().toISOString(), outcome, done: result.done, failed: result.failed.length });
        if (outcome === 'succeeded') {
            console.error(`\nApply complete: ${result.done} change(s) applied. Journal: ${journal.file}`);
            return 0;
        }
        console.error(outcome === 'interrupted'
            ? `\nInterrupted after ${result.done} change(s). Run apply again to finish. With --resume it continues exactly this plan. ` +
              `Journal: ${journal.file}`
            : `\nApply stopped: ${result.failed.length} step(s) failed (first: ${result.failed[0]!.step}: ${result.failed[0]!.error}). ` +
              `${result.done} change(s) were applied; fix the cause and run apply again. Journal: ${journal.file}`);
        return outcome === 'interrupted' ? 130 : 1;
    } finally {
        process.off('SIGINT', onInterrupt);
    }
}
