/**
 * The emulator's emergency calling policy [ECP-NEW, ECP-GET, ECP-GRANT] and its directory
 * admin endpoints (a user added, a group's direct members changed after apply), over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { call, teams } from './client.js';

let emulator: EmulatorHandle;
const SEATTLE = 'Store Associates Seattle';

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
    await emulator?.stop();
});

async function groupId(name: string): Promise<string> {
    const groups = await call(emulator, 'GET', `/v1.0/groups?$filter=displayName eq '${name}'`);
    return groups.body.value[0].id as string;
}

async function effective(upn: string, policyType: string) {
    const config = await call(emulator, 'GET', `/v1.0/admin/teams/userConfigurations/${upn}`);
    return (config.body.effectivePolicyAssignments as { policyType: string; policyAssignment: Record<string, unknown> }[]).find(p => p.policyType === policyType)?.policyAssignment;
}

describe('emergency calling policy', () => {
    it('every tenant has a Global instance that notifies no one, and every user has it until granted another', async () => {
        const all = await teams(emulator, 'Get-CsTeamsEmergencyCallingPolicy');
        expect(all.body.value).toEqual([expect.objectContaining({ Identity: 'Global', NotificationGroup: null })]);
        expect(await effective('avery.chen@contoso.com', 'TeamsEmergencyCallingPolicy')).toMatchObject({ displayName: 'Global' });
    });

    it('creates, reads by identity and by filter, and refuses what the page rules out', async () => {
        const created = await teams(emulator, 'New-CsTeamsEmergencyCallingPolicy', {
            Identity: 'SecurityDesk', NotificationGroup: 'desk@contoso.com', NotificationMode: 'ConferenceMuted', ExternalLocationLookupMode: 'Enabled'
        });
        expect(created.status, JSON.stringify(created.body)).toBe(200);
        expect(created.body.value).toMatchObject({ Identity: 'Tag:SecurityDesk', NotificationMode: 'ConferenceMuted' });
        expect((await teams(emulator, 'Get-CsTeamsEmergencyCallingPolicy', { Filter: 'Secur*' })).body.value).toHaveLength(1);
        expect((await teams(emulator, 'Get-CsTeamsEmergencyCallingPolicy', { Identity: 'Nope' })).status).toBe(404);
        expect((await teams(emulator, 'New-CsTeamsEmergencyCallingPolicy', { Identity: 'SecurityDesk' })).status).toBe(409);
        const eleven = Array.from({ length: 11 }, (_, i) => `desk${i}@contoso.com`).join(';');
        expect((await teams(emulator, 'New-CsTeamsEmergencyCallingPolicy', { Identity: 'TooMany', NotificationGroup: eleven })).status).toBe(400);
        expect((await teams(emulator, 'New-CsTeamsEmergencyCallingPolicy', { Identity: 'BadMode', NotificationMode: 'Loud' })).status).toBe(400);
        expect((await teams(emulator, 'Set-CsTeamsEmergencyCallingPolicy', { Identity: 'SecurityDesk', NotificationDialOutNumber: '+14255551234' })).status).toBe(200);
        expect((await teams(emulator, 'Get-CsTeamsEmergencyCallingPolicy', { Identity: 'SecurityDesk' })).body.value[0].NotificationDialOutNumber).toBe('+14255551234');
    });

    it('granted to a group with a rank, it reaches the direct members with its source', async () => {
        const id = await groupId(SEATTLE);
        expect((await teams(emulator, 'Grant-CsTeamsEmergencyCallingPolicy', { Group: id, PolicyName: 'SecurityDesk', Rank: 1 })).status).toBe(200);
        expect(await effective('avery.chen@contoso.com', 'TeamsEmergencyCallingPolicy')).toMatchObject({ displayName: 'SecurityDesk', assignmentType: 'group', groupId: id });
        const assignments = await teams(emulator, 'Get-CsGroupPolicyAssignment', { PolicyType: 'TeamsEmergencyCallingPolicy' });
        expect(assignments.body.value).toEqual([expect.objectContaining({ GroupId: id, PolicyName: 'SecurityDesk', Rank: 1 })]);
    });
});

describe('directory admin endpoints', () => {
    it('adds a user and makes them a direct member of a group; removes them again', async () => {
        const created = await call(emulator, 'POST', '/emulator/users', { userPrincipalName: 'late@contoso.com', displayName: 'Late Joiner', usageLocation: 'US', licenses: ['MCOEV'] });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect((await call(emulator, 'POST', '/emulator/users', { userPrincipalName: 'late@contoso.com' })).status).toBe(409);
        expect((await call(emulator, 'POST', `/emulator/groups/${encodeURIComponent(SEATTLE)}/members`, { member: 'late@contoso.com' })).status).toBe(204);
        const id = await groupId(SEATTLE);
        const members = await call(emulator, 'GET', `/v1.0/groups/${id}/members?$select=id,userPrincipalName`);
        expect(members.body.value.map((m: { userPrincipalName: string }) => m.userPrincipalName)).toContain('late@contoso.com');
        // A group grant reaches members added later [GPA-NEW].
        expect(await effective('late@contoso.com', 'TeamsEmergencyCallingPolicy')).toMatchObject({ displayName: 'SecurityDesk', assignmentType: 'group' });
        expect((await call(emulator, 'DELETE', `/emulator/groups/${id}/members/late@contoso.com`)).status).toBe(204);
        expect((await call(emulator, 'DELETE', `/emulator/groups/${id}/members/late@contoso.com`)).status).toBe(404);
        expect(await effective('late@contoso.com', 'TeamsEmergencyCallingPolicy')).toMatchObject({ displayName: 'Global' });
    });

    it('names what it cannot find', async () => {
        expect((await call(emulator, 'POST', '/emulator/groups/No%20Such%20Group/members', { member: 'late@contoso.com' })).status).toBe(404);
        expect((await call(emulator, 'POST', `/emulator/groups/${encodeURIComponent(SEATTLE)}/members`, { member: 'nobody@contoso.com' })).status).toBe(404);
        expect((await call(emulator, 'POST', `/emulator/groups/${encodeURIComponent(SEATTLE)}/members`, {})).status).toBe(400);
        expect((await call(emulator, 'POST', '/emulator/users', { displayName: 'No UPN' })).status).toBe(400);
    });
});
