/**
 * Every resource kind end to end against the emulator, in-process: live apply creates the
 * frontline setup (which declares every kind), the tenant reads back as unchanged, then every
 * kind that can be updated is changed by hand (DRIFTS, through the emulator's Teams and Graph
 * surfaces) and converges through its update calls; all the while apply sends exactly the
 * cmdlets and parameter names the compiled script calls (as both write them, before
 * PowerShell binds aliases) and the Graph methods and paths it renders, and no call reaches
 * the emulator with a list modifier other than Add/Remove.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handlerOf, KIND_ORDER, KINDS } from '../../language/kinds/index.js';
import type { Call, GraphCall, TeamsCall } from '../../language/kinds/kind-handler.js';
import { psGraphCall } from '../../language/generator/render-call.js';
import { diffSetup, type Plan } from '../../language/plan/diff.js';
import type { StatementPlan } from '../../language/plan/desired-setup.js';
import type { Resource, ResourceKind } from '../../language/plan/resources.js';
import type { BatchRequest, GraphApi } from '../../tenant/graph/graph-api.js';
import { PlanExecutor } from '../../tenant/apply/executor.js';
import { Journal } from '../../tenant/apply/journal.js';
import { connectTenant, type TenantConnection } from '../../tenant/connection.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { readTenantState } from '../../tenant/read-state.js';
import { compileFile, REPO } from '../compiler/compile-helpers.js';
import { parseScripts, writeScript, type ParsedScript } from '../compiler/pwsh-ast.js';
import { FRONTLINE_KIND_DRIFTS, graph, teams } from '../support/frontline-drift.js';
import type { CmdletCall } from '../../tenant/teams/powershell-session.js';
import type { CmdletRunner } from '../../tenant/teams/session-pool.js';
import { callLogViolations } from '../support/list-modifiers.js';
import { findPwsh } from '../support/pwsh.js';

const WRITE = /^(New|Set|Grant|Remove)-Cs/;
const KIND_NAMES = Object.keys(KINDS) as ResourceKind[];

type Drift = (emulator: EmulatorHandle) => Promise<unknown>;

/** The default location of one of the tool's civic addresses, as the tenant has it. */
async function locationOf(emulator: EmulatorHandle, address: string): Promise<string> {
    const rows = await teams(emulator, 'Get-CsOnlineLisCivicAddress', {}) as { Description?: string; DefaultLocationId: string }[];
    return rows.find(a => a.Description === `voice:${address}`)!.DefaultLocationId;
}

/**
 * Per kind that can be updated, a hand edit of its frontline object that apply must undo
 * through the kind's update calls. A kind with update calls and no case here fails the test
 * below: add one (the emulator's Teams cmdlets or Graph routes, as an admin would).
 */
