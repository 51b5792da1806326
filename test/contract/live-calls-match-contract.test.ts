/**
 * (c) Every Teams call live apply sends, recorded from a real apply of examples/frontline
 * against the emulator (a first apply that creates everything, then a second one after an
 * admin's drift, which sends the Set-* updates), binds to a documented parameter set; (d)
 * every Graph request of those applies, of the emergency readiness report's reads and of a run
 * of the compiled frontline script is in contract/graph-requests.json, with its query options
 * and body property names. Planted violations of both kinds fail.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckedSetup } from '../../cli/setup-loader.js';
import { diffSetup } from '../../language/plan/diff.js';
import { PlanExecutor } from '../../tenant/apply/executor.js';
import { Journal } from '../../tenant/apply/journal.js';
import { connectTenant } from '../../tenant/connection.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import type { CallRecord } from '../../tenant/emulator/call-log.js';
import { readPlanState } from '../../tenant/read-state.js';
import { readinessSetup } from '../../language/report/readiness-setup.js';
import { readReadiness } from '../../tenant/report/read-readiness.js';
import { driftFrontline } from '../support/frontline-drift.js';
import type { CmdletCall } from '../../tenant/teams/powershell-session.js';
import { findPwsh, runPwshFile } from '../support/pwsh.js';
import { loadCmdletContract, REPO } from './contract.js';
import { graphCallViolation, loadGraphRequests } from './graph-contract.js';
import { checkInvocation } from './invocation-check.js';
import { invocationOf, recordingRunner } from './recorded-calls.js';

const contract = loadCmdletContract();
const graphRequests = loadGraphRequests();
const FRONTLINE = path.join(REPO, 'examples', 'frontline');

/** The contract violations of recorded Teams calls. */
function violationsOf(calls: CmdletCall[]): string[] {
    return calls.flatMap((call, i) => checkInvocation(contract, invocationOf(call, i + 1)))
        .map(v => `${v.kind}: ${v.cmdlet} (call ${v.line}): ${v.detail}`);
}

/** The Graph calls of a call log that no listed request accounts for (method and path, then query options and body properties). */
function unlistedGraphCalls(entries: CallRecord[]): string[] {
    return entries.filter(e => e.path.startsWith('/v1.0/')).flatMap(e => {
        const violation = graphCallViolation(graphRequests, e);
        const query = e.query ? `?${Object.entries(e.query).map(([k, v]) => `${k}=${v}`).join('&')}` : '';
        return violation ? [`${e.method} ${e.path}${query}${e.inBatch ? ' (in $batch)' : ''}: ${violation}`] : [];
    });
}

