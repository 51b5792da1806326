/**
 * Saved plans end to end: the real `voice` CLI over real HTTP to the emulator, real pwsh.
 * `voice plan --out` then `voice apply plan.voiceplan` applies exactly that plan; drift in
 * between, another setup or another tenant is refused with nothing applied (the emulator's
 * state is checked); `--resume` continues exactly an interrupted plan; the JSON plan
 * validates against docs/schema/plan.schema.json.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../language/kinds/index.js';
import type { PlanFile } from '../../language/plan/plan-file.js';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { defaultSeedPath, readSeedFile, startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, VOICE_BIN, runVoiceAsync, type CliResult } from '../support/cli.js';
import { teams } from '../support/frontline-drift.js';
import { findPwsh } from '../support/pwsh.js';

const emulators: EmulatorHandle[] = [];
let scratch: string;

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-saved-plan-'));
});

afterEach(async () => {
    await Promise.all(emulators.splice(0).map(e => e.stop()));
});

async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<EmulatorHandle> {
    const started = await startEmulator({ port: 0, ...options });
    emulators.push(started);
    return started;
}

const tenant = (e: EmulatorHandle): string[] => ['--tenant', 'emulator', '--emulator-url', e.url];

function workspace(): { cwd: string; folder: string; stateDir: string } {
    const cwd = mkdtempSync(path.join(scratch, 'work-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), path.join(cwd, 'frontline'), { recursive: true });
    return { cwd, folder: 'frontline', stateDir: path.join(cwd, 'state') };
}

type JournalLine = { event: string; run: string; step?: string; plan?: string; resumes?: string; outcome?: string };
const journalOf = (stateDir: string): JournalLine[] =>
    readFileSync(path.join(stateDir, 'emulator-contoso.onmicrosoft.com', 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as JournalLine);
const readPlan = (file: string): PlanFile => JSON.parse(readFileSync(file, 'utf8')) as PlanFile;
const identityOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const pendingSteps = (plan: PlanFile): string[] => plan.plan.changes.filter(c => c.action !== 'unchanged').map(c => `${c.kind}:${c.name}`);
/** Calls that write: everything but Graph GETs and the Teams Get-* cmdlets (a $batch envelope is neither: its items are logged on their own). */
const writesIn = (e: EmulatorHandle, from = 0) => e.callLog.entries.slice(from).filter(c => !/^(GET |POST \/teams\/Get-|POST \/v1\.0\/\$batch$)/.test(c.route)).map(c => c.route);

const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'schema', 'plan.schema.json'), 'utf8')) as object;
const validatePlan = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);

function ok(result: CliResult): CliResult {
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    return result;
}

