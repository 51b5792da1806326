/**
 * Applies a plan: changes run in waves by resource kind, in setup order (each kind only
 * depends on kinds before it). Teams calls of a wave go to PowerShell in chunks (one
 * round trip each); Graph writes go through $batch. Every step is journaled before and
 * after it runs; a failed wave stops the run, and a new run re-plans and converges.
 */
import type { PlannedChange, Plan } from '../../language/plan/diff.js';
import { findGroup } from '../../language/plan/diff.js';
import type { ResourceKind } from '../../language/plan/resources.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { CancelledError, TenantError } from '../errors.js';
import type { BatchRequest, GraphApi } from '../graph/graph-api.js';
import { sleep } from '../retry.js';
import type { CmdletCall, PowerShellSession } from '../teams/powershell-session.js';
import type { Journal } from './journal.js';
import type { ResolvedIds } from './operations.js';
import { MissingDependencyError, cmdletFor, isAlreadyExists } from './operations.js';

export const KIND_ORDER: readonly ResourceKind[] = [
    'gateway', 'pstn-usage', 'voice-route', 'voice-routing-policy', 'civic-address', 'resource-account', 'number-assignment',
    'voice-routing-policy-grant', 'shared-calling-policy', 'group', 'group-grant', 'emergency-call-routing-policy', 'emergency-members-grant'
];

export interface ApplyProgress {
    done: number;
    total: number;
    step: string;
    action: string;
    outcome: 'done' | 'failed';
    error?: string;
}

export interface ApplyOptions {
    journal: Journal;
    run: string;
    onProgress?: (progress: ApplyProgress) => void;
    signal?: AbortSignal;
    /** How long to keep retrying calls that fail because a just-created object has not replicated yet. */
    replicationWaitMs?: number;
    /** Teams calls per PowerShell round trip. */
    chunkSize?: number;
}

export interface ApplyResult {
    done: number;
    failed: { step: string; error: string }[];
    interrupted: boolean;
}

type Succeeded = (change: PlannedChange, detail?: string) => void;

export const stepId = (change: PlannedChange): string => `${change.resource.kind}:${change.resource.key}`;

export class PlanExecutor {
    private readonly ids: ResolvedIds;
    private done = 0;
    private readonly failed: { step: string; error: string }[] = [];
    private total = 0;

    constructor(private readonly graph: GraphApi, private readonly teams: PowerShellSession, private readonly snapshot: TenantSnapshot,
        private readonly options: ApplyOptions) {
        this.ids = resolvedFromSnapshot(snapshot);
    }

    async apply(plan: Plan): Promise<ApplyResult> {
        const pending = plan.changes.filter(c => c.action !== 'unchanged');
        this.total = pending.length;
        for (const change of plan.changes) {
            if (change.resource.kind === 'group') this.resolveGroup(change);
        }
        for (const kind of KIND_ORDER) {
            const wave = pending.filter(c => c.resource.kind === kind);
            if (wave.length === 0) continue;
            if (this.options.signal?.aborted) return this.result(true);
            if (kind === 'resource-account') await this.applyResourceAccounts(wave);
            else if (kind === 'emergency-members-grant') await this.applyMemberGrants(wave);
            else await this.applyCmdlets(wave);
            if (this.failed.length > 0) break;
        }
        return this.result(false);
    }

    private result(interrupted: boolean): ApplyResult {
        return { done: this.done, failed: this.failed, interrupted };
    }

    private resolveGroup(change: PlannedChange): void {
        const resource = change.resource;
        if (resource.kind !== 'group') return;
        const [match, ...others] = findGroup(this.snapshot, resource);
        if (match && others.length === 0) this.ids.groupIds.set(resource.key.toLowerCase(), match.id);
    }

    private started(change: PlannedChange): void {
        this.options.journal.append({ event: 'step-started', run: this.options.run, at: now(), step: stepId(change), action: change.action });
    }

    private finished(change: PlannedChange, error?: string, detail?: string): void {
        const step = stepId(change);
        if (error) {
            this.failed.push({ step, error });
            this.options.journal.append({ event: 'step-failed', run: this.options.run, at: now(), step, action: change.action, error });
        } else {
            this.done++;
            this.options.journal.append({ event: 'step-done', run: this.options.run, at: now(), step, action: change.action, ...(detail ? { detail } : {}) });
        }
        this.options.onProgress?.({ done: this.done, total: this.total, step, action: change.action, outcome: error ? 'failed' : 'done', error });
    }

