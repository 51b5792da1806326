/**
 * Applies a plan: changes run in waves by resource kind; a wave starts when the waves of the
 * kinds it depends on are done, so independent kinds run side by side. Teams calls of a wave go to PowerShell in chunks (one
 * round trip each), several chunks at once when the connection has parallel sessions
 * (`parallel`): the calls of one wave are independent of each other. Graph writes and
 * group member lists go through $batch. Every step is journaled before and after it runs;
 * after a failed wave no new one starts, and a new run re-plans and converges. How many
 * requests are in flight is the surfaces' concurrency controllers' to say (adaptive-concurrency.ts).
 */
import { handlerOf, KIND_ORDER, KINDS, resolvedGroupIds } from '../../language/kinds/index.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import type { ResourceKind } from '../../language/plan/resources.js';
import { CancelledError, TenantError } from '../errors.js';
import type { BatchRequest, GraphApi } from '../graph/graph-api.js';
import { sleep } from '../retry.js';
import type { CmdletCall, CmdletResult } from '../teams/powershell-session.js';
import { isHeld } from '../teams/powershell-session.js';
import type { CmdletRunner } from '../teams/session-pool.js';
import { recentCreates, type Journal } from './journal.js';
import { LiveSnapshot } from './live-snapshot.js';
import { ReplicationRetry } from './replication-retry.js';
import type { ExecutableChange, ResolvedIds } from './operations.js';
import {
    learntIds,
    MissingDependencyError, callsOf, graphCalls, isAlreadyExists, notYetReplicated, teamsCalls, toBatchRequest, toCmdletCall
} from './operations.js';
import { LEARNT_REFS, placeKey, type GraphCall } from '../../language/kinds/kind-handler.js';
import { byLowestId } from '../../language/kinds/compare.js';

export { KIND_ORDER };

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
    /** What the run is doing that takes a while and is not a step (waiting for replication). */
    onNote?: (message: string) => void;
}

/**
 * Calls of one lane run one after another, in plan order: kinds that change one shared object
 * (the global PSTN usages), or that Teams ranks by arrival, declare a lane (language/kinds/).
 * Lanes are independent of each other.
 */
const laneOf = (change: ExecutableChange): string | undefined => {
    return handlerOf(change.resource).lane?.(change.resource);
};

export interface ApplyResult {
    done: number;
    failed: { step: string; error: string }[];
    interrupted: boolean;
    /** What the operator should know though nothing failed (a duplicate civic address). */
    warnings: string[];
}

type Succeeded = (change: ExecutableChange, detail?: string) => void;


export const stepId = (change: ExecutableChange): string => `${change.resource.kind}:${change.resource.key}`;

export class PlanExecutor {
    private readonly ids: ResolvedIds;
    private done = 0;
    private readonly failed: { step: string; error: string }[] = [];
    private total = 0;
    private readonly warnings: string[] = [];
    private readonly startedSteps = new Set<ExecutableChange>();
    private readonly live: LiveSnapshot;
    /** Steps an earlier run from this state folder created lately: maybe not readable yet. */
    private recent: Map<string, number> | undefined;
    /** Teams writes: a write refused because an object it names has not replicated yet is tried again (replication-retry.ts). */
    private readonly writes: CmdletRunner;

    constructor(private readonly graph: GraphApi, private readonly teams: CmdletRunner, private readonly snapshot: TenantSnapshot,
        private readonly options: ApplyOptions) {
        this.writes = new ReplicationRetry(teams, { waitMs: this.replicationWaitMs, signal: options.signal, onRetry: options.onNote });
        this.ids = resolvedFromSnapshot(snapshot);
        this.live = new LiveSnapshot(snapshot, this.ids.groupIds);
    }

    private get replicationWaitMs(): number {
        return this.options.replicationWaitMs ?? 60_000;
    }

