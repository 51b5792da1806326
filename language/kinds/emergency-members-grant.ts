/**
 * Per member of a covered group: Enterprise Voice on (Shared Calling users need it, without
 * a number [SC-SETUP]) and the emergency call routing policy, granted per user: group
 * assignment of this policy type is disputed [CONFLICT, teams-facts Corrections 8].
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Group } from '../generated/ast.js';
import { names } from '../plan/names.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { present, same } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { list, str, stripTag, type Row } from './read-rows.js';

/**
 * Per member of a granted group: Enterprise Voice on (Shared Calling users need it, without a
 * number [SC-SETUP]) and the emergency call routing policy, granted per user.
 */
export interface EmergencyMembersGrantResource {
    kind: 'emergency-members-grant'; key: string; group: string; policy: string;
}

/** One user's effective policies, from Graph's /admin/teams/userConfigurations. */
export interface ObservedUserPolicies {
    userId: string;
    /** How the plan names a member who lacks coverage. */
    userPrincipalName?: string;
    /** Enterprise Voice, which Shared Calling users need on [SC-SETUP]. */
    enterpriseVoiceEnabled?: boolean;
    /** The user's own numbers [G-UCONF]; undefined when the answer carried none to read. */
    telephoneNumbers?: string[];
    policies: Record<string, { name: string; assignmentType: 'direct' | 'group'; groupId?: string }>;
}

/** `identity` is the `emergency` statement's, when it adopts a policy made outside the tool. */
export function emergencyMembersGrantFor(group: Group, identity?: string): EmergencyMembersGrantResource {
    return { kind: 'emergency-members-grant', key: group.name, group: group.name, policy: names.emergencyRoutingPolicy(group, identity) };
}

/** Effective policies by policy type; an entry without a policy type is skipped [G-UCONF]. */
function userPolicies(configuration: Row): ObservedUserPolicies {
    const policies: ObservedUserPolicies['policies'] = {};
    for (const entry of list(configuration.effectivePolicyAssignments) as (Row | null)[]) {
        const type = str(entry?.policyType);
        if (!type) continue;
        const assignment = (entry?.policyAssignment ?? {}) as Row;
        policies[type] = {
            name: stripTag(str(assignment.displayName) ?? ''),
            assignmentType: assignment.assignmentType === 'group' ? 'group' : 'direct',
            groupId: str(assignment.groupId)
        };
    }
    // Each entry an object with telephoneNumber [G-UCONF]; a plain string is read too, anything else skipped.
    const telephoneNumbers = Array.isArray(configuration.telephoneNumbers)
        ? list(configuration.telephoneNumbers).flatMap(n => {
            const number = typeof n === 'string' ? n : str((n as Row | null)?.telephoneNumber);
            return number ? [number] : [];
        })
        : undefined;
    return {
        userId: str(configuration.id) ?? '', userPrincipalName: str(configuration.userPrincipalName),
        enterpriseVoiceEnabled: configuration.isEnterpriseVoiceEnabled === true, ...(telephoneNumbers ? { telephoneNumbers } : {}), policies
    };
}

const member = { $ref: 'member-id' } as const;

const enterpriseVoice = (): TeamsCall => ({
    surface: 'teams', command: 'Set-CsPhoneNumberAssignment', parameters: { Identity: member, EnterpriseVoiceEnabled: true }
});

const grant = (r: EmergencyMembersGrantResource): TeamsCall => ({
    surface: 'teams', command: 'Grant-CsTeamsEmergencyCallRoutingPolicy', parameters: { Identity: member, PolicyName: r.policy }
});

const EMERGENCY_POLICY = 'TeamsEmergencyCallRoutingPolicy';

/** Users who receive the Shared Calling policy through the group (Graph userConfigurations). */
const membersThrough = (snapshot: TenantSnapshot, groupId: string): ObservedUserPolicies[] =>
    snapshot.userPolicies.filter(u => same(u.policies.TeamsSharedCallingRoutingPolicy?.groupId, groupId));

/** Members a plan names one by one; the note counts them all. */
const MEMBERS_SHOWN = 20;

/** A member's coverage in words; the Global instance is the tenant's default, which no setup grants. */
const coverageOf = (policy: string | undefined, enterpriseVoice: boolean | undefined): string =>
    `${!policy || policy.toLowerCase() === 'global' ? 'the tenant default (Global)' : policy}, Enterprise Voice ${enterpriseVoice ? 'on' : 'off'}`;