    /**
     * Cmdlet changes of one kind, chunked into PowerShell round trips. `succeeded` decides what
     * a successful call means (by default the step is done).
     */
    private async applyCmdlets(wave: PlannedChange[], succeeded: Succeeded = (change, detail) => this.finished(change, undefined, detail)): Promise<void> {
        const chunkSize = this.options.chunkSize ?? 50;
        for (let i = 0; i < wave.length; i += chunkSize) {
            if (this.options.signal?.aborted) return;
            const chunk = wave.slice(i, i + chunkSize);
            const calls: { change: PlannedChange; call?: CmdletCall; error?: string }[] = chunk.map(change => {
                try {
                    return { change, call: cmdletFor(change, this.ids) };
                } catch (error) {
                    if (error instanceof MissingDependencyError) return { change, error: error.message };
                    throw error;
                }
            });
            chunk.forEach(c => this.started(c));
            const toRun = calls.filter(c => c.call);
            const results = toRun.length ? await this.teams.run(toRun.map(c => c.call!)) : [];
            for (const entry of calls) {
                if (entry.error || !entry.call) {
                    this.finished(entry.change, entry.error);
                    continue;
                }
                const result = results[toRun.indexOf(entry)];
                if (result.ok) {
                    this.learn(entry.change, result.value);
                    succeeded(entry.change);
                } else if (entry.change.action === 'create' && isAlreadyExists(result.error)) {
                    await this.convergeExisting(entry.change, succeeded);
                } else {
                    this.finished(entry.change, result.error);
                }
            }
        }
    }

    /** A create answered "already exists" (an earlier, interrupted run made it): apply it as an update instead. */
    private async convergeExisting(change: PlannedChange, succeeded: Succeeded): Promise<void> {
        const update: PlannedChange = { ...change, action: 'update' };
        let call: CmdletCall | undefined;
        try {
            call = cmdletFor(update, this.ids);
        } catch (error) {
            this.finished(change, (error as Error).message);
            return;
        }
        if (!call || call.command.startsWith('New-')) {
            succeeded(change, 'already existed');
            return;
        }
        const [result] = await this.teams.run([call]);
        if (!result.ok) {
            this.finished(change, result.error);
            return;
        }
        this.learn(change, result.value);
        succeeded(change, 'already existed; updated');
    }

    /** Remembers ids that later steps need (civic address location ids, resource account object ids). */
    private learn(change: PlannedChange, output: unknown[]): void {
        const first = (output[0] ?? {}) as Record<string, unknown>;
        const r = change.resource;
        if (r.kind === 'civic-address' && typeof first.DefaultLocationId === 'string') this.ids.locationIds.set(r.key.toLowerCase(), first.DefaultLocationId);
        if (r.kind === 'resource-account' && typeof first.ObjectId === 'string') this.ids.accountIds.set(r.key.toLowerCase(), first.ObjectId);
    }

    /**
     * Resource accounts: the application instances through Teams, then usage location and
     * the PHONESYSTEM_VIRTUALUSER licence through Graph $batch, retried while the new
     * accounts replicate [G-ASSIGNLIC, G-USER].
     */
    private async applyResourceAccounts(wave: PlannedChange[]): Promise<void> {
        const creates = wave.filter(c => c.action === 'create' || c.changes.some(f => f.field === 'displayName' || f.field === 'applicationId'));
        const graphWave = wave.filter(c => !creates.includes(c));
        graphWave.forEach(c => this.started(c));
        // Teams part first; such a step is done only once its Graph part below has succeeded too.
        if (creates.length > 0) await this.applyCmdlets(creates, change => graphWave.push(change));
        const accounts = graphWave.map(change => {
            const r = change.resource as Extract<PlannedChange['resource'], { kind: 'resource-account' }>;
            return { change, r, id: this.ids.accountIds.get(r.key.toLowerCase()) ?? r.userPrincipalName };
        });
        const usage: BatchRequest[] = accounts.flatMap((a, i) =>
            a.change.action === 'create' || a.change.changes.some(f => f.field === 'usageLocation')
                ? [{ id: `u${i}`, method: 'PATCH' as const, url: `/users/${a.id}`, body: { usageLocation: a.r.usageLocation } }] : []);
        const usageFailures = await this.batchWithReplication(usage, status => status === 404);
        // A licence needs the usage location first: accounts whose usage location failed are not licensed.
        const licence: BatchRequest[] = accounts.flatMap((a, i) =>
            !usageFailures.has(`u${i}`) && (a.change.action === 'create' || a.change.changes.some(f => f.field === 'licence'))
                ? [{ id: `l${i}`, method: 'POST' as const, url: `/users/${a.id}/assignLicense`, body: { addLicenses: [{ skuId: a.r.licenseSkuId, disabledPlans: [] }], removeLicenses: [] } }]
                : []);
        const licenceFailures = await this.batchWithReplication(licence,
            (status, body) => status === 404 || (status === 400 && /usage ?location/i.test(JSON.stringify(body ?? ''))));
        accounts.forEach((a, i) => {
            const failure = usageFailures.get(`u${i}`) ?? licenceFailures.get(`l${i}`);
            this.finished(a.change, failure, failure ? undefined : 'licensed');
        });
    }

