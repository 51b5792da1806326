/**
 * Every resource kind end to end against the emulator, in-process: live apply creates the
 * frontline setup (which declares every kind), the tenant reads back as unchanged, a drifted
 * tenant converges through the update calls; all the while apply sends exactly the cmdlets
 * and parameter names the compiled script calls (as both write them, before PowerShell binds
 * aliases), and no call reaches the emulator with a list modifier other than Add/Remove.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KINDS } from '../../language/kinds/index.js';
import { diffSetup, type Plan } from '../../language/plan/diff.js';
import type { StatementPlan } from '../../language/plan/desired-setup.js';
import type { ResourceKind } from '../../language/plan/resources.js';
import { PlanExecutor } from '../../tenant/apply/executor.js';
import { Journal } from '../../tenant/apply/journal.js';
import { connectTenant, type TenantConnection } from '../../tenant/connection.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { readTenantState } from '../../tenant/read-state.js';
import { compileFile, REPO } from '../compiler/compile-helpers.js';
import { parseScripts, writeScript, type ParsedScript } from '../compiler/pwsh-ast.js';
import { driftFrontline } from '../support/frontline-drift.js';
import type { CmdletCall } from '../../tenant/teams/powershell-session.js';
import type { CmdletRunner } from '../../tenant/teams/session-pool.js';
import { callLogViolations } from '../support/list-modifiers.js';
import { findPwsh } from '../support/pwsh.js';

const WRITE = /^(New|Set|Grant|Remove)-Cs/;
const KIND_NAMES = Object.keys(KINDS) as ResourceKind[];

let emulator: EmulatorHandle;
let connection: TenantConnection;
let plans: StatementPlan[];
let script: ParsedScript;
let scratch: string;
let driftCalls = new Set<number>();
const plansSeen: { first?: Plan; readBack?: Plan; drifted?: Plan; converged?: Plan } = {};

/** `Command(-a,-b)` with names lower-cased: PowerShell binds parameter names regardless of case. */
const signature = (command: string, parameters: string[]): string =>
    `${command.toLowerCase()}(${[...parameters].map(p => p.toLowerCase()).sort().join(',')})`;

/** Every call apply handed to PowerShell, nested ones (`$invoke`) included, with the parameter names as apply wrote them. */
const sentCalls: CmdletCall[] = [];
function record(call: CmdletCall): void {
    sentCalls.push(call);
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') {
            if ('$invoke' in value) record((value as { $invoke: CmdletCall }).$invoke);
            else Object.values(value).forEach(visit);
        }
    };
    visit(call.parameters);
}
const recording = (runner: CmdletRunner): CmdletRunner => ({
    run: calls => { calls.forEach(record); return runner.run(calls); },
    invoke: call => { record(call); return runner.invoke(call); }
});
const applied = (): Set<string> => new Set(sentCalls.filter(c => WRITE.test(c.command)).map(c => signature(c.command, Object.keys(c.parameters ?? {}))));

async function plan(): Promise<{ plan: Plan; snapshot: Awaited<ReturnType<typeof readTenantState>> }> {
    const snapshot = await readTenantState(connection.graph, connection.teams);
    return { plan: diffSetup(plans, snapshot), snapshot };
}

async function apply(run: string): Promise<Plan> {
    const { plan: planned, snapshot } = await plan();
    const journal = new Journal(scratch, run);
    const result = await new PlanExecutor(connection.graph, recording(connection.teams), snapshot, { journal, run }).apply(planned);
    expect(result.failed, run).toEqual([]);
    return planned;
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-kinds-'));
    const compiled = await compileFile(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
    plans = compiled.plans;
    [script] = await parseScripts([writeScript(scratch, 'stores.ps1', compiled.text)]);
    emulator = await startEmulator({ port: 0 });
    connection = await connectTenant({ tenant: 'emulator', emulatorUrl: emulator.url });
    plansSeen.first = await apply('create');
    plansSeen.readBack = (await plan()).plan;
    const driftStart = emulator.callLog.entries.length;
    await driftFrontline(emulator);
    // The drift went straight to the emulator: its calls are not apply's.
    driftCalls = new Set(emulator.callLog.entries.slice(driftStart).map(e => e.seq));
    plansSeen.drifted = await apply('update');
    plansSeen.converged = (await plan()).plan;
}, 300_000);