describe('live apply and the compiled script against the contracts', () => {
    let applyEmulator: EmulatorHandle;
    let scriptEmulator: EmulatorHandle;
    let stateDir = '';
    let recorded: CmdletCall[] = [];
    let updates: CmdletCall[] = [];
    beforeAll(async () => {
        process.env.VOICE_PWSH = findPwsh();
        stateDir = mkdtempSync(path.join(tmpdir(), 'voice-contract-apply-'));
        applyEmulator = await startEmulator({ port: 0 });
        const setup = await loadCheckedSetup([FRONTLINE]);
        if (typeof setup === 'number') throw new Error(`examples/frontline does not check (exit ${setup})`);
        const connection = await connectTenant({ tenant: 'emulator', emulatorUrl: applyEmulator.url });
        try {
            const apply = async (): Promise<CmdletCall[]> => {
                const { runner, calls } = recordingRunner(connection.teams);
                const snapshot = await readPlanState(connection.graph, runner, setup.plans);
                const plan = diffSetup(setup.plans, snapshot);
                const result = await new PlanExecutor(connection.graph, runner, snapshot, { journal: new Journal(stateDir, 'emulator-contract'), run: randomUUID() }).apply(plan);
                expect(result.failed).toEqual([]);
                return calls;
            };
            recorded = await apply();
            // An admin's changes by hand; the second apply brings them back with the kinds' update calls.
            await driftFrontline(applyEmulator);
            updates = await apply();
            await readReadiness(connection.graph, connection.teams, readinessSetup(setup.plans));
        } finally {
            await connection.dispose();
        }
        scriptEmulator = await startEmulator({ port: 0 });
        const run = await runPwshFile(path.join(FRONTLINE, 'stores.ps1'), ['-ReplicationTimeoutSeconds', '60'], { emulator: scriptEmulator, timeoutMs: 240_000 });
        if (run.exitCode !== 0) throw new Error(`stores.ps1 exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
    }, 300_000);
    afterAll(async () => {
        await applyEmulator?.stop();
        await scriptEmulator?.stop();
        if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    });

    it('(c) live apply sent Teams writes, and each binds to a documented parameter set', () => {
        const writes = recorded.filter(c => /^(New|Set|Grant|Remove)-/.test(c.command));
        expect(writes.length).toBeGreaterThan(20);
        expect(violationsOf(recorded)).toEqual([]);
    });

    it('(c) the apply after drift sent the update calls, and each binds to a documented parameter set', () => {
        const sent = new Set(updates.map(c => c.command));
        for (const update of ['Set-CsOnlinePSTNGateway', 'Set-CsOnlineVoiceRoute', 'Set-CsOnlineVoiceRoutingPolicy', 'Set-CsTeamsEmergencyCallRoutingPolicy',
            'Set-CsTeamsSharedCallingRoutingPolicy', 'Remove-CsGroupPolicyAssignment', 'Grant-CsTeamsSharedCallingRoutingPolicy']) {
            expect(sent.has(update), update).toBe(true);
        }
        expect(updates.some(c => /^New-/.test(c.command) && c.command !== 'New-CsTeamsEmergencyNumber')).toBe(false);
        expect(violationsOf(updates)).toEqual([]);
    });

    it('(d) every Graph request of live apply and the report, $batch items included, is in the Graph list with its query and body', () => {
        const graph = applyEmulator.callLog.entries.filter(e => e.path.startsWith('/v1.0/'));
        expect(graph.some(e => e.inBatch)).toBe(true);
        // The plan's and the report's reads are in the log: members with licences, the SKUs' service plans, every user's licences.
        for (const select of ['id,userPrincipalName,assignedLicenses', 'skuId,skuPartNumber,servicePlans', 'id,assignedLicenses']) {
            expect(graph.some(e => e.query?.$select === select), select).toBe(true);
        }
        expect(graph.some(e => e.bodyProperties?.includes('addLicenses[].skuId'))).toBe(true);
        expect(unlistedGraphCalls(applyEmulator.callLog.entries)).toEqual([]);
    });

    it('(d) every Graph request of the compiled script is in the Graph list', () => {
        expect(scriptEmulator.callLog.entries.filter(e => e.path.startsWith('/v1.0/')).length).toBeGreaterThan(5);
        expect(unlistedGraphCalls(scriptEmulator.callLog.entries)).toEqual([]);
    });

    it('each listed Graph request names a reference page and the commit it was read at', () => {
        for (const r of graphRequests) {
            expect(r.doc.page, r.id).toMatch(/^(api-reference\/v1\.0\/api|concepts)\/[\w-]+\.md$/);
            expect(r.doc.commit, r.id).toMatch(/^[0-9a-f]{40}$/);
        }
    });
});

describe('the recorded-call checks fail on planted violations', () => {
    it('(c) a recorded call with a parameter the cmdlet lacks', () => {
        const planted: CmdletCall = { command: 'Grant-CsTeamsSharedCallingRoutingPolicy', parameters: { Group: 'g', PolicyName: 'P', Rank: 1, PassThru: true } };
        expect(violationsOf([planted])).toEqual(['unknown-parameter: Grant-CsTeamsSharedCallingRoutingPolicy (call 1): -PassThru is not a documented parameter of Grant-CsTeamsSharedCallingRoutingPolicy']);
    });

    it('(c) a recorded call missing a mandatory parameter, and one with a Replace list modifier', () => {
        expect(violationsOf([{ command: 'New-CsTeamsSharedCallingRoutingPolicy', parameters: { Identity: 'P' } }])[0]).toMatch(/^missing-mandatory: .*-ResourceAccount/);
        expect(violationsOf([{ command: 'Set-CsOnlinePstnUsage', parameters: { Identity: 'Global', Usage: { replace: ['US'] } } }])[0]).toMatch(/^list-modifier-key: /);
    });

    it('(d) a Graph request the list does not have', () => {
        const planted: CallRecord = { seq: 1, method: 'GET', path: '/v1.0/users/abc/manager', route: 'GET /v1.0/users/{id}/manager', status: 200, inBatch: false, at: 0 };
        expect(unlistedGraphCalls([planted])).toEqual(['GET /v1.0/users/abc/manager: not listed']);
        expect(unlistedGraphCalls([{ ...planted, method: 'DELETE', path: '/v1.0/users/abc' }])).toEqual(['DELETE /v1.0/users/abc: not listed']);
    });

    it('(d) a listed request with a query option, a selected property or a body property the list does not have', () => {
        const skus: CallRecord = {
            seq: 1, method: 'GET', path: '/v1.0/subscribedSkus', route: 'GET /v1.0/subscribedSkus', status: 200, inBatch: false, at: 0,
            query: { $select: 'skuId,skuPartNumber,consumedUnits,prepaidUnits,servicePlans' }
        };
        expect(unlistedGraphCalls([skus])).toEqual([]);
        expect(unlistedGraphCalls([{ ...skus, query: { $select: 'skuId,capabilityStatus' } }])).toEqual([
            expect.stringMatching(/subscribedsku-list: \$select names capabilityStatus, not listed/)
        ]);
        expect(unlistedGraphCalls([{ ...skus, query: { ...skus.query, $filter: "skuPartNumber eq 'MCOEV'" } }])).toEqual([
            expect.stringMatching(/query option \$filter is not listed/)
        ]);
        const byName: CallRecord = { ...skus, path: '/v1.0/groups', query: { $select: 'id,displayName', $filter: "startswith(displayName,'Store')" } };
        expect(unlistedGraphCalls([byName])[0]).toMatch(/group-list-by-name: \$filter=startswith\(displayName,'Store'\) is not displayName eq '\{name\}'/);
        const licence: CallRecord = {
            ...skus, method: 'POST', path: '/v1.0/users/abc/assignLicense', query: undefined, bodyProperties: ['addLicenses[].skuId', 'addLicenses[].disabledPlans', 'removeLicenses']
        };
        expect(unlistedGraphCalls([licence])).toEqual([]);
        expect(unlistedGraphCalls([{ ...licence, bodyProperties: ['addLicenses[].skuId', 'removeLicenses', 'assignedPlans'] }])[0]).toMatch(/body property assignedPlans is not listed/);
    });
});
