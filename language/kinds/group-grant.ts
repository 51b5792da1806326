/**
 * A policy granted to an Entra group with a rank: the Shared Calling policy, and the voice
 * routing policy without PSTN usages, for the same group [GRANT-SCRP, GPA-NEW]; and the
 * emergency calling policy of an `emergency … notify` statement, at the group's grant rank
 * [ECP-GRANT]. Group grants reach members added later by themselves [GPA-NEW].
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Grant, Group } from '../generated/ast.js';
import type { TenantFinding } from '../plan/diff.js';
import type { StatementPlan } from '../plan/desired-setup.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { describeTeamsPhone, teamsPhoneOf, type AssignedLicence } from '../plan/teams-phone.js';
import { compare, same, updateIfDiffers } from './compare.js';
import { findGroup, type GroupResource } from './group.js';
import { MAX_GROUPS_PER_POLICY_TYPE } from '../setup-rules.js';
import { memberFindings } from './grant-members.js';
import { grantedAt, placeOf } from './grant-order.js';
import type { CallValue, DiffContext, KindHandler, TeamsCall } from './kind-handler.js';
import { list, num, str, stripTag, type Row } from './read-rows.js';

export interface GroupGrantResource {
    kind: 'group-grant'; key: string;
    policyType: 'TeamsSharedCallingRoutingPolicy' | 'OnlineVoiceRoutingPolicy' | 'TeamsEmergencyCallingPolicy';
    /** `rank` orders the setup's own grants of the type; it is not the tenant's rank (grant-order.ts). */
    policyName: string; group: string; rank: number;
    /** The groups of the setup's grants of this type that come after this one, in order (set by orderGrants). */
    after: string[];
    /** The tenant rank live apply grants at, worked out by the plan from the tenant's assignments (settle). */
    position?: number;
}

export interface ObservedGroupAssignment { groupId: string; policyType: string; policyName: string; rank: number }

/** A direct member of a group [GPA-NEW]; `licences` undefined when the answer carried none to read. */
export interface ObservedMember { id: string; userPrincipalName?: string; type: 'user' | 'group' | 'other'; licences?: AssignedLicence[] }
export interface ObservedGroupMembers { groupId: string; members: ObservedMember[]; error?: string }

/** Graph names each member's type (`@odata.type`) [G-GROUPS]; without one, a member with a UPN is taken for a user. */
function memberOf(m: Row): ObservedMember[] {
    const id = str(m.id);
    if (!id) return [];
    const type = (str(m['@odata.type']) ?? '').toLowerCase();
    const licences = Array.isArray(m.assignedLicenses)
        ? list(m.assignedLicenses).flatMap(l => {
            const row = (typeof l === 'object' && l !== null ? l : {}) as Row;
            const skuId = str(row.skuId);
            return skuId ? [{ skuId, disabledPlans: list(row.disabledPlans).map(String) }] : [];
        })
        : undefined;
    return [{
        id, userPrincipalName: str(m.userPrincipalName), ...(licences ? { licences } : {}),
        type: type === '#microsoft.graph.user' || (!type && str(m.userPrincipalName)) ? 'user' : type === '#microsoft.graph.group' ? 'group' : 'other'
    }];
}

/**
 * The tenant ids of the groups the files grant a Shared Calling policy to that the tenant does
 * not grant it to yet (each resolved to exactly one tenant group): whose members a plan reads,
 * to check their Teams Phone licence before they are granted. Groups granted already are left
 * to the readiness report, so a plan with nothing new to grant reads no members at all.
 */
export function newlyGrantedGroupIds(plans: readonly StatementPlan[], snapshot: TenantSnapshot): string[] {
    const resources = plans.flatMap(p => p.resources);
    const groups = new Map(resources.filter((r): r is GroupResource => r.kind === 'group').map(g => [g.key, g]));
    const granted = (id: string) => snapshot.groupAssignments.some(a => same(a.groupId, id) && a.policyType === 'TeamsSharedCallingRoutingPolicy');
    const ids = resources.flatMap(r => {
        if (r.kind !== 'group-grant' || r.policyType !== 'TeamsSharedCallingRoutingPolicy') return [];
        const declared = groups.get(r.group);
        const found = declared ? findGroup(snapshot, declared) : [];
        return found.length === 1 && !granted(found[0]!.id) ? [found[0]!.id] : [];
    });
    return [...new Set(ids)];
}

