/**
 * Every branch of the diff, kind by kind: create on an empty tenant, unchanged on a tenant
 * that mirrors the files, an update for each drift field of each kind, address drift, group
 * not found and ambiguous, member grants complete / partial / missing, and the tenant's
 * objects of each kind that the files do not declare.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { KINDS } from '../../language/kinds/index.js';
import type { Plan, PlannedChange } from '../../language/plan/diff.js';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup, type StatementPlan } from '../../language/plan/desired-setup.js';
import type { Resource, ResourceKind } from '../../language/plan/resources.js';
import { newlyGrantedGroupIds, type ObservedMember } from '../../language/kinds/group-grant.js';
import { RESOURCE_ACCOUNT_SKU_ID, type ObservedSku } from '../../language/kinds/resource-account.js';
import { TEAMS_PHONE_SERVICE_PLAN } from '../../language/plan/teams-phone.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { emptySnapshot } from '../../language/plan/snapshot.js';
import { BASE, clearAll, FULL, parse } from '../language/helpers.js';

const KIND_NAMES = Object.keys(KINDS) as ResourceKind[];
const SKU = { skuId: RESOURCE_ACCOUNT_SKU_ID, skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', enabled: 25, consumed: 0 };

let plans: StatementPlan[];
let resources: Resource[];

beforeAll(async () => {
    await clearAll();
    plans = planSetup([(await parse(FULL, { validation: true })).parseResult.value]);
    resources = plans.flatMap(p => p.resources);
});

const accountId = (upn: string) => `id-${upn.toLowerCase()}`;
const groupId = (key: string) => `g-${key}`;
const locationId = (address: string) => `loc-${address}`;
const memberId = (group: string, n: number) => `member-${n}-${group}`;
const placeId = (address: string, place: string) => `loc-${address}-${place}`;

/** A tenant that has exactly what the files declare (ids made up), with `members` members per covered group. */
function mirror(members = 1): TenantSnapshot {
    const s: TenantSnapshot = { ...emptySnapshot(), skus: [SKU] };
    const policies = (userId: string) => {
        let entry = s.userPolicies.find(u => u.userId === userId);
        if (!entry) s.userPolicies.push(entry = { userId, enterpriseVoiceEnabled: true, policies: {} });
        return entry;
    };
    for (const r of resources) {
        switch (r.kind) {
            case 'gateway': s.gateways.push({ fqdn: r.fqdn, port: r.port, enabled: true, pidfLoSupported: r.pidfLoSupported }); break;
            case 'pstn-usage': s.pstnUsages.push(r.usage); break;
            case 'voice-route': s.voiceRoutes.push({ identity: r.identity, numberPattern: r.numberPattern, gateways: [...r.gateways], usages: [...r.usages], priority: r.priority }); break;
            case 'voice-routing-policy': s.voiceRoutingPolicies.push({ identity: r.identity, usages: [...r.usages], description: r.description }); break;
            case 'civic-address':
                s.civicAddresses.push({
                    civicAddressId: `c-${r.description}`, defaultLocationId: locationId(r.description), description: r.description, companyName: r.companyName,
                    houseNumber: r.houseNumber, streetName: r.streetName, city: r.city, stateOrProvince: r.stateOrProvince, postalCode: r.postalCode,
                    countryOrRegion: r.countryOrRegion, latitude: r.latitude, longitude: r.longitude, elin: r.elin
                });
                break;
            case 'resource-account':
                s.applicationInstances.push({ objectId: accountId(r.userPrincipalName), userPrincipalName: r.userPrincipalName, displayName: r.displayName, applicationId: r.applicationId });
                s.users.push({ id: accountId(r.userPrincipalName), userPrincipalName: r.userPrincipalName, displayName: r.displayName, usageLocation: r.usageLocation, licenseSkuIds: [r.licenseSkuId] });
                break;
            case 'number-assignment':
                s.numbers.push({ telephoneNumber: r.telephoneNumber, numberType: r.numberType, assignedTo: accountId(r.account), locationId: r.address ? locationId(r.address) : undefined });
                break;
            case 'voice-routing-policy-grant': policies(accountId(r.account)).policies.OnlineVoiceRoutingPolicy = { name: r.policy, assignmentType: 'direct' }; break;
            case 'shared-calling-policy':
                s.sharedCallingPolicies.push({ identity: r.identity, resourceAccount: accountId(r.resourceAccount), emergencyNumbers: [...r.emergencyNumbers], description: r.description });
                break;
            case 'group': s.groups.push({ id: groupId(r.key), displayName: r.displayName ?? r.key }); break;
            case 'auto-attendant':
                s.autoAttendants.push({
                    id: `aa-${r.key}`, name: r.name, languageId: r.languageId, timeZoneId: r.timeZoneId, directorySearch: r.directorySearch,
                    operatorId: r.operator?.type === 'ApplicationEndpoint' ? accountId(r.operator.account) : r.operator?.number,
                    groupIds: r.groups.map(g => groupId(g.key)), applicationInstances: []
                });
                break;
            case 'application-association': s.autoAttendants.find(a => a.name === r.configuration)!.applicationInstances.push(accountId(r.resourceAccount)); break;
            case 'group-grant': s.groupAssignments.push({ groupId: groupId(r.group), policyType: r.policyType, policyName: r.policyName, rank: r.rank }); break;
            case 'emergency-calling-policy':
                s.emergencyCallingPolicies.push({
                    identity: r.identity, notificationGroup: [...r.notificationGroup], notificationMode: r.notificationMode,
                    notificationDialOutNumber: r.notificationDialOutNumber, externalLocationLookupMode: r.externalLocationLookupMode, description: r.description
                });
                break;
            case 'emergency-call-routing-policy':
                s.emergencyRoutingPolicies.push({ identity: r.identity, emergencyNumbers: r.emergencyNumbers.map(n => ({ ...n })), description: r.description, allowEnhancedEmergencyServices: true });
                break;
            case 'trusted-ip': s.trustedIps.push({ ipAddress: r.ipAddress, maskBits: r.maskBits, description: r.description }); break;
            case 'network-region': s.networkRegions.push({ identity: r.identity, description: r.description }); break;
            case 'network-site': s.networkSites.push({ identity: r.identity, region: r.region, description: r.description }); break;
            case 'network-subnet': s.networkSubnets.push({ subnetId: r.subnetId, maskBits: r.maskBits, site: r.site }); break;
            case 'lis-location': s.lisLocations.push({ locationId: placeId(r.address, r.place), civicAddressId: `c-${r.address}`, location: r.place }); break;
            case 'lis-network-id': {
                const field = ({ 'subnet': 'lisSubnets', 'access-point': 'lisAccessPoints', 'switch': 'lisSwitches', 'port': 'lisPorts' } as const)[r.type];
                s[field].push({ id: r.id, port: r.port, locationId: r.place !== undefined ? placeId(r.address, r.place) : locationId(r.address), description: r.description });
                break;
            }
            case 'user-extension': {
                const userId = `user-${r.key}`;
                s.numbers.push({ telephoneNumber: r.telephoneNumber, numberType: 'DirectRouting', assignedTo: userId });
                s.userPolicies.push({ userId, userPrincipalName: r.userPrincipalName, enterpriseVoiceEnabled: true, policies: { OnlineVoiceRoutingPolicy: { name: r.policy, assignmentType: 'direct' } } });
                break;
            }
            case 'emergency-members-grant':
                for (let n = 0; n < members; n++) {
                    policies(memberId(r.group, n)).policies = {
                        TeamsSharedCallingRoutingPolicy: { name: 'Frontline', assignmentType: 'group', groupId: groupId(r.group) },
                        TeamsEmergencyCallRoutingPolicy: { name: r.policy, assignmentType: 'direct' }
                    };
                }
                break;
        }
    }
    return s;
}

