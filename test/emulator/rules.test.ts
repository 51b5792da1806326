/** Each documented rule the emulator enforces on the Teams admin surface, over real HTTP (keys from teams-facts.md). */
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { call, prepareResourceAccount, SKU_RA, teams } from './client.js';

let emulator: EmulatorHandle;

beforeEach(async () => {
    if (!emulator) emulator = await startEmulator({ port: 0 });
    emulator.reset();
});
afterAll(async () => { await emulator?.stop(); });

const SEATTLE_GROUP = 'store-associates-seattle@contoso.com';

function message(reply: { body: { error?: { message?: string } } }): string {
    return reply.body.error?.message ?? '';
}

describe('numbers [SET-PNA, REM-PNA, RA-LIC]', () => {
    test('a resource account needs the PHONESYSTEM_VIRTUALUSER licence before a number can be assigned', async () => {
        const { locationId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'created');
        const refused = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'main-aa@contoso.com', TelephoneNumber: '+12065550100', NumberType: 'DirectRouting', LocationId: locationId });
        expect(refused.status).toBe(403);
        expect(message(refused)).toContain('PHONESYSTEM_VIRTUALUSER');
        await call(emulator, 'PATCH', '/v1.0/users/main-aa@contoso.com', { usageLocation: 'US' });
        await call(emulator, 'POST', '/v1.0/users/main-aa@contoso.com/assignLicense', { addLicenses: [{ skuId: SKU_RA, disabledPlans: [] }], removeLicenses: [] });
        const ok = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'main-aa@contoso.com', TelephoneNumber: '+12065550100', NumberType: 'DirectRouting', LocationId: locationId });
        expect(ok.status).toBe(200);
    });

    test('assigning sets EnterpriseVoiceEnabled on; removing sets it off; a number can be assigned once', async () => {
        await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'numbered');
        const user = async (id: string) => (await teams(emulator, 'Get-CsOnlineUser', { Identity: id })).body.value[0];
        expect(await user('main-aa@contoso.com')).toMatchObject({ EnterpriseVoiceEnabled: true, LineUri: 'tel:+12065550100', AccountType: 'ResourceAccount' });
        const twice = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '+12065550100', NumberType: 'DirectRouting' });
        expect(twice.status).toBe(409);
        expect(message(twice)).toContain('already assigned');
        const removed = await teams(emulator, 'Remove-CsPhoneNumberAssignment', { Identity: 'main-aa@contoso.com', TelephoneNumber: '+12065550100', NumberType: 'DirectRouting' });
        expect(removed.status).toBe(200);
        expect(await user('main-aa@contoso.com')).toMatchObject({ EnterpriseVoiceEnabled: false, LineUri: null });
        const reassigned = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '12065550100', NumberType: 'DirectRouting' });
        expect(reassigned.status).toBe(200);
        expect(await user('avery.chen@contoso.com')).toMatchObject({ EnterpriseVoiceEnabled: true, LineUri: 'tel:+12065550100' });
        await teams(emulator, 'Remove-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', RemoveAll: true });
        expect((await user('avery.chen@contoso.com')).EnterpriseVoiceEnabled).toBe(false);
        expect((await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', EnterpriseVoiceEnabled: true })).status).toBe(200);
        expect((await user('avery.chen@contoso.com')).EnterpriseVoiceEnabled).toBe(true);
    });

    test('output shapes of Microsoft\'s examples: an unset location is the zero GUID; a Direct Routing number has no IsoCountryCode [GET-PNA]', async () => {
        expect((await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '+13605550177', NumberType: 'DirectRouting' })).status).toBe(200);
        const [number] = (await teams(emulator, 'Get-CsPhoneNumberAssignment', { TelephoneNumber: '+13605550177' })).body.value;
        expect(number).toMatchObject({ LocationId: '00000000-0000-0000-0000-000000000000', IsoCountryCode: null, NumberType: 'DirectRouting' });
    });

    test('number formats: no tel: prefix, extensions only on Direct Routing, Calling Plan numbers must be in the inventory', async () => {
        const tel = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: 'tel:+12065550150', NumberType: 'DirectRouting' });
        expect(message(tel)).toContain('tel:');
        const ext = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '+12065550150;ext=1234', NumberType: 'DirectRouting' });
        expect(ext.status).toBe(200);
        const cpExt = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'jordan.blake@contoso.com', TelephoneNumber: '+12065550151;ext=1', NumberType: 'CallingPlan' });
        expect(cpExt.status).toBe(400);
        const cp = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'jordan.blake@contoso.com', TelephoneNumber: '+14255550000', NumberType: 'CallingPlan' });
        expect(cp.status).toBe(404);
        const list = await teams(emulator, 'Get-CsPhoneNumberAssignment', { AssignedPstnTargetId: 'avery.chen@contoso.com' });
        expect(list.body.value).toEqual([expect.objectContaining({ TelephoneNumber: '+12065550150;ext=1234', PstnAssignmentStatus: 'UserAssigned', NumberType: 'DirectRouting' })]);
        const free = await teams(emulator, 'Get-CsPhoneNumberAssignment', { TelephoneNumberStartsWith: '+1503', PstnAssignmentStatus: 'Unassigned', Top: 5 });
        expect(free.body.value).toHaveLength(5);
        expect(free.body.value[0]).toMatchObject({ IsoCountryCode: 'US', City: 'Portland', ActivationState: 'Activated' });
    });
});