const DRIFTS: Partial<Record<ResourceKind, Drift>> = {
    ...FRONTLINE_KIND_DRIFTS,
    // The display name on the Teams side, the usage location on the Entra side (a Graph update).
    'resource-account': async e => {
        await teams(e, 'Set-CsOnlineApplicationInstance', { Identity: 'sc-washington@contoso.com', DisplayName: 'Renamed by hand' });
        await graph(e, 'PATCH', '/users/sc-oregon@contoso.com', { usageLocation: 'CA' });
    },
    'number-assignment': async e => teams(e, 'Set-CsPhoneNumberAssignment', { TelephoneNumber: '+12065550100', LocationId: await locationOf(e, 'PortlandStore') }),
    'voice-routing-policy-grant': e => teams(e, 'Grant-CsOnlineVoiceRoutingPolicy', { Identity: 'sc-oregon@contoso.com', PolicyName: 'SharedCalling-Users-NoPstn' }),
    'trusted-ip': e => teams(e, 'Set-CsTenantTrustedIPAddress', { Identity: '198.51.100.0', MaskBits: 25 }),
    'network-region': e => teams(e, 'Set-CsTenantNetworkRegion', { Identity: 'Washington', Description: 'Edited by hand' }),
    'network-site': e => teams(e, 'Set-CsTenantNetworkSite', { Identity: 'SpokaneSite', Description: 'Edited by hand' }),
    'network-subnet': e => teams(e, 'Set-CsTenantNetworkSubnet', { Identity: '10.20.0.0', MaskBits: 24 }),
    'lis-network-id': async e => teams(e, 'Set-CsOnlineLisSubnet', { Subnet: '10.20.1.0', LocationId: await locationOf(e, 'SeattleStore') }),
    // Someone turned the security desk's conference into a chat only.
    'emergency-calling-policy': e => teams(e, 'Set-CsTeamsEmergencyCallingPolicy', { Identity: 'StoresSecurityDesk', NotificationMode: 'NotificationOnly' }),
    // An associate with an extension was given the resource accounts' policy, with PSTN usages: no longer a Shared Calling user [SC-SETUP].
    'user-extension': e => teams(e, 'Grant-CsOnlineVoiceRoutingPolicy', { Identity: 'avery.chen@contoso.com', PolicyName: 'SharedCalling-CteloUS' }),
    // Someone narrowed the Washington auto attendant's directory to Seattle and switched it to French.
    'auto-attendant': async e => {
        const [instance] = await teams(e, 'Get-CsAutoAttendant', { NameFilter: 'Contoso Stores Washington' }) as Record<string, unknown>[];
        const seattle = ((instance!.DirectoryLookupScope as { InclusionScope: { GroupScope: { GroupIds: string[] } } }).InclusionScope.GroupScope.GroupIds)[0];
        await teams(e, 'Set-CsAutoAttendant', { Instance: { ...instance, LanguageId: 'fr-FR', DirectoryLookupScope: { InclusionScope: { GroupScope: { GroupIds: [seattle] } } } } });
    },
    // One member of a covered group lost Enterprise Voice and the emergency policy: the others keep theirs.
    'emergency-members-grant': async e => {
        await teams(e, 'Set-CsPhoneNumberAssignment', { Identity: 'jordan.blake@contoso.com', EnterpriseVoiceEnabled: false });
        await teams(e, 'Grant-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'jordan.blake@contoso.com', PolicyName: null });
    }
};

/** A kind can be updated when a frontline object of it has update calls (or per-member calls). */
const canUpdate = (kind: ResourceKind): boolean =>
    resourcesOf(kind).some(r => handlerOf(r).update(r).length > 0 || handlerOf(r).members !== undefined);
const resourcesOf = (kind: ResourceKind): Resource[] => plans.flatMap(p => p.resources).filter(r => r.kind === kind);

/** A Teams call and the calls nested in its parameters (New-CsTeamsEmergencyNumber). */
function withNested(call: TeamsCall): TeamsCall[] {
    const nested = (value: unknown): TeamsCall[] => Array.isArray(value) ? value.flatMap(nested)
        : value && typeof value === 'object' ? ('$call' in value ? withNested((value as { $call: TeamsCall }).$call) : Object.values(value).flatMap(nested)) : [];
    return [call, ...Object.values(call.parameters).flatMap(nested)];
}
const teamsSignatures = (calls: readonly Call[]): Set<string> => new Set(calls.flatMap(c => (c.surface === 'teams' ? withNested(c) : []))
    .map(c => signature(c.command, Object.keys(c.parameters))));
/** A Graph call's method and path, its references matching any one segment. */
const graphPattern = (call: GraphCall): RegExp => new RegExp(`^${call.method} ${call.path.map(p => (typeof p === 'string'
    ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[^/?]+')).join('')}$`);

/** What apply sent while converging one kind: Teams signatures and Graph writes. */
interface Sent { teams: Set<string>; graph: string[] }
const updatesSent = new Map<ResourceKind, Sent>();

let emulator: EmulatorHandle;
let connection: TenantConnection;
let plans: StatementPlan[];
let script: ParsedScript;
let compiledText: string;
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
const recording = (runner: CmdletRunner, into?: Sent): CmdletRunner => {
    const keep = (call: CmdletCall): void => {
        const before = sentCalls.length;
        record(call);
        for (const c of sentCalls.slice(before)) if (WRITE.test(c.command)) into?.teams.add(signature(c.command, Object.keys(c.parameters ?? {})));
    };
    return {
        run: (calls, options) => { calls.forEach(keep); return runner.run(calls, options); },
        invoke: call => { keep(call); return runner.invoke(call); }
    };
};
/** The Graph API, its $batch writes noted as `METHOD /path` (reads are the snapshot's, not a change). */
const recordingGraph = (api: GraphApi, into: Sent): GraphApi => new Proxy(api, {
    get(target, property) {
        if (property === 'batch') {
            return (requests: BatchRequest[]) => {
                requests.filter(r => r.method !== 'GET').forEach(r => into.graph.push(`${r.method} ${r.url}`));
                return target.batch(requests);
            };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    }
});
const applied = (): Set<string> => new Set(sentCalls.filter(c => WRITE.test(c.command)).map(c => signature(c.command, Object.keys(c.parameters ?? {}))));

async function plan(): Promise<{ plan: Plan; snapshot: Awaited<ReturnType<typeof readTenantState>> }> {
    const snapshot = await readTenantState(connection.graph, connection.teams);
    return { plan: diffSetup(plans, snapshot), snapshot };
}

/**
 * Converges a drifted tenant one kind at a time, in apply's own order, so each kind's calls
 * are told apart: the same executor and waves as one apply (other kinds' changes left out).
 */
async function applyByKind(run: string): Promise<Plan> {
    const { plan: planned, snapshot } = await plan();
    const journal = new Journal(scratch, run);
    for (const kind of KIND_ORDER) {
        if (!planned.changes.some(c => c.resource.kind === kind && c.action !== 'unchanged')) continue;
        const sent: Sent = { teams: new Set(), graph: [] };
        updatesSent.set(kind, sent);
        const changes = planned.changes.filter(c => c.resource.kind === kind || c.action === 'unchanged');
        const result = await new PlanExecutor(recordingGraph(connection.graph, sent), recording(connection.teams, sent), snapshot, { journal, run })
            .apply({ changes });
        expect(result.failed, `${run} ${kind}`).toEqual([]);
    }
    return planned;
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
    compiledText = compiled.text;
    [script] = await parseScripts([writeScript(scratch, 'stores.ps1', compiled.text)]);
    emulator = await startEmulator({ port: 0 });
    connection = await connectTenant({ tenant: 'emulator', emulatorUrl: emulator.url });
    plansSeen.first = await apply('create');
    plansSeen.readBack = (await plan()).plan;
    const driftStart = emulator.callLog.entries.length;
    for (const kind of KIND_ORDER) await DRIFTS[kind]?.(emulator);
    // The drift went straight to the emulator: its calls are not apply's.
    driftCalls = new Set(emulator.callLog.entries.slice(driftStart).map(e => e.seq));
    plansSeen.drifted = await applyByKind('update');
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

    test('every kind that can be updated has a drift case, and only those', () => {
        const updatable = KIND_NAMES.filter(canUpdate);
        expect(updatable.filter(k => !DRIFTS[k]), 'kinds with update calls but no drift case in DRIFTS (test/apply/kinds.test.ts): ' +
            'add a hand edit of the kind\'s frontline object through the emulator').toEqual([]);
        expect(KIND_NAMES.filter(k => DRIFTS[k] && !updatable.includes(k)), 'drift cases for kinds without update calls').toEqual([]);
    });

    test('the drifted tenant was planned as updates of every drifted kind, and converged', () => {
        const updated = new Set(plansSeen.drifted!.changes.filter(c => c.action === 'update').map(c => c.resource.kind));
        expect([...updated].sort()).toEqual(KIND_NAMES.filter(k => DRIFTS[k]).sort());
        expect(plansSeen.drifted!.changes.filter(c => c.action === 'create').map(c => `${c.resource.kind} ${c.resource.key}`)).toEqual([]);
        expect(plansSeen.converged!.changes.filter(c => c.action !== 'unchanged').map(c => `${c.action} ${c.resource.kind} ${c.resource.key}`)).toEqual([]);
        expect(plansSeen.converged!.findings).toEqual([]);
    });

    test.each(KIND_NAMES)('%s: apply converges a drift with the update calls the compiled script makes (cmdlet and parameter names, Graph method and path)', kind => {
        if (!canUpdate(kind)) return;
        const sent = updatesSent.get(kind);
        expect(sent, `apply sent no update for ${kind}`).toBeDefined();
        const updates = plansSeen.drifted!.changes.filter(c => c.resource.kind === kind && c.action === 'update');
        // The calls the kind's call data holds for these updates (all per-member calls for a kind granted per member).
        const calls = updates.flatMap(c => {
            const handler = handlerOf(c.resource);
            return handler.members ? handler.members.calls(c.resource, undefined) : handler.update(c.resource, c.changes);
        });
        const compiledTeams = new Set(script.calls.map(c => signature(c.command, c.parameters)));
        const expectedTeams = teamsSignatures(calls);
        expect([...expectedTeams].filter(s => !compiledTeams.has(s)), `${kind}: update calls missing from the compiled script`).toEqual([]);
        expect([...sent!.teams].sort(), `${kind}: cmdlets and parameter names apply sent`).toEqual([...expectedTeams].sort());
        const graphCalls = calls.filter((c): c is GraphCall => c.surface === 'graph');
        for (const call of graphCalls) expect(compiledText, `${kind}: ${call.method} in the compiled script`).toContain(psGraphCall(call));
        expect(sent!.graph.length, `${kind}: Graph writes apply sent`).toBe(graphCalls.length);
        for (const [i, request] of sent!.graph.entries()) expect(request).toMatch(graphPattern(graphCalls[i]!));
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