const diff = (snapshot: TenantSnapshot): Plan => diffSetup(plans, snapshot);
const label = (c: PlannedChange) => `${c.resource.kind}:${c.resource.key}`;
const changed = (plan: Plan) => plan.changes.filter(c => c.action !== 'unchanged');

describe('create', () => {
    test.each(KIND_NAMES.filter(k => k !== 'group'))('%s: created on an empty tenant', kind => {
        const plan = diff({ ...emptySnapshot(), skus: [SKU], groups: [{ id: groupId('StoreAssociates'), displayName: 'Store Associates' }] });
        const ofKind = plan.changes.filter(c => c.resource.kind === kind);
        expect(ofKind.length).toBeGreaterThan(0);
        expect(ofKind.map(c => c.action)).toEqual(ofKind.map(() => 'create'));
    });

    test('notes say what a create will do', () => {
        const plan = diff({ ...emptySnapshot(), skus: [SKU], groups: [{ id: groupId('StoreAssociates'), displayName: 'Store Associates' }] });
        const note = (kind: ResourceKind) => plan.changes.filter(c => c.resource.kind === kind).map(c => c.note);
        expect(note('resource-account')).toEqual(['licence PHONESYSTEM_VIRTUALUSER, usage location US']);
        expect(note('number-assignment')).toEqual(['to sc-frontline@contoso.com']);
        expect(note('voice-routing-policy-grant')).toEqual(['grant SharedCalling-CteloUS']);
        expect(note('group-grant')).toEqual(['rank 1', 'rank 1', 'rank 1']);
        expect(note('emergency-calling-policy')).toEqual(['notify 1 address(es)']);
        expect(note('emergency-members-grant')).toEqual(['Enterprise Voice and emergency routing for every member']);
    });
});

