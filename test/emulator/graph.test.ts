/** The Graph v1.0 surface over real HTTP: auth, users, licences, SKUs, groups, userConfigurations, paging, $batch. */
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { call, prepareResourceAccount, SKU_MCOEV, SKU_RA, teams } from './client.js';

let emulator: EmulatorHandle;

beforeEach(async () => {
    if (!emulator) emulator = await startEmulator({ port: 0 });
    emulator.reset();
});
afterAll(async () => { await emulator?.stop(); });

async function followAll(path: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;
    while (next) {
        const reply = await call(emulator, 'GET', next.replace(emulator.url, ''));
        expect(reply.status).toBe(200);
        items.push(...reply.body.value);
        next = reply.body['@odata.nextLink'];
    }
    return items;
}

describe('authentication', () => {
    test('no token or a wrong token: 401 with a Graph error body, on Graph, Teams and admin routes', async () => {
        for (const path of ['/v1.0/users', '/teams/Get-CsOnlineUser', '/emulator/stats']) {
            const none = await fetch(emulator.url + path, { method: path.startsWith('/teams') ? 'POST' : 'GET' });
            expect(none.status).toBe(401);
            expect(((await none.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
        }
        const wrong = await call({ url: emulator.url, token: 'not-the-token' }, 'GET', '/v1.0/users');
        expect(wrong.status).toBe(401);
        expect(wrong.body.error).toMatchObject({ code: 'InvalidAuthenticationToken' });
    });

    test('GET /emulator/token hands the token to loopback callers, and a fixed token can be chosen', async () => {
        const reply = await fetch(`${emulator.url}/emulator/token`);
        expect(reply.status).toBe(200);
        expect(((await reply.json()) as { token: string }).token).toBe(emulator.token);
        const fixed = await startEmulator({ token: 'fixed-token-for-test', seed: null });
        try {
            expect((await call(fixed, 'GET', '/v1.0/users')).status).toBe(200);
            expect(fixed.token).toBe('fixed-token-for-test');
        } finally {
            await fixed.stop();
        }
    });
});

describe('users', () => {
    test('get by id and by UPN; the default property set hides department and licences; $select picks', async () => {
        const byUpn = await call(emulator, 'GET', '/v1.0/users/avery.chen@contoso.com');
        expect(byUpn.status).toBe(200);
        expect(byUpn.body['@odata.context']).toContain('$metadata#users/$entity');
        expect(byUpn.body).toMatchObject({ displayName: 'Avery Chen', userPrincipalName: 'avery.chen@contoso.com' });
        expect(byUpn.body).not.toHaveProperty('assignedLicenses');
        const byId = await call(emulator, 'GET', `/v1.0/users/${byUpn.body.id}?$select=usageLocation,assignedLicenses`);
        expect(byId.body).toEqual({ '@odata.context': expect.stringContaining('users/$entity(usageLocation,assignedLicenses)'), id: byUpn.body.id, usageLocation: 'US', assignedLicenses: [{ skuId: SKU_MCOEV, disabledPlans: [] }] });
        const missing = await call(emulator, 'GET', '/v1.0/users/nobody@contoso.com');
        expect(missing.status).toBe(404);
        expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    });

    test('$filter: eq on userPrincipalName/displayName/department, startswith, and unsupported clauses', async () => {
        const eq = await call(emulator, 'GET', `/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'riley.nguyen@contoso.com'")}`);
        expect(eq.body.value.map((u: { displayName: string }) => u.displayName)).toEqual(['Riley Nguyen']);
        const name = await call(emulator, 'GET', `/v1.0/users?$filter=${encodeURIComponent("displayName eq 'Alex Kim'")}`);
        expect(name.body.value).toHaveLength(1);
        const starts = await call(emulator, 'GET', `/v1.0/users?$filter=${encodeURIComponent("startswith(displayName,'J')")}&$select=displayName`);
        expect(starts.body.value.map((u: { displayName: string }) => u.displayName).sort()).toEqual(['Jamie Rivera', 'Jordan Blake']);
        await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'main-aa@contoso.com', DisplayName: 'Main AA' });
        const ras = await call(emulator, 'GET', `/v1.0/users?$filter=${encodeURIComponent("department eq 'Microsoft Communication Application Instance'")}&$select=userPrincipalName,department,accountEnabled`);
        expect(ras.body.value).toEqual([expect.objectContaining({ userPrincipalName: 'main-aa@contoso.com', accountEnabled: false })]);
        const bad = await call(emulator, 'GET', `/v1.0/users?$filter=${encodeURIComponent("favouriteColour eq 'blue'")}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toContain('Invalid filter clause');
    });

    test('$top paging with @odata.nextLink visits every user once; bad $top is rejected', async () => {
        const first = await call(emulator, 'GET', '/v1.0/users?$top=5&$select=userPrincipalName');
        expect(first.body.value).toHaveLength(5);
        expect(first.body['@odata.nextLink']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?.*skiptoken/);
        const all = await followAll('/v1.0/users?$top=5&$select=userPrincipalName');
        expect(all).toHaveLength(emulator.state.users.length);
        expect(new Set(all.map(u => (u as { userPrincipalName: string }).userPrincipalName)).size).toBe(all.length);
        expect((await call(emulator, 'GET', '/v1.0/users?$top=0')).status).toBe(400);
    });

    test('PATCH usageLocation, accountEnabled, displayName; unknown properties and bad values are rejected', async () => {
        const patch = await call(emulator, 'PATCH', '/v1.0/users/it.admin@contoso.com', { usageLocation: 'ca', accountEnabled: false, displayName: 'IT Administrator' });
        expect(patch.status).toBe(204);
        const after = await call(emulator, 'GET', '/v1.0/users/it.admin@contoso.com?$select=usageLocation,accountEnabled,displayName');
        expect(after.body).toMatchObject({ usageLocation: 'CA', accountEnabled: false, displayName: 'IT Administrator' });
        expect((await call(emulator, 'PATCH', '/v1.0/users/it.admin@contoso.com', { usageLocation: 'Canada' })).status).toBe(400);
        expect((await call(emulator, 'PATCH', '/v1.0/users/it.admin@contoso.com', { passwordProfile: {} })).status).toBe(400);
    });
});

describe('licences', () => {
    test('rule: usage location before a licence [G-USER, G-ASSIGNLIC]', async () => {
        await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'ra1@contoso.com' });
        const body = { addLicenses: [{ skuId: SKU_RA, disabledPlans: [] }], removeLicenses: [] };
        const early = await call(emulator, 'POST', '/v1.0/users/ra1@contoso.com/assignLicense', body);
        expect(early.status).toBe(400);
        expect(early.body.error).toMatchObject({ code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' });
        await call(emulator, 'PATCH', '/v1.0/users/ra1@contoso.com', { usageLocation: 'US' });
        const ok = await call(emulator, 'POST', '/v1.0/users/ra1@contoso.com/assignLicense', body);
        expect(ok.status).toBe(200);
        expect(ok.body.assignedLicenses).toEqual([{ skuId: SKU_RA, disabledPlans: [] }]);
        const skus = await call(emulator, 'GET', '/v1.0/subscribedSkus');
        expect(skus.body.value.find((s: { skuId: string }) => s.skuId === SKU_RA).consumedUnits).toBe(1);
        const again = await call(emulator, 'POST', '/v1.0/users/ra1@contoso.com/assignLicense', body);
        expect(again.status).toBe(200);
        const removed = await call(emulator, 'POST', '/v1.0/users/ra1@contoso.com/assignLicense', { addLicenses: [], removeLicenses: [SKU_RA] });
        expect(removed.body.assignedLicenses).toEqual([]);
        const skusAfter = await call(emulator, 'GET', '/v1.0/subscribedSkus');
        expect(skusAfter.body.value.find((s: { skuId: string }) => s.skuId === SKU_RA).consumedUnits).toBe(0);
    });

    test('rule: exhausted licences are refused; unknown SKUs too; both lists are required', async () => {
        const sku = emulator.state.subscribedSkus.find(s => s.skuId === SKU_RA)!;
        sku.prepaidUnits.enabled = 1;
        for (const upn of ['ra-a@contoso.com', 'ra-b@contoso.com']) {
            await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: upn });
            await call(emulator, 'PATCH', `/v1.0/users/${upn}`, { usageLocation: 'US' });
        }
        const body = { addLicenses: [{ skuId: SKU_RA, disabledPlans: [] }], removeLicenses: [] };
        expect((await call(emulator, 'POST', '/v1.0/users/ra-a@contoso.com/assignLicense', body)).status).toBe(200);
        const exhausted = await call(emulator, 'POST', '/v1.0/users/ra-b@contoso.com/assignLicense', body);
        expect(exhausted.status).toBe(400);
        expect(exhausted.body.error.message).toContain('does not have any available licenses');
        const unknown = await call(emulator, 'POST', '/v1.0/users/ra-b@contoso.com/assignLicense', { addLicenses: [{ skuId: '00000000-0000-0000-0000-000000000000' }], removeLicenses: [] });
        expect(unknown.status).toBe(400);
        expect((await call(emulator, 'POST', '/v1.0/users/ra-b@contoso.com/assignLicense', { addLicenses: [] })).status).toBe(400);
    });

    test('subscribedSkus: counts and $select; $filter is not supported [G-SKUS]', async () => {
        const all = await call(emulator, 'GET', '/v1.0/subscribedSkus');
        expect(all.body.value).toEqual(expect.arrayContaining([
            expect.objectContaining({ skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', skuId: SKU_RA, prepaidUnits: expect.objectContaining({ enabled: 25 }), consumedUnits: 0 }),
            expect.objectContaining({ skuPartNumber: 'MCOEV', skuId: SKU_MCOEV, prepaidUnits: expect.objectContaining({ enabled: 100 }), consumedUnits: 17 }),
            expect.objectContaining({ skuPartNumber: 'Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)', prepaidUnits: expect.objectContaining({ enabled: 5 }), consumedUnits: 0 })
        ]));
        const selected = await call(emulator, 'GET', '/v1.0/subscribedSkus?$select=skuPartNumber');
        expect(Object.keys(selected.body.value[0]).sort()).toEqual(['id', 'skuPartNumber']);
        expect((await call(emulator, 'GET', `/v1.0/subscribedSkus?$filter=${encodeURIComponent("skuPartNumber eq 'MCOEV'")}`)).status).toBe(400);
    });
});

describe('groups', () => {
    test('list, filter by displayName, get, and direct members with paging', async () => {
        const list = await call(emulator, 'GET', '/v1.0/groups?$select=displayName');
        expect(list.body.value.map((g: { displayName: string }) => g.displayName).sort()).toEqual([
            'Store Associates Boston', 'Store Associates Chicago', 'Store Associates Portland', 'Store Associates Seattle', 'Store Associates Spokane', 'Store Managers'
        ]);
        const filtered = await call(emulator, 'GET', `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Store Associates Seattle'")}`);
        expect(filtered.body.value).toHaveLength(1);
        const group = filtered.body.value[0];
        expect(group).toMatchObject({ mail: 'store-associates-seattle@contoso.com', securityEnabled: true });
        const got = await call(emulator, 'GET', `/v1.0/groups/${group.id}`);
        expect(got.body.displayName).toBe('Store Associates Seattle');
        const page = await call(emulator, 'GET', `/v1.0/groups/${group.id}/members?$top=3&$select=userPrincipalName`);
        expect(page.body.value).toHaveLength(3);
        expect(page.body.value[0]['@odata.type']).toBe('#microsoft.graph.user');
        const members = await followAll(`/v1.0/groups/${group.id}/members?$top=3`);
        expect(members.map(m => (m as { userPrincipalName: string }).userPrincipalName)).toEqual(['avery.chen@contoso.com', 'jordan.blake@contoso.com', 'riley.nguyen@contoso.com', 'sam.ortiz@contoso.com']);
        expect((await call(emulator, 'GET', '/v1.0/groups/00000000-0000-0000-0000-000000000000/members')).status).toBe(404);
    });
});

describe('admin/teams/userConfigurations', () => {
    test('list and get read back accountType, voice, numbers and effective policies (direct and group)', async () => {
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100');
        const groups = await call(emulator, 'GET', `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Store Managers'")}`);
        await teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Group: groups.body.value[0].id, PolicyName: 'SC-Users-NoPSTN', Rank: 1 });
        const ra = await call(emulator, 'GET', `/v1.0/admin/teams/userConfigurations/${raId}`);
        expect(ra.status).toBe(200);
        expect(ra.body).toMatchObject({
            id: raId, userPrincipalName: 'main-aa@contoso.com', accountType: 'resourceAccount', isEnterpriseVoiceEnabled: true,
            telephoneNumbers: [{ telephoneNumber: '+12065550100', assignmentCategory: 'primary' }]
        });
        expect(ra.body.effectivePolicyAssignments).toContainEqual({ policyType: 'OnlineVoiceRoutingPolicy', policyAssignment: expect.objectContaining({ displayName: 'SC-RA-DR', assignmentType: 'direct' }) });
        const list = await call(emulator, 'GET', `/v1.0/admin/teams/userConfigurations?$filter=${encodeURIComponent("userPrincipalName eq 'alex.kim@contoso.com'")}`);
        expect(list.body.value).toHaveLength(1);
        expect(list.body.value[0]).toMatchObject({ accountType: 'user', isEnterpriseVoiceEnabled: false, telephoneNumbers: [] });
        expect(list.body.value[0].effectivePolicyAssignments).toContainEqual({
            policyType: 'OnlineVoiceRoutingPolicy', policyAssignment: expect.objectContaining({ displayName: 'SC-Users-NoPSTN', assignmentType: 'group', groupId: groups.body.value[0].id })
        });
        const paged = await followAll('/v1.0/admin/teams/userConfigurations?$top=4');
        expect(paged).toHaveLength(emulator.state.users.length);
    });
});

