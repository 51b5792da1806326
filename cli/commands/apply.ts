import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { diffSetup } from '../../language/plan/diff.js';
import { hasChanges, renderPlanText, summarize } from '../../language/plan/render.js';
import { APP_ONLY_LIMITS } from '../../tenant/auth/credentials.js';
import type { ApplyResult } from '../../tenant/apply/executor.js';
import { PlanExecutor } from '../../tenant/apply/executor.js';
import { DEFAULT_STATE_FOLDER, Journal } from '../../tenant/apply/journal.js';
import { connectTenant } from '../../tenant/connection.js';
import { CancelledError } from '../../tenant/errors.js';
import { readTenantState } from '../../tenant/read-state.js';
import type { Command } from './command.js';
import { TENANT_HELP, TENANT_OPTIONS, connectOptionsFrom, describeTarget } from './plan.js';
import { UsageError } from '../usage-error.js';
import { loadCheckedSetup } from '../setup-loader.js';
import { progressPrinter } from '../progress.js';

const HELP = `voice apply <file or folder> [options]

Plans, asks for confirmation, then converges the tenant to the files, in setup order.
Every step is journaled to ${DEFAULT_STATE_FOLDER}/<tenant>/journal.jsonl; an interrupted apply
run again resumes and converges without creating anything twice.

${TENANT_HELP}
  --auto-approve                  apply without asking
  --dry-run                       plan and stop
  --state-dir DIR                 where the journal goes (default ${DEFAULT_STATE_FOLDER})`;

/** Pending changes that justify one more PowerShell session (a pwsh process takes seconds to start). */
const CHANGES_PER_SESSION = 50;

export const applyCommand: Command = {
    summary: 'plan, confirm and converge the tenant to the files',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: { ...TENANT_OPTIONS, 'auto-approve': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, 'state-dir': { type: 'string' } }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        if (positionals.length === 0) throw new UsageError(`no file or folder given\n\n${HELP}`);
        const setup = await loadCheckedSetup(positionals);
        if (typeof setup === 'number') return setup;
        const options = connectOptionsFrom(values, setup.tenant);
        if (options.signIn === 'certificate') console.error(`note: ${APP_ONLY_LIMITS}`);
        const target = describeTarget(options.tenant, options.emulatorUrl, setup.tenant);
        const journal = new Journal(values['state-dir'] ?? DEFAULT_STATE_FOLDER, options.tenant === 'emulator' ? `emulator-${setup.tenant ?? 'tenant'}` : options.tenant);
        const previous = journal.unfinishedRun();
        const connection = await connectTenant(options);
        try {
            const snapshot = await readTenantState(connection.graph, connection.teams);
            const plan = diffSetup(setup.plans, snapshot);
            console.log(renderPlanText(plan, setup.plans, target));
            if (plan.findings.some(f => f.severity === 'error')) {
                console.error('\nNot applying: fix the tenant checks above first.');
                return 1;
            }
            if (!hasChanges(plan)) return 0;
            if (values['dry-run']) {
                console.error('\nDry run: nothing applied.');
                return 0;
            }
            if (previous) {
                console.error(`\nResuming: the previous apply (${previous.run}, ${previous.outcome}) finished ${previous.done.size} of ${previous.started.size} started step(s); ` +
                    'this run re-read the tenant and does only what is still missing.');
            }
            const summary = summarize(plan);
            if (!values['auto-approve'] && !(await confirm(`\nApply ${summary.create + summary.update} change(s) to ${target}? Only 'yes' will be accepted: `))) {
                console.error('Apply cancelled; nothing changed.');
                return 1;
            }
            // Parallel Teams PowerShell sessions for a large apply: one per 50 changes, up to the pool's limit.
            const pending = plan.changes.filter(c => c.action !== 'unchanged').length;
            const sessions = await connection.teams.grow(Math.ceil(pending / CHANGES_PER_SESSION));
            if (sessions > 1) console.error(`Applying with ${sessions} Teams PowerShell sessions in parallel.`);
            const run = randomUUID();
            const aborter = new AbortController();
            const onInterrupt = () => {
                if (aborter.signal.aborted) process.exit(130);
                console.error('\nStopping after the steps under way (Ctrl-C again to stop at once)...');
                aborter.abort();
            };
            process.on('SIGINT', onInterrupt);
            journal.append({ event: 'run-started', run, at: new Date().toISOString(), tenant: options.tenant, source: positionals.join(' '), changes: summary.create + summary.update });
            try {
                const progress = { done: 0, failed: 0, print: progressPrinter() };
                const executor = new PlanExecutor(connection.graph, connection.teams, snapshot, {
                    journal, run, signal: aborter.signal, parallel: sessions,
                    onProgress: p => { progress.done = p.done; if (p.outcome === 'failed') progress.failed++; progress.print(p); }
                });
                let result: ApplyResult;
                try {
                    result = await executor.apply(plan);
                } catch (error) {
                    // Ctrl-C that reached PowerShell as well (a Windows console), or any error while stopping, is the interruption.
                    if (!(error instanceof CancelledError) && !aborter.signal.aborted) {
                        journal.append({ event: 'run-finished', run, at: new Date().toISOString(), outcome: 'failed', done: progress.done, failed: progress.failed,
                            error: error instanceof Error ? error.message : String(error) });
                        throw error;
                    }
                    result = { done: progress.done, failed: [], interrupted: true };
                }
                const outcome = result.interrupted ? 'interrupted' : result.failed.length > 0 ? 'failed' : 'succeeded';
                journal.append({ event: 'run-finished', run, at: new Date().toISOString(), outcome, done: result.done, failed: result.failed.length });
                if (outcome === 'succeeded') {
                    console.error(`\nApply complete: ${result.done} change(s) applied. Journal: ${journal.file}`);
                    return 0;
                }
                console.error(outcome === 'interrupted'
                    ? `\nInterrupted after ${result.done} change(s). Run apply again to finish. Journal: ${journal.file}`
                    : `\nApply stopped: ${result.failed.length} step(s) failed (first: ${result.failed[0].step}: ${result.failed[0].error}). ` +
                      `${result.done} change(s) were applied; fix the cause and run apply again. Journal: ${journal.file}`);
                return outcome === 'interrupted' ? 130 : 1;
            } finally {
                process.off('SIGINT', onInterrupt);
            }
        } finally {
            await connection.dispose();
        }
    }
};

async function confirm(question: string): Promise<boolean> {
    if (!process.stdin.isTTY) {
        throw new UsageError('cannot ask for confirmation: standard input is not a terminal (pass --auto-approve to apply without asking)');
    }
    const reader = createInterface({ input: process.stdin, output: process.stderr });
    try {
        return (await reader.question(question)).trim() === 'yes';
    } finally {
        reader.close();
    }
}