describe('shared calling policies [NEW-SCRP, SET-SCRP, SC-SETUP]', () => {
    test('the resource account must be given by Identity/ObjectId: a UPN is rejected', async () => {
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100');
        const byUpn = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-Seattle', ResourceAccount: 'main-aa@contoso.com' });
        expect(byUpn.status).toBe(400);
        expect(message(byUpn)).toContain('can only be specified using the Identity or ObjectId of the resource account');
        const byId = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-Seattle', ResourceAccount: raId, Description: 'Seattle' });
        expect(byId.status).toBe(200);
        expect(byId.body.value).toMatchObject({ Identity: 'Tag:SC-Seattle', ResourceAccount: raId, EmergencyNumbers: [] });
        expect((await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-Seattle', ResourceAccount: raId })).status).toBe(409);
        expect((await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-NoRA' })).status).toBe(400);
    });

    test('the resource account must have a number, and the number must have a location', async () => {
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'licensed');
        const noNumber = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', ResourceAccount: raId });
        expect(message(noNumber)).toContain('has no phone number');
        await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: raId, TelephoneNumber: '+12065550100', NumberType: 'DirectRouting' });
        await teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Identity: raId, PolicyName: 'SC-RA-DR' });
        const noLocation = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', ResourceAccount: raId });
        expect(message(noLocation)).toContain('no emergency location');
    });

    test('Direct Routing: a resource account without a voice routing policy with PSTN usages is not refused (no page says the cmdlet checks it)', async () => {
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'numbered');
        // [SC-SETUP] requires the policy for calls, not a refusal at policy creation: the validator warns instead.
        expect((await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', ResourceAccount: raId })).status).toBe(200);
    });

    test('an emergency callback number may not be used by two policies nor be assigned to an account', async () => {
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100');
        const first = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', ResourceAccount: raId, EmergencyNumbers: { add: ['+12065550111', '+12065550112'] } });
        expect(first.body.value.EmergencyNumbers).toEqual(['+12065550111', '+12065550112']);
        const reused = await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-2', ResourceAccount: raId, EmergencyNumbers: { add: ['+12065550111'] } });
        expect(reused.status).toBe(409);
        expect(message(reused)).toContain("already used by shared calling policy 'SC-1'");
        const toUser = await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '+12065550112', NumberType: 'DirectRouting' });
        expect(toUser.status).toBe(409);
        expect(message(toUser)).toContain('emergency callback number');
        await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: 'avery.chen@contoso.com', TelephoneNumber: '+12065550113', NumberType: 'DirectRouting' });
        const assigned = await teams(emulator, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', EmergencyNumbers: { add: ['+12065550113'] } });
        expect(assigned.status).toBe(409);
        expect(message(assigned)).toContain("can't be assigned to any user or resource account");
        const otherCountry = await teams(emulator, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', EmergencyNumbers: { add: ['+442071234567'] } });
        expect(message(otherCountry)).toContain('same country');
        expect((await teams(emulator, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-1', EmergencyNumbers: { remove: ['+12065550111'] } })).status).toBe(200);
        expect((await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-2', ResourceAccount: raId, EmergencyNumbers: { add: ['+12065550111'] } })).status).toBe(200);
        const byPolicy = await teams(emulator, 'Get-CsPhoneNumberAssignment', { AssignedPstnTargetId: 'TeamsSharedCallingRoutingPolicy|Tag:SC-2' });
        expect(byPolicy.body.value).toEqual([expect.objectContaining({ TelephoneNumber: '+12065550111', PstnAssignmentStatus: 'PolicyAssigned' })]);
        // Removing an assigned policy is not refused: Microsoft documents no such rule [REM-SCRP].
        await teams(emulator, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Identity: 'avery.chen@contoso.com', PolicyName: 'SC-2' });
        expect((await teams(emulator, 'Remove-CsTeamsSharedCallingRoutingPolicy', { Identity: 'SC-2' })).status).toBe(200);
        expect((await teams(emulator, 'Get-CsPhoneNumberAssignment', { TelephoneNumber: '+12065550111' })).body.value[0].PstnAssignmentStatus).toBe('Unassigned');
    });
});

describe('group policy assignment [GPA-NEW, GRANT-SCRP]', () => {
    test('ranks stay unique per policy type: inserting at a taken rank renumbers the others', async () => {
        await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'created');
        const grant = (group: string, rank: number) => teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Group: group, PolicyName: 'SC-Users-NoPSTN', Rank: rank });
        await grant(SEATTLE_GROUP, 1);
        await grant('store-associates-portland@contoso.com', 1);
        await grant('store-managers@contoso.com', 9);
        const list = await teams(emulator, 'Get-CsGroupPolicyAssignment', { PolicyType: 'OnlineVoiceRoutingPolicy' });
        const groupIds = Object.fromEntries(emulator.state.groups.map(g => [g.id, g.mail]));
        expect(list.body.value.map((a: { GroupId: string; Rank: number }) => [groupIds[a.GroupId], a.Rank])).toEqual([
            ['store-associates-portland@contoso.com', 1], [SEATTLE_GROUP, 2], ['store-managers@contoso.com', 3]
        ]);
        expect(new Set(list.body.value.map((a: { Rank: number }) => a.Rank)).size).toBe(3);
        // "Rank can be specified as any number" [GPA-NEW]: 0 and below are accepted, as the first position.
        expect((await grant(SEATTLE_GROUP, 0)).status).toBe(200);
        expect((await grant('store-managers@contoso.com', -5)).status).toBe(200);
        const renumbered = await teams(emulator, 'Get-CsGroupPolicyAssignment', { PolicyType: 'OnlineVoiceRoutingPolicy' });
        expect(renumbered.body.value.map((a: { GroupId: string; Rank: number }) => [groupIds[a.GroupId], a.Rank])).toEqual([
            ['store-managers@contoso.com', 1], [SEATTLE_GROUP, 2], ['store-associates-portland@contoso.com', 3]
        ]);
        expect((await grant('no-such-group@contoso.com', 1)).status).toBe(404);
    });

    test('at most 64 groups per policy type', async () => {
        await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'created');
        for (let i = 0; i < 65; i++) {
            emulator.state.groups.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `G${i}`, mail: null, mailNickname: `g${i}`, description: null, securityEnabled: true, mailEnabled: false, memberIds: [] });
        }
        for (let i = 0; i < 64; i++) {
            const r = await teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Group: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, PolicyName: 'SC-Users-NoPSTN', Rank: i + 1 });
            expect(r.status).toBe(200);
        }
        const over = await teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Group: '00000000-0000-4000-8000-000000000064', PolicyName: 'SC-Users-NoPSTN', Rank: 1 });
        expect(over.status).toBe(400);
        expect(message(over)).toContain('at most 64 groups');
        // Another policy type has its own 64.
        expect((await teams(emulator, 'Grant-CsTeamsEmergencyCallRoutingPolicy', { Group: SEATTLE_GROUP, PolicyName: 'Global', Rank: 1 })).status).toBe(200);
    });
});