describe('$batch', () => {
    test('runs items through the same routes, with per-item status and Graph error bodies', async () => {
        const reply = await call(emulator, 'POST', '/v1.0/$batch', {
            requests: [
                { id: '1', method: 'GET', url: '/users/avery.chen@contoso.com?$select=displayName' },
                { id: '2', method: 'PATCH', url: '/users/it.admin@contoso.com', headers: { 'Content-Type': 'application/json' }, body: { usageLocation: 'GB' } },
                { id: '3', method: 'GET', url: 'groups?$top=1' },
                { id: '4', method: 'GET', url: '/users/nobody@contoso.com' }
            ]
        });
        expect(reply.status).toBe(200);
        const byId = Object.fromEntries(reply.body.responses.map((r: { id: string }) => [r.id, r]));
        expect(byId['1']).toMatchObject({ status: 200, body: { displayName: 'Avery Chen' } });
        expect(byId['2'].status).toBe(204);
        expect(byId['3'].body.value).toHaveLength(1);
        expect(byId['4']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
        expect(emulator.state.users.find(u => u.userPrincipalName === 'it.admin@contoso.com')!.usageLocation).toBe('GB');
        expect(emulator.callLog.count('PATCH /v1.0/users/{id}')).toBe(1);
        expect(emulator.callLog.entries.filter(e => e.inBatch)).toHaveLength(4);
    });

    test('more than 20 requests: 400 for the whole batch [G-BATCH]', async () => {
        const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1' }));
        const reply = await call(emulator, 'POST', '/v1.0/$batch', { requests });
        expect(reply.status).toBe(400);
        expect(reply.body.error.message).toContain('20');
        expect((await call(emulator, 'POST', '/v1.0/$batch', { requests: requests.slice(0, 20) })).status).toBe(200);
    });

    test('dependsOn sequences items; a failed dependency yields 424; a body without Content-Type is 400', async () => {
        await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'ra-batch@contoso.com' });
        const reply = await call(emulator, 'POST', '/v1.0/$batch', {
            requests: [
                { id: 'license', dependsOn: ['location'], method: 'POST', url: '/users/ra-batch@contoso.com/assignLicense', headers: { 'Content-Type': 'application/json' }, body: { addLicenses: [{ skuId: SKU_RA, disabledPlans: [] }], removeLicenses: [] } },
                { id: 'location', method: 'PATCH', url: '/users/ra-batch@contoso.com', headers: { 'Content-Type': 'application/json' }, body: { usageLocation: 'US' } },
                { id: 'bad', method: 'PATCH', url: '/users/nobody@contoso.com', headers: { 'Content-Type': 'application/json' }, body: { usageLocation: 'US' } },
                { id: 'after-bad', dependsOn: ['bad'], method: 'GET', url: '/users/avery.chen@contoso.com' },
                { id: 'no-type', method: 'PATCH', url: '/users/it.admin@contoso.com', body: { usageLocation: 'US' } }
            ]
        });
        const byId = Object.fromEntries(reply.body.responses.map((r: { id: string }) => [r.id, r]));
        expect(byId.location.status).toBe(204);
        expect(byId.license.status).toBe(200);
        expect(byId.bad.status).toBe(404);
        expect(byId['after-bad']).toMatchObject({ status: 424, body: { error: { code: 'FailedDependency' } } });
        expect(byId['no-type'].status).toBe(400);
        // Out of order: the dependent item answers after the item it depends on, not in request order.
        const order = reply.body.responses.map((r: { id: string }) => r.id);
        expect(order.indexOf('license')).toBeGreaterThan(order.indexOf('location'));
        expect(order[0]).not.toBe('license');
        const unknownDependency = await call(emulator, 'POST', '/v1.0/$batch', { requests: [{ id: '1', dependsOn: ['9'], method: 'GET', url: '/users' }] });
        expect(unknownDependency.status).toBe(400);
    });
});