    async apply(plan: { changes: readonly ExecutableChange[] }): Promise<ApplyResult> {
        const pending = plan.changes.filter(c => c.action !== 'unchanged');
        this.total = pending.length;
        for (const [key, id] of resolvedGroupIds(plan.changes.map(c => c.resource), this.snapshot)) this.ids.groupIds.set(key, id);
        // A wave starts once the waves of the kinds it depends on are done: independent kinds run side by side,
        // so one surface's work (Teams) goes on while another (Graph) is the slower. A failure starts no new wave.
        const waves = new Map<ResourceKind, Promise<void>>();
        let interrupted = false;
        for (const kind of KIND_ORDER) {
            const wave = pending.filter(c => c.resource.kind === kind);
            waves.set(kind, Promise.all(KINDS[kind].dependsOn.map(d => waves.get(d)!)).then(async () => {
                if (wave.length === 0 || this.failed.length > 0) return;
                if (this.options.signal?.aborted) {
                    interrupted = true;
                    return;
                }
                if (KINDS[kind].members) await this.applyMemberGrants(wave);
                else await this.applyCalls(wave);
            }));
        }
        // Every wave settles before the run ends (one that throws, e.g. on Ctrl-C, leaves none running); then the first error is thrown.
        const settled = await Promise.allSettled(waves.values());
        const error = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (error) throw error.reason;
        return this.result(interrupted);
    }

    private result(interrupted: boolean): ApplyResult {
        return { done: this.done, failed: this.failed, interrupted, warnings: this.warnings };
    }

    private started(change: ExecutableChange): void {
        if (this.startedSteps.has(change)) return;
        this.startedSteps.add(change);
        this.options.journal.append({ event: 'step-started', run: this.options.run, at: now(), step: stepId(change), action: change.action });
    }