describe('Direct Routing configuration [GW-NEW, DR-CONNECT, VROUTE-NEW, OVRP-NEW, USAGE-SET]', () => {
    test('SBC FQDN: at most 63 characters, not *.onmicrosoft.com, on a verified domain; created disabled by default', async () => {
        const gw = (Fqdn: string) => teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn, SipSignalingPort: 5061 });
        const long = await gw(`${'a'.repeat(52)}.contoso.com`);
        expect(long.status).toBe(400);
        expect(message(long)).toContain('63');
        const onms = await gw('sbc.contoso.onmicrosoft.com');
        expect(message(onms)).toBe('Can not use the "sbc.contoso.onmicrosoft.com" domain as it was not configured for this tenant');
        expect(message(await gw('sbc.fabrikam.com'))).toBe('Can not use the "sbc.fabrikam.com" domain as it was not configured for this tenant');
        const ok = await gw(`${'a'.repeat(51)}.contoso.com`);
        expect(ok.status).toBe(200);
        expect(ok.body.value).toMatchObject({ Enabled: false, SipSignalingPort: 5061 });
        expect((await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc2.contoso.com', SipSignalingPort: 70000 })).status).toBe(400);
    });

    test('voice routes and routing policies need existing usages and gateways; removing a usage in use is not refused (undocumented)', async () => {
        const route = { Identity: 'R1', NumberPattern: '^\\+1\\d{10}$', OnlinePstnGatewayList: { add: ['sbc.contoso.com'] }, OnlinePstnUsages: { add: ['SC-DR'] }, Priority: 1 };
        expect(message(await teams(emulator, 'New-CsOnlineVoiceRoute', route))).toContain("PSTN usage 'SC-DR' does not exist");
        expect(message(await teams(emulator, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'P1', OnlinePstnUsages: 'SC-DR' }))).toContain("PSTN usage 'SC-DR' does not exist");
        await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['SC-DR', 'Spare'] } });
        expect(message(await teams(emulator, 'New-CsOnlineVoiceRoute', route))).toContain("PSTN gateway 'sbc.contoso.com' does not exist");
        await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc.contoso.com', SipSignalingPort: 5061, Enabled: true });
        expect((await teams(emulator, 'New-CsOnlineVoiceRoute', route)).status).toBe(200);
        expect((await teams(emulator, 'New-CsOnlineVoiceRoute', { ...route, Identity: 'R2', NumberPattern: '([' })).status).toBe(400);
        expect((await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { remove: ['Spare'] } })).status).toBe(200);
        expect((await teams(emulator, 'Get-CsOnlinePstnUsage')).body.value).toEqual([{ Identity: 'Global', Usage: ['SC-DR'] }]);
        const routes = await teams(emulator, 'Get-CsOnlineVoiceRoute', { Identity: 'R1' });
        expect(routes.body.value[0]).toMatchObject({ OnlinePstnUsages: ['SC-DR'], OnlinePstnGatewayList: ['sbc.contoso.com'], Priority: 1 });
    });
});

