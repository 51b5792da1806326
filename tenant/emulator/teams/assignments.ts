/** Policy assignment: Grant-* to a user, a group (with rank) or the tenant; Get-CsGroupPolicyAssignment; Get-CsUserPolicyAssignment [GRANT-SCRP, OVRP-GRANT, ECRP-GRANT, ECP-GRANT, GPA-NEW, GPA-GET]. */
import { POLICY_TYPES, policiesOfType, type PolicyType } from '../model.js';
import { stripTag, type Tenant } from '../tenant.js';
import { requireUser, teamsError, type CmdletHandler } from './cmdlet.js';
import { optionalInt, optionalString, requiredString, type Params } from './params.js';

/** At most 64 groups per policy type [GPA-NEW]. */
export const MAX_GROUPS_PER_POLICY_TYPE = 64;

function grant(policyType: PolicyType): CmdletHandler {
    return (tenant, params) => {
        const name = optionalString(params, 'PolicyName');
        const policyName = name === null ? null : stripTag(name);
        if (policyName !== null && !tenant.policyExistsForWrite(policyType, policyName)) {
            // rule: unknown-identity
            throw teamsError(`Cannot find policy '${policyName}' of type ${policyType}.`, 'NotFound', 404);
        }
        if (params.Global === true) return grantToTenant(tenant, policyType, policyName);
        const group = optionalString(params, 'Group');
        if (group !== null) return grantToGroup(tenant, policyType, policyName, group, optionalInt(params, 'Rank'));
        return grantToUser(tenant, policyType, policyName, params);
    };
}

function grantToTenant(tenant: Tenant, policyType: PolicyType, policyName: string | null): null {
    if (policyName === null || policyName.toLowerCase() === 'global') delete tenant.state.tenantPolicyAssignments[policyType];
    else tenant.state.tenantPolicyAssignments[policyType] = canonicalName(tenant, policyType, policyName);
    return null;
}

function grantToUser(tenant: Tenant, policyType: PolicyType, policyName: string | null, params: Params): null {
    const identity = optionalString(params, 'Identity');
    // rule: mandatory-parameter
    if (identity === null) throw teamsError(`Cannot validate argument on parameter 'Identity'. The argument is null or empty.`);
    const user = requireUser(tenant, identity);
    const list = tenant.state.userPolicyAssignments;
    const existing = list.findIndex(a => a.userId === user.id && a.policyType === policyType);
    if (existing >= 0) list.splice(existing, 1);
    if (policyName !== null) list.push({ userId: user.id, policyType, policyName: canonicalName(tenant, policyType, policyName) });
    return null;
}

/**
 * Ranks are positions: inserting at rank N moves the groups at N and below down one, and
 * ranks are renumbered 1, 2, 3…, so no two groups share a rank; omitted rank = lowest; any
 * number is accepted, one below 1 taken as the first position [GPA-NEW].
 */
function grantToGroup(tenant: Tenant, policyType: PolicyType, policyName: string | null, groupIdentity: string, rank: number | null): null {
    const group = tenant.findGroup(groupIdentity);
    // rule: unknown-identity
    if (!group) throw teamsError(`The group '${groupIdentity}' was not found. Use the group's object id or email address.`, 'NotFound', 404);
    const ofType = tenant.state.groupPolicyAssignments.filter(a => a.policyType === policyType).sort((a, b) => a.rank - b.rank);
    const others = ofType.filter(a => a.groupId !== group.id);
    if (policyName !== null) {
        if (others.length >= MAX_GROUPS_PER_POLICY_TYPE) {
            // rule: group-assignment-64 [GPA-NEW]
            throw teamsError(`A policy type can be assigned to at most ${MAX_GROUPS_PER_POLICY_TYPE} groups; ${policyType} already has ${others.length}.`);
        }
        // "Rank can be specified as any number" [GPA-NEW]: a position before the first counts as first.
        const position = Math.max(1, Math.min(rank ?? others.length + 1, others.length + 1));
        others.splice(position - 1, 0, {
            groupId: group.id, policyType, policyName: canonicalName(tenant, policyType, policyName), rank: position,
            createdTime: new Date().toISOString(), createdBy: 'emulator@' + tenant.state.tenantDomain
        });
    }
    others.forEach((a, i) => { a.rank = i + 1; });
    tenant.state.groupPolicyAssignments = [...tenant.state.groupPolicyAssignments.filter(a => a.policyType !== policyType), ...others];
    return null;
}

function canonicalName(tenant: Tenant, policyType: PolicyType, name: string): string {
    return policiesOfType(tenant.state, policyType).find(p => p.identity.toLowerCase() === name.toLowerCase())?.identity ?? name;
}