describe('saved plans against the emulator', { timeout: 180_000 }, () => {
    it('plan --out writes a plan without a token; apply of it applies exactly that plan', async () => {
        const e = await emulator();
        const { cwd, folder, stateDir } = workspace();
        const planned = ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'p.voiceplan'], { cwd }));
        expect(planned.stderr).toContain('Saved the plan to p.voiceplan. Apply exactly it with: voice apply p.voiceplan');
        expect(writesIn(e)).toEqual([]);
        const file = path.join(cwd, 'p.voiceplan');
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain(e.token);
        const saved = readPlan(file);
        expect(saved).toMatchObject({ format: 'voice-plan-file', format_version: 1, tenant: { name: 'emulator', id: e.state.tenantId, declared: 'contoso.onmicrosoft.com' } });
        expect(saved.setup.files.map(f => f.path)).toEqual(['frontline/network.voice', 'frontline/stores.voice']);
        expect(saved.snapshot).toHaveLength(saved.plan.changes.length);
        expect(validatePlan(saved.plan), JSON.stringify(validatePlan.errors)).toBe(true);

        const applied = ok(await runVoiceAsync(['apply', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd }));
        expect(applied.stderr).toMatch(new RegExp(`Apply complete: ${pendingSteps(saved).length} change\\(s\\) applied`));
        const journal = journalOf(stateDir);
        expect(journal.find(l => l.event === 'run-started')).toMatchObject({ plan: identityOf(file) });
        // Exactly the saved changes: every pending step of the plan, nothing else.
        expect(journal.filter(l => l.event === 'step-done').map(l => l.step).sort()).toEqual(pendingSteps(saved).sort());
        for (const written of [journalOf(stateDir).map(l => JSON.stringify(l)).join('\n')]) expect(written).not.toContain(e.token);

        // Every object of every kind now has a tenant record: a drift in any of them would show.
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'after.voiceplan', '--detailed-exitcode'], { cwd }));
        const after = readPlan(path.join(cwd, 'after.voiceplan'));
        expect(after.snapshot.filter(f => f.fingerprint === 'absent')).toEqual([]);
        expect(new Set(after.snapshot.map(f => f.kind)).size).toBe(Object.keys(KINDS).length);
    });

    it('refuses a plan whose objects moved in the tenant, names each, and applies nothing', async () => {
        const e = await emulator();
        const { cwd, folder, stateDir } = workspace();
        ok(await runVoiceAsync(['apply', folder, ...tenant(e), '--state-dir', stateDir, '--auto-approve'], { cwd }));
        const stores = path.join(cwd, folder, 'stores.voice');
        writeFileSync(stores, readFileSync(stores, 'utf8').replace('"Oregon store associates share the state main line"', '"Oregon stores: shared main line"'));
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'p.voiceplan'], { cwd }));
        expect(pendingSteps(readPlan(path.join(cwd, 'p.voiceplan')))).toEqual(['shared-calling-policy:OregonStores']);

        // Someone edits the policy the plan updates, and a gateway the plan leaves alone.
        await teams(e, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'OregonStores', Description: 'Edited in the admin center' });
        await teams(e, 'Set-CsOnlinePSTNGateway', { Identity: 'sbc1.contoso.com', SipSignalingPort: 5067 });
        const before = JSON.stringify(e.state);
        const calls = e.callLog.entries.length;
        const refused = await runVoiceAsync(['apply', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd });
        expect(refused.status, refused.stderr).toBe(1);
        expect(refused.stderr).toMatch(/Not applying p\.voiceplan: the tenant changed since the plan was made \(.*\); 2 object\(s\) moved:/);
        expect(refused.stderr).toContain('  gateway sbc1.contoso.com: changed since the plan');
        expect(refused.stderr).toContain('  shared-calling-policy OregonStores: changed since the plan');
        expect(refused.stderr).toContain('Nothing was applied.');
        expect(writesIn(e, calls)).toEqual([]);
        expect(JSON.stringify(e.state)).toBe(before);

        // The JSON plan of the drifted tenant (updates with before and after) follows the schema, and so does markdown's promise.
        const json = ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--format', 'json'], { cwd }));
        const doc = JSON.parse(json.stdout) as { changes: { action: string; fields: unknown[] }[] };
        expect(validatePlan(doc), JSON.stringify(validatePlan.errors)).toBe(true);
        expect(doc.changes.filter(c => c.action === 'update').length).toBeGreaterThanOrEqual(2);
        const markdown = ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--format', 'markdown'], { cwd }));
        expect(markdown.stdout).toMatch(/\*\*0 to create, 2 to update, \d+ unchanged\.\*\* Nothing will be deleted\./);
        expect(markdown.stdout).toMatch(/\| ~ update \| gateway \| `sbc1\.contoso\.com` \| port: 5067 → 5061 \|/);
    });

    it('refuses a saved plan made from another setup, from files changed since, or for another tenant', async () => {
        const e = await emulator();
        const { cwd, folder, stateDir } = workspace();
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'p.voiceplan'], { cwd }));

        const network = path.join(cwd, folder, 'network.voice');
        const original = readFileSync(network, 'utf8');
        writeFileSync(network, original.replace('"Seattle"', '"Tacoma"'));
        const edited = await runVoiceAsync(['apply', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd });
        expect(edited.status).toBe(1);
        expect(edited.stderr).toMatch(/Not applying p\.voiceplan: the setup is not the one the plan was made from \(content hash [0-9a-f]{12}\):\n {2}frontline\/network\.voice: changed since the plan\n/);
        writeFileSync(network, original);

        mkdirSync(path.join(cwd, 'other'));
        cpSync(path.join(REPO_ROOT, 'examples', 'frontline', 'network.voice'), path.join(cwd, 'other', 'network.voice'));
        const other = await runVoiceAsync(['apply', 'other', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd });
        expect(other.status).toBe(1);
        expect(other.stderr).toContain('the plan was made from another setup: frontline/network.voice, frontline/stores.voice');

        const seed = readSeedFile(defaultSeedPath());
        const elsewhere = await emulator({ seed: { ...seed, tenant: { ...seed.tenant, id: '0f0f0f0f-1111-2222-3333-444444444444' } } });
        const foreign = await runVoiceAsync(['apply', 'p.voiceplan', ...tenant(elsewhere), '--state-dir', stateDir], { cwd });
        expect(foreign.status).toBe(1);
        expect(foreign.stderr).toContain(`Not applying p.voiceplan: it was made for tenant emulator (id ${e.state.tenantId}), ` +
            `but the tenant emulator at ${elsewhere.url} (standing in for contoso.onmicrosoft.com) is tenant 0f0f0f0f-1111-2222-3333-444444444444. Nothing was applied`);
        expect(writesIn(elsewhere)).toEqual([]);
        expect(writesIn(e)).toEqual([]);

        // The same plan still applies where it belongs, once the files are as they were.
        expect((await runVoiceAsync(['apply', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd })).status).toBe(0);
    });

    it('--resume continues exactly the interrupted plan, and refuses another plan', async () => {
        // Latency keeps the apply busy, so the interrupt lands mid-run.
        const e = await emulator({ faults: { latencyMs: 60 } });
        const { cwd, folder, stateDir } = workspace();
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'p.voiceplan'], { cwd }));
        const interrupted = await applyAndInterrupt(['p.voiceplan', ...tenant(e), '--state-dir', stateDir], cwd);
        expect(interrupted.status, interrupted.stderr).toBe(130);
        expect(interrupted.stderr).toMatch(/Interrupted after \d+ change\(s\)\. Run apply again to finish\. With --resume it continues exactly this plan\./);
        const first = journalOf(stateDir);
        const doneFirst = new Set(first.filter(l => l.event === 'step-done').map(l => l.step));
        expect(first[0]).toMatchObject({ event: 'run-started', plan: identityOf(path.join(cwd, 'p.voiceplan')) });
        expect(doneFirst.size).toBeGreaterThan(0);
        e.faults.configure({ latencyMs: 0 });

        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--out', 'q.voiceplan'], { cwd }));
        const wrongPlan = await runVoiceAsync(['apply', '--resume', 'q.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd });
        expect(wrongPlan.status).toBe(1);
        expect(wrongPlan.stderr).toMatch(/Not resuming with q\.voiceplan: the interrupted apply \(run .*, interrupted\) was of another plan \(.*p\.voiceplan, identity [0-9a-f]{12}\), not this one/);

        const resumed = ok(await runVoiceAsync(['apply', '--resume', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd }));
        expect(resumed.stderr).toMatch(new RegExp(`Resuming run .* \\(interrupted\\) of p\\.voiceplan: ${doneFirst.size} step\\(s\\) done`));
        const runs = journalOf(stateDir).filter(l => l.event === 'run-started');
        expect(runs.at(-1)).toMatchObject({ plan: identityOf(path.join(cwd, 'p.voiceplan')), resumes: first[0]!.run });
        // The resumed run did the rest of the plan and nothing the interrupted run had done.
        const doneAfter = journalOf(stateDir).filter(l => l.event === 'step-done' && l.run === runs.at(-1)!.run).map(l => l.step!);
        expect(doneAfter.filter(s => doneFirst.has(s))).toEqual([]);
        expect([...doneFirst, ...doneAfter].sort()).toEqual(pendingSteps(readPlan(path.join(cwd, 'p.voiceplan'))).sort());
        expect(e.state.civicAddresses.filter(a => a.description?.startsWith('voice:'))).toHaveLength(3);
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--detailed-exitcode'], { cwd }));

        const nothing = await runVoiceAsync(['apply', '--resume', 'p.voiceplan', ...tenant(e), '--state-dir', stateDir], { cwd });
        expect(nothing.status).toBe(1);
        expect(nothing.stderr).toMatch(/Nothing to resume: the journal .* has no interrupted apply/);
    });

    it('--resume of an interrupted apply of a setup continues the plan that apply saved beside the journal', async () => {
        const e = await emulator({ faults: { latencyMs: 60 } });
        const { cwd, folder, stateDir } = workspace();
        const interrupted = await applyAndInterrupt([folder, ...tenant(e), '--state-dir', stateDir, '--auto-approve'], cwd);
        expect(interrupted.status, interrupted.stderr).toBe(130);
        const started = journalOf(stateDir)[0]!;
        expect(started.plan).toMatch(/^[0-9a-f]{64}$/);
        e.faults.configure({ latencyMs: 0 });
        const resumed = ok(await runVoiceAsync(['apply', '--resume', folder, ...tenant(e), '--state-dir', stateDir], { cwd }));
        expect(resumed.stderr).toMatch(/Resuming run .* \(interrupted\) of .*\.voiceplan: \d+ step\(s\) done/);
        expect(resumed.stderr).toMatch(/Apply complete/);
        ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--detailed-exitcode'], { cwd }));
    });

    it('lists a grant removed from the files, still in the tenant, under not managed, and every managed kind when nothing is declared', async () => {
        const e = await emulator();
        const { cwd, folder, stateDir } = workspace();
        ok(await runVoiceAsync(['apply', folder, ...tenant(e), '--state-dir', stateDir, '--auto-approve'], { cwd }));
        const stores = path.join(cwd, folder, 'stores.voice');
        writeFileSync(stores, readFileSync(stores, 'utf8').replace(/^grant WashingtonStores to SpokaneAssociates .*$/m, ''));
        const plan = ok(await runVoiceAsync(['plan', folder, ...tenant(e), '--format', 'json'], { cwd }));
        expect((JSON.parse(plan.stdout) as { not_managed: unknown[] }).not_managed).toEqual(expect.arrayContaining([
            { kind: 'group-grant', name: 'TeamsSharedCallingRoutingPolicy|Store Associates Spokane (WashingtonStores, rank 2)' },
            { kind: 'group-grant', name: 'OnlineVoiceRoutingPolicy|Store Associates Spokane (SharedCalling-Users-NoPstn, rank 2)' }
        ]));
        // Files that declare nothing: every managed kind's objects are listed, but for three kinds that list
        // nothing: groups (Entra ID's, never managed), users' extensions (a user's own number is the
        // user's business) and auto attendant associations (other accounts' associations are other teams').
        mkdirSync(path.join(cwd, 'bare'));
        writeFileSync(path.join(cwd, 'bare', 'tenant.voice'), 'tenant "contoso.onmicrosoft.com" domains "contoso.com"\n');
        const bare = JSON.parse(ok(await runVoiceAsync(['plan', 'bare', ...tenant(e), '--format', 'json'], { cwd })).stdout) as { not_managed: { kind: string }[] };
        expect(new Set(bare.not_managed.map(n => n.kind))).toEqual(new Set(Object.keys(KINDS).filter(k => !['group', 'user-extension', 'application-association'].includes(k))));
    });
});