describe('emergency [EN-NEW, ECRP-NEW, EMERG, CIVIC-NEW]', () => {
    test('emergency dial strings without "+", masks of 1-10 digits; ECRP numbers need existing usages', async () => {
        const plus = await teams(emulator, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '+911' });
        expect(plus.status).toBe(400);
        expect(message(plus)).toContain('Teams clients do not prepend the "+" with emergency numbers');
        expect((await teams(emulator, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '911', EmergencyDialMask: '12345678901' })).status).toBe(400);
        expect((await teams(emulator, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '911', OnlinePSTNUsage: 'SC-DR' })).status).toBe(400);
        await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['SC-DR'] } });
        const en = await teams(emulator, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '911', EmergencyDialMask: '117;897', OnlinePSTNUsage: 'SC-DR' });
        expect(en.body.value).toEqual({ EmergencyDialString: '911', EmergencyDialMask: '117;897', OnlinePSTNUsage: 'SC-DR' });
        const policy = await teams(emulator, 'New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'SC-ECRP', EmergencyNumbers: { add: [en.body.value, { EmergencyDialString: '933', OnlinePSTNUsage: 'SC-DR' }] }, AllowEnhancedEmergencyServices: true });
        expect(policy.body.value).toMatchObject({ Identity: 'Tag:SC-ECRP', AllowEnhancedEmergencyServices: true });
        expect(policy.body.value.EmergencyNumbers.map((n: { EmergencyDialString: string }) => n.EmergencyDialString)).toEqual(['911', '933']);
        const smuggled = await teams(emulator, 'New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'Bad', EmergencyNumbers: { add: [{ EmergencyDialString: '+112' }] } });
        expect(smuggled.status).toBe(400);
    });

    test('civic addresses need company and country, and coordinates except in AU and JP; each has a default location', async () => {
        const noGeo = await teams(emulator, 'New-CsOnlineLisCivicAddress', { CompanyName: 'Contoso', CountryOrRegion: 'US' });
        expect(message(noGeo)).toContain('except Australia and Japan');
        const au = await teams(emulator, 'New-CsOnlineLisCivicAddress', { CompanyName: 'Contoso', CountryOrRegion: 'AU', City: 'Sydney' });
        expect(au.status).toBe(200);
        const address = au.body.value;
        expect(address).toMatchObject({ CountryOrRegion: 'AU', ValidationStatus: 'NotValidated' });
        const locations = await teams(emulator, 'Get-CsOnlineLisLocation', { CivicAddressId: address.CivicAddressId });
        expect(locations.body.value).toEqual([expect.objectContaining({ LocationId: address.DefaultLocationId, IsDefault: true })]);
        const floor = await teams(emulator, 'New-CsOnlineLisLocation', { CivicAddressId: address.CivicAddressId, Location: 'Floor 2' });
        expect(floor.body.value).toMatchObject({ Location: 'Floor 2', CivicAddressId: address.CivicAddressId });
        expect((await teams(emulator, 'Get-CsOnlineLisCivicAddress', { CivicAddressId: address.CivicAddressId })).body.value).toHaveLength(1);
    });
});