/** Members a finding names one by one; it counts them all. */
const MEMBERS_NAMED = 10;

/**
 * Members of a group granted a Shared Calling policy who hold no Teams Phone licence (the
 * MCOEV service plan in any assigned SKU, not switched off there [SKU-REF, SC-SETUP]). A
 * warning: the grant still works, but such a member cannot place a PSTN or emergency call.
 * Members or SKUs whose licences the answer did not carry are not judged.
 */
function membersWithoutTeamsPhone(changes: readonly { resource: unknown; statement: TenantFinding['statement'] }[], ctx: DiffContext): TenantFinding[] {
    if (ctx.snapshot.skus.some(s => s.servicePlanIds === undefined)) return [];
    const skus = ctx.snapshot.skus.map(s => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, servicePlanIds: s.servicePlanIds ?? [] }));
    return changes.flatMap(change => {
        const r = change.resource as GroupGrantResource;
        if (r.policyType !== 'TeamsSharedCallingRoutingPolicy') return [];
        const id = ctx.groupIds.get(r.group);
        const read = id ? ctx.snapshot.groupMembers.find(g => same(g.groupId, id)) : undefined;
        if (!read || read.error) return [];
        const lacking = read.members.flatMap(m => {
            if (m.type !== 'user' || !m.licences) return [];
            const phone = teamsPhoneOf(m.licences, skus);
            return phone.state === 'enabled' ? [] : [`${m.userPrincipalName ?? m.id} (${describeTeamsPhone(phone)})`];
        });
        if (lacking.length === 0) return [];
        const more = lacking.length > MEMBERS_NAMED ? `, and ${lacking.length - MEMBERS_NAMED} more` : '';
        return [{
            code: 'member-without-teams-phone' as const, severity: 'warning' as const, statement: change.statement,
            message: `${lacking.length} of ${read.members.filter(m => m.type === 'user').length} member(s) of group ${r.group} hold no Teams Phone licence: ` +
                `${lacking.slice(0, MEMBERS_NAMED).join('; ')}${more}. Shared Calling users need one (the MCOEV service plan in any SKU) [SC-SETUP, SKU-REF].`
        }];
    });
}

/**
 * The 64-group limit, tenant-wide: per policy type the setup grants, the groups the tenant
 * assigns it to now (whoever granted them) plus the setup's grants the tenant lacks. An
 * error on the first grant past the limit: Teams would refuse it, leaving the setup half done.
 */
function groupLimits(changes: readonly { resource: unknown; action: string; statement: TenantFinding['statement'] }[], ctx: DiffContext): TenantFinding[] {
    const byType = new Map<string, typeof changes[number][]>();
    for (const change of changes) {
        const r = change.resource as GroupGrantResource;
        if (change.action === 'create') byType.set(r.policyType, [...(byType.get(r.policyType) ?? []), change]);
    }
    return [...byType].flatMap(([type, creates]) => {
        const now = ctx.snapshot.groupAssignments.filter(a => a.policyType === type).length;
        const total = now + creates.length;
        if (total <= MAX_GROUPS_PER_POLICY_TYPE) return [];
        const first = creates[Math.max(0, MAX_GROUPS_PER_POLICY_TYPE - now)]!;
        return [{
            code: 'group-limit-exceeded' as const, severity: 'error' as const, statement: first.statement,
            message: `${type} would be assigned to ${total} groups: the tenant assigns it to ${now} now (other teams' grants included) and this setup adds ${creates.length}. ` +
                `Teams allows at most ${MAX_GROUPS_PER_POLICY_TYPE} groups per policy type [GPA-NEW].`
        }];
    });
}

/** A `grant` statement's group assignment of one policy type, at the grant's rank. */
export function groupGrantFor(grant: Grant, policyType: GroupGrantResource['policyType'], policyName: string): GroupGrantResource {
    const group = grant.group.ref?.name ?? grant.group.$refText;
    return { kind: 'group-grant', key: `${policyType}|${group}`, policyType, policyName, group, rank: grant.rank, after: [] };
}

/** An `emergency … notify <policy>` statement's group assignment of the emergency calling policy [ECP-GRANT]. */
export function notificationGrantFor(group: Group, policyName: string, rank: number): GroupGrantResource {
    const policyType = 'TeamsEmergencyCallingPolicy';
    return { kind: 'group-grant', key: `${policyType}|${group.name}`, policyType, policyName, group: group.name, rank, after: [] };
}

