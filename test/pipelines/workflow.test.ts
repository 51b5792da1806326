/**
 * The pipelines' logic, run locally: the real GitHub Actions workflow (pipelines/github/voice.yml)
 * is parsed, and each job's steps run in the order the file gives, against two emulator
 * tenants (the carrier example's Fabrikam and Northwind), with the real CLI and real pwsh.
 * `run:` steps run in bash as written; the few `uses:` actions the logic depends on are played
 * by the test (upload-artifact keeps the folder, upload-sarif reads the SARIF), and `gh` is a
 * stand-in that records comments and issues and serves the artifacts back. The Azure Pipelines
 * template must call the same scripts in the same order, so the two cannot drift apart.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, VOICE_BIN } from '../support/cli.js';
import { CUSTOMERS, customerSeed } from '../support/customer-seeds.js';
import { teams } from '../support/frontline-drift.js';
import { findPwsh } from '../support/pwsh.js';

interface Step { run?: string; uses?: string; if?: string; with?: Record<string, string>; id?: string }
interface Job { steps: Step[]; env?: Record<string, string>; strategy?: { matrix: { tenant: string } }; environment?: string; if?: string }
interface Workflow { env: Record<string, string>; jobs: Record<string, Job> }

const WORKFLOW = parse(readFileSync(path.join(REPO_ROOT, 'pipelines/github/voice.yml'), 'utf8')) as Workflow;
const AZURE = parse(readFileSync(path.join(REPO_ROOT, 'pipelines/azure/voice.yml'), 'utf8')) as unknown;
const TWO = CUSTOMERS.slice(0, 2);

const emulators: EmulatorHandle[] = [];
let cwd: string;
let gh: string;

/** A stand-in for the GitHub CLI: logs every call; `run download` copies the uploaded artifact back. */
const FAKE_GH = `#!/usr/bin/env bash
echo "$*" >> "$FAKE_GH_LOG"
case "$1 $2" in
  "api repos/"*) echo head-sha ;;
  "run list") echo 42 ;;
  "run download") name=""; dir=""; while [ $# -gt 0 ]; do case "$1" in --name) name=$2; shift ;; --dir) dir=$2; shift ;; esac; shift; done
                  mkdir -p "$dir" && cp -r "$ARTIFACTS/$name/." "$dir/" ;;
  "issue create") while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$FAKE_GH_LOG.issue"; shift; done ;;
esac
`;

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    cwd = mkdtempSync(path.join(tmpdir(), 'voice-pipeline-'));
    for (const folder of ['examples/carrier', 'pipelines']) cpSync(path.join(REPO_ROOT, folder), path.join(cwd, folder), { recursive: true });
    for (const customer of TWO) emulators.push(await startEmulator({ port: 0, seed: customerSeed(customer) }));
    // The tenants file of the rehearsal: the same tenants and values, on the emulators.
    const tenants = TWO.map((c, i) => ({ name: c.name, tenant: c.tenant, values: `tenants/${c.name}.voicevalues`, emulatorUrl: emulators[i]!.url }));
    writeFileSync(path.join(cwd, 'examples/carrier/tenants.json'), JSON.stringify({ tenants }));
    gh = path.join(cwd, 'bin');
    mkdirSync(gh);
    writeFileSync(path.join(gh, 'gh'), FAKE_GH);
    chmodSync(path.join(gh, 'gh'), 0o755);
});

afterAll(async () => { await Promise.all(emulators.map(e => e.stop())); });

/** `${{ ... }}` in env values and names: the matrix entry, a few github fields; anything else is empty. */
function expand(text: string, context: { tenant?: Record<string, string> }): string {
    return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
        const matrix = /^matrix\.tenant\.(\w+)$/.exec(expression);
        if (matrix) return context.tenant?.[matrix[1]!] ?? '';
        return ({ 'github.event.number': '7', 'github.sha': 'merged-sha', 'github.token': 'not-a-token' } as Record<string, string>)[expression] ?? '';
    });
}

