/** The export's pure mapping (language/export/): names, collisions, determinism and what is left out, on small snapshots. */
import { describe, expect, it } from 'vitest';
import { exportSetup } from '../../language/export/export-setup.js';
import { isVoiceName, NameBook, nameFrom } from '../../language/export/names.js';
import type { ObservedAutoAttendant } from '../../language/kinds/auto-attendant.js';
import { holidaysText } from '../../language/kinds/auto-attendant-schedule.js';
import { AUTO_ATTENDANT_APP_ID } from '../../language/kinds/resource-account.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';

describe('export names', () => {
    it('derives identifiers from display names', () => {
        expect(nameFrom('Contoso Stores Washington', 'Account')).toBe('ContosoStoresWashington');
        expect(nameFrom('Café Main', 'Account')).toBe('CafeMain');
        expect(nameFrom('24/7 Support', 'Account')).toBe('Account247Support');
        expect(nameFrom('  ', 'Account')).toBe('Account');
        expect(nameFrom(undefined, 'Group')).toBe('Group');
        expect(nameFrom('number', 'Account')).toBe('Number');
    });

    it('knows the keywords, which are no names', () => {
        expect(isVoiceName('group')).toBe(false);
        expect(isVoiceName('works')).toBe(true);
        expect(isVoiceName('Retail-Stores')).toBe(false);
        expect(isVoiceName('_x1')).toBe(true);
    });

    it('resolves collisions in the order asked, without case', () => {
        const book = new NameBook();
        expect(book.claim('Seattle')).toBe(true);
        expect(book.unique('seattle')).toBe('seattle_2');
        expect(book.unique('Seattle')).toBe('Seattle_3');
        expect(book.claim('SEATTLE')).toBe(false);
    });
});

function tenant(): TenantSnapshot {
    const s = emptySnapshot();
    for (const [i, upn] of ['b@contoso.com', 'a@contoso.com', 'c@contoso.com'].entries()) {
        s.applicationInstances.push({ objectId: `id-${upn[0]}`, userPrincipalName: upn, displayName: i < 2 ? 'Store Line' : 'Main', applicationId: AUTO_ATTENDANT_APP_ID });
        s.users.push({ id: `id-${upn[0]}`, userPrincipalName: upn, usageLocation: 'US', licenseSkuIds: [] });
        s.numbers.push({ telephoneNumber: `+1206555010${i}`, numberType: 'CallingPlan', assignedTo: `id-${upn[0]}` });
    }
    s.sharedCallingPolicies.push({ identity: 'Global', emergencyNumbers: [] }, { identity: 'Retail-Stores', resourceAccount: 'id-c', emergencyNumbers: [] });
    s.civicAddresses.push({ civicAddressId: 'c1', defaultLocationId: 'l1', description: 'Warehouse', companyName: 'Contoso', countryOrRegion: 'US' });
    s.gateways.push({ fqdn: 'legacy.contoso.com', port: 5061, enabled: true });
    return s;
}

