/**
 * Direct members of many groups, in bulk: the first pages of all groups through `$batch`
 * (20 requests each [G-BATCH]), then every next page of all groups again through `$batch`,
 * until no group has one. The count of calls grows with groups and pages, never with
 * members. A group whose read fails keeps the error (a 404 for a group deleted meanwhile, a
 * 403 without GroupMember.Read.All). Used by the plan's snapshot and the readiness report.
 */
import { relativeGraphLink, type BatchRequest, type GraphApi } from './graph-api.js';

export interface GroupMemberRows {
    groupId: string;
    /** The member objects as Graph answered them. */
    value: unknown[];
    /** Why the members could not be read (the Graph status and message). */
    error?: string;
}

export async function readGroupMemberRows(
    graph: GraphApi, groupIds: readonly string[], path: (groupId: string) => string, onPage: (count: number) => void = () => {}
): Promise<GroupMemberRows[]> {
    const byId = new Map(groupIds.map(id => [id, { groupId: id, value: [] } as GroupMemberRows]));
    let pending: BatchRequest[] = [...byId.keys()].map(id => ({ id, method: 'GET', url: path(id) }));
    let count = 0;
    while (pending.length > 0) {
        const results = await graph.batch(pending);
        const next: BatchRequest[] = [];
        for (const request of pending) {
            const entry = byId.get(request.id)!;
            const result = results.get(request.id);
            const body = (result?.body ?? {}) as { value?: unknown; '@odata.nextLink'?: unknown; error?: { message?: unknown } };
            if (!result || result.status >= 400) {
                entry.error = `${result?.status ?? 'no answer'} ${typeof body.error?.message === 'string' ? body.error.message : ''}`.trim();
                continue;
            }
            const page = Array.isArray(body.value) ? body.value : [];
            entry.value.push(...page);
            count += page.length;
            if (typeof body['@odata.nextLink'] === 'string') next.push({ id: request.id, method: 'GET', url: relativeGraphLink(body['@odata.nextLink']) });
        }
        onPage(count);
        pending = next;
    }
    return [...byId.values()];
}