afterAll(async () => {
    await connection?.dispose();
    await emulator?.stop();
});

const ofKind = (p: Plan | undefined, kind: ResourceKind) => (p?.changes ?? []).filter(c => c.resource.kind === kind);

describe('every kind against the emulator', () => {
    test.each(KIND_NAMES)('%s: created by apply, read back unchanged', kind => {
        const first = ofKind(plansSeen.first, kind);
        expect(first.length, `frontline declares ${kind}`).toBeGreaterThan(0);
        // Groups are looked up, never created: they exist before any setup.
        expect(first.map(c => c.action)).toEqual(first.map(() => (kind === 'group' ? 'unchanged' : 'create')));
        expect(ofKind(plansSeen.readBack, kind).map(c => `${c.action} ${c.resource.key}`)).toEqual(first.map(c => `unchanged ${c.resource.key}`));
        expect(ofKind(plansSeen.converged, kind).every(c => c.action === 'unchanged')).toBe(true);
    });

    test('the drifted tenant was planned as updates and converged', () => {
        expect(plansSeen.drifted!.changes.filter(c => c.action === 'update').map(c => c.resource.kind).sort()).toEqual([
            'emergency-call-routing-policy', 'gateway', 'group-grant', 'shared-calling-policy', 'voice-route', 'voice-routing-policy'
        ]);
        expect(plansSeen.converged!.findings).toEqual([]);
    });

    test('apply sends only cmdlet calls the compiled script makes, with the same parameter names', () => {
        const compiled = new Set(script.calls.filter(c => WRITE.test(c.command)).map(c => signature(c.command, c.parameters)));
        const sent = applied();
        expect(sent.size).toBeGreaterThan(10);
        expect([...sent].filter(s => !compiled.has(s))).toEqual([]);
        // Both the create and the update calls were exercised.
        for (const expected of ['new-csonlinepstngateway(', 'set-csonlinepstngateway(', 'remove-csgrouppolicyassignment(', 'set-csteamsemergencycallroutingpolicy(']) {
            expect([...sent].some(s => s.startsWith(expected)), expected).toBe(true);
        }
    });

    test('every kind\'s create and update calls were sent by apply and are in the compiled script', () => {
        const compiled = new Set(script.calls.map(c => signature(c.command, c.parameters)));
        const sent = applied();
        for (const resource of plans.flatMap(p => p.resources)) {
            const handler = KINDS[resource.kind] as unknown as { create(r: unknown): { surface: string; command?: string; parameters?: object }[] };
            for (const call of handler.create(resource)) {
                if (call.surface !== 'teams') continue;
                const s = signature(call.command!, Object.keys(call.parameters!));
                expect(compiled.has(s), `${resource.kind} ${resource.key}: ${s} in the script`).toBe(true);
                expect(sent.has(s), `${resource.kind} ${resource.key}: ${s} sent by apply`).toBe(true);
            }
        }
    });

    test('no call apply sent uses a list modifier other than Add or Remove', () => {
        const entries = emulator.callLog.entries.filter(e => !driftCalls.has(e.seq));
        expect(entries.some(e => Object.values(e.parameters ?? {}).some(v => v && typeof v === 'object' && !Array.isArray(v) && 'add' in v))).toBe(true);
        expect(callLogViolations(entries)).toEqual([]);
        // A planted violation is caught.
        const planted = { ...entries[0]!, route: 'POST /teams/Set-CsOnlinePstnUsage', parameters: { Identity: 'Global', Usage: { replace: ['x'] } } };
        expect(callLogViolations([planted])).toEqual(['POST /teams/Set-CsOnlinePstnUsage -Usage keys replace']);
    });
});