function policyTypeParam(params: Params): PolicyType | null {
    const value = optionalString(params, 'PolicyType');
    if (value === null) return null;
    return POLICY_TYPES.find(t => t.toLowerCase() === value.toLowerCase()) ?? (value as PolicyType);
}

export const assignmentCmdlets: Record<string, CmdletHandler> = {
    'Grant-CsOnlineVoiceRoutingPolicy': grant('OnlineVoiceRoutingPolicy'),
    'Grant-CsTeamsEmergencyCallRoutingPolicy': grant('TeamsEmergencyCallRoutingPolicy'),
    'Grant-CsTeamsEmergencyCallingPolicy': grant('TeamsEmergencyCallingPolicy'),
    'Grant-CsTeamsSharedCallingRoutingPolicy': grant('TeamsSharedCallingRoutingPolicy'),

    'Get-CsGroupPolicyAssignment': (tenant, params) => {
        const groupId = optionalString(params, 'GroupId');
        const group = groupId === null ? null : tenant.findGroup(groupId);
        // rule: unknown-identity
        if (groupId !== null && !group) throw teamsError(`The group '${groupId}' was not found.`, 'NotFound', 404);
        const type = policyTypeParam(params);
        return tenant.state.groupPolicyAssignments
            .filter(a => (group === null || a.groupId === group!.id) && (type === null || a.policyType === type))
            .sort((a, b) => a.policyType.localeCompare(b.policyType) || a.rank - b.rank)
            .map(a => ({ GroupId: a.groupId, PolicyType: a.policyType, PolicyName: a.policyName, Rank: a.rank, CreatedTime: a.createdTime, CreatedBy: a.createdBy }));
    },

    // One assignment per group and type, so no policy name; the ranks below move up (office-docs-powershell Remove-CsGroupPolicyAssignment.md).
    'Remove-CsGroupPolicyAssignment': (tenant, params) => {
        const groupId = requiredString(params, 'GroupId');
        const group = tenant.findGroup(groupId);
        // rule: unknown-identity
        if (!group) throw teamsError(`The group '${groupId}' was not found.`, 'NotFound', 404);
        const type = policyTypeParam(params);
        // rule: policy-type-modelled [GPA-REM, GPA-GET]
        if (type === null || !POLICY_TYPES.includes(type)) throw teamsError(`PolicyType '${optionalString(params, 'PolicyType') ?? ''}' is not a policy type the emulator assigns (${POLICY_TYPES.join(', ')}).`);
        const ofType = tenant.state.groupPolicyAssignments.filter(a => a.policyType === type).sort((a, b) => a.rank - b.rank);
        // rule: unknown-identity
        if (!ofType.some(a => a.groupId === group.id)) throw teamsError(`The group '${groupId}' has no ${type} assignment.`, 'NotFound', 404);
        const rest = ofType.filter(a => a.groupId !== group.id);
        rest.forEach((a, i) => { a.rank = i + 1; });
        tenant.state.groupPolicyAssignments = [...tenant.state.groupPolicyAssignments.filter(a => a.policyType !== type), ...rest];
        return null;
    },

    'Get-CsUserPolicyAssignment': (tenant, params) => {
        const user = requireUser(tenant, optionalString(params, 'Identity') ?? '');
        const type = policyTypeParam(params);
        // Every source, in precedence order: the direct assignment, then the user's groups by rank;
        // the first one is in effect (Microsoft's examples 2 and 3) [UPA-GET].
        return POLICY_TYPES.filter(t => type === null || t === type).flatMap(policyType => {
            const effective = tenant.effectivePolicy(user, policyType);
            if (!effective || effective.assignmentType === 'global') return [];
            const direct = tenant.state.userPolicyAssignments.filter(a => a.userId === user.id && a.policyType === policyType)
                .map(a => ({ AssignmentType: 'Direct', PolicyName: a.policyName, Reference: null }));
            const groups = tenant.state.groupPolicyAssignments
                .filter(a => a.policyType === policyType && tenant.state.groups.find(g => g.id === a.groupId)?.memberIds.includes(user.id))
                .sort((a, b) => a.rank - b.rank)
                .map(a => ({ AssignmentType: 'Group', PolicyName: a.policyName, Reference: a.groupId }));
            const sources = [...direct, ...groups];
            return [{
                PolicyType: policyType, PolicyName: effective.policyName,
                PolicySource: sources.length > 0 ? sources : [{ AssignmentType: 'Tenant', PolicyName: effective.policyName, Reference: null }]
            }];
        });
    }
};