describe('plan files that cannot be applied', () => {
    it('are refused before any sign-in, in one line with the reason: missing, not JSON, another format version', async () => {
        const cwd = mkdtempSync(path.join(scratch, 'bad-'));
        writeFileSync(path.join(cwd, 'text.voiceplan'), 'not a plan\n');
        writeFileSync(path.join(cwd, 'future.voiceplan'), JSON.stringify({ format: 'voice-plan-file', format_version: 2, tool_version: '9.0.0' }));
        const cases: [string, RegExp][] = [
            ['gone.voiceplan', /^voice apply: cannot read the plan file gone\.voiceplan: no such file\n$/],
            ['text.voiceplan', /^voice apply: text\.voiceplan is not a voice plan file: it is not JSON \(.*\)\. Make one with 'voice plan <setup> --out text\.voiceplan'\.\n$/],
            ['future.voiceplan', /^voice apply: future\.voiceplan is a plan file of format version 2 \(written by voice 9\.0\.0\); this voice reads version 1\. Plan again with this voice\.\n$/]
        ];
        for (const [file, message] of cases) {
            const result = await runVoiceAsync(['apply', file, '--tenant', 'emulator', '--emulator-url', 'http://127.0.0.1:9'], { cwd });
            expect(result.status, file).toBe(2);
            expect(result.stderr, file).toMatch(message);
        }
    });
});

/** `voice apply` with SIGINT to the CLI once its first step has finished. */
function applyAndInterrupt(args: string[], cwd: string): Promise<CliResult> {
    const child = spawn(process.execPath, [VOICE_BIN, 'apply', ...args], { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', chunk => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', chunk => {
        stderr += chunk;
        if (!sent && /\[\s*\d+\/\d+\] /.test(stderr)) {
            sent = true;
            child.kill('SIGINT');
        }
    });
    return new Promise(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
        child.on('close', status => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}
