/**
 * `voice plan|apply --tenants tenants.json`: one template to many tenants, for a laptop or a
 * small fleet (docs/pipelines.md#many-tenants-in-one-command). Each tenant runs as its own
 * `voice` process, so one tenant's failure, crash or hang cannot touch another's state: it
 * has its own connection, its own lock and journal (`<state>/<tenant>/journal.jsonl`), and
 * its own exit code. At most `parallel` run at once; one summary table ends the run.
 */
import { spawn } from 'node:child_process';
import type { TenantEntry } from './tenants-file.js';

export interface TenantsRun {
    command: 'plan' | 'apply';
    setupArgs: string[];
    tenants: TenantEntry[];
    parallel: number;
    /** Flags passed to every tenant's command as they are (`--state-dir DIR`). */
    passThrough: string[];
    /** `plan --out DIR`: each tenant's saved plan is written to DIR/<name>.voiceplan. */
    outDir?: string;
    detailedExitcode?: boolean;
}

export interface TenantOutcome {
    name: string;
    exitCode: number | null;
    /** create + update, when the tenant's plan was read. */
    changes?: { create: number; update: number };
    result: 'no changes' | 'planned' | 'applied' | 'planned (dry run)' | 'failed';
    /** The last line the tenant's command wrote to stderr, for a failure. */
    reason?: string;
}

/**
 * Runs every tenant, prints what each one wrote to stderr (apply: its stdout too; plan's JSON
 * goes to the saved plan with --out) as it finishes, then the summary; resolves to the run's exit code.
 */
export async function runTenants(run: TenantsRun): Promise<number> {
    const outcomes: TenantOutcome[] = new Array(run.tenants.length);
    let next = 0;
    const worker = async () => {
        while (next < run.tenants.length) {
            const index = next++;
            outcomes[index] = await runOne(run, run.tenants[index]!);
        }
    };
    console.error(`${run.command === 'plan' ? 'Planning' : 'Applying'} ${run.tenants.length} tenant(s), at most ${run.parallel} at a time.`);
    await Promise.all(Array.from({ length: Math.min(run.parallel, run.tenants.length) }, worker));
    console.log(summaryTable(outcomes));
    return exitCodeOf(run, outcomes);
}

/**
 * The run's exit code: 1 when any tenant failed (the others still ran to the end); for plan
 * with --detailed-exitcode, 2 when every tenant planned and one or more have changes; else 0.
 */
export function exitCodeOf(run: Pick<TenantsRun, 'command' | 'detailedExitcode'>, outcomes: TenantOutcome[]): number {
    if (outcomes.some(o => o.result === 'failed')) return 1;
    if (run.command === 'plan' && run.detailedExitcode && outcomes.some(o => o.result === 'planned')) return 2;
    return 0;
}

export function summaryTable(outcomes: TenantOutcome[]): string {
    const rows = outcomes.map(o => [o.name, changesText(o), o.result === 'failed' ? `failed (exit ${o.exitCode ?? 'killed'})${o.reason ? `: ${o.reason}` : ''}` : o.result]);
    const header = ['Tenant', 'Changes', 'Result'];
    const widths = [0, 1].map(i => Math.max(header[i]!.length, ...rows.map(r => r[i]!.length)));
    const line = (cells: string[]) => `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]}`.trimEnd();
    const failed = outcomes.filter(o => o.result === 'failed').length;
    return ['', line(header), ...rows.map(line), '',
        `${outcomes.length} tenant(s): ${outcomes.length - failed} succeeded, ${failed} failed.`].join('\n');
}

function changesText(outcome: TenantOutcome): string {
    if (!outcome.changes) return '-';
    const { create, update } = outcome.changes;
    return create + update === 0 ? '0' : `${create + update} (${create} create, ${update} update)`;
}

function argsFor(run: TenantsRun, tenant: TenantEntry): string[] {
    const connection = [
        '--tenant', tenant.tenant,
        ...(tenant.emulatorUrl ? ['--emulator-url', tenant.emulatorUrl] : []),
        ...(tenant.signIn ? ['--sign-in', tenant.signIn] : []),
        ...(tenant.clientId ? ['--client-id', tenant.clientId] : []),
        ...(tenant.certificate ? ['--certificate', tenant.certificate] : []),
        ...(tenant.values ? ['--values', tenant.values] : [])
    ];
    return run.command === 'plan'
        ? ['plan', ...run.setupArgs, ...connection, '--format', 'json', '--detailed-exitcode',
            ...(run.outDir ? ['--out', `${run.outDir}/${tenant.name}.voiceplan`] : []), ...run.passThrough]
        : ['apply', ...run.setupArgs, ...connection, '--auto-approve', ...run.passThrough];
}

async function runOne(run: TenantsRun, tenant: TenantEntry): Promise<TenantOutcome> {
    const { exitCode, stdout, stderr } = await spawnVoice(argsFor(run, tenant));
    const changes = run.command === 'plan' ? planSummary(stdout) : applySummary(stdout);
    const shown = run.command === 'plan' ? stderr : `${stdout}${stderr}`;
    console.error(`\n── ${tenant.name} (${tenant.tenant}${tenant.emulatorUrl ? ` at ${tenant.emulatorUrl}` : ''}): exit ${exitCode ?? 'killed'} ──`);
    if (shown.trim()) console.error(shown.trimEnd());
    const ok = run.command === 'plan' ? exitCode === 0 || exitCode === 2 : exitCode === 0;
    if (!ok) return { name: tenant.name, exitCode, result: 'failed', reason: stderr.trim().split('\n').filter(Boolean).at(-1), ...(changes ? { changes } : {}) };
    const any = changes ? changes.create + changes.update > 0 : run.command === 'plan' && exitCode === 2;
    const applied = run.passThrough.includes('--dry-run') ? 'planned (dry run)' : 'applied';
    return { name: tenant.name, exitCode, ...(changes ? { changes } : {}), result: !any ? 'no changes' : run.command === 'plan' ? 'planned' : applied };
}

function planSummary(stdout: string): TenantOutcome['changes'] {
    try {
        const summary = (JSON.parse(stdout) as { summary?: { create?: number; update?: number } }).summary;
        return summary ? { create: summary.create ?? 0, update: summary.update ?? 0 } : undefined;
    } catch {
        return undefined;
    }
}

/** From apply's plan text: `Plan: 3 to create, 1 to update, …` or `No changes.` */
function applySummary(stdout: string): TenantOutcome['changes'] {
    const plan = /Plan: (\d+) to create, (\d+) to update/.exec(stdout);
    if (plan) return { create: Number(plan[1]), update: Number(plan[2]) };
    return /No changes\. The tenant matches the files/.test(stdout) ? { create: 0, update: 0 } : undefined;
}

/** This same `voice` (the running script), in a child process. */
function spawnVoice(args: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [process.argv[1]!, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', chunk => { stderr += chunk; });
        child.on('error', error => resolve({ exitCode: null, stdout, stderr: `${stderr}${error.message}\n` }));
        child.on('close', exitCode => resolve({ exitCode, stdout, stderr }));
    });
}
