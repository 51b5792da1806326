/**
 * The readiness assessment and its renderers, on tenant data made by hand: each documented
 * blocker and each location case turns the member or group into a gap (or a note), and
 * tenant text never reaches markdown or HTML unescaped.
 */
import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../language/plan/snapshot.js';
import { assessReadiness, TEAMS_PHONE_SERVICE_PLAN } from '../../language/report/emergency-readiness.js';
import type { ReadinessTenant, UserConfiguration } from '../../language/report/readiness-data.js';
import type { ReadinessSetup } from '../../language/report/readiness-setup.js';
import { escapeHtml, renderReadinessHtml } from '../../language/report/render-readiness-html.js';
import { markdownCell, renderReadinessJson, renderReadinessMarkdown, renderReadinessText } from '../../language/report/render-readiness.js';
import { htmlProblems } from '../support/html-balance.js';

const GROUP = 'g-seattle';
const RA = 'ra-1';
const SEATTLE = { civicAddressId: 'c-sea', defaultLocationId: 'l-sea', description: 'voice:SeattleStore', houseNumber: '1', streetName: 'Pike St', city: 'Seattle', stateOrProvince: 'WA', postalCode: '98101', countryOrRegion: 'US' };
const SPOKANE = { civicAddressId: 'c-spo', defaultLocationId: 'l-spo', description: 'voice:SpokaneStore', streetName: 'W Main Ave', city: 'Spokane', countryOrRegion: 'US' };

const setup = (worksAt = 'SeattleStore'): ReadinessSetup => ({
    groups: [{
        key: 'SeattleAssociates', displayName: 'Store Associates Seattle', sharedCallingPolicy: { name: 'WashingtonStores', rank: 1 },
        emergencyRoutingPolicy: 'SharedCalling-Emergency-SeattleAssociates', worksAt: { name: worksAt, description: `voice:${worksAt}` }
    }],
    sharedCallingPolicies: ['WashingtonStores'], emergencyRoutingPolicies: ['SharedCalling-Emergency-SeattleAssociates'], emergencyCallingPolicies: []
});

/** The setup with `emergency … notify SecurityDesk` on the group. */
const notifying = (): ReadinessSetup => {
    const s = setup();
    s.groups[0]!.emergencyCallingPolicy = 'SecurityDesk';
    s.emergencyCallingPolicies = ['SecurityDesk'];
    return s;
};

function readyConfiguration(id: string): UserConfiguration {
    return {
        id, enterpriseVoiceEnabled: true, telephoneNumbers: [], policies: {
            TeamsSharedCallingRoutingPolicy: { name: 'WashingtonStores', assignmentType: 'group', groupId: GROUP },
            OnlineVoiceRoutingPolicy: { name: 'SharedCalling-Users-NoPstn', assignmentType: 'group', groupId: GROUP },
            TeamsEmergencyCallRoutingPolicy: { name: 'SharedCalling-Emergency-SeattleAssociates', assignmentType: 'direct' }
        }
    };
}

function tenant(): ReadinessTenant {
    const snapshot = emptySnapshot();
    snapshot.groups = [{ id: GROUP, displayName: 'Store Associates Seattle' }];
    snapshot.groupAssignments = [{ groupId: GROUP, policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'WashingtonStores', rank: 1 }];
    snapshot.sharedCallingPolicies = [{ identity: 'WashingtonStores', resourceAccount: RA, emergencyNumbers: [] }];
    snapshot.applicationInstances = [{ objectId: RA, userPrincipalName: 'sc-washington@contoso.com' }];
    snapshot.numbers = [{ telephoneNumber: '+12065550100', numberType: 'DirectRouting', assignedTo: RA, locationId: 'l-sea' }];
    snapshot.civicAddresses = [SEATTLE, SPOKANE];
    snapshot.voiceRoutingPolicies = [{ identity: 'SharedCalling-Users-NoPstn', usages: [] }, { identity: 'Global', usages: [] }, { identity: 'Personal', usages: ['Ctelo-US'] }];
    return {
        snapshot,
        members: [{ groupId: GROUP, members: [{ id: 'u1', type: 'user', displayName: 'Avery Chen', userPrincipalName: 'avery@contoso.com' }] }],
        licences: [{ id: 'u1', licences: [{ skuId: 'sku-phone', disabledPlans: [] }] }],
        skus: [
            { skuId: 'sku-phone', skuPartNumber: 'MCOEV', servicePlans: [{ servicePlanId: TEAMS_PHONE_SERVICE_PLAN, servicePlanName: 'MCOEV' }] },
            { skuId: 'sku-e5', skuPartNumber: 'SPE_E5', servicePlans: [{ servicePlanId: TEAMS_PHONE_SERVICE_PLAN, servicePlanName: 'MCOEV' }] },
            { skuId: 'sku-e3', skuPartNumber: 'SPE_E3', servicePlans: [] }
        ],
        configurations: [readyConfiguration('u1')],
        emergencyCallingPolicies: [{ identity: 'Global' }],
        locations: [],
        network: { trustedIps: [], sites: [], lis: [] }
    };
}