    private finished(change: ExecutableChange, error?: string, detail?: string): void {
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
    private async applyCmdlets(wave: ExecutableChange[], succeeded: Succeeded = (change, detail) => this.finished(change, undefined, detail)): Promise<void> {
        const parallel = Math.max(1, this.options.parallel ?? 1);
        if (laneOf(wave[0]!) !== undefined) {
            const lanes = new Map<string, ExecutableChange[]>();
            for (const change of wave) lanes.set(laneOf(change)!, [...(lanes.get(laneOf(change)!) ?? []), change]);
            await inParallel([...lanes.values()], parallel, async changes => {
                for (const chunk of chunked(changes, this.options.chunkSize ?? 50)) {
                    if (this.options.signal?.aborted) return;
                    await this.applyChunk(chunk, succeeded, true);
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

    /**
     * The Teams calls of a chunk's changes in one round trip. A change is done when all of
     * its calls succeeded; a create answered "already exists" converges as an update.
     * `ordered` (a lane): the calls reach the tenant in plan order, retries included.
     */
    private async applyChunk(chunk: ExecutableChange[], succeeded: Succeeded, ordered = false): Promise<void> {
        const entries: { change: ExecutableChange; calls: CmdletCall[]; error?: string }[] = chunk.map(change => {
            try {
                return { change, calls: teamsCalls(callsOf(change)).map(call => toCmdletCall(call, this.ids)) };
            } catch (error) {
                if (error instanceof MissingDependencyError) return { change, calls: [], error: error.message };
                throw error;
            }
        });
        chunk.forEach(c => this.started(c));
        const all = entries.flatMap(e => e.calls);
        const results = all.length ? await this.runInOrder(all, ordered) : [];
        let next = 0;
        // Creates answered "already exists": converged together once the chunk's answers are in.
        const existing = new Map<ExecutableChange, string>();
        for (const entry of entries) {
            const mine = results.slice(next, next + entry.calls.length);
            next += entry.calls.length;
            if (entry.error) {
                this.finished(entry.change, entry.error);
                continue;
            }
            const failure = mine.find(r => !r.ok) as { ok: false; error: string } | undefined;
            if (!failure) {
                mine.forEach(r => this.learn(entry.change, r.ok ? r.value : []));
                succeeded(entry.change);
            } else if (entry.change.action === 'create' && mine[0] === failure && isAlreadyExists(failure.error)) {
                existing.set(entry.change, failure.error);
            } else {
                this.finished(entry.change, failure.error);
            }
        }
        for (const missing of await this.converge([...existing.keys()], succeeded, true)) {
            this.finished(missing, `${existing.get(missing)!} (and it did not become readable within ${Math.round(this.replicationWaitMs / 1000)} s; ` +
                'run apply again once it has replicated)');
        }
    }

    /**
     * Runs a chunk's calls. Ordered, the runner holds back what follows a call that failed;
     * once its retries are over and it has failed for good, the held calls go on from there,
     * as an unordered batch would have sent them.
     */
    private async runInOrder(calls: CmdletCall[], ordered: boolean): Promise<CmdletResult[]> {
        const results = await this.writes.run(calls, { ordered });
        for (let held = results.findIndex(isHeld); ordered && held >= 0 && !this.options.signal?.aborted; held = results.findIndex(isHeld)) {
            results.splice(held, results.length - held, ...await this.writes.run(calls.slice(held), { ordered }));
        }
        return results;
    }

    /**
     * Creates whose object is there after all: a create Teams answered "already exists"
     * (replication lag, a concurrent run), a create an earlier run made lately, or an object
     * without a unique name that another run made meanwhile. Reads the kind again, polling
     * until each object in `waitFor` is readable (bounded by the replication wait), then
     * compares as a plan does and updates only what differs. Returns the changes whose
     * object still cannot be read.
     */
    private async converge(
        changes: ExecutableChange[], succeeded: Succeeded, waitFor: boolean | Set<ExecutableChange>, deadline = Date.now() + this.replicationWaitMs
    ): Promise<ExecutableChange[]> {
        if (changes.length === 0) return [];
        const waited = waitFor === true ? new Set(changes) : waitFor === false ? new Set<ExecutableChange>() : waitFor;
        for (let attempt = 1; ; attempt++) {
            await this.live.refresh(this.graph, this.teams, changes[0]!.resource.kind);
            const unseen = [...waited].filter(c => !this.live.has(c.resource));
            if (unseen.length === 0 || Date.now() >= deadline || this.options.signal?.aborted) break;
            await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000, Math.max(0, deadline - Date.now())));
        }
        this.adoptIds();
        const missing: ExecutableChange[] = [];
        for (const change of changes) {
            const verdict = this.live.has(change.resource) ? this.live.compare(change.resource, message => this.warn(message)) : undefined;
            // Not there, or there but still to be made (a number in the inventory that is on no one): create it.
            if (!verdict || verdict.action === 'create') {
                missing.push(change);
                continue;
            }
            this.started(change);
            if (verdict.action !== 'update') {
                succeeded(change, 'already existed');
                continue;
            }
            await this.updateExisting({ ...change, action: 'update', changes: verdict.changes ?? [] }, change, succeeded);
        }
        return missing;
    }

    /** The update calls of a converged create; the step stays the create's. */
    private async updateExisting(update: ExecutableChange, change: ExecutableChange, succeeded: Succeeded): Promise<void> {
        let calls: CmdletCall[];
        try {
            calls = teamsCalls(callsOf(update)).map(call => toCmdletCall(call, this.ids));
        } catch (error) {
            this.finished(change, (error as Error).message);
            return;
        }
        const results = calls.length ? await this.writes.run(calls) : [];
        const failure = results.find(r => !r.ok) as { ok: false; error: string } | undefined;
        if (failure) {
            this.finished(change, failure.error);
            return;
        }
        results.forEach(r => this.learn(change, r.ok ? r.value : []));
        succeeded(change, `already existed; updated ${update.changes.map(c => c.field).join(', ')}`);
    }

    /**
     * Ids of objects read again (the kept one of duplicate civic addresses, an auto attendant an
     * earlier run made): later steps refer to them. Every kind of learnt id, so none is missed.
     */
    private adoptIds(): void {
        const fresh = resolvedFromSnapshot(this.live.snapshot);
        for (const ref of LEARNT_REFS) {
            for (const [key, value] of learntIds(fresh, ref)) learntIds(this.ids, ref).set(key, value);
        }
    }

    private warn(message: string): void {
        if (!this.warnings.includes(message)) this.warnings.push(message);
    }

    /**
     * Before a wave's creates: those an earlier run from this state folder made lately and
     * those of kinds without a unique name are read again (the former waited for while they
     * replicate); what is there now is converged, not made twice. Returns the creates still to make.
     */
    private async recheckCreates(wave: ExecutableChange[], succeeded: Succeeded): Promise<ExecutableChange[]> {
        // An earlier run's create is waited for only within the replication wait after it was made:
        // one still unreadable after that is gone (deleted since), not lagging, and is made again.
        this.recent ??= recentCreates(this.options.journal, this.options.run, this.replicationWaitMs);
        const recent = wave.filter(c => c.action === 'create' && this.recent!.has(stepId(c)));
        const unnamed = wave.filter(c => c.action === 'create' && KINDS[c.resource.kind].noUniqueName !== undefined && !recent.includes(c));
        if (recent.length + unnamed.length === 0) return wave;
        if (recent.length > 0) {
            this.options.onNote?.(`Waiting up to ${Math.round(this.replicationWaitMs / 1000)} s for ${recent.length} object(s) an earlier apply created ` +
                `lately to become readable (${recent.map(stepId).join(', ')}), instead of creating them again.`);
        }
        const until = Math.max(Date.now(), ...recent.map(c => this.recent!.get(stepId(c))! + this.replicationWaitMs));
        const missing = new Set(await this.converge([...recent, ...unnamed], succeeded, new Set(recent), until));
        return wave.filter(c => !(recent.includes(c) || unnamed.includes(c)) || missing.has(c));
    }

    /**
     * After a wave of a kind without a unique name that checks for twins (civic addresses): an
     * apply running at the same time elsewhere may have made its own. Read once: if twins
     * show, the lowest id is the one this run (and every plan) uses, and the operator is told.
     */
    private async checkTwins(wave: ExecutableChange[]): Promise<void> {
        const kind = wave[0]!.resource.kind;
        if (!KINDS[kind].noUniqueName?.twins || !wave.some(c => c.action === 'create')) return;
        await this.live.refresh(this.graph, this.teams, kind);
        for (const change of wave) this.live.compare(change.resource, message => this.warn(message));
        this.adoptIds();
    }

    /** Remembers an id that later steps refer to (a civic address's location id, a resource account's object id). */
    private learn(change: ExecutableChange, output: unknown[]): void {
        const row = (output[0] ?? {}) as Record<string, unknown>;
        const handler = handlerOf(change.resource);
        const key = (handler.learntKey?.(change.resource) ?? change.resource.key).toLowerCase();
        for (const learns of handler.learns ?? []) {
            const value = row[learns.property];
            if (typeof value === 'string') learntIds(this.ids, learns.ref).set(key, value);
        }
    }

    /**
     * A wave's calls: the Teams part of each change (chunked, in lanes), and the Graph part of
     * those whose Teams part is done, through $batch, while the rest of the wave's Teams part
     * goes on: the two surfaces work at once instead of one after the other. A change is done
     * once both parts have succeeded.
     */
    private async applyCalls(wave: ExecutableChange[]): Promise<void> {
        const graphPart = new GraphPipeline(changes => this.applyGraphPart(changes));
        const succeeded: Succeeded = (change, detail) => {
            if (graphCalls(callsOf(change)).length > 0) graphPart.add(change);
            else this.finished(change, undefined, detail);
        };
        try {
            const rest = await this.recheckCreates(wave, succeeded);
            if (rest.length > 0) await this.applyCmdlets(rest, succeeded);
            if (this.failed.length === 0) await this.checkTwins(wave);
        } finally {
            await graphPart.close();
        }
    }

    /**
     * The Graph calls of changes whose Teams part is done, one call position at a time (a
     * resource account's usage location before its licence), retried while new objects
     * replicate [G-ASSIGNLIC, G-USER].
     */
    private async applyGraphPart(changes: ExecutableChange[]): Promise<void> {
        const failures = new Map<ExecutableChange, string>();
        for (let position = 0; ; position++) {
            const requests: { change: ExecutableChange; call: GraphCall; request: BatchRequest }[] = [];
            for (const [i, change] of changes.entries()) {
                const call = graphCalls(callsOf(change))[position];
                if (!call || failures.has(change)) continue;
                try {
                    requests.push({ change, call, request: toBatchRequest(call, `g${i}`, this.ids) });
                } catch (error) {
                    if (!(error instanceof MissingDependencyError)) throw error;
                    failures.set(change, error.message);
                }
            }
            if (requests.length === 0) break;
            const byId = new Map(requests.map(r => [r.request.id, r]));
            const failed = await this.batchWithReplication(requests.map(r => r.request),
                (id, status, body) => notYetReplicated(byId.get(id)!.call, status, body));
            for (const [id, error] of failed) failures.set(byId.get(id)!.change, error);
        }
        for (const change of changes) {
            const failure = failures.get(change);
            this.finished(change, failure, failure ? undefined : `${graphCalls(callsOf(change)).length} Graph call(s)`);
        }
    }

    /** $batch with retries for items that fail only because a new object has not replicated yet. */
    private async batchWithReplication(requests: BatchRequest[], notReplicated: (id: string, status: number, body: unknown) => boolean): Promise<Map<string, string>> {
        const failures = new Map<string, string>();
        const deadline = Date.now() + (this.options.replicationWaitMs ?? 60_000);
        let pending = requests;
        for (let attempt = 1; pending.length > 0; attempt++) {
            let results: Awaited<ReturnType<GraphApi['batch']>>;
            try {
                results = await this.graph.batch(pending);
            } catch (error) {
                // Graph gone past its retries: these steps failed (recorded), the run goes on to its end and says so.
                if (error instanceof CancelledError) throw error;
                for (const request of pending) failures.set(request.id, (error as Error).message);
                break;
            }
            const retry: BatchRequest[] = [];
            for (const request of pending) {
                const result = results.get(request.id);
                if (result && result.status < 300) continue;
                if (result && notReplicated(request.id, result.status, result.body) && Date.now() < deadline) retry.push(request);
                else failures.set(request.id, describeGraphFailure(request, result?.status, result?.body));
            }
            pending = retry;
            if (pending.length > 0) await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000));
        }
        return failures;
    }

    /**
     * Kinds granted per member of a group (emergency routing [ECRP-GRANT]; group assignment
     * disputed, teams-facts Corrections 8). Member lists come through $batch; the groups'
     * calls run `parallel` groups at a time.
     */
    private async applyMemberGrants(changes: ExecutableChange[]): Promise<void> {
        const members = (change: ExecutableChange) => handlerOf(change.resource).members!;
        const groupOf = (change: ExecutableChange) => members(change).group(change.resource);
        const groupIds = new Map(changes.map(c => [c, this.ids.groupIds.get(groupOf(c).toLowerCase())] as const));
        const lists = await this.listMembers([...new Set([...groupIds.values()].filter((id): id is string => id !== undefined))]);
        const current = new Map(this.snapshot.userPolicies.map(u => [u.userId, u]));
        await inParallel(changes, Math.max(1, this.options.parallel ?? 1), async change => {
            if (this.options.signal?.aborted) return;
            this.started(change);
            const groupId = groupIds.get(change);
            if (!groupId) {
                this.finished(change, `Group '${groupOf(change)}' was not found in the tenant.`);
                return;
            }
            try {
                const listed = (lists.get(groupId) ?? await this.graph.list<GroupMember>(memberListUrl(groupId))).filter(isUserMember);
                // The calls each member still needs (the kind decides: Enterprise Voice, the policy grant).
                const calls: CmdletCall[] = listed.flatMap(member =>
                    members(change).calls(change.resource, current.get(member.id)).map(call => toCmdletCall(call, this.ids, member.id)));
                const results = calls.length ? await this.writes.run(calls) : [];
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
    private async listMembers(groupIds: string[]): Promise<Map<string, GroupMember[]>> {
        const lists = new Map<string, GroupMember[]>();
        if (groupIds.length < 2) return lists;
        try {
            const results = await this.graph.batch(groupIds.map((id, i) => ({ id: `m${i}`, method: 'GET' as const, url: memberListUrl(id) })));
            groupIds.forEach((id, i) => {
                const result = results.get(`m${i}`);
                const page = result?.body as { value?: GroupMember[]; '@odata.nextLink'?: string } | undefined;
                if (result && result.status === 200 && Array.isArray(page?.value) && !page['@odata.nextLink']) lists.set(id, page.value);
            });
        } catch (error) {
            if (error instanceof CancelledError) throw error;
            // The batch itself failed: every group is read on its own below.
        }
        return lists;
    }
}

/**
 * Changes handed over one by one (as their Teams part finishes) and worked off in groups: all
 * that arrived while the previous group ran go together (one $batch run), so the Graph part
 * trails the Teams part by about one group instead of waiting for the whole wave.
 */
class GraphPipeline {
    private readonly queue: ExecutableChange[] = [];
    private closed = false;
    private wake: (() => void) | undefined;
    private readonly worker: Promise<void>;

    constructor(work: (changes: ExecutableChange[]) => Promise<void>) {
        this.worker = (async () => {
            for (;;) {
                if (this.queue.length > 0) await work(this.queue.splice(0));
                else if (this.closed) return;
                else await new Promise<void>(resolve => { this.wake = resolve; });
            }
        })();
        // Its error is thrown by close(); until then it must not count as unhandled.
        this.worker.catch(() => undefined);
    }

    add(change: ExecutableChange): void {
        this.queue.push(change);
        this.wake?.();
    }

    /** No more changes: waits for the ones handed over (and throws what the work threw). */
    async close(): Promise<void> {
        this.closed = true;
        this.wake?.();
        await this.worker;
    }
}

function chunked<T>(items: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
}

const memberListUrl = (groupId: string): string => `/groups/${groupId}/members?$select=id&$top=999`;

/** A group member as Graph lists it: a directoryObject, whose type says user, group, device or contact [G-GROUPS]. */
export interface GroupMember {
    id: string;
    '@odata.type'?: string;
}

/**
 * Only users get policies: a nested group's or a device's id must never reach a Grant
 * cmdlet (members of nested groups receive no group policy [GPA-NEW]). Graph names each
 * member's type; an entry without one is read as a user, the same rule as the compiled
 * script's Get-VoiceGroupUsers.
 */
export function isUserMember(member: GroupMember): boolean {
    return member['@odata.type'] === undefined || member['@odata.type'] === '#microsoft.graph.user';
}

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
    const civicAddressIds = new Map<string, string>();
    const addressNames = new Map<string, string>();
    // References name an address by its Description (the civic-address kind). Lowest id first, and the first one of a
    // description wins: the address the plan compared with (SnapshotIndex.address).
    for (const address of byLowestId(snapshot.civicAddresses)) {
        const description = address.description?.toLowerCase();
        if (!description || locationIds.has(description)) continue;
        locationIds.set(description, address.defaultLocationId);
        civicAddressIds.set(description, address.civicAddressId);
        addressNames.set(address.civicAddressId.toLowerCase(), description);
    }
    const placeLocationIds = new Map<string, string>();
    for (const location of snapshot.lisLocations) {
        const address = addressNames.get(location.civicAddressId.toLowerCase());
        if (address && location.location) placeLocationIds.set(placeKey(address, location.location), location.locationId);
    }
    return {
        accountIds, locationIds, civicAddressIds, placeLocationIds, groupIds: new Map(),
        autoAttendantIds: lowestIdByName(snapshot.autoAttendants), callQueueIds: lowestIdByName(snapshot.callQueues)
    };
}

/** Name (lower case) -> the lowest id of that name (auto attendants and call queues may have twins), as the plan compared with. */
function lowestIdByName(items: readonly { id: string; name: string }[]): Map<string, string> {
    const ids = new Map<string, string>();
    for (const item of [...items].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1))) {
        if (!ids.has(item.name.toLowerCase())) ids.set(item.name.toLowerCase(), item.id);
    }
    return ids;
}

function describeGraphFailure(request: BatchRequest, status: number | undefined, body: unknown): string {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return `Graph ${request.method} ${request.url}: ${status ?? 'no answer'} ${error?.code ?? ''} ${error?.message ?? ''}`.replace(/\s+/g, ' ').trim();
}

const now = (): string => new Date().toISOString();