describe('number assignment', () => {
    test('a number in the inventory but on no one is assigned (create), not relocated', () => {
        const s = mirror();
        s.numbers[0]!.assignedTo = undefined;
        s.numbers[0]!.locationId = 'elsewhere';
        const change = diff(s).changes.find(c => c.resource.kind === 'number-assignment')!;
        expect([change.action, change.changes]).toEqual(['create', []]);
    });
});

describe('unchanged', () => {
    test('a tenant that mirrors the files: every object unchanged, no findings, nothing unmanaged', () => {
        const plan = diff(mirror());
        expect(changed(plan).map(label)).toEqual([]);
        expect(plan.findings).toEqual([]);
        expect(plan.notManaged).toEqual([]);
        expect(new Set(plan.changes.map(c => c.resource.kind))).toEqual(new Set(KIND_NAMES));
    });

    test('identifiers Teams matches regardless of case compare without case; text compares exactly', () => {
        const s = mirror();
        s.applicationInstances[0]!.applicationId = s.applicationInstances[0]!.applicationId!.toUpperCase();
        s.users[0]!.usageLocation = 'us';
        s.gateways[0]!.fqdn = s.gateways[0]!.fqdn.toUpperCase();
        s.sharedCallingPolicies[0]!.resourceAccount = s.sharedCallingPolicies[0]!.resourceAccount!.toUpperCase();
        s.groupAssignments[0]!.policyName = 'FRONTLINE';
        s.userPolicies.find(u => u.policies.OnlineVoiceRoutingPolicy)!.policies.OnlineVoiceRoutingPolicy!.name = 'sharedcalling-ctelous';
        s.numbers[0]!.locationId = s.numbers[0]!.locationId!.toUpperCase();
        expect(changed(diff(s)).map(label)).toEqual([]);
        s.voiceRoutes[0]!.numberPattern = s.voiceRoutes[0]!.numberPattern.replace('d', 'D');
        expect(changed(diff(s)).map(c => c.changes.map(f => f.field))).toEqual([['numberPattern']]);
    });
});

/** One drift: the kind and key that must become an update, its field, and how the tenant drifts. */
type Drift = [kind: ResourceKind, key: string, field: string, drift: (s: TenantSnapshot) => void];
const route = (s: TenantSnapshot, identity: string) => s.voiceRoutes.find(r => r.identity === identity)!;
const ovrp = (s: TenantSnapshot, identity: string) => s.voiceRoutingPolicies.find(r => r.identity === identity)!;