describe('exportSetup', () => {
    it('names accounts with one display name apart, in UPN order, and is deterministic', () => {
        const first = exportSetup(tenant(), { scope: 'all-voice', source: 'test' });
        const accounts = first.files.find(f => f.name === 'accounts.voice')!.text;
        expect(accounts).toMatch(/resource-account StoreLine \{\s+upn\s+"a@contoso.com"/);
        expect(accounts).toMatch(/resource-account StoreLine_2 \{\s+upn\s+"b@contoso.com"/);
        expect(accounts).toContain('number StoreLineLine "+12065550101" calling-plan');
        expect(exportSetup(tenant(), { scope: 'all-voice', source: 'test' })).toEqual(first);
    });

    it('adopts objects whose Teams identity is no .voice name, lists what it cannot write, and writes the Global policy nowhere', () => {
        const s = tenant();
        s.civicAddresses.push({ civicAddressId: 'c0', defaultLocationId: 'l0', companyName: 'Contoso', countryOrRegion: 'US' });
        s.networkRegions.push({ identity: 'West Coast' });
        const result = exportSetup(s, { scope: 'all-voice', source: 'test' });
        expect(result.leftOut.map(l => l.object)).toEqual(['PSTN gateway legacy.contoso.com', 'civic address c0 (Contoso, US)']);
        const all = result.files.map(f => f.text).join('\n');
        expect(all).toMatch(/shared-calling-policy RetailStores \{[^}]*identity\s+"Retail-Stores"/);
        expect(all).toMatch(/address Warehouse \{[^}]*identity\s+"Warehouse"/);
        expect(all).toContain('network-region WestCoast identity "West Coast"');
        expect(all).not.toContain('Global');
    });

    it('gives a tool-made name an identity clause when another object holds the name', () => {
        const s = tenant();
        s.civicAddresses.push({ civicAddressId: 'c2', defaultLocationId: 'l2', description: 'voice:Warehouse', companyName: 'Contoso', countryOrRegion: 'US' });
        const network = exportSetup(s, { scope: 'all-voice', source: 'test' }).files[0]!.text;
        expect(network).toMatch(/address Warehouse \{[^}]*\}/);
        expect(network).not.toMatch(/address Warehouse \{[^}]*identity/);
        expect(network).toMatch(/address Warehouse_2 \{[^}]*identity\s+"Warehouse"/);
    });

    it('writes a tenant statement for a domain, with the accounts\' other domains', () => {
        const s = tenant();
        s.applicationInstances[0]!.userPrincipalName = 'b@fabrikam.com';
        const network = exportSetup(s, { scope: 'all-voice', source: 'test', tenantDomain: 'contoso.onmicrosoft.com' }).files[0]!.text;
        expect(network).toContain('tenant "contoso.onmicrosoft.com" domains "contoso.com", "fabrikam.com"');
    });

    it('escapes strings as the grammar reads them', () => {
        const s = tenant();
        s.applicationInstances[2]!.displayName = 'Say "hi" \\ bye';
        const all = exportSetup(s, { scope: 'all-voice', source: 'test' }).files.map(f => f.text).join('\n');
        expect(all).toContain('display-name "Say \\"hi\\" \\\\ bye"');
    });
});

describe('coverage of a granted group without members', () => {
    function granted(groups: string[], policies: string[]): TenantSnapshot {
        const s = tenant();
        s.sharedCallingPolicies.push({ identity: 'Stores', resourceAccount: 'id-a', emergencyNumbers: [] });
        groups.forEach((displayName, i) => {
            s.groups.push({ id: `g${i}`, displayName });
            s.groupAssignments.push({ groupId: `g${i}`, policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Stores', rank: i + 1 });
        });
        for (const identity of policies) s.emergencyRoutingPolicies.push({ identity, emergencyNumbers: [{ dialString: '911' }], description: 'x' });
        s.civicAddresses.push({ civicAddressId: 'c2', defaultLocationId: 'l2', description: 'voice:Seattle', companyName: 'C', countryOrRegion: 'US' });
        s.numbers[1]!.locationId = 'l2';
        return s;
    }
    const coverage = (s: TenantSnapshot) => exportSetup(s, { scope: 'shared-calling', source: 'test' }).files.find(f => f.name === 'Stores.voice')!.text;

    it('takes the policy whose name is the derived name, else the one whose words are the display name\'s', () => {
        const text = coverage(granted(['Store Associates 00007', 'Store Team 08'], ['SharedCalling-Emergency-Associates00007', 'SharedCalling-Emergency-StoreTeam08']));
        expect(text).toContain('group Associates00007 "Store Associates 00007"');
        expect(text).toContain('emergency Associates00007 works-at Seattle dial "911"');
        expect(text).toContain('emergency StoreTeam08 works-at Seattle dial "911"');
    });

    it('links nothing when two groups fit one policy', () => {
        const text = coverage(granted(['Seattle Store Associates', 'Seattle Associates Night'], ['SharedCalling-Emergency-SeattleAssociates']));
        expect(text).not.toContain('emergency ');
    });
});

describe('routing under other names', () => {
    /** A Direct Routing account (id-a) on a gateway whose routing an admin named: a second route and an emergency route on it. */
    function routed(): TenantSnapshot {
        const s = tenant();
        s.gateways.push({ fqdn: 'sbc1.contoso.com', port: 5061, enabled: true, pidfLoSupported: true });
        s.pstnUsages.push('Carrier', 'International');
        s.voiceRoutes.push(
            { identity: 'International-Calls', numberPattern: '^\\+\\d+$', gateways: ['sbc1.contoso.com'], usages: ['International'], priority: 0 },
            { identity: 'Carrier PSTN', numberPattern: '^\\+?\\d+$', gateways: ['sbc1.contoso.com'], usages: ['Carrier'], priority: 1 },
            { identity: 'Carrier 911', numberPattern: '^(911|933)$', gateways: ['sbc1.contoso.com'], usages: ['Carrier'], priority: 2 },
            { identity: 'Two-Carriers', numberPattern: '^\\+\\d+$', gateways: ['sbc1.contoso.com', 'legacy.contoso.com'], usages: ['Carrier'], priority: 3 },
            // Users' routing (no policy has its usage alone): no trunk's, else a plan of the export would create a policy for it.
            { identity: 'Legacy Route', numberPattern: '^\\+\\d+$', gateways: ['legacy.contoso.com'], usages: ['Legacy'], priority: 4 }
        );
        s.voiceRoutingPolicies.push({ identity: 'Carrier-Accounts', usages: ['Carrier'] }, { identity: 'Intl-Callers', usages: ['International'] });
        s.numbers[1] = { telephoneNumber: '+12065550101', numberType: 'DirectRouting', assignedTo: 'id-a' };
        s.userPolicies.push({ userId: 'id-a', policies: { OnlineVoiceRoutingPolicy: { name: 'Carrier-Accounts', assignmentType: 'direct' } } });
        return s;
    }
    const network = (s: TenantSnapshot) => exportSetup(s, { scope: 'all-voice', source: 'test' });

    it('adopts the route a resource account routes through as the gateway\'s trunk, with its routing policy and emergency route', () => {
        const result = network(routed());
        const text = result.files.map(f => f.text).join('\n');
        expect(text).toMatch(/trunk CarrierPSTN \{[^}]*usage\s+"Carrier"[^}]*outbound-route\s+"Carrier PSTN"\s+emergency-route\s+"Carrier 911"\s+routing-policy\s+"Carrier-Accounts"\s+\}/);
        expect(text).toContain('number StoreLineLine "+12065550101" direct-routing via CarrierPSTN');
        // The account's usage wins over the lower priority of the other route; a route of two gateways is no trunk's.
        expect(result.leftOut).toEqual([
            { object: 'voice route Legacy Route', reason: expect.stringContaining('no voice routing policy has its usage Legacy alone') },
            { object: 'voice route Two-Carriers', reason: expect.stringContaining('several gateways or usages') },
            { object: 'voice route International-Calls', reason: expect.stringContaining('outbound route Carrier PSTN') },
            { object: 'PSTN gateway legacy.contoso.com', reason: expect.any(String) }
        ]);
    });

    it('takes the trunk\'s name from the tool\'s routing policy name, and writes only the clauses that differ from it', () => {
        const s = routed();
        s.voiceRoutingPolicies[0]!.identity = 'SharedCalling-Carrier';
        s.userPolicies[0]!.policies.OnlineVoiceRoutingPolicy!.name = 'SharedCalling-Carrier';
        const text = network(s).files.map(f => f.text).join('\n');
        expect(text).toMatch(/trunk Carrier \{[^}]*outbound-route\s+"Carrier PSTN"\s+emergency-route\s+"Carrier 911"\s+\}/);
        expect(text).toContain('via Carrier');
    });

    it('adopts the emergency call routing policy a granted group\'s members hold, naming the group from its display name', () => {
        const s = routed();
        s.sharedCallingPolicies.push({ identity: 'Stores', resourceAccount: 'id-a', emergencyNumbers: [] });
        s.groups.push({ id: 'g1', displayName: 'Store Team 01' }, { id: 'g2', displayName: 'Store Team 02' });
        for (const g of ['g1', 'g2']) s.groupAssignments.push({ groupId: g, policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Stores', rank: Number(g[1]) });
        s.emergencyRoutingPolicies.push({ identity: 'US Emergency', emergencyNumbers: [{ dialString: '911', usage: 'Carrier' }], description: 'made in TAC' });
        s.civicAddresses.push({ civicAddressId: 'c2', defaultLocationId: 'l2', description: 'voice:Seattle', companyName: 'C', countryOrRegion: 'US' });
        s.numbers[1]!.locationId = 'l2';
        for (const [user, group] of [['u1', 'g1'], ['u2', 'g2']]) {
            s.userPolicies.push({ userId: user!, policies: {
                TeamsSharedCallingRoutingPolicy: { name: 'Stores', assignmentType: 'group', groupId: group },
                TeamsEmergencyCallRoutingPolicy: { name: 'US Emergency', assignmentType: 'direct' }
            } });
        }
        const result = exportSetup(s, { scope: 'shared-calling', source: 'test' });
        const text = result.files.find(f => f.name === 'Stores.voice')!.text;
        expect(text).toContain('emergency StoreTeam01 works-at Seattle via CarrierPSTN dial "911" identity "US Emergency"');
        // One policy, two groups: the language gives each group its own, so the second is left out, and said so.
        expect(text).not.toContain('emergency StoreTeam02');
        expect(result.leftOut).toContainEqual({ object: 'emergency coverage of group g2', reason: expect.stringContaining('US Emergency') });
    });
});

describe('who answers an account', () => {
    /** Two auto attendant accounts sharing numbers (id-a in policy Stores, id-b in policy Outlet), one granted group each, and one attendant answering `accounts`. */
    function answered(accounts: string[], attendant: Partial<ObservedAutoAttendant> = {}): TenantSnapshot {
        const s = tenant();
        s.sharedCallingPolicies.push({ identity: 'Stores', resourceAccount: 'id-a', emergencyNumbers: [] }, { identity: 'Outlet', resourceAccount: 'id-b', emergencyNumbers: [] });
        s.groups.push({ id: 'g1', displayName: 'Store Team 01' }, { id: 'g2', displayName: 'Outlet Team' });
        s.groupAssignments.push({ groupId: 'g1', policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Stores', rank: 1 },
            { groupId: 'g2', policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Outlet', rank: 2 });
        s.autoAttendants.push({ id: 'aa-1', name: 'Main Reception', languageId: 'en-US', timeZoneId: 'UTC', directorySearch: 'ByName', groupIds: ['G1'], applicationInstances: accounts, ...attendant });
        return s;
    }
    const text = (s: TenantSnapshot) => exportSetup(s, { scope: 'shared-calling', source: 'test' }).files.map(f => f.text).join('\n');

    it('writes the attendant as the setup\'s own when its dial scope is the groups granted the account\'s policy', () => {
        const all = text(answered(['id-a']));
        expect(all).toMatch(/auto-attendant MainReception answers StoreLine \{\s+display-name\s+"Main Reception"/);
        expect(all).not.toContain('answer StoreLine');
    });

    it('writes an attendant with hours as the setup\'s own, saying its hours stay as the tenant has them', () => {
        const hours = text(answered(['id-a'], { schedule: { hours: 'mon 09:00-17:00', afterHours: 'disconnect', holidays: holidaysText([]) } }));
        expect(hours).toMatch(/\/\/ Its business hours and holidays are not written[^\n]*\nauto-attendant MainReception answers StoreLine \{/);
        expect(text(answered(['id-a']))).not.toContain('business hours');
    });

    it('writes it once: another account it answers answers with it by name', () => {
        // Its dial scope is Outlet's group: written where it answers Outlet's account (b, StoreLine_2).
        const all = text(answered(['id-a', 'id-b'], { groupIds: ['g2'] }));
        expect(all.match(/auto-attendant MainReception/g)).toHaveLength(1);
        expect(all).toMatch(/auto-attendant MainReception answers StoreLine_2 \{/);
        expect(all).toContain('// Teams: auto attendant aa-1, answering as it is: it also answers StoreLine_2, where it is written');
        expect(all).toContain('answer StoreLine with auto-attendant "Main Reception"');
    });

    it('keeps an attendant as its admin made it when the file could not say what it is', () => {
        const scope = text(answered(['id-a'], { groupIds: ['g1', 'g2'] }));
        expect(scope).toContain('answer StoreLine with auto-attendant "Main Reception"');
        expect(scope).toContain('its dial scope is not the groups granted the policy that shares the account');
        expect(scope).not.toContain('auto-attendant MainReception');
        const twins = answered(['id-a']);
        twins.autoAttendants.push({ id: 'aa-0', name: 'Main Reception', groupIds: [], applicationInstances: [] });
        expect(text(twins)).toContain('another auto attendant of its name has a lower id (aa-0)');
    });
});
