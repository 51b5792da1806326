import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { diffSetup } from '../../language/plan/diff.js';
import { describeMoved, fingerprints, movedByRun, movedObjects } from '../../language/plan/fingerprint.js';
import { planDocument } from '../../language/plan/plan-document.js';
import { describeSetupDifference, sameSetup, savedChanges, setupDifference } from '../../language/plan/plan-file.js';
import { hasChanges, renderDocumentText, summarize } from '../../language/plan/render.js';
import { toolVersion } from '../../shared/version.js';
import { APP_ONLY_LIMITS } from '../../tenant/auth/credentials.js';
import { DEFAULT_STATE_FOLDER, Journal } from '../../tenant/apply/journal.js';
import type { UnfinishedRun } from '../../tenant/apply/journal.js';
import { ApplyLock, LockHeldError } from '../../tenant/apply/lock.js';
import { stepId } from '../../tenant/apply/executor.js';
import { connectTenant } from '../../tenant/connection.js';
import { readPlanState, readTenantState } from '../../tenant/read-state.js';
import { readTenantId } from '../../tenant/tenant-id.js';
import { runApply } from '../apply-run.js';
import type { ReadPlan } from '../plan-files.js';
import { isPlanFileArgument, planFileFor, readPlanFile, setupFilesOf, sha256, writePlanFile } from '../plan-files.js';
import { loadCheckedSetup, loadSetup } from '../setup-loader.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';
import type { TenantFlags } from './plan.js';
import { TENANT_HELP, TENANT_OPTIONS, connectOptionsFrom, describeTarget } from './plan.js';
import { TENANTS_HELP, TENANTS_OPTIONS, tenantsFrom } from '../tenants-file.js';
import { runTenants } from '../tenants-run.js';

const HELP = `voice apply <file or folder> [options]
voice apply <plan.voiceplan> [options]
voice apply --resume <file, folder or plan.voiceplan> [options]

With a setup: plans, asks for confirmation, then converges the tenant to the files, in
setup order. With a saved plan ('voice plan --out'): applies exactly that plan, without
asking, after checking that the tenant, the files and every object the plan touches are as
they were when it was made; if anything moved it says what and applies nothing.
Every step is journaled to ${DEFAULT_STATE_FOLDER}/<tenant>/journal.jsonl. An interrupted apply
run again plans afresh and converges without creating anything twice; --resume instead
continues exactly the interrupted plan.

${TENANT_HELP}
  --auto-approve                  apply without asking
  --dry-run                       plan (or check the saved plan) and stop
  --resume                        continue the interrupted apply's plan (refused for another plan)
  --state-dir DIR                 where the journal goes (default ${DEFAULT_STATE_FOLDER})
  --values FILE.voicevalues       the template parameters' values for this tenant (docs/parameters.md)
${TENANTS_HELP}
                                  (exit 1 if any tenant failed; the others still run to the end)`;

interface ApplyFlags extends TenantFlags {
    'auto-approve'?: boolean;
    'dry-run'?: boolean;
    resume?: boolean;
    'state-dir'?: string;
    values?: string;
}

export const applyCommand: Command = {
    summary: 'plan, confirm and converge the tenant to the files, or apply a saved plan',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: {
                ...TENANT_OPTIONS, 'auto-approve': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, resume: { type: 'boolean' }, 'state-dir': { type: 'string' },
                values: { type: 'string' }, ...TENANTS_OPTIONS
            }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        if (positionals.length === 0) throw new UsageError(`no file or folder given\n\n${HELP}`);
        if (values.tenants !== undefined) return applyTenants(values, positionals);
        const plans = positionals.filter(isPlanFileArgument);
        if (plans.length > 1) throw new UsageError(`one plan file at a time (given: ${plans.join(', ')})`);
        const setupArgs = positionals.filter(p => !plans.includes(p));
        if (plans.length === 1 || values.resume) return applySaved(values, setupArgs, plans[0]);
        return applyFresh(values, setupArgs);
    }
};

/** `--tenants`: the setup applied to each tenant of the file, each in its own process with its own journal. */
function applyTenants(values: ApplyFlags & { tenants?: string; parallel?: string }, positionals: string[]): Promise<number> {
    if (positionals.some(isPlanFileArgument) || values.resume) throw new UsageError('--tenants applies a setup (a template): not a saved plan, not --resume (apply each tenant\'s plan on its own)');
    if (!values['auto-approve']) throw new UsageError('--tenants applies without asking, tenant after tenant: pass --auto-approve (plan them first with voice plan --tenants)');
    const passThrough = [...(values['state-dir'] ? ['--state-dir', values['state-dir']] : []), ...(values['dry-run'] ? ['--dry-run'] : [])];
    return runTenants({ command: 'apply', setupArgs: positionals, ...tenantsFrom(values), passThrough });
}