const DRIFTS: Drift[] = [
    ['gateway', 'sbc1.contoso.com', 'port', s => { s.gateways[0]!.port = 5067; }],
    ['gateway', 'sbc1.contoso.com', 'enabled', s => { s.gateways[0]!.enabled = false; }],
    ['gateway', 'sbc1.contoso.com', 'pidfLoSupported', s => { s.gateways[0]!.pidfLoSupported = false; }],
    ['voice-route', 'CteloUS-Outbound', 'numberPattern', s => { route(s, 'CteloUS-Outbound').numberPattern = '^\\d+$'; }],
    ['voice-route', 'CteloUS-Outbound', 'gateways', s => { route(s, 'CteloUS-Outbound').gateways = ['sbc2.contoso.com']; }],
    ['voice-route', 'CteloUS-Outbound', 'usages', s => { route(s, 'CteloUS-Outbound').usages.push('Other'); }],
    ['voice-route', 'CteloUS-Emergency', 'priority', s => { route(s, 'CteloUS-Emergency').priority = 3; }],
    ['voice-routing-policy', 'SharedCalling-Users-NoPstn', 'usages', s => { ovrp(s, 'SharedCalling-Users-NoPstn').usages = ['Ctelo-US']; }],
    ['voice-routing-policy', 'SharedCalling-CteloUS', 'description', s => { ovrp(s, 'SharedCalling-CteloUS').description = 'edited'; }],
    ['resource-account', 'sc-frontline@contoso.com', 'displayName', s => { s.applicationInstances[0]!.displayName = 'Renamed'; }],
    ['resource-account', 'sc-frontline@contoso.com', 'applicationId', s => { s.applicationInstances[0]!.applicationId = '11cd3e2e-fccb-42ad-ad00-878b93575e07'; }],
    ['resource-account', 'sc-frontline@contoso.com', 'usageLocation', s => { s.users[0]!.usageLocation = 'CA'; }],
    ['resource-account', 'sc-frontline@contoso.com', 'licence', s => { s.users[0]!.licenseSkuIds = []; }],
    ['number-assignment', '+12065550100', 'location', s => { s.numbers[0]!.locationId = 'elsewhere'; }],
    ['voice-routing-policy-grant', 'sc-frontline@contoso.com', 'policy', s => {
        s.userPolicies.find(u => u.policies.OnlineVoiceRoutingPolicy)!.policies.OnlineVoiceRoutingPolicy!.name = 'Other';
    }],
    ['shared-calling-policy', 'Frontline', 'resourceAccount', s => { s.sharedCallingPolicies[0]!.resourceAccount = 'someone-else'; }],
    ['shared-calling-policy', 'Frontline', 'emergencyNumbers', s => { s.sharedCallingPolicies[0]!.emergencyNumbers = ['+12065550199']; }],
    ['shared-calling-policy', 'Frontline', 'description', s => { s.sharedCallingPolicies[0]!.description = undefined; }],
    ['auto-attendant', 'Contoso Frontline Reception', 'languageId', s => { s.autoAttendants[0]!.languageId = 'fr-FR'; }],
    ['auto-attendant', 'Contoso Frontline Reception', 'timeZoneId', s => { s.autoAttendants[0]!.timeZoneId = 'UTC'; }],
    ['auto-attendant', 'Contoso Frontline Reception', 'directorySearch', s => { s.autoAttendants[0]!.directorySearch = 'ByExtension'; }],
    ['auto-attendant', 'Contoso Frontline Reception', 'dialScope', s => { s.autoAttendants[0]!.groupIds = ['g-elsewhere']; }],
    ['group-grant', 'TeamsSharedCallingRoutingPolicy|StoreAssociates', 'policyName', s => { s.groupAssignments[0]!.policyName = 'Other'; }],
    ['emergency-call-routing-policy', 'SharedCalling-Emergency-StoreAssociates', 'emergencyNumbers', s => {
        s.emergencyRoutingPolicies[0]!.emergencyNumbers = [{ dialString: '911', usage: 'Ctelo-US' }, { dialString: '933', usage: 'Other' }];
    }],
    ['emergency-call-routing-policy', 'SharedCalling-Emergency-StoreAssociates', 'description', s => { s.emergencyRoutingPolicies[0]!.description = 'x'; }],
    ['emergency-call-routing-policy', 'SharedCalling-Emergency-StoreAssociates', 'allowEnhancedEmergencyServices', s => {
        s.emergencyRoutingPolicies[0]!.allowEnhancedEmergencyServices = false;
    }],
    ['group-grant', 'TeamsEmergencyCallingPolicy|StoreAssociates', 'policyName', s => {
        s.groupAssignments.find(a => a.policyType === 'TeamsEmergencyCallingPolicy')!.policyName = 'Other';
    }],
    ['emergency-calling-policy', 'SecurityDesk', 'notificationGroup', s => { s.emergencyCallingPolicies[0]!.notificationGroup = ['someone@contoso.com']; }],
    ['emergency-calling-policy', 'SecurityDesk', 'notificationMode', s => { s.emergencyCallingPolicies[0]!.notificationMode = 'NotificationOnly'; }],
    ['emergency-calling-policy', 'SecurityDesk', 'notificationDialOutNumber', s => { s.emergencyCallingPolicies[0]!.notificationDialOutNumber = undefined; }],
    ['emergency-calling-policy', 'SecurityDesk', 'externalLocationLookupMode', s => { s.emergencyCallingPolicies[0]!.externalLocationLookupMode = 'Enabled'; }],
    ['emergency-calling-policy', 'SecurityDesk', 'description', s => { s.emergencyCallingPolicies[0]!.description = 'edited'; }],
    ['trusted-ip', '198.51.100.0', 'maskBits', s => { s.trustedIps[0]!.maskBits = 32; }],
    ['trusted-ip', '198.51.100.0', 'description', s => { s.trustedIps[0]!.description = 'edited'; }],
    ['network-region', 'PacificNW', 'description', s => { s.networkRegions[0]!.description = undefined; }],
    ['network-site', 'SeattleSite', 'region', s => { s.networkSites[0]!.region = 'Elsewhere'; }],
    ['network-subnet', '10.10.0.0', 'maskBits', s => { s.networkSubnets[0]!.maskBits = 24; }],
    ['network-subnet', '10.10.0.0', 'site', s => { s.networkSubnets[0]!.site = 'OtherSite'; }],
    ['lis-network-id', 'subnet|10.10.1.0', 'location', s => { s.lisSubnets[0]!.locationId = 'loc-voice:SeattleStore'; }],
    ['lis-network-id', 'port|b8-be-bf-4a-a3-01|g1/0/30', 'location', s => { s.lisPorts[0]!.locationId = 'elsewhere'; }],
    ['user-extension', 'avery.chen@contoso.com', 'number', s => { s.numbers.find(n => n.telephoneNumber.includes(';ext='))!.assignedTo = undefined; }],
    ['user-extension', 'avery.chen@contoso.com', 'voice routing policy', s => {
        s.userPolicies.find(u => u.userPrincipalName === 'avery.chen@contoso.com')!.policies.OnlineVoiceRoutingPolicy!.name = 'Ctelo-Direct';
    }]
];