function bash(script: string, workdir: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
    return new Promise(resolve => {
        const child = spawn('bash', ['-e', '-c', script], { cwd: workdir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => { output += chunk; });
        child.stderr.on('data', chunk => { output += chunk; });
        child.on('close', status => resolve({ status, output }));
    });
}

/**
 * Runs one job (one matrix entry) step by step as the file orders them; stops at the first failing step.
 * Each job runs in a checkout of its own, as each matrix job has a runner of its own: two jobs at once
 * never share `plan/` (they did once, and one tenant's artifact carried the other's plan).
 */
async function runJob(name: string, tenant?: Record<string, string>): Promise<{ status: number; output: string; summary: string; outputs: string }> {
    const job = WORKFLOW.jobs[name]!;
    const scratch = mkdtempSync(path.join(cwd, `.${name}-`));
    const workdir = path.join(scratch, 'checkout');
    for (const folder of ['examples', 'pipelines']) cpSync(path.join(cwd, folder), path.join(workdir, folder), { recursive: true });
    const files = { GITHUB_OUTPUT: path.join(scratch, 'output'), GITHUB_STEP_SUMMARY: path.join(scratch, 'summary') };
    const env: NodeJS.ProcessEnv = {
        ...process.env, ...WORKFLOW.env, ...Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, expand(v, { tenant })])),
        ...files, GITHUB_REPOSITORY: 'carrier/voice', PATH: `${gh}${path.delimiter}${process.env.PATH}`,
        VOICE: `${process.execPath} ${VOICE_BIN}`, FAKE_GH_LOG: path.join(cwd, 'gh.log'), ARTIFACTS: path.join(cwd, 'artifacts')
    };
    let output = '';
    for (const step of job.steps) {
        if (step.run === 'npm ci') continue; // the test's voice is this repository's, already built
        if (step.run) {
            const result = await bash(step.run, workdir, env);
            output += result.output;
            if (result.status !== 0) return { status: result.status ?? 1, output, summary: read(files.GITHUB_STEP_SUMMARY), outputs: read(files.GITHUB_OUTPUT) };
        } else if (step.uses?.startsWith('actions/upload-artifact')) {
            cpSync(path.join(workdir, step.with!.path!), path.join(cwd, 'artifacts', expand(step.with!.name!, { tenant })), { recursive: true });
        } else if (step.uses?.startsWith('github/codeql-action/upload-sarif')) {
            const sarif = JSON.parse(readFileSync(path.join(workdir, step.with!.sarif_file!), 'utf8')) as { version: string; runs: unknown[] };
            expect(sarif.version).toBe('2.1.0');
        }
    }
    return { status: 0, output, summary: read(files.GITHUB_STEP_SUMMARY), outputs: read(files.GITHUB_OUTPUT) };
}
const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const ghLog = () => read(path.join(cwd, 'gh.log'));

describe('pipelines/github/voice.yml, job by job against two emulator tenants', () => {
    let matrix: Array<Record<string, string>>;

    it('check writes SARIF; tenants makes the matrix from the tenants file', async () => {
        const check = await runJob('check');
        expect(check.status, check.output).toBe(0);
        const tenants = await runJob('tenants');
        expect(tenants.status, tenants.output).toBe(0);
        matrix = JSON.parse(/^matrix=(.*)$/m.exec(tenants.outputs)![1]!) as Array<Record<string, string>>;
        expect(matrix.map(t => t.name)).toEqual(TWO.map(c => c.name));
    }, 60_000);

    it('plan: per tenant a markdown plan as job summary and PR comment, and the saved plan as an artifact', async () => {
        const results = await Promise.all(matrix.map(tenant => runJob('plan', tenant)));
        results.forEach((result, i) => {
            expect(result.status, result.output).toBe(0);
            expect(result.summary).toContain(`shared-line@${TWO[i]!.domain}`);
            expect(existsSync(path.join(cwd, 'artifacts', `plan-${TWO[i]!.name}`, `${TWO[i]!.name}.voiceplan`))).toBe(true);
            // Only its own tenant's plan: the other job ran on another runner.
            expect(readdirSync(path.join(cwd, 'artifacts', `plan-${TWO[i]!.name}`)).filter(f => f.endsWith('.voiceplan'))).toEqual([`${TWO[i]!.name}.voiceplan`]);
        });
        expect(ghLog().match(/^pr comment 7 --body-file plan\/\w+\.md$/gm)).toHaveLength(2);
    }, 200_000);

    it('apply on merge: exactly the reviewed artifact, per tenant, behind the environment', async () => {
        expect(WORKFLOW.jobs.apply!.environment).toBe('tenants');
        // Each job's checkout is fresh (runJob): only the artifact has the plan.
        const results = await Promise.all(matrix.map(tenant => runJob('apply', tenant)));
        results.forEach(result => expect(result.status, result.output).toBe(0));
        expect(ghLog()).toMatch(/^run download 42 --name plan-fabrikam --dir plan$/m);
        TWO.forEach((customer, i) => expect(emulators[i]!.state.users.map(u => u.userPrincipalName)).toContain(`shared-line@${customer.domain}`));
    }, 280_000);

    it('drift: nothing moved, no issue; a tenant changed by hand opens an issue with its plan', async () => {
        const quiet = await Promise.all(matrix.map(tenant => runJob('drift', tenant)));
        quiet.forEach(result => expect(result.status, result.output).toBe(0));
        expect(ghLog()).not.toContain('issue create');
        const policy = (await teams(emulators[1]!, 'Get-CsTeamsSharedCallingRoutingPolicy', {}) as Array<{ Identity: string }>)[0]!;
        await teams(emulators[1]!, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: policy.Identity, Description: 'changed by hand' });
        const drifted = await runJob('drift', matrix[1]);
        expect(drifted.status, drifted.output).toBe(0);
        expect(ghLog()).toMatch(/^issue create --title Shared Calling drift in tenant northwind --body-file drift\.md$/m);
        expect(read(path.join(cwd, 'gh.log.issue'))).toContain('changed by hand');
    }, 200_000);
});

describe('pipelines/azure/voice.yml', () => {
    /** The scripts a pipeline file calls, each once, in order of first appearance. */
    const scriptsOf = (value: unknown): string[] => [...new Set(JSON.stringify(value).match(/pipelines\/scripts\/[\w-]+\.sh/g) ?? [])];

    it('calls the same scripts as the GitHub workflow, in the same order (it applies the same run\'s artifact, so it fetches none)', () => {
        expect(scriptsOf(AZURE)).toEqual(scriptsOf(WORKFLOW.jobs).filter(s => !s.endsWith('fetch-plan.sh')));
        expect(JSON.stringify(AZURE)).toContain('"environment":"tenants"');
    });
});