/** The journal of a tenant: the emulator's is kept per tenant it stands in for. */
function journalFor(values: ApplyFlags, tenant: string, declared: string | undefined): Journal {
    return new Journal(values['state-dir'] ?? DEFAULT_STATE_FOLDER, tenant === 'emulator' ? `emulator-${declared ?? 'tenant'}` : tenant);
}

/**
 * One apply per tenant and state folder at a time, from before the tenant is read until the
 * run ends (a second apply would plan on what the first is changing). A dry run writes
 * nothing and takes no lock. The exit code when another apply holds it.
 */
function lockFor(journal: Journal, values: ApplyFlags, command: string): ApplyLock | undefined | number {
    if (values['dry-run']) return undefined;
    try {
        return ApplyLock.acquire(path.dirname(journal.file), command, note => console.error(note));
    } catch (error) {
        if (!(error instanceof LockHeldError)) throw error;
        console.error(`Not applying: ${error.message} Nothing was applied.`);
        return 1;
    }
}

/** Plan now, show it, confirm, then apply that plan (saved beside the journal, so --resume can continue it). */
async function applyFresh(values: ApplyFlags, positionals: string[]): Promise<number> {
    const setup = await loadCheckedSetup(positionals, values.values);
    if (typeof setup === 'number') return setup;
    const options = connectOptionsFrom(values, setup.tenant);
    if (options.signIn === 'certificate' || options.signIn === 'workload-identity') console.error(`note: ${APP_ONLY_LIMITS}`);
    const target = describeTarget(options.tenant, options.emulatorUrl, setup.tenant);
    const journal = journalFor(values, options.tenant, setup.tenant);
    const lock = lockFor(journal, values, `apply ${positionals.join(' ')}`);
    if (typeof lock === 'number') return lock;
    const previous = journal.unfinishedRun();
    const connection = await connectTenant(options).catch(error => { lock?.unlock(); throw error; });
    try {
        const snapshot = await readPlanState(connection.graph, connection.teams, setup.plans);
        const plan = diffSetup(setup.plans, snapshot);
        const doc = planDocument(plan, setup.plans, { name: options.tenant, target }, toolVersion());
        console.log(renderDocumentText(doc));
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
        const saved = planFileFor({ loaded: setup, roots: positionals, doc, snapshot, tenantId: await readTenantId(connection.teams) });
        const file = path.join(path.dirname(journal.file), 'plans', `${saved.created_at.replace(/[:.]/g, '-')}.voiceplan`);
        const identity = writePlanFile(file, saved);
        return await runApply({
            connection, journal, snapshot, changes: plan.changes, tenant: options.tenant, source: positionals.join(' '), plan: { identity, file }
        });
    } finally {
        await connection.dispose();
        lock?.unlock();
    }
}

/**
 * Applies a saved plan exactly, or continues the interrupted apply of one (--resume). Refuses,
 * applying nothing, when the plan is for another tenant, the setup's files changed, or an
 * object the plan touches moved in the tenant since the plan was made.
 */
async function applySaved(values: ApplyFlags, setupArgs: string[], planArg: string | undefined): Promise<number> {
    const resume = values.resume ? await interruptedPlan(values, setupArgs, planArg) : undefined;
    if (typeof resume === 'number') return resume;
    const saved: ReadPlan = resume?.plan ?? readPlanFile(planArg!);
    const { file: planFile } = saved;
    const setupRefusal = await checkSetup(saved, setupArgs);
    if (setupRefusal) return setupRefusal;

    const options = connectOptionsFrom({ ...values, tenant: values.tenant ?? planFile.tenant.name }, planFile.tenant.declared);
    if (options.signIn === 'certificate' || options.signIn === 'workload-identity') console.error(`note: ${APP_ONLY_LIMITS}`);
    const target = describeTarget(options.tenant, options.emulatorUrl, planFile.tenant.declared);
    const journal = journalFor(values, options.tenant, planFile.tenant.declared);
    const lock = lockFor(journal, values, `apply ${saved.path}`);
    if (typeof lock === 'number') return lock;
    const connection = await connectTenant(options).catch(error => { lock?.unlock(); throw error; });
    try {
        const tenantId = await readTenantId(connection.teams);
        if (tenantId !== planFile.tenant.id) {
            console.error(`Not applying ${saved.path}: it was made for tenant ${planFile.tenant.name} (id ${planFile.tenant.id}), ` +
                `but ${target} is tenant ${tenantId}. Nothing was applied; plan against this tenant instead.`);
            return 1;
        }
        const snapshot = await readTenantState(connection.graph, connection.teams);
        const changes = savedChanges(planFile);
        // What an interrupted run of this plan moved by its own hand is not compared; the steps it finished are not redone.
        const ownMoves = resume ? movedByRun(new Set([...resume.run.started, ...resume.run.done]), changes.map(c => c.resource)) : undefined;
        const moved = movedObjects(planFile.snapshot, fingerprints(changes.map(c => c.resource), snapshot, sha256), ownMoves);
        if (moved.length > 0) {
            const previous = journal.unfinishedRun();
            console.error([
                `Not applying ${saved.path}: the tenant changed since the plan was made (${planFile.created_at}); ${moved.length} object(s) moved:`,
                ...describeMoved(moved),
                'Nothing was applied. Plan again to see and approve what it would do now.',
                ...(!resume && previous?.plan === saved.identity ? [`An apply of this plan was interrupted (run ${previous.run}): continue it with --resume.`] : [])
            ].join('\n'));
            return 1;
        }
        console.log(renderDocumentText({ ...planFile.plan, tenant: { ...planFile.plan.tenant, target } }));
        const remaining = changes.filter(c => !resume?.run.done.has(stepId(c)));
        if (resume) console.error(`\nResuming run ${resume.run.run} (${resume.run.outcome}) of ${saved.path}: ${resume.run.done.size} step(s) done, ${remaining.filter(c => c.action !== 'unchanged').length} to go.`);
        if (!hasChanges({ changes: remaining })) {
            if (resume) console.error('Nothing left to do.');
            return 0;
        }
        if (values['dry-run']) {
            console.error('\nDry run: the saved plan still applies; nothing applied.');
            return 0;
        }
        return await runApply({
            connection, journal, snapshot, changes: remaining, tenant: options.tenant, source: saved.path,
            plan: { identity: saved.identity, file: path.resolve(saved.path) }, resumes: resume?.run.run
        });
    } finally {
        await connection.dispose();
        lock?.unlock();
    }
}