describe('update per drift field', () => {
    test.each(DRIFTS.map(d => [`${d[0]} ${d[2]}`, ...d] as const))('%s', (_name, kind, key, field, drift) => {
        const s = mirror();
        drift(s);
        const plan = diff(s);
        expect(changed(plan).map(c => `${c.action} ${label(c)} ${c.changes.map(f => f.field).join(',')}`)).toEqual([`update ${kind}:${key} ${field}`]);
        expect(plan.findings).toEqual([]);
    });

    test('a drift field shows the tenant value and the file value', () => {
        const s = mirror();
        s.gateways[0]!.port = 5067;
        expect(changed(diff(s))[0]!.changes).toEqual([{ field: 'port', from: 5067, to: 5061 }]);
    });

    test('every kind that can be updated has a drift case above', () => {
        const updatable = KIND_NAMES.filter(k => !['pstn-usage', 'civic-address', 'group', 'emergency-members-grant', 'lis-location', 'application-association'].includes(k));
        expect(new Set(DRIFTS.map(d => d[0]))).toEqual(new Set(updatable));
    });

    test('a grant standing below a later grant of the setup moves right above it; the later one stays', async () => {
        const text = `${BASE}\ngroup Managers "Store Managers"\ngrant Frontline to Managers rank 5\nemergency Managers at SeattleStore via CteloUS dial "911", "933"\n`;
        const two = planSetup([(await parse(text)).parseResult.value]);
        const s = mirror();
        s.groups.push({ id: 'g-2', displayName: 'Store Managers' });
        for (const a of s.groupAssignments) if (a.policyType === 'TeamsSharedCallingRoutingPolicy') a.rank = 2;
        s.groupAssignments.push({ groupId: 'g-2', policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Frontline', rank: 1 });
        const grants = diffSetup(two, s).changes.filter(c => c.resource.kind === 'group-grant' && c.resource.policyType === 'TeamsSharedCallingRoutingPolicy');
        expect(grants.map(c => `${c.action} ${c.changes.map(f => `${f.field} ${String(f.from)}->${String(f.to)}`).join(',')}`)).toEqual(['update rank 2->1', 'unchanged ']);
    });

    test('a notify grant takes its group\'s grant rank; a group no grant names comes after every granted group', async () => {
        const text = `${BASE}\ngroup Managers "Store Managers"\ngrant Frontline to Managers rank 5\nemergency Managers works-at SeattleStore via CteloUS notify SecurityDesk\n` +
            'group Guards "Guards"\nemergency Guards works-at SeattleStore via CteloUS notify SecurityDesk\n';
        const grants = planSetup([(await parse(text)).parseResult.value]).flatMap(p => p.resources)
            .flatMap(r => (r.kind === 'group-grant' && r.policyType === 'TeamsEmergencyCallingPolicy' ? [`${r.group} ${r.policyName} ${r.rank}`] : []));
        expect(grants).toEqual(['StoreAssociates SecurityDesk 1', 'Managers SecurityDesk 5', 'Guards SecurityDesk 6']);
    });

    // Rank order across declared groups (a swapped order is an update) is in diff.test.ts.
    test('a group grant renumbered by Teams (rank 7 for the declared 1) is unchanged', () => {
        const s = mirror();
        s.groupAssignments.forEach(a => { a.rank = 7; });
        expect(changed(diff(s)).map(label)).toEqual([]);
    });
});

describe('address drift', () => {
    const FIELDS: [string, (a: TenantSnapshot['civicAddresses'][number]) => void][] = [
        ['companyName', a => { a.companyName = 'Other'; }], ['streetName', a => { a.streetName = '2 Pike St'; }], ['city', a => { a.city = 'Tacoma'; }],
        ['stateOrProvince', a => { a.stateOrProvince = 'OR'; }], ['postalCode', a => { a.postalCode = '98102'; }],
        ['countryOrRegion', a => { a.countryOrRegion = 'CA'; }], ['latitude', a => { a.latitude = 1; }], ['longitude', a => { a.longitude = 1; }]
    ];
    test.each(FIELDS)('%s differs: a warning, the address unchanged (Teams does not modify a validated address)', (field, drift) => {
        const s = mirror();
        drift(s.civicAddresses[0]!);
        const plan = diff(s);
        expect(changed(plan)).toEqual([]);
        expect(plan.findings.map(f => [f.code, f.severity])).toEqual([['address-drift', 'warning']]);
        expect(plan.findings[0]!.message).toContain(`(${field})`);
        expect(plan.findings[0]!.statement.$type).toBe('Address');
    });
});

test('a field the file leaves out (the house number here) is not compared', () => {
    const s = mirror();
    s.civicAddresses[0]!.houseNumber = '7';
    expect(diff(s).findings).toEqual([]);
});

describe('licences', () => {
    const empty = (enabled: number, consumed: number): TenantSnapshot => ({
        ...emptySnapshot(), skus: [{ ...SKU, enabled, consumed }], groups: [{ id: groupId('StoreAssociates'), displayName: 'Store Associates' }]
    });
    test('exactly enough free licences for the new accounts: no finding; one short: licences-exhausted on the account', () => {
        expect(diff(empty(1, 0)).findings).toEqual([]);
        const short = diff(empty(1, 1)).findings;
        expect(short.map(f => [f.code, f.statement.$type])).toEqual([['licences-exhausted', 'ResourceAccount']]);
        expect(short[0]!.message).toMatch(/^1 resource account licence\(s\) .* but 0 are free/);
    });
    test('an existing account without the licence needs one too', () => {
        const s = mirror();
        s.users[0]!.licenseSkuIds = [];
        s.skus = [{ ...SKU, enabled: 3, consumed: 3 }];
        expect(diff(s).findings.map(f => f.code)).toEqual(['licences-exhausted']);
    });
});

describe('Teams Phone of the granted groups\' members [SC-SETUP, SKU-REF]', () => {
    const E5 = { skuId: 'sku-e5', skuPartNumber: 'SPE_E5', enabled: 10, consumed: 3, servicePlanIds: [TEAMS_PHONE_SERVICE_PLAN] };
    const E3 = { skuId: 'sku-e3', skuPartNumber: 'SPE_E3', enabled: 10, consumed: 1, servicePlanIds: ['other-plan'] };
    const member = (n: string, licences?: { skuId: string; disabledPlans: string[] }[]): ObservedMember =>
        ({ id: `u-${n}`, userPrincipalName: `${n}@contoso.com`, type: 'user', ...(licences ? { licences } : {}) });
    const withMembers = (members: ObservedMember[], skus: ObservedSku[] = [{ ...SKU, servicePlanIds: [] }, E5, E3]): TenantSnapshot => ({
        ...mirror(), skus, groupMembers: [{ groupId: groupId('StoreAssociates'), members }]
    });
    const warnings = (plan: Plan) => plan.findings.filter(f => f.code === 'member-without-teams-phone');

    test('a member without MCOEV and one with it switched off in E5: one warning on the grant naming both', () => {
        const found = warnings(diff(withMembers([
            member('ok', [{ skuId: 'sku-e5', disabledPlans: [] }]),
            member('off', [{ skuId: 'sku-e5', disabledPlans: [TEAMS_PHONE_SERVICE_PLAN] }]),
            member('e3', [{ skuId: 'sku-e3', disabledPlans: [] }]),
            member('none', [])
        ])));
        expect(found.map(f => [f.severity, f.statement.$type])).toEqual([['warning', 'Grant']]);
        expect(found[0]!.message).toBe('3 of 4 member(s) of group StoreAssociates hold no Teams Phone licence: ' +
            'off@contoso.com (MCOEV is switched off in SPE_E5); e3@contoso.com (none: no assigned SKU has the Teams Phone service plan (MCOEV)); ' +
            'none@contoso.com (none: no assigned SKU has the Teams Phone service plan (MCOEV)). Shared Calling users need one (the MCOEV service plan in any SKU) [SC-SETUP, SKU-REF].');
    });

    test('members are read only for groups the plan newly grants a Shared Calling policy to', () => {
        expect(newlyGrantedGroupIds(plans, mirror())).toEqual([]);
        const fresh = { ...emptySnapshot(), groups: [{ id: groupId('StoreAssociates'), displayName: 'Store Associates' }] };
        expect(newlyGrantedGroupIds(plans, fresh)).toEqual([groupId('StoreAssociates')]);
        expect(newlyGrantedGroupIds(plans, { ...fresh, groups: [...fresh.groups, { id: 'other', displayName: 'Store Associates' }] })).toEqual([]);
    });

    test('every member licensed, nested groups, members whose licences were not read, a failed read, unread service plans: no warning', () => {
        expect(warnings(diff(withMembers([member('ok', [{ skuId: 'sku-e5', disabledPlans: [] }]), { id: 'g2', type: 'group' }, member('unread')])))).toEqual([]);
        const failed = withMembers([member('none', [])]);
        failed.groupMembers[0]!.error = '403 Forbidden';
        expect(warnings(diff(failed))).toEqual([]);
        expect(warnings(diff(withMembers([member('none', [])], [SKU, E5])))).toEqual([]);
        expect(warnings(diff({ ...withMembers([member('none', [])]), groupMembers: [] }))).toEqual([]);
    });
});

describe('groups', () => {
    test('not found: an error on the group statement, and its grants and member grants are creates', () => {
        const s = mirror();
        s.groups = [];
        const plan = diff(s);
        expect(plan.findings.map(f => [f.code, f.statement.$type])).toEqual([['group-not-found', 'Group']]);
        expect(plan.findings[0]!.message).toContain('"Store Associates"');
        expect(changed(plan).map(c => `${c.action} ${c.resource.kind}`)).toEqual(['create group-grant', 'create group-grant', 'create emergency-members-grant', 'create group-grant']);
    });

    test('ambiguous: two groups of that name are an error naming the count', () => {
        const s = mirror();
        s.groups.push({ id: 'g-twin', displayName: 'store associates' });
        const plan = diff(s);
        expect(plan.findings.map(f => f.code)).toEqual(['group-ambiguous']);
        expect(plan.findings[0]!.message).toMatch(/^2 groups are named "Store Associates"/);
    });

    test('found: unchanged, with its id', () => {
        const group = diff(mirror()).changes.find(c => c.resource.kind === 'group')!;
        expect([group.action, group.note]).toEqual(['unchanged', `exists (${groupId('StoreAssociates')})`]);
    });
});

describe('member grants', () => {
    const members = (plan: Plan) => plan.changes.filter(c => c.resource.kind === 'emergency-members-grant').map(c => `${c.action} (${c.note})`);

    test('every member in place: unchanged', () => {
        expect(members(diff(mirror(3)))).toEqual(['unchanged (3 member(s))']);
    });

    test('partial: one member without the policy, another without Enterprise Voice', () => {
        const s = mirror(3);
        const [first, second] = s.userPolicies.filter(u => u.userId.startsWith('member-'));
        delete first!.policies.TeamsEmergencyCallRoutingPolicy;
        second!.enterpriseVoiceEnabled = false;
        expect(members(diff(s))).toEqual(['update (to 2 of 3 member(s))']);
    });

    test('no member in place: create for all of them', () => {
        const s = mirror(2);
        s.userPolicies.filter(u => u.userId.startsWith('member-')).forEach(u => { u.policies.TeamsEmergencyCallRoutingPolicy!.name = 'Other'; });
        expect(members(diff(s))).toEqual(['create (to 2 of 2 member(s))']);
    });

    test('the group\'s Shared Calling grant is new in this plan: create for every member', () => {
        const s = mirror(2);
        s.groupAssignments = s.groupAssignments.filter(a => a.policyType !== 'TeamsSharedCallingRoutingPolicy');
        expect(members(diff(s))).toEqual(['create (Enterprise Voice and emergency routing for every member)']);
    });
});

/** Per kind: a tenant object the files do not declare, and the name the plan lists it under. */
const UNDECLARED: Record<ResourceKind, [(s: TenantSnapshot) => void, string] | undefined> = {
    'gateway': [s => { s.gateways.push({ fqdn: 'old-sbc.contoso.com', port: 5061, enabled: true }); }, 'old-sbc.contoso.com'],
    'pstn-usage': [s => { s.pstnUsages.push('Legacy-Usage'); }, 'Legacy-Usage'],
    'voice-route': [s => { s.voiceRoutes.push({ identity: 'Legacy-Route', numberPattern: '.*', gateways: [], usages: [], priority: 5 }); }, 'Legacy-Route'],
    'voice-routing-policy': [s => { s.voiceRoutingPolicies.push({ identity: 'Legacy-OVRP', usages: [] }); }, 'Legacy-OVRP'],
    'civic-address': [s => { s.civicAddresses.push({ civicAddressId: 'c-old', defaultLocationId: 'loc-old', description: 'voice:OldStore' }); }, 'OldStore'],
    'resource-account': [s => {
        s.applicationInstances.push({ objectId: 'id-old', userPrincipalName: 'old-ra@contoso.com' });
    }, 'old-ra@contoso.com'],
    'number-assignment': [s => {
        s.applicationInstances.push({ objectId: 'id-old', userPrincipalName: 'old-ra@contoso.com' });
        s.numbers.push({ telephoneNumber: '+12065550177', numberType: 'DirectRouting', assignedTo: 'id-old' });
    }, '+12065550177'],
    'voice-routing-policy-grant': [s => {
        s.applicationInstances.push({ objectId: 'id-old', userPrincipalName: 'old-ra@contoso.com' });
        s.userPolicies.push({ userId: 'id-old', policies: { OnlineVoiceRoutingPolicy: { name: 'Legacy-OVRP', assignmentType: 'direct' } } });
    }, 'old-ra@contoso.com (Legacy-OVRP)'],
    'shared-calling-policy': [s => { s.sharedCallingPolicies.push({ identity: 'Legacy', emergencyNumbers: [] }); }, 'Legacy'],
    'auto-attendant': [s => { s.autoAttendants.push({ id: 'aa-old', name: 'Old Reception', groupIds: [], applicationInstances: [] }); }, 'Old Reception'],
    // Associations of accounts the files do not declare are other teams' business.
    'application-association': undefined,
    // Groups belong to Entra ID: the tool only looks them up.
    'group': undefined,
    'group-grant': [s => {
        s.groups.push({ id: 'g-old', displayName: 'Old Store' });
        s.groupAssignments.push({ groupId: 'g-old', policyType: 'TeamsSharedCallingRoutingPolicy', policyName: 'Legacy', rank: 2 });
    }, 'TeamsSharedCallingRoutingPolicy|Old Store (Legacy, rank 2)'],
    'emergency-call-routing-policy': [s => { s.emergencyRoutingPolicies.push({ identity: 'Legacy-ECRP', emergencyNumbers: [] }); }, 'Legacy-ECRP'],
    'emergency-calling-policy': [s => { s.emergencyCallingPolicies.push({ identity: 'Legacy-ECP', notificationGroup: [] }); }, 'Legacy-ECP'],
    'trusted-ip': [s => { s.trustedIps.push({ ipAddress: '203.0.113.9', maskBits: 32 }); }, '203.0.113.9'],
    'network-region': [s => { s.networkRegions.push({ identity: 'OldRegion' }); }, 'OldRegion'],
    'network-site': [s => { s.networkSites.push({ identity: 'OldSite' }); }, 'OldSite'],
    'network-subnet': [s => { s.networkSubnets.push({ subnetId: '10.99.0.0', maskBits: 16, site: 'OldSite' }); }, '10.99.0.0'],
    'lis-location': [s => { s.lisLocations.push({ locationId: 'loc-x', civicAddressId: 'c-voice:SeattleStore', location: 'Basement' }); }, 'SeattleStore: Basement'],
    'lis-network-id': [s => { s.lisAccessPoints.push({ id: 'AA-BB-CC-DD-EE-FF', locationId: 'loc-voice:SeattleStore' }); }, 'access point AA-BB-CC-DD-EE-FF'],
    'emergency-members-grant': [s => {
        s.userPolicies.push({ userId: 'u-old', policies: { TeamsEmergencyCallRoutingPolicy: { name: 'SharedCalling-Emergency-OldStore', assignmentType: 'direct' } } });
    }, 'SharedCalling-Emergency-OldStore (granted to 1 user(s))'],
    // A user's own number is the user's business.
    'user-extension': undefined
};

describe('not managed', () => {
    test.each(KIND_NAMES.filter(k => UNDECLARED[k]))('%s: an undeclared tenant object is listed, never planned', kind => {
        const [add, name] = UNDECLARED[kind]!;
        const s = mirror();
        add(s);
        const plan = diff(s);
        expect(plan.notManaged.filter(n => n.kind === kind)).toEqual([{ kind, name }]);
        expect(changed(plan)).toEqual([]);
    });

    test('Global policies and other tools\' addresses are not listed; nor are groups', () => {
        const s = mirror();
        s.voiceRoutingPolicies.push({ identity: 'Global', usages: [] });
        s.sharedCallingPolicies.push({ identity: 'Global', emergencyNumbers: [] });
        s.emergencyRoutingPolicies.push({ identity: 'Global', emergencyNumbers: [] });
        s.emergencyCallingPolicies.push({ identity: 'Global', notificationGroup: [] });
        s.civicAddresses.push({ civicAddressId: 'c-hq', defaultLocationId: 'loc-hq', description: 'Headquarters' });
        s.groups.push({ id: 'g-other', displayName: 'Everyone' });
        s.groupAssignments.push({ groupId: 'g-other', policyType: 'TeamsMeetingPolicy', policyName: 'X', rank: 1 });
        // A user on the tenant's Global emergency call routing policy holds no grant.
        s.userPolicies.push({ userId: 'u-default', policies: { TeamsEmergencyCallRoutingPolicy: { name: 'Global', assignmentType: 'direct' } } });
        expect(diff(s).notManaged).toEqual([]);
    });

    test('policies a user or account has through a group are not listed as direct grants', () => {
        const s = mirror();
        s.applicationInstances.push({ objectId: 'id-old', userPrincipalName: 'old-ra@contoso.com' });
        s.userPolicies.push({ userId: 'id-old', policies: { OnlineVoiceRoutingPolicy: { name: 'Legacy-OVRP', assignmentType: 'group', groupId: 'g-x' } } });
        s.userPolicies.push({ userId: 'u-x', policies: { TeamsEmergencyCallRoutingPolicy: { name: 'Legacy-ECRP', assignmentType: 'group', groupId: 'g-x' } } });
        expect(diff(s).notManaged).toEqual([{ kind: 'resource-account', name: 'old-ra@contoso.com' }]);
    });

    test('a grant of the same policy type for a declared group is managed, not listed', () => {
        const s = mirror();
        expect(s.groupAssignments.filter(a => a.groupId === groupId('StoreAssociates'))).toHaveLength(3);
        expect(diff(s).notManaged).toEqual([]);
    });
});
