/**
 * Reads the tenant's current state for a plan with bulk list calls: each kind's reads
 * (language/kinds/, `reads`) as one PowerShell round trip of Get-* cmdlets plus a handful
 * of Graph collections, then the members of the newly granted groups through `$batch`. The number
 * of calls grows with object types, groups and paging, never with the other objects in the
 * file. How rows map to the snapshot is the kinds' business.
 */
import type { AnySnapshotRead, ReadSource } from '../language/kinds/kind-handler.js';
import { namedCallQueues } from '../language/kinds/application-association.js';
import { newlyGrantedGroupIds } from '../language/kinds/group-grant.js';
import { SNAPSHOT_READS } from '../language/kinds/index.js';
import type { StatementPlan } from '../language/plan/desired-setup.js';
import type { Row } from '../language/kinds/read-rows.js';
import { emptySnapshot, type TenantSnapshot } from '../language/plan/snapshot.js';
import type { GraphApi } from './graph/graph-api.js';
import { readGroupMemberRows } from './graph/group-members.js';
import type { CmdletCall } from './teams/powershell-session.js';
import type { CmdletRunner } from './teams/session-pool.js';
import { TenantError } from './errors.js';

type TeamsSource = Extract<ReadSource, { surface: 'teams' }>;
type GraphSource = Extract<ReadSource, { surface: 'graph' }>;

export interface ReadOptions {
    /**
     * The groups whose direct members to read (the `graph-group-members` reads), picked from
     * the snapshot read so far; without it those collections stay empty.
     */
    membersOf?: (snapshot: TenantSnapshot) => string[];
    /** The names to read a `teams-by-name` collection by (the call queues a setup names); without it those collections stay empty. */
    namesOf?: (field: keyof TenantSnapshot) => string[];
}

export async function readTenantState(
    graph: GraphApi, teams: CmdletRunner, reads: readonly AnySnapshotRead[] = SNAPSHOT_READS, options: ReadOptions = {}
): Promise<TenantSnapshot> {
    const teamsSources = reads.flatMap(r => (r.from.surface === 'teams' ? [r.from] : []));
    const [teamsRows, graphRows] = await Promise.all([
        readTeams(teams, teamsSources),
        Promise.all(reads.flatMap(r => (r.from.surface === 'graph' ? [readGraph(graph, r.from)] : [])))
    ]);
    const snapshot = emptySnapshot();
    const fill = (read: AnySnapshotRead, rows: unknown[]) => {
        // Each read fills its own collection; the union of reads is typed per field in the kind modules.
        (snapshot as Record<keyof TenantSnapshot, unknown>)[read.field] = read.rows(rows.filter(isRow));
    };
    let t = 0;
    let g = 0;
    for (const read of reads) {
        if (read.from.surface === 'teams') fill(read, teamsRows[t++]!);
        else if (read.from.surface === 'graph') fill(read, graphRows[g++]!);
    }
    // One read per name (Get-CsCallQueue -NameFilter [CQ-GET]); the filter matches parts of names, the kind picks the exact one.
    for (const read of reads) {
        const from = read.from;
        if (from.surface !== 'teams-by-name') continue;
        const names = [...new Set(options.namesOf?.(read.field) ?? [])];
        const calls = names.map(name => ({ command: from.command, parameters: { ...from.parameters, [from.nameParameter]: name } }));
        fill(read, calls.length > 0 ? await readEach(teams, calls) : []);
    }
    // Members come last: which groups to read follows from the groups read above.
    for (const read of reads) {
        const from = read.from;
        if (from.surface !== 'graph-group-members') continue;
        const ids = options.membersOf?.(snapshot) ?? [];
        fill(read, ids.length > 0 ? await readGroupMemberRows(graph, ids, from.path) as unknown[] : []);
    }
    return snapshot;
}

/** The snapshot a plan compares with: every collection, and the members of the groups the files newly grant to. */
export function readPlanState(graph: GraphApi, teams: CmdletRunner, plans: readonly StatementPlan[]): Promise<TenantSnapshot> {
    return readTenantState(graph, teams, SNAPSHOT_READS, {
        membersOf: snapshot => newlyGrantedGroupIds(plans, snapshot),
        namesOf: field => (field === 'callQueues' ? namedCallQueues(plans) : [])
    });
}

async function readEach(teams: CmdletRunner, calls: CmdletCall[]): Promise<unknown[]> {
    const results = await teams.run(calls);
    return results.flatMap((result, i) => {
        if (!result.ok) throw new TenantError(`Reading the tenant failed at ${calls[i]!.command}: ${result.error}`);
        return result.value;
    });
}

async function readGraph(graph: GraphApi, source: GraphSource): Promise<unknown[]> {
    if (source.paged) return graph.list<unknown>(source.path);
    const answer = await graph.get<{ value?: unknown }>(source.path);
    return Array.isArray(answer?.value) ? answer.value : [];
}

/** All Teams reads in one batch; a paged read then continues page by page while pages come back full. */
async function readTeams(teams: CmdletRunner, sources: TeamsSource[]): Promise<unknown[][]> {
    const first = (s: TeamsSource): CmdletCall => {
        const parameters = { ...s.parameters, ...(s.pageSize ? { [s.pageBy ?? 'Top']: s.pageSize, Skip: 0 } : {}) };
        return Object.keys(parameters).length > 0 ? { command: s.command, parameters } : { command: s.command };
    };
    const calls = sources.map(first);
    const results = await teams.run(calls);
    const failed = results.findIndex(r => !r.ok);
    if (failed >= 0) {
        const result = results[failed] as { error: string };
        throw new TenantError(`Reading the tenant failed at ${calls[failed]!.command}: ${result.error}`);
    }
    return Promise.all(sources.map(async (source, i) => {
        const rows = [...(results[i] as { value: unknown[] }).value];
        const size = source.pageSize;
        for (let skip = size ?? 0; size && rows.length === skip; skip += size) {
            rows.push(...await teams.invoke({ command: source.command, parameters: { ...source.parameters, [source.pageBy ?? 'Top']: size, Skip: skip } }));
        }
        return rows;
    }));
}

/** Rows are objects; anything else (a stray string in a cmdlet's output) is not a tenant object. */
function isRow(value: unknown): value is Row {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
