/**
 * Applies a plan: changes run in waves by resource kind, in setup order (each kind only
 * depends on kinds before it). Teams calls of a wave go to PowerShell in chunks (one
 * round trip each), several chunks at once when the connection has parallel sessions
 * (`parallel`): the calls of one wave are independent of each other. Graph writes and
 * group member lists go through $batch. Every step is journaled before and after it runs;
 * a failed wave stops the run, and a new run re-plans and converges.
 */
import type { PlannedChange, Plan } from '../../language/plan/diff.js';
import { findGroup } from '../../language/plan/diff.js';
import type { ResourceKind } from '../../language/plan/resources.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { CancelledError, TenantError } from '../errors.js';
import type { BatchRequest, GraphApi } from '../graph/graph-api.js';
import { sleep } from '../retry.js';
import type { CmdletCall } from '../teams/powershell-session.js';
import type { CmdletRunner } from '../teams/session-pool.js';
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
    /** Teams calls per PowerShell round trip (default: up to 50, smaller when chunks run in parallel). */
    chunkSize?: number;
    /** Chunks of one wave in flight at once: the number of PowerShell sessions (default 1). */
    parallel?: number;
}

/**
 * Kinds whose calls must run one after another, in plan order, within a lane: they change
 * one shared object (the global PSTN usages), or Teams ranks them by arrival (group policy
 * ranks per policy type and route priorities are renumbered as entries are added). Lanes
 * are independent of each other.
 */
const SERIAL_LANES: Partial<Record<ResourceKind, (change: PlannedChange) => string>> = {
    'pstn-usage': () => 'global',
    'voice-route': () => 'routes',
    'group-grant': change => (change.resource as Extract<PlannedChange['resource'], { kind: 'group-grant' }>).policyType
};

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

    constructor(private readonly graph: GraphApi, private readonly teams: CmdletRunner, private readonly snapshot: TenantSnapshot,
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
     * Cmdlet changes of one kind, chunked into PowerShell round trips, `parallel` chunks at
     * a time. `succeeded` decides what a successful call means (by default the step is done).
     */
    private async applyCmdlets(wave: PlannedChange[], succeeded: Succeeded = (change, detail) => this.finished(change, undefined, detail)): Promise<void> {
        const parallel = Math.max(1, this.options.parallel ?? 1);
        const lane = SERIAL_LANES[wave[0]!.resource.kind];
        if (lane) {
            const lanes = new Map<string, PlannedChange[]>();
            for (const change of wave) lanes.set(lane(change), [...(lanes.get(lane(change)) ?? []), change]);
            await inParallel([...lanes.values()], parallel, async changes => {
                for (const chunk of chunked(changes, this.options.chunkSize ?? 50)) {
                    if (this.options.signal?.aborted) return;
                    await this.applyChunk(chunk, succeeded);
                }
            });
            return;
        }
        // With parallel sessions, about four chunks per session, so the last ones finish together.
        const chunkSize = this.options.chunkSize ?? (parallel > 1 ? Math.min(50, Math.max(5, Math.ceil(wave.length / (parallel * 4)))) : 50);
        await inParallel(chunked(wave, chunkSize), parallel, async chunk => {
            if (this.options.signal?.aborted) return;
            await this.applyChunk(chunk, succeeded);
        });
    }

    private async applyChunk(chunk: PlannedChange[], succeeded: Succeeded): Promise<void> {
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
            const result = results[toRun.indexOf(entry)]!;
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

    /**
     * Emergency routing for every member of each group, granted per user [ECRP-GRANT; group
     * assignment disputed, teams-facts §6]. Member lists come through $batch; the groups'
     * grants run `parallel` groups at a time.
     */
    private async applyMemberGrants(wave: PlannedChange[]): Promise<void> {
        const changes = wave.filter(c => c.resource.kind === 'emergency-members-grant');
        const groupIds = new Map(changes.map(c => {
            const r = c.resource as Extract<PlannedChange['resource'], { kind: 'emergency-members-grant' }>;
            return [c, this.ids.groupIds.get(r.group.toLowerCase())] as const;
        }));
        const members = await this.listMembers([...new Set([...groupIds.values()].filter((id): id is string => id !== undefined))]);
        const current = new Map(this.snapshot.userPolicies.map(u => [u.userId, u]));
        await inParallel(changes, Math.max(1, this.options.parallel ?? 1), async change => {
            if (this.options.signal?.aborted) return;
            const r = change.resource as Extract<PlannedChange['resource'], { kind: 'emergency-members-grant' }>;
            this.started(change);
            const groupId = groupIds.get(change);
            if (!groupId) {
                this.finished(change, `Group '${r.group}' was not found in the tenant.`);
                return;
            }
            try {
                const listed = members.get(groupId) ?? await this.graph.list<{ id: string }>(memberListUrl(groupId));
                const calls: CmdletCall[] = [];
                for (const member of listed) {
                    const user = current.get(member.id);
                    // Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].
                    if (!user?.enterpriseVoiceEnabled) {
                        calls.push({ command: 'Set-CsPhoneNumberAssignment', parameters: { Identity: member.id, EnterpriseVoiceEnabled: true } });
                    }
                    if ((user?.policies.TeamsEmergencyCallRoutingPolicy?.name ?? '').toLowerCase() !== r.policy.toLowerCase()) {
                        calls.push({ command: 'Grant-CsTeamsEmergencyCallRoutingPolicy', parameters: { Identity: member.id, PolicyName: r.policy } });
                    }
                }
                const results = calls.length ? await this.teams.run(calls) : [];
                const errors = results.flatMap(x => (x.ok ? [] : [x.error]));
                this.finished(change, errors.length ? `${errors.length} of ${calls.length} member change(s) failed: ${errors[0]}` : undefined,
                    `${listed.length} member(s) checked, ${calls.length} change(s)`);
            } catch (error) {
                if (error instanceof CancelledError) throw error;
                this.finished(change, error instanceof TenantError ? error.message : String(error));
            }
        });
    }

    /**
     * The members of each group, read through $batch (20 groups a request). A group whose
     * list did not come back whole (an error, or more than one page) is left out: the caller
     * reads it on its own, with paging and the usual error handling.
     */
    private async listMembers(groupIds: string[]): Promise<Map<string, { id: string }[]>> {
        const lists = new Map<string, { id: string }[]>();
        if (groupIds.length < 2) return lists;
        try {
            const results = await this.graph.batch(groupIds.map((id, i) => ({ id: `m${i}`, method: 'GET' as const, url: memberListUrl(id) })));
            groupIds.forEach((id, i) => {
                const result = results.get(`m${i}`);
                const page = result?.body as { value?: { id: string }[]; '@odata.nextLink'?: string } | undefined;
                if (result && result.status === 200 && Array.isArray(page?.value) && !page['@odata.nextLink']) lists.set(id, page.value);
            });
        } catch (error) {
            if (error instanceof CancelledError) throw error;
            // The batch itself failed: every group is read on its own below.
        }
        return lists;
    }
}

function chunked<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
}

const memberListUrl = (groupId: string): string => `/groups/${groupId}/members?$select=id&$top=999`;

/**
 * Runs `work` over the items with at most `limit` in flight. On the first error no new item
 * starts; the ones under way finish, then the error is thrown.
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
        while (!failure && next < items.length) {
            const item = items[next++]!;
            try {
                await work(item);
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
    if (failure) throw failure.error;
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
