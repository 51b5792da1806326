/**
 * What a setup says the report should find: every group that a `grant` or an `emergency`
 * statement covers, the Shared Calling policy and rank it is granted, its emergency call
 * routing policy and where its members work. Read from the planned resources, so the report
 * and plan agree on names.
 */
import type { StatementPlan } from '../plan/desired-setup.js';
import { civicAddressIdentity } from '../kinds/civic-address.js';
import type { ObservedGroup } from '../plan/snapshot.js';

export interface CoveredGroup {
    /** The group's name in the files. */
    key: string;
    displayName?: string;
    objectId?: string;
    sharedCallingPolicy?: { name: string; rank: number };
    emergencyRoutingPolicy?: string;
    /** The emergency calling policy (notification) an `emergency … notify` statement grants the group. */
    emergencyCallingPolicy?: string;
    /** `works-at`: the address the members work at, and the Description it is found by in Teams (civicAddressIdentity). */
    worksAt?: { name: string; description: string };
}

export interface ReadinessSetup {
    groups: CoveredGroup[];
    /** Every Shared Calling policy and emergency call routing policy the setup grants, by name. */
    sharedCallingPolicies: string[];
    emergencyRoutingPolicies: string[];
    /** Every emergency calling policy the setup grants, by name. */
    emergencyCallingPolicies: string[];
}

export function readinessSetup(plans: readonly StatementPlan[]): ReadinessSetup {
    const groups = new Map<string, CoveredGroup>();
    const declared = new Map<string, { displayName?: string; objectId?: string }>();
    const covered = (key: string): CoveredGroup => {
        let group = groups.get(key);
        if (!group) groups.set(key, group = { key });
        return group;
    };
    for (const plan of plans) {
        for (const r of plan.resources) {
            if (r.kind === 'group') declared.set(r.key, { displayName: r.displayName, objectId: r.objectId });
            if (r.kind === 'group-grant' && r.policyType === 'TeamsSharedCallingRoutingPolicy') {
                covered(r.group).sharedCallingPolicy = { name: r.policyName, rank: r.rank };
            }
            if (r.kind === 'group-grant' && r.policyType === 'TeamsEmergencyCallingPolicy') covered(r.group).emergencyCallingPolicy = r.policyName;
            if (r.kind === 'emergency-members-grant') covered(r.group).emergencyRoutingPolicy = r.policy;
        }
        const s = plan.statement;
        if (s.$type === 'EmergencyCoverage' && s.group.ref && s.address.ref) {
            covered(s.group.ref.name).worksAt = { name: s.address.ref.name, description: civicAddressIdentity(s.address.ref) };
        }
    }
    // Groups are declared before they are granted; their names are filled in once all are known.
    const list = [...groups.values()].map(g => ({ ...g, ...declared.get(g.key) }));
    return {
        groups: list,
        sharedCallingPolicies: [...new Set(list.flatMap(g => (g.sharedCallingPolicy ? [g.sharedCallingPolicy.name] : [])))],
        emergencyRoutingPolicies: [...new Set(list.flatMap(g => (g.emergencyRoutingPolicy ? [g.emergencyRoutingPolicy] : [])))],
        emergencyCallingPolicies: [...new Set(list.flatMap(g => (g.emergencyCallingPolicy ? [g.emergencyCallingPolicy] : [])))]
    };
}

/** The tenant groups a covered group names: by object id, else by exact display name (as plan finds them). */
export function matchingGroups(group: CoveredGroup, groups: readonly ObservedGroup[]): ObservedGroup[] {
    const same = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
    return group.objectId ? groups.filter(g => same(g.id, group.objectId)) : groups.filter(g => same(g.displayName, group.displayName));
}

/** The tenant groups whose members the report reads: each covered group that resolves to exactly one. */
export function tenantGroupIds(setup: ReadinessSetup, groups: readonly ObservedGroup[]): ObservedGroup[] {
    const found = setup.groups.flatMap(g => {
        const matches = matchingGroups(g, groups);
        return matches.length === 1 ? matches : [];
    });
    return [...new Map(found.map(g => [g.id, g])).values()];
}