/** Tells each group grant which of the setup's grants of its type come after it (by rank, then setup order). */
export function orderGrants(resources: readonly { kind: string }[]): void {
    const grants = resources.filter((r): r is GroupGrantResource => r.kind === 'group-grant');
    for (const type of new Set(grants.map(g => g.policyType))) {
        const ofType = grants.map((g, i) => ({ g, i })).filter(x => x.g.policyType === type).sort((a, b) => a.g.rank - b.g.rank || a.i - b.i).map(x => x.g);
        ofType.forEach((g, i) => { g.after = ofType.slice(i + 1).map(x => x.group); });
    }
}

const GRANT_CMDLETS: Record<GroupGrantResource['policyType'], string> = {
    TeamsSharedCallingRoutingPolicy: 'Grant-CsTeamsSharedCallingRoutingPolicy',
    OnlineVoiceRoutingPolicy: 'Grant-CsOnlineVoiceRoutingPolicy',
    TeamsEmergencyCallingPolicy: 'Grant-CsTeamsEmergencyCallingPolicy'
};

/** How the compiled script names each grant in its results. */
const GRANT_LABELS: Record<GroupGrantResource['policyType'], string> = {
    TeamsSharedCallingRoutingPolicy: 'shared calling policy group grant',
    OnlineVoiceRoutingPolicy: 'voice routing policy group grant (no PSTN usages)',
    TeamsEmergencyCallingPolicy: 'emergency calling policy group grant'
};

const groupId = (r: GroupGrantResource) => ({ $ref: 'group-id' as const, key: r.group });

/** The rank the compiled script works out when it runs (Get-VoiceGrantPlace). */
const RUN_TIME_RANK = { $ref: 'grant-rank' as const };

/** Live apply grants at the rank the plan worked out; the compiled script at the one it works out at run time. */
const grant = (r: GroupGrantResource, rank: CallValue = r.position ?? r.rank): TeamsCall => ({
    surface: 'teams', command: GRANT_CMDLETS[r.policyType], parameters: { Group: groupId(r), PolicyName: r.policyName, Rank: rank }
});

/** A group assignment is changed by removing it and granting again [ASSIGN-POL]. */
const remove = (r: GroupGrantResource): TeamsCall => ({
    surface: 'teams', command: 'Remove-CsGroupPolicyAssignment', parameters: { GroupId: groupId(r), PolicyType: r.policyType }
});

function observed(r: GroupGrantResource, { snapshot, groupIds }: DiffContext) {
    const id = groupIds.get(r.group);
    return id ? snapshot.groupAssignments.find(a => same(a.groupId, id) && a.policyType === r.policyType) : undefined;
}