    /** $batch with retries for items that fail only because a new object has not replicated yet. */
    private async batchWithReplication(requests: BatchRequest[], notYetReplicated: (status: number, body: unknown) => boolean): Promise<Map<string, string>> {
        const failures = new Map<string, string>();
        const deadline = Date.now() + (this.options.replicationWaitMs ?? 60_000);
        let pending = requests;
        for (let attempt = 1; pending.length > 0; attempt++) {
            const results = await this.graph.batch(pending);
            const retry: BatchRequest[] = [];
            for (const request of pending) {
                const result = results.get(request.id);
                if (result && result.status < 300) continue;
                if (result && notYetReplicated(result.status, result.body) && Date.now() < deadline) retry.push(request);
                else failures.set(request.id, describeGraphFailure(request, result?.status, result?.body));
            }
            pending = retry;
            if (pending.length > 0) await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000));
        }
        return failures;
    }

    /** Emergency routing for every member of each group, granted per user [ECRP-GRANT; group assignment disputed, teams-facts §6]. */
    private async applyMemberGrants(wave: PlannedChange[]): Promise<void> {
        for (const change of wave) {
            if (this.options.signal?.aborted) return;
            const r = change.resource;
            if (r.kind !== 'emergency-members-grant') continue;
            this.started(change);
            const groupId = this.ids.groupIds.get(r.group.toLowerCase());
            if (!groupId) {
                this.finished(change, `Group '${r.group}' was not found in the tenant.`);
                continue;
            }
            try {
                const members = await this.graph.list<{ id: string }>(`/groups/${groupId}/members?$select=id&$top=999`);
                const current = new Map(this.snapshot.userPolicies.map(u => [u.userId, u.policies.TeamsEmergencyCallRoutingPolicy?.name]));
                const missing = members.filter(m => (current.get(m.id) ?? '').toLowerCase() !== r.policy.toLowerCase());
                const results = missing.length ? await this.teams.run(missing.map(m => ({
                    command: 'Grant-CsTeamsEmergencyCallRoutingPolicy' as const, parameters: { Identity: m.id, PolicyName: r.policy }
                }))) : [];
                const errors = results.flatMap(x => (x.ok ? [] : [x.error]));
                this.finished(change, errors.length ? `${errors.length} of ${missing.length} member grant(s) failed: ${errors[0]}` : undefined,
                    `${missing.length} member(s) granted`);
            } catch (error) {
                if (error instanceof CancelledError) throw error;
                this.finished(change, error instanceof TenantError ? error.message : String(error));
            }
        }
    }
}

function resolvedFromSnapshot(snapshot: TenantSnapshot): ResolvedIds {
    const accountIds = new Map<string, string>();
    for (const user of snapshot.users) accountIds.set(user.userPrincipalName.toLowerCase(), user.id);
    for (const instance of snapshot.applicationInstances) accountIds.set(instance.userPrincipalName.toLowerCase(), instance.objectId);
    const locationIds = new Map<string, string>();
    for (const address of snapshot.civicAddresses) {
        if (address.description?.startsWith('voice:')) locationIds.set(address.description.slice('voice:'.length).toLowerCase(), address.defaultLocationId);
    }
    return { accountIds, locationIds, groupIds: new Map() };
}

function describeGraphFailure(request: BatchRequest, status: number | undefined, body: unknown): string {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return `Graph ${request.method} ${request.url}: ${status ?? 'no answer'} ${error?.code ?? ''} ${error?.message ?? ''}`.replace(/\s+/g, ' ').trim();
}

const now = (): string => new Date().toISOString();