/**
 * The plan of the interrupted apply, for --resume: from the journal of the plan's (or the
 * setup's) tenant. Refused when nothing is interrupted, or the interrupted plan is another one.
 */
async function interruptedPlan(values: ApplyFlags, setupArgs: string[], planArg: string | undefined): Promise<{ run: UnfinishedRun; plan: ReadPlan } | number> {
    let given: ReadPlan | undefined;
    let journal: Journal;
    if (planArg) {
        given = readPlanFile(planArg);
        journal = journalFor(values, values.tenant ?? given.file.tenant.name, given.file.tenant.declared);
    } else {
        const setup = await loadCheckedSetup(setupArgs, values.values);
        if (typeof setup === 'number') return setup;
        journal = journalFor(values, connectOptionsFrom(values, setup.tenant).tenant, setup.tenant);
    }
    const run = journal.unfinishedRun();
    if (!run) {
        console.error(`Nothing to resume: the journal ${journal.file} has no interrupted apply. Apply without --resume.`);
        return 1;
    }
    if (!run.plan || !run.planFile) {
        console.error(`Cannot resume run ${run.run}: its journal entry names no saved plan (an older voice made it). Apply without --resume: it plans afresh and converges.`);
        return 1;
    }
    if (given && given.identity !== run.plan) {
        console.error(`Not resuming with ${given.path}: the interrupted apply (run ${run.run}, ${run.outcome}) was of another plan ` +
            `(${run.planFile}, identity ${run.plan.slice(0, 12)}), not this one (identity ${given.identity.slice(0, 12)}). ` +
            'Resume with that plan, or apply this one without --resume.');
        return 1;
    }
    const plan = given ?? readPlanFile(run.planFile);
    if (plan.identity !== run.plan) {
        console.error(`Not resuming: ${run.planFile} changed since run ${run.run} applied it (identity ${plan.identity.slice(0, 12)}, ` +
            `the journal has ${run.plan.slice(0, 12)}). Apply without --resume.`);
        return 1;
    }
    return { run, plan };
}

/** Refuses (exit code) when the setup's files are not those the plan was made from; undefined when they are. */
async function checkSetup(saved: ReadPlan, setupArgs: string[]): Promise<number | undefined> {
    const roots = setupArgs.length > 0 ? setupArgs : saved.file.setup.roots;
    const loaded = await loadSetup(roots, undefined, saved.file.setup.values);
    const lines = 'exitCode' in loaded
        ? [`  the setup ${roots.join(' ')} no longer loads:`, ...loaded.lines.map(l => `    ${l}`)]
        : (difference => (sameSetup(difference) ? [] : describeSetupDifference(difference, saved.file.setup.files)))(setupDifference(saved.file.setup.files, setupFilesOf(loaded)));
    if (lines.length === 0) return undefined;
    console.error([`Not applying ${saved.path}: the setup is not the one the plan was made from (content hash ${saved.file.setup.sha256.slice(0, 12)}):`,
        ...lines, 'Nothing was applied. Plan again from the files as they are now.'].join('\n'));
    return 1;
}

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