const member = (t: ReadinessTenant, s = setup()) => assessReadiness(s, t, 'test').groups[0]!.members[0]!;

describe('emergency readiness', () => {
    it('a licensed, voice-enabled member with the group\'s policies and no number is ready', () => {
        const report = assessReadiness(setup(), tenant(), 'test');
        expect(report.ready).toBe(true);
        const m = report.groups[0]!.members[0]!;
        expect(m.checks.sharedCalling.value).toBe('WashingtonStores (group Store Associates Seattle, rank 1)');
        expect(report.groups[0]!.location).toMatchObject({ status: 'ok', value: 'SeattleStore (1 Pike St, Seattle WA 98101, US) from +12065550100' });
        // The tenant default notifies no one: said, not counted as a gap.
        expect(m.checks.emergencyCalling.status).toBe('note');
    });

    it('with notification declared, a member on another emergency calling policy is a gap; on the declared one, ok', () => {
        const t = tenant();
        t.emergencyCallingPolicies.push({ identity: 'SecurityDesk', notificationGroup: 'desk@contoso.com', notificationMode: 'ConferenceMuted' });
        // Nothing granted yet: the tenant default does not notify the desk the files name.
        expect(member(t, notifying()).checks.emergencyCalling).toMatchObject({ status: 'gap', value: 'Global (tenant default), not SecurityDesk: the security desk the files name is not notified' });
        expect(member(t, notifying()).ready).toBe(false);
        // A direct grant of another policy beats the group's: still a gap, even though it notifies someone.
        t.emergencyCallingPolicies.push({ identity: 'Lobby', notificationGroup: 'lobby@contoso.com' });
        t.configurations[0]!.policies.TeamsEmergencyCallingPolicy = { name: 'Lobby', assignmentType: 'direct' };
        expect(member(t, notifying()).checks.emergencyCalling.status).toBe('gap');
        t.configurations[0]!.policies.TeamsEmergencyCallingPolicy = { name: 'SecurityDesk', assignmentType: 'group', groupId: GROUP };
        const m = member(t, notifying());
        expect(m.checks.emergencyCalling).toMatchObject({ status: 'ok', value: 'SecurityDesk (group Store Associates Seattle): notifies desk@contoso.com (ConferenceMuted)' });
        expect(m.ready).toBe(true);
    });

    it('with notification declared, another covered group\'s declared policy is a note; without a declaration, today\'s note stays', () => {
        const t = tenant();
        t.emergencyCallingPolicies.push({ identity: 'NightDesk', notificationGroup: 'night@contoso.com' });
        t.configurations[0]!.policies.TeamsEmergencyCallingPolicy = { name: 'NightDesk', assignmentType: 'direct' };
        const s = notifying();
        s.emergencyCallingPolicies.push('NightDesk');
        expect(member(t, s).checks.emergencyCalling).toMatchObject({ status: 'note', value: 'NightDesk (direct): notifies night@contoso.com, of another covered group' });
        // Nothing declared: the effective policy is shown, never a gap.
        expect(member(t).checks.emergencyCalling.status).toBe('ok');
        t.configurations[0]!.policies.TeamsEmergencyCallingPolicy = { name: 'Global', assignmentType: 'direct' };
        expect(member(t).checks.emergencyCalling.status).toBe('note');
        expect(renderReadinessText(assessReadiness(notifying(), t, 'test'))).toContain('emergency calling policy SecurityDesk');
    });

    it('Teams Phone is the MCOEV service plan in any SKU, unless switched off there', () => {
        const t = tenant();
        t.licences = [{ id: 'u1', licences: [{ skuId: 'sku-e5', disabledPlans: [] }] }];
        expect(member(t).checks.licence).toMatchObject({ status: 'ok', value: 'MCOEV in SPE_E5' });
        t.licences = [{ id: 'u1', licences: [{ skuId: 'sku-e5', disabledPlans: [TEAMS_PHONE_SERVICE_PLAN] }] }];
        expect(member(t).checks.licence.status).toBe('gap');
        t.licences = [{ id: 'u1', licences: [{ skuId: 'sku-e3', disabledPlans: [] }] }];
        expect(member(t).checks.licence.status).toBe('gap');
    });

    it('a number of their own and a direct voice routing policy with PSTN usages are blockers', () => {
        const t = tenant();
        t.configurations[0]!.telephoneNumbers = ['+12065550199'];
        t.configurations[0]!.policies.OnlineVoiceRoutingPolicy = { name: 'Personal', assignmentType: 'direct' };
        const m = member(t);
        expect(m.ready).toBe(false);
        expect(m.checks.phoneNumber.status).toBe('gap');
        expect(m.checks.voiceRouting.status).toBe('gap');
        expect(m.checks.voiceRouting.value).toContain('which beats the group\'s policy');
        expect(m.checks.voiceRouting.value).toContain('won\'t use Shared Calling');
        // A Direct Routing extension is extension dialing, not a number of their own.
        t.configurations[0]!.telephoneNumbers = ['+12065550100;ext=1234'];
        expect(member(t).checks.phoneNumber.status).toBe('ok');
    });

    it('Enterprise Voice off, the tenant default Shared Calling policy and a missing routing policy are gaps', () => {
        const t = tenant();
        t.configurations = [{ id: 'u1', enterpriseVoiceEnabled: false, telephoneNumbers: [], policies: {} }];
        const m = member(t);
        expect([m.checks.enterpriseVoice.status, m.checks.sharedCalling.status, m.checks.emergencyRouting.status]).toEqual(['gap', 'gap', 'gap']);
        t.configurations = [];
        expect(member(t).checks.enterpriseVoice.value).toContain('no Teams user configuration');
    });

    it('a workplace other than the shared number\'s address is a gap without dynamic coverage, a note with it', () => {
        const t = tenant();
        const report = assessReadiness(setup('SpokaneStore'), t, 'test');
        expect(report.ready).toBe(false);
        expect(report.groups[0]!.location.status).toBe('gap');
        expect(report.groups[0]!.location.value).toContain('SeattleStore (1 Pike St, Seattle WA 98101, US) from +12065550100, not SpokaneStore');
        t.network.lis = [{ kind: 'subnet', id: '10.20.1.0', locationId: 'l-spo' }];
        // Mapped but no trusted IP: Teams looks for no dynamic location [DYN-EMERG].
        expect(assessReadiness(setup('SpokaneStore'), t, 'test').groups[0]!.location.status).toBe('gap');
        t.network.trustedIps = [{ ipAddress: '198.51.100.0', maskBits: 24 }];
        const covered = assessReadiness(setup('SpokaneStore'), t, 'test');
        expect(covered.groups[0]!.location.status).toBe('note');
        expect(covered.ready).toBe(true);
        expect(covered.dynamic.lis).toEqual(['subnet 10.20.1.0 → SpokaneStore (W Main Ave, Spokane, US)']);
    });

    it('a nested group is a warning, not a member', () => {
        const t = tenant();
        t.members[0]!.members.push({ id: 'g-night', type: 'group', displayName: 'Night Shift' });
        const group = assessReadiness(setup(), t, 'test').groups[0]!;
        expect(group.members).toHaveLength(1);
        expect(group.findings).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('Night Shift') })]);
    });

    it('a group missing from the tenant is a gap', () => {
        const t = tenant();
        t.snapshot.groups = [];
        const report = assessReadiness(setup(), t, 'test');
        expect(report.ready).toBe(false);
        expect(report.groups[0]!.findings[0]!.severity).toBe('gap');
    });

    it('the 64-group limit counts other teams\' grants: 64 of theirs and a group of the setup still lacking the type is a gap; 63 is not', () => {
        const t = tenant();
        const others = (n: number) => Array.from({ length: n }, (_, i) => ({ groupId: `other-${i}`, policyType: 'OnlineVoiceRoutingPolicy', policyName: 'Sales', rank: i + 1 }));
        t.snapshot.groupAssignments.push(...others(64));
        const limit = assessReadiness(setup(), t, 'test').findings.filter(f => f.sources.includes('GPA-NEW'));
        expect(limit).toEqual([expect.objectContaining({ severity: 'gap', message: expect.stringMatching(/^OnlineVoiceRoutingPolicy is assigned to 64 groups .* 1 of the setup's groups still lack it/) })]);
        t.snapshot.groupAssignments = t.snapshot.groupAssignments.filter(a => a.groupId !== 'other-63');
        expect(assessReadiness(setup(), t, 'test').findings.filter(f => f.sources.includes('GPA-NEW'))).toEqual([]);
    });
});

describe('readiness renderers', () => {
    const hostile = '<script>alert("x")</script> | *Bold* & [link](http://evil.example)';
    const withHostile = () => {
        const t = tenant();
        t.members[0]!.members[0]!.displayName = hostile;
        return assessReadiness(setup(), t, 'test');
    };

    it('HTML escapes tenant text, loads nothing and is well-formed', () => {
        const html = renderReadinessHtml(withHostile());
        expect(html).not.toContain('<script');
        expect(html).toContain(escapeHtml(hostile));
        expect(html).not.toMatch(/\s(src|href)=/i);
        expect(htmlProblems(html)).toEqual([]);
    });

    it('markdown keeps a display name inside its table cell', () => {
        const md = renderReadinessMarkdown(withHostile());
        const row = md.split('\n').find(l => l.includes('alert'))!;
        expect(row).toContain(markdownCell(hostile));
        // Eight columns: the member and seven checks, whatever the name holds.
        expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
        expect(row).not.toContain('<script');
    });

    it('text names what a member lacks; JSON carries the format and every check', () => {
        const t = tenant();
        t.configurations[0]!.enterpriseVoiceEnabled = false;
        const report = assessReadiness(setup(), t, 'test');
        expect(renderReadinessText(report)).toMatch(/✗ Avery Chen <avery@contoso.com>\n\s+✗ Enterprise Voice: off/);
        const json = JSON.parse(renderReadinessJson(report)) as { format: string; version: number; groups: { members: { checks: Record<string, { status: string }> }[] }[] };
        expect(json.format).toBe('voice-emergency-readiness');
        expect(Object.keys(json.groups[0]!.members[0]!.checks)).toHaveLength(7);
    });
});