describe('resource accounts [NEW-APPINST, ASSOC]', () => {
    test('UPN on a verified domain; association needs the licence and a matching application id', async () => {
        expect((await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'aa@fabrikam.com' })).status).toBe(400);
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100', 'created');
        const aaId = '11111111-2222-3333-4444-555555555555';
        const unlicensed = await teams(emulator, 'New-CsOnlineApplicationInstanceAssociation', { Identities: [raId], ConfigurationId: aaId, ConfigurationType: 'AutoAttendant' });
        expect(message(unlicensed)).toContain('PHONESYSTEM_VIRTUALUSER');
        await call(emulator, 'PATCH', `/v1.0/users/${raId}`, { usageLocation: 'US' });
        await call(emulator, 'POST', `/v1.0/users/${raId}/assignLicense`, { addLicenses: [{ skuId: SKU_RA }], removeLicenses: [] });
        expect((await teams(emulator, 'New-CsOnlineApplicationInstanceAssociation', { Identities: [raId], ConfigurationId: aaId, ConfigurationType: 'CallQueue' })).status).toBe(400);
        const ok = await teams(emulator, 'New-CsOnlineApplicationInstanceAssociation', { Identities: [raId], ConfigurationId: aaId, ConfigurationType: 'AutoAttendant' });
        expect(ok.body.value).toEqual([expect.objectContaining({ ObjectId: raId, ConfigurationId: aaId, ConfigurationType: 'AutoAttendant' })]);
        // A second association is not refused ([ASSOC] documents no such error); it takes the place of the first.
        const otherAa = '22222222-2222-3333-4444-555555555555';
        expect((await teams(emulator, 'New-CsOnlineApplicationInstanceAssociation', { Identities: [raId], ConfigurationId: otherAa, ConfigurationType: 'AutoAttendant' })).status).toBe(200);
        expect(emulator.state.applicationInstanceAssociations.map(a => a.configurationId)).toEqual([otherAa]);
        const listed = await teams(emulator, 'Get-CsOnlineApplicationInstance', { Identity: 'main-aa@contoso.com' });
        expect(listed.body.value[0]).toMatchObject({ ObjectId: raId, ApplicationId: 'ce933385-9390-45d1-9512-c8d228074e07' });
        expect((await teams(emulator, 'Get-CsNothing')).status).toBe(404);
        const filtered = await teams(emulator, 'Get-CsOnlineUser', { Filter: "AccountType -eq 'ResourceAccount'" });
        expect(filtered.body.value.map((u: { UserPrincipalName: string }) => u.UserPrincipalName)).toEqual(['main-aa@contoso.com']);
        const like = await teams(emulator, 'Get-CsOnlineUser', { Filter: "UserPrincipalName -like 'a*' -and EnterpriseVoiceEnabled -eq 'False'" });
        expect(like.body.value.map((u: { UserPrincipalName: string }) => u.UserPrincipalName)).toEqual(['avery.chen@contoso.com', 'alex.kim@contoso.com']);
    });
});

