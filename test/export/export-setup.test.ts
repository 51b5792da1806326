/** The export's pure mapping (language/export/): names, collisions, determinism and what is left out, on small snapshots. */
import { describe, expect, it } from 'vitest';
import { exportSetup } from '../../language/export/export-setup.js';
import { isVoiceName, NameBook, nameFrom } from '../../language/export/names.js';
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
