/**
 * examples/seeds/shared-tenant.json, where another team grants the policy types the frontline
 * setup grants: its groups' order, its later grant between the setup's, and the calls that
 * would move a group assignment (test/apply/ranks.test.ts, test/compiler/ranks-run.test.ts).
 */
import * as path from 'node:path';
import { expect } from 'vitest';
import type { CallRecord, EmulatorHandle } from '../../tenant/emulator/index.js';
import { teams } from '../emulator/client.js';
import { REPO_ROOT } from './cli.js';

export const SHARED_TENANT = path.join(REPO_ROOT, 'examples', 'seeds', 'shared-tenant.json');
export const POLICY_TYPES = ['TeamsSharedCallingRoutingPolicy', 'OnlineVoiceRoutingPolicy', 'TeamsEmergencyCallingPolicy'] as const;
export const OTHER_TEAM = ['Sales Seattle', 'Warehouse', 'Store Managers'];
export const SETUP = ['Store Associates Seattle', 'Store Associates Spokane', 'Store Associates Portland'];
const OTHER_POLICY: Record<string, string> = { TeamsSharedCallingRoutingPolicy: 'Sales-Shared', OnlineVoiceRoutingPolicy: 'Sales-Outbound', TeamsEmergencyCallingPolicy: 'HQ-Desk' };
const GRANT: Record<string, string> = {
    TeamsSharedCallingRoutingPolicy: 'Grant-CsTeamsSharedCallingRoutingPolicy', OnlineVoiceRoutingPolicy: 'Grant-CsOnlineVoiceRoutingPolicy',
    TeamsEmergencyCallingPolicy: 'Grant-CsTeamsEmergencyCallingPolicy'
};

/** The display names of the groups assigned a policy type, in rank order. */
export function order(emulator: EmulatorHandle, type: string, among: readonly string[]): string[] {
    const { groups, groupPolicyAssignments } = emulator.state;
    return groupPolicyAssignments.filter(a => a.policyType === type).sort((a, b) => a.rank - b.rank)
        .map(a => groups.find(g => g.id === a.groupId)!.displayName).filter(name => among.includes(name));
}

/** The other team grants Store Managers at rank 4 of each type: between the setup's grants, shifting their numbers. */
export async function otherTeamGrantsBetween(emulator: EmulatorHandle): Promise<void> {
    const managers = emulator.state.groups.find(g => g.displayName === 'Store Managers')!.id;
    for (const type of POLICY_TYPES) {
        const reply = await teams(emulator, GRANT[type]!, { Group: managers, PolicyName: OTHER_POLICY[type], Rank: 4 });
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    }
}

/** Calls that move a group assignment: any Remove-CsGroupPolicyAssignment, any Grant-* to a group. */
export const groupWrites = (entries: readonly CallRecord[]) => entries
    .filter(e => e.route === 'POST /teams/Remove-CsGroupPolicyAssignment' || (/^POST \/teams\/Grant-/.test(e.route) && e.parameters?.Group !== undefined))
    .map(e => `${e.route} ${JSON.stringify(e.parameters)}`);

