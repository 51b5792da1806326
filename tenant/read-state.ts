/**
 * Reads the tenant's current state for a plan with bulk list calls: each kind's reads
 * (language/kinds/, `reads`) as one PowerShell round trip of Get-* cmdlets plus a handful
 * of Graph collections. The number of calls grows with object types (and paging), never
 * with the number of objects in the file. How rows map to the snapshot is the kinds' business.
 */
import type { AnySnapshotRead, ReadSource } from '../language/kinds/kind-handler.js';
import { SNAPSHOT_READS } from '../language/kinds/index.js';
import type { Row } from '../language/kinds/read-rows.js';
import { emptySnapshot, type TenantSnapshot } from '../language/plan/snapshot.js';
import type { GraphApi } from './graph/graph-api.js';
import type { CmdletCall } from './teams/powershell-session.js';
import type { CmdletRunner } from './teams/session-pool.js';
import { TenantError } from './errors.js';

type TeamsSource = Extract<ReadSource, { surface: 'teams' }>;
type GraphSource = Extract<ReadSource, { surface: 'graph' }>;

export async function readTenantState(graph: GraphApi, teams: CmdletRunner, reads: readonly AnySnapshotRead[] = SNAPSHOT_READS): Promise<TenantSnapshot> {
    const teamsSources = reads.flatMap(r => (r.from.surface === 'teams' ? [r.from] : []));
    const [teamsRows, graphRows] = await Promise.all([
        readTeams(teams, teamsSources),
        Promise.all(reads.flatMap(r => (r.from.surface === 'graph' ? [readGraph(graph, r.from)] : [])))
    ]);
    const snapshot = emptySnapshot();
    let t = 0;
    let g = 0;
    for (const read of reads) {
        const rows = read.from.surface === 'teams' ? teamsRows[t++]! : graphRows[g++]!;
        // Each read fills its own collection; the union of reads is typed per field in the kind modules.
        (snapshot as Record<keyof TenantSnapshot, unknown>)[read.field] = read.rows(rows.filter(isRow));
    }
    return snapshot;
}

async function readGraph(graph: GraphApi, source: GraphSource): Promise<unknown[]> {
    if (source.paged) return graph.list<unknown>(source.path);
    const answer = await graph.get<{ value?: unknown }>(source.path);
    return Array.isArray(answer?.value) ? answer.value : [];
}

/** All Teams reads in one batch; a paged read then continues page by page while pages come back full. */
async function readTeams(teams: CmdletRunner, sources: TeamsSource[]): Promise<unknown[][]> {
    const first = (s: TeamsSource): CmdletCall => {
        const parameters = { ...s.parameters, ...(s.pageSize ? { Top: s.pageSize, Skip: 0 } : {}) };
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
            rows.push(...await teams.invoke({ command: source.command, parameters: { ...source.parameters, Top: size, Skip: skip } }));
        }
        return rows;
    }));
}

/** Rows are objects; anything else (a stray string in a cmdlet's output) is not a tenant object. */
function isRow(value: unknown): value is Row {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
