/**
 * The tenant as apply last read it: the plan's snapshot, with collections read again while
 * the run goes on (a create refused because the object exists, a create an earlier run made
 * that has not replicated yet). Lets a kind's own `observed` and `diff` look at what the
 * tenant has now, so a converged object is compared exactly as a plan compares it.
 */
import { observedRecord } from '../../language/plan/fingerprint.js';
import { SnapshotIndex } from '../../language/kinds/compare.js';
import { handlerOf, KINDS } from '../../language/kinds/index.js';
import type { AnySnapshotRead, DiffContext, Verdict } from '../../language/kinds/kind-handler.js';
import type { Resource, ResourceKind } from '../../language/plan/resources.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import type { GraphApi } from '../graph/graph-api.js';
import { readTenantState } from '../read-state.js';
import type { CmdletRunner } from '../teams/session-pool.js';

/** The reads a kind's comparison needs: its own, those of the kinds it depends on, and those it compares with. */
export function readsFor(kind: ResourceKind): AnySnapshotRead[] {
    const kinds = new Set<ResourceKind>();
    const visit = (k: ResourceKind) => {
        if (kinds.has(k)) return;
        kinds.add(k);
        KINDS[k].dependsOn.forEach(visit);
    };
    visit(kind);
    for (const compared of KINDS[kind].comparesWith ?? []) kinds.add(compared);
    // Group members are read for the plan's tenant checks only; no comparison in a run needs them again.
    return [...kinds].flatMap(k => KINDS[k].reads.filter(r => r.from.surface !== 'graph-group-members' && r.from.surface !== 'teams-by-name'));
}

export class LiveSnapshot {
    constructor(private current: TenantSnapshot, private readonly groupIds: Map<string, string>) {}

    get snapshot(): TenantSnapshot {
        return this.current;
    }

    /** Reads the collections a kind compares with again (one round trip), replacing the older ones. */
    async refresh(graph: GraphApi, teams: CmdletRunner, kind: ResourceKind): Promise<void> {
        const reads = readsFor(kind);
        if (reads.length === 0) return;
        const fresh = await readTenantState(graph, teams, reads);
        const next = { ...this.current } as Record<keyof TenantSnapshot, unknown>;
        for (const read of reads) next[read.field] = fresh[read.field];
        this.current = next as unknown as TenantSnapshot;
    }

    /** Whether the tenant, as last read, has the object. */
    has(resource: Resource): boolean {
        return observedRecord(resource, {
            snapshot: this.current, index: new SnapshotIndex(this.current), groupId: key => this.groupIds.get(key.toLowerCase())
        }) !== undefined;
    }

    /** The kind's own comparison against the tenant as last read; findings (warnings) go to `finding`. */
    compare(resource: Resource, finding: (message: string) => void): Verdict {
        const ctx: DiffContext = {
            snapshot: this.current, index: new SnapshotIndex(this.current), groupIds: new Map(this.groupIds),
            createdHere: () => false, finding: (_code, message) => finding(message)
        };
        return (handlerOf(resource) as { diff(r: Resource, ctx: DiffContext): Verdict }).diff(resource, ctx);
    }
}