describe('Teams Phone is a service plan, in whichever SKU [SKU-REF]', () => {
    const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
    const TEAMS_PHONE_PLAN = '4828c8ec-dc2e-4779-b502-87ac9ce28ab7';

    test('an E5 user may be enabled for voice; with the Teams Phone plan disabled in E5, not', async () => {
        const e5 = await startEmulator({
            port: 0, seed: {
                tenant: { domain: 'fabrikam.onmicrosoft.com' },
                skus: [{ skuId: E5, skuPartNumber: 'SPE_E5', prepaidUnits: 5 }],
                users: [
                    { userPrincipalName: 'ada@fabrikam.onmicrosoft.com', displayName: 'Ada', usageLocation: 'US', licenses: ['SPE_E5'] },
                    { userPrincipalName: 'bo@fabrikam.onmicrosoft.com', displayName: 'Bo', usageLocation: 'US' }
                ]
            }
        });
        try {
            const enable = (upn: string) => teams(e5, 'Set-CsPhoneNumberAssignment', { Identity: upn, EnterpriseVoiceEnabled: true });
            expect((await enable('ada@fabrikam.onmicrosoft.com')).status).toBe(200);
            await call(e5, 'POST', '/v1.0/users/bo@fabrikam.onmicrosoft.com/assignLicense',
                { addLicenses: [{ skuId: E5, disabledPlans: [TEAMS_PHONE_PLAN] }], removeLicenses: [] });
            const refused = await enable('bo@fabrikam.onmicrosoft.com');
            expect(refused.status).toBe(403);
            expect(message(refused)).toContain('Teams Phone service plan');
        } finally {
            await e5.stop();
        }
    });
});

describe('effective policy with every source [UPA-GET, GPA-NEW]', () => {
    test('Get-CsUserPolicyAssignment lists the direct assignment first, then the groups by rank', async () => {
        const groups = (await call(emulator, 'GET', '/v1.0/groups')).body.value as { id: string; displayName: string }[];
        const seattle = groups.find(g => g.displayName === 'Store Associates Seattle')!.id;
        const { raId } = await prepareResourceAccount(emulator, 'main-aa@contoso.com', '+12065550100');
        for (const name of ['Direct', 'ViaGroup']) {
            expect((await teams(emulator, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: name, ResourceAccount: raId })).status).toBe(200);
        }
        await teams(emulator, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Group: seattle, PolicyName: 'ViaGroup', Rank: 1 });
        await teams(emulator, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Identity: 'avery.chen@contoso.com', PolicyName: 'Direct' });
        const [assignment] = (await teams(emulator, 'Get-CsUserPolicyAssignment', { Identity: 'avery.chen@contoso.com', PolicyType: 'TeamsSharedCallingRoutingPolicy' })).body.value;
        expect(assignment.PolicyName).toBe('Direct');
        expect(assignment.PolicySource).toEqual([
            { AssignmentType: 'Direct', PolicyName: 'Direct', Reference: null },
            { AssignmentType: 'Group', PolicyName: 'ViaGroup', Reference: seattle }
        ]);
    });
});