export const groupGrant: KindHandler<'group-grant'> = {
    kind: 'group-grant',
    label: 'group policy grant',
    step: 'step5',
    dependsOn: ['group', 'shared-calling-policy', 'voice-routing-policy', 'emergency-calling-policy'],
    describe: r => `grant ${r.policyType} \`${r.policyName}\` to group \`${r.group}\` at rank ${r.rank} (New-CsGroupPolicyAssignment)`,
    observed(r, { snapshot, groupId }) {
        const id = groupId(r.group);
        return id ? snapshot.groupAssignments.find(a => same(a.groupId, id) && a.policyType === r.policyType) : undefined;
    },
    // Teams ranks the groups of one policy type by arrival: one after another, per type.
    lane: r => r.policyType,
    reads: [
        {
            field: 'groupAssignments', from: { surface: 'teams', command: 'Get-CsGroupPolicyAssignment' },
            rows: rows => rows.map(a => ({
                groupId: str(a.GroupId) ?? '', policyType: str(a.PolicyType) ?? '', policyName: stripTag(str(a.PolicyName) ?? ''), rank: num(a.Rank) ?? 0
            }))
        },
        {
            // Direct members with their licences, for the Teams Phone check in settle [GPA-NEW, G-GROUPS].
            field: 'groupMembers', from: {
                surface: 'graph-group-members',
                path: id => `/groups/${encodeURIComponent(id)}/members?$select=id,userPrincipalName,assignedLicenses&$top=999`
            },
            rows: rows => rows.flatMap(g => {
                const groupId = str(g.groupId);
                if (!groupId) return [];
                const error = str(g.error);
                return [{ groupId, members: list(g.value).flatMap(m => (typeof m === 'object' && m !== null ? memberOf(m as Row) : [])), ...(error ? { error } : {}) }];
            })
        }
    ],
    commands: [...Object.values(GRANT_CMDLETS), 'Remove-CsGroupPolicyAssignment'],
    diff(r, ctx) {
        const found = observed(r, ctx);
        if (!found) return { action: 'create', note: `rank ${r.rank}` };
        // Ranks are compared by order in settle: Teams renumbers them 1, 2, 3... [GPA-NEW].
        return updateIfDiffers(compare([['policyName', found.policyName, r.policyName, 'ignoreCase']]));
    },
    /**
     * Teams keeps group ranks as positions 1, 2, 3... (renumbered when any group comes or goes
     * [GPA-NEW]), so a grant is in place when it stands above the setup's later grants of its
     * type, whatever the numbers and wherever other teams' grants stand (grant-order.ts). Walks
     * each type's grants in plan order (the order apply grants them in, one lane per type),
     * moving a copy of the tenant's order along, so each create or update knows its rank.
     */
    settle(changes, ctx) {
        const orders = new Map<string, string[]>();
        for (const change of changes) {
            const r = change.resource as GroupGrantResource;
            const id = ctx.groupIds.get(r.group);
            if (!id) continue;
            let order = orders.get(r.policyType);
            if (!order) {
                order = ctx.snapshot.groupAssignments.filter(a => a.policyType === r.policyType).sort((a, b) => a.rank - b.rank).map(a => a.groupId);
                orders.set(r.policyType, order);
            }
            const later = r.after.flatMap(key => ctx.groupIds.get(key) ?? []);
            const place = placeOf(order, id, later);
            if (change.action === 'unchanged' && place.inOrder) continue;
            if (change.action === 'unchanged') change.action = 'update';
            if (!place.inOrder && change.action === 'update') {
                change.changes.push({ field: 'rank', from: order.findIndex(g => same(g, id)) + 1, to: place.rank });
            }
            change.resource = { ...r, position: place.rank };
            orders.set(r.policyType, grantedAt(order, id, place.rank));
        }
        return [...membersWithoutTeamsPhone(changes, ctx), ...memberFindings(changes, ctx), ...groupLimits(changes, ctx)];
    },
    // Group assignments of the policy types the tool grants, for groups no declared grant of that type resolves to.
    notManaged(declared, ctx) {
        const declaredIds = new Set(declared.flatMap(r => {
            const id = ctx.groupIds.get(r.group);
            return id ? [`${r.policyType}|${id.toLowerCase()}`] : [];
        }));
        return ctx.snapshot.groupAssignments
            .filter(a => a.policyType in GRANT_CMDLETS && !declaredIds.has(`${a.policyType}|${a.groupId.toLowerCase()}`))
            .map(a => `${a.policyType}|${ctx.index.group(a.groupId)?.displayName ?? a.groupId} (${a.policyName}, rank ${a.rank})`);
    },
    create: r => [grant(r)],
    update: r => [remove(r), grant(r)],
    script(r) {
        const policy = psString(r.policyName);
        const label = GRANT_LABELS[r.policyType];
        const target = psString(r.group);
        const bound = { 'group-id': '$groupId', 'grant-rank': '$place.Rank' };
        const later = r.after.map(key => `$GroupIds[${psString(key)}]`).join(', ');
        return [
            `$groupId = $GroupIds[${psString(r.group)}]`,
            '# Ranks order the setup\'s own grants; other teams\' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].',
            `$place = Get-VoiceGrantPlace -PolicyType ${r.policyType} -GroupId $groupId -Later @(${later})`,
            'if ($null -eq $place.Current) {',
            guarded(target, `Grant ${r.policyType} to group`, [psCall(grant(r, RUN_TIME_RANK), bound)], 'Created', label),
            `} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName ${policy}) -or -not $place.InOrder) {`,
            guarded(target, `Replace the group's ${r.policyType} assignment`, [
                '# A group assignment is changed by removing and granting again [ASSIGN-POL].',
                psCall(remove(r), bound), psCall(grant(r, RUN_TIME_RANK), bound)
            ], 'Changed', label),
            `} else { Add-VoiceResult Unchanged ${psString(label)} ${target} }`
        ];
    }
};
