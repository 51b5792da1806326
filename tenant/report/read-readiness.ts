/**
 * Reads what the emergency readiness report needs, in bulk: the plan's snapshot collections
 * (through the kinds' reads, the emergency calling policies among them), one PowerShell round
 * trip for the dynamic emergency objects, whole-tenant Graph pages of licences and user configurations,
 * and the covered groups' members through `$batch` (20 groups a request, next pages batched
 * too) [G-BATCH]. The count of calls grows with groups and pages, never with members.
 */
import { SNAPSHOT_READS } from '../../language/kinds/index.js';
import type { AnySnapshotRead } from '../../language/kinds/kind-handler.js';
import type { Row } from '../../language/kinds/read-rows.js';
import type { GroupMembers, ReadinessTenant } from '../../language/report/readiness-data.js';
import { tenantGroupIds, type ReadinessSetup } from '../../language/report/readiness-setup.js';
import type { ObservedGroup } from '../../language/plan/snapshot.js';
import type { GraphApi } from '../graph/graph-api.js';
import { readGroupMemberRows } from '../graph/group-members.js';
import { readTenantState } from '../read-state.js';
import type { CmdletRunner } from '../teams/session-pool.js';
import { TenantError } from '../errors.js';
import {
    configurationsFrom, licencesFrom, locationsFrom, membersFrom, networkFrom, READINESS_GRAPH,
    READINESS_TEAMS_READS, skusFrom, type ReadinessTeamsRead
} from './readiness-reads.js';

/** What the report has read so far, for a progress display. */
export interface ReadProgress {
    what: 'group members' | 'user configurations' | 'users';
    count: number;
}

/** Snapshot collections the report uses; the others (gateways, routes, …) are plan's business. */
const SNAPSHOT_FIELDS = new Set(['groupAssignments', 'numbers', 'civicAddresses', 'sharedCallingPolicies', 'voiceRoutingPolicies', 'emergencyRoutingPolicies', 'emergencyCallingPolicies', 'applicationInstances']);

export async function readReadiness(graph: GraphApi, teams: CmdletRunner, setup: ReadinessSetup, onProgress: (p: ReadProgress) => void = () => {}): Promise<ReadinessTenant> {
    const groupsRead = SNAPSHOT_READS.find((r): r is Extract<AnySnapshotRead, { field: 'groups' }> => r.field === 'groups')!;
    const groupsPromise = readGraphRows(graph, groupsRead.from).then(rows => groupsRead.rows(rows));
    const [groups, snapshot, teamsRows, skus, licences, configurations] = await Promise.all([
        groupsPromise,
        readTenantState(graph, teams, SNAPSHOT_READS.filter(r => SNAPSHOT_FIELDS.has(r.field))),
        readTeams(teams),
        graph.get<{ value?: unknown[] }>(READINESS_GRAPH.skus).then(a => skusFrom(a?.value ?? [])),
        graph.list<unknown>(READINESS_GRAPH.licences, count => onProgress({ what: 'users', count })).then(licencesFrom),
        graph.list<unknown>(READINESS_GRAPH.configurations, count => onProgress({ what: 'user configurations', count })).then(configurationsFrom)
    ]);
    const members = await readMembers(graph, tenantGroupIds(setup, groups), onProgress);
    return {
        snapshot: { ...snapshot, groups }, members, licences, skus, configurations,
        // Read by the emergency calling policy kind [ECP-GET]; the report shows the addresses as Teams keeps them.
        emergencyCallingPolicies: snapshot.emergencyCallingPolicies.map(p => ({
            identity: p.identity, notificationGroup: p.notificationGroup.length > 0 ? p.notificationGroup.join(';') : undefined,
            notificationMode: p.notificationMode, externalLocationLookupMode: p.externalLocationLookupMode
        })),
        locations: locationsFrom(teamsRows['Get-CsOnlineLisLocation']),
        network: networkFrom(teamsRows)
    };
}

async function readGraphRows(graph: GraphApi, source: AnySnapshotRead['from']): Promise<Row[]> {
    if (source.surface !== 'graph') throw new Error('the groups read is a Graph read');
    const rows = source.paged ? await graph.list<unknown>(source.path) : (await graph.get<{ value?: unknown[] }>(source.path))?.value ?? [];
    return rows.filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r));
}

/** Every Teams read of the report in one round trip of the session. */
async function readTeams(teams: CmdletRunner): Promise<Record<ReadinessTeamsRead, unknown[]>> {
    const results = await teams.run(READINESS_TEAMS_READS.map(command => ({ command })));
    const out = {} as Record<ReadinessTeamsRead, unknown[]>;
    READINESS_TEAMS_READS.forEach((command, i) => {
        const result = results[i]!;
        if (!result.ok) throw new TenantError(`Reading the tenant failed at ${command}: ${result.error}`);
        out[command] = result.value;
    });
    return out;
}

/** Members of each covered group, in bulk (tenant/graph/group-members.ts). */
async function readMembers(graph: GraphApi, groups: ObservedGroup[], onProgress: (p: ReadProgress) => void): Promise<GroupMembers[]> {
    const read = await readGroupMemberRows(graph, groups.map(g => g.id), READINESS_GRAPH.members, count => onProgress({ what: 'group members', count }));
    return read.map(({ value, ...entry }) => ({ ...entry, members: membersFrom(value) }));
}