export const emergencyMembersGrant: KindHandler<'emergency-members-grant'> = {
    kind: 'emergency-members-grant',
    label: 'emergency call routing policy grant',
    step: 'step6',
    dependsOn: ['group', 'group-grant', 'emergency-call-routing-policy'],
    describe: r => `grant \`${r.policy}\` to the members of \`${r.group}\` (Grant-CsTeamsEmergencyCallRoutingPolicy)`,
    // The members who get the shared calling policy through the group, and what they have now.
    observed(r, { snapshot, groupId }) {
        const id = groupId(r.group);
        if (!id) return undefined;
        return present(membersThrough(snapshot, id)
            .map(u => ({ userId: u.userId.toLowerCase(), enterpriseVoiceEnabled: u.enterpriseVoiceEnabled, policy: u.policies[EMERGENCY_POLICY] }))
            .sort((a, b) => (a.userId < b.userId ? -1 : 1)));
    },
    // Every user's effective policies: this kind's members, and the resource accounts' own routing policy.
    reads: [{
        field: 'userPolicies', from: {
            surface: 'graph', paged: true,
            path: '/admin/teams/userConfigurations?$select=id,userPrincipalName,isEnterpriseVoiceEnabled,telephoneNumbers,effectivePolicyAssignments&$top=999'
        },
        rows: rows => rows.map(userPolicies)
    }],
    commands: ['Set-CsPhoneNumberAssignment', 'Grant-CsTeamsEmergencyCallRoutingPolicy'],
    diff(r, { snapshot, groupIds, createdHere }) {
        const groupId = groupIds.get(r.group);
        if (!groupId || createdHere('group-grant', `TeamsSharedCallingRoutingPolicy|${r.group}`)) {
            return { action: 'create', note: 'Enterprise Voice and emergency routing for every member' };
        }
        // Members who already receive the shared calling policy through this group (Graph userConfigurations).
        const members = membersThrough(snapshot, groupId);
        const missing = members.filter(u => !same(u.policies[EMERGENCY_POLICY]?.name, r.policy) || !u.enterpriseVoiceEnabled);
        if (missing.length === 0) return { action: 'unchanged', note: `${members.length} member(s)` };
        // Each member who lacks coverage, by name (a member added to the group after the last apply shows here).
        const changes = missing.slice(0, MEMBERS_SHOWN).map(u => ({
            field: `member ${u.userPrincipalName ?? u.userId}`, from: coverageOf(u.policies[EMERGENCY_POLICY]?.name, u.enterpriseVoiceEnabled), to: coverageOf(r.policy, true)
        }));
        const more = missing.length > MEMBERS_SHOWN ? `; the first ${MEMBERS_SHOWN} shown` : '';
        return { action: members.length === missing.length ? 'create' : 'update', changes, note: `to ${missing.length} of ${members.length} member(s)${more}` };
    },
    // Emergency routing policies granted directly to users that no covered group of the files grants.
    notManaged(declared, { snapshot }) {
        const policies = new Set(declared.map(r => r.policy.toLowerCase()));
        const counts = new Map<string, number>();
        for (const user of snapshot.userPolicies) {
            const policy = user.policies[EMERGENCY_POLICY];
            // The Global instance is the tenant's default, not a grant anyone made.
            if (policy?.assignmentType === 'direct' && policy.name.toLowerCase() !== 'global' && !policies.has(policy.name.toLowerCase())) counts.set(policy.name, (counts.get(policy.name) ?? 0) + 1);
        }
        return [...counts].map(([policy, n]) => `${policy} (granted to ${n} user(s))`);
    },
    create: r => [enterpriseVoice(), grant(r)],
    update: r => [enterpriseVoice(), grant(r)],
    members: {
        group: r => r.group,
        calls(r, user) {
            return [
                ...(user?.enterpriseVoiceEnabled ? [] : [enterpriseVoice()]),
                ...(same(user?.policies[EMERGENCY_POLICY]?.name, r.policy) ? [] : [grant(r)])
            ];
        }
    },
    script(r) {
        const policy = psString(r.policy);
        return [
            '# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].',
            `$groupId = $GroupIds[${psString(r.group)}]`,
            'foreach ($member in @(Get-VoiceGroupUsers -GroupId $groupId)) {',
            [
                '$user = Get-VoiceOnlineUser -Identity $member.id',
                '# Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].',
                'if ($null -ne $user -and $user.EnterpriseVoiceEnabled -ne $true) {',
                guarded('$member.userPrincipalName', 'Enable Enterprise Voice', [psCall(enterpriseVoice())], 'Changed', 'Enterprise Voice'),
                '}',
                `if ($null -ne $user -and (Test-VoiceIdentity $user.${EMERGENCY_POLICY} ${policy})) {`,
                [`Add-VoiceResult Unchanged ${psString(this.label)} $member.userPrincipalName`],
                '} else {',
                guarded('$member.userPrincipalName', 'Grant emergency call routing policy', [psCall(grant(r))], 'Changed', this.label),
                '}'
            ],
            '}'
        ];
    }
};
