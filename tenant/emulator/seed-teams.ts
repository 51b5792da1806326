/**
 * The Teams part of a seed: what other teams configured before a setup arrives (their voice
 * routing, emergency calling and Shared Calling policies, granted to their groups at ranks or
 * to users directly), and numbers already assigned to users. So a test or a living example
 * can start from a tenant where the setup shares policy types and members with others.
 * Shapes as Get-CsGroupPolicyAssignment and the policy cmdlets show them [GPA-GET, OVRP-NEW,
 * ECP-NEW, NEW-SCRP]; a seeded Shared Calling policy's resource account is only a name (the
 * other team's account is not modelled further: a guess, read by nothing but its listing).
 */
import { policiesOfType, emergencyCallingPolicies, POLICY_TYPES, type PolicyType, type TenantState } from './model.js';
import { stableId } from './seed-ids.js';

export interface SeedTeams {
    voiceRoutingPolicies?: { identity: string; onlinePstnUsages?: string[] }[];
    emergencyCallingPolicies?: { identity: string; notificationGroup?: string }[];
    sharedCallingPolicies?: { identity: string; resourceAccount: string }[];
    /** By group display name; a rank orders the assignments of a type as Teams does (1, 2, 3…; left out = last) [GPA-NEW]. */
    groupPolicyAssignments?: { group: string; policyType: string; policyName: string; rank?: number }[];
    /** Direct assignments (rank 0: they beat any group's [GPA-NEW]), by user principal name. */
    userPolicyAssignments?: { user: string; policyType: string; policyName: string }[];
    /** Call queues another team made, by name (`answer <account> with call-queue "<name>"` associates one) [CQ-GET]. */
    callQueues?: { name: string }[];
}

function policyType(value: string, where: string): PolicyType {
    const type = POLICY_TYPES.find(t => t.toLowerCase() === value.toLowerCase());
    if (!type) throw new Error(`${where} has policy type "${value}", not one of ${POLICY_TYPES.join(', ')}`);
    return type;
}

function policyName(state: TenantState, type: PolicyType, name: string, where: string): string {
    const policy = policiesOfType(state, type).find(p => p.identity.toLowerCase() === name.toLowerCase());
    if (!policy) throw new Error(`${where} names ${type} "${name}", which the seed does not declare`);
    return policy.identity;
}

export function seedTeams(state: TenantState, teams: SeedTeams, now: string): void {
    for (const q of teams.callQueues ?? []) (state.callQueues ??= []).push({ identity: stableId('callqueue', q.name), name: q.name });
    for (const p of teams.voiceRoutingPolicies ?? []) {
        const usages = p.onlinePstnUsages ?? [];
        state.voiceRoutingPolicies.push({ identity: p.identity, policyId: stableId('policy', `OnlineVoiceRoutingPolicy|${p.identity}`), onlinePstnUsages: usages, description: null });
        // A policy's usages are in the tenant's global usage list [USAGE-SET].
        for (const usage of usages) if (!state.pstnUsages.includes(usage)) state.pstnUsages.push(usage);
    }
    for (const p of teams.emergencyCallingPolicies ?? []) {
        emergencyCallingPolicies(state).push({
            identity: p.identity, policyId: stableId('policy', `TeamsEmergencyCallingPolicy|${p.identity}`), notificationGroup: p.notificationGroup ?? null,
            notificationDialOutNumber: null, notificationMode: p.notificationGroup ? 'NotificationOnly' : null, externalLocationLookupMode: null,
            enhancedEmergencyServiceDisclaimer: null, description: null
        });
    }
    for (const p of teams.sharedCallingPolicies ?? []) {
        state.sharedCallingPolicies.push({
            identity: p.identity, policyId: stableId('policy', `TeamsSharedCallingRoutingPolicy|${p.identity}`), resourceAccount: p.resourceAccount, emergencyNumbers: [], description: null
        });
    }
    const assignments = (teams.groupPolicyAssignments ?? []).map((a, i) => {
        const where = `seed group policy assignment ${i + 1}`;
        const group = state.groups.find(g => g.displayName.toLowerCase() === a.group.toLowerCase());
        if (!group) throw new Error(`${where} names unknown group "${a.group}"`);
        const type = policyType(a.policyType, where);
        return { groupId: group.id, policyType: type, policyName: policyName(state, type, a.policyName, where), rank: a.rank ?? Number.MAX_SAFE_INTEGER, createdTime: now, createdBy: 'seed' };
    });
    for (const type of POLICY_TYPES) {
        const ofType = assignments.filter(a => a.policyType === type).sort((a, b) => a.rank - b.rank);
        if (new Set(ofType.map(a => a.groupId)).size !== ofType.length) throw new Error(`the seed assigns ${type} to one group twice (a group holds one assignment per type [GPA-REM])`);
        ofType.forEach((a, i) => { a.rank = i + 1; });
        state.groupPolicyAssignments.push(...ofType);
    }
    for (const [i, a] of (teams.userPolicyAssignments ?? []).entries()) {
        const where = `seed user policy assignment ${i + 1}`;
        const user = state.users.find(u => u.userPrincipalName.toLowerCase() === a.user.toLowerCase());
        if (!user) throw new Error(`${where} names unknown user ${a.user}`);
        const type = policyType(a.policyType, where);
        state.userPolicyAssignments.push({ userId: user.id, policyType: type, policyName: policyName(state, type, a.policyName, where) });
    }
}

/** Numbers assigned to seed users (`phoneNumber`): the number must be in the seed's inventory and free. */
export function seedUserNumbers(state: TenantState, users: readonly { userPrincipalName: string; phoneNumber?: string }[]): void {
    for (const u of users) {
        if (!u.phoneNumber) continue;
        const number = state.phoneNumbers.find(n => n.telephoneNumber === u.phoneNumber);
        if (!number) throw new Error(`seed user ${u.userPrincipalName} has phone number ${u.phoneNumber}, which is not among the seed's phoneNumbers`);
        if (number.assignedPstnTargetId) throw new Error(`seed number ${u.phoneNumber} is assigned twice`);
        const user = state.users.find(x => x.userPrincipalName.toLowerCase() === u.userPrincipalName.toLowerCase())!;
        number.assignedPstnTargetId = user.id;
    }
}
