/**
 * An Entra group, looked up and never created: by object id, else by its exact display name.
 * Groups belong to Entra ID, so no group is ever "not managed" here.
 */
import { psString } from '../generator/powershell-quote.js';
import type { Group } from '../generated/ast.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { present, same } from './compare.js';
import type { KindHandler } from './kind-handler.js';
import { str } from './read-rows.js';

export interface GroupResource { kind: 'group'; key: string; displayName?: string; objectId?: string }

export interface ObservedGroup { id: string; displayName: string }

export function groupFor(declaration: Group): GroupResource {
    return { kind: 'group', key: declaration.name, displayName: declaration.displayName, objectId: declaration.objectId };
}

/** Resolves a declared group to the tenant's groups: by object id, else by exact display name. */
export function findGroup(snapshot: TenantSnapshot, group: { displayName?: string; objectId?: string }): ObservedGroup[] {
    if (group.objectId) return snapshot.groups.filter(g => same(g.id, group.objectId));
    return snapshot.groups.filter(g => same(g.displayName, group.displayName));
}

const labelOf = (r: GroupResource): string => r.objectId ?? `"${r.displayName}"`;

export const group: KindHandler<'group'> = {
    kind: 'group',
    label: 'Entra group (looked up)',
    step: 'step5',
    dependsOn: [],
    describe: r => `look up Entra group ${r.objectId ? `\`${r.objectId}\`` : `"${r.displayName}"`} (Graph, read only)`,
    observed: (r, { snapshot }) => present(findGroup(snapshot, r)),
    // Only an unambiguous match: two groups of one name resolve to none (diff reports it).
    groupId(r, snapshot) {
        const matches = findGroup(snapshot, r);
        return matches.length === 1 ? matches[0]!.id : undefined;
    },
    reads: [{
        field: 'groups', from: { surface: 'graph', paged: true, path: '/groups?$select=id,displayName&$top=999' },
        rows: rows => rows.map(g => ({ id: str(g.id) ?? '', displayName: str(g.displayName) ?? '' }))
    }],
    commands: [],
    diff(r, { snapshot, groupIds, finding }) {
        const matches = findGroup(snapshot, r);
        if (matches.length === 0) {
            finding('group-not-found', `Group ${labelOf(r)} does not exist in the tenant; create it in Entra ID (the tool never creates groups) or fix the name.`);
        } else if (matches.length > 1) {
            finding('group-ambiguous', `${matches.length} groups are named ${labelOf(r)}; name the group by its object id instead.`);
        } else {
            groupIds.set(r.key, matches[0]!.id);
        }
        return { action: 'unchanged', note: matches.length === 1 ? `exists (${matches[0]!.id})` : undefined };
    },
    notManaged: () => [],
    create: () => [],
    update: () => [],
    script(r) {
        const lookup = r.objectId !== undefined ? `-ObjectId ${psString(r.objectId)}` : `-DisplayName ${psString(r.displayName ?? '')}`;
        return [
            `$group = Find-VoiceGroup ${lookup}`,
            `$GroupIds[${psString(r.key)}] = $group.id`,
            `Add-VoiceResult Unchanged ${psString(this.label)} $group.displayName`
        ];
    }
};
