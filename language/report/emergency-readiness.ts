/**
 * The emergency readiness report: per covered group, then per member, whether Teams has what
 * a Shared Calling user needs to place an emergency call that reaches the right place, with
 * the source of each rule. Pure: a setup's covered groups and a ReadinessTenant in, a typed
 * report out (the renderers are in render-readiness*.ts).
 */
import type { ObservedGroupAssignment } from '../plan/snapshot.js';
import { describeTeamsPhone, teamsPhoneOf } from '../plan/teams-phone.js';
import { MAX_GROUPS_PER_POLICY_TYPE } from '../setup-rules.js';
import { matchingGroups, type CoveredGroup, type ReadinessSetup } from './readiness-setup.js';
import type { DirectoryMember, EffectivePolicy, ReadinessTenant, UserConfiguration } from './readiness-data.js';
import { addressOfLocation, describeAddress, groupLocation, type Check, type StaticLocation } from './readiness-location.js';

export type { Check, CheckStatus, StaticLocation } from './readiness-location.js';

export { TEAMS_PHONE_SERVICE_PLAN } from '../plan/teams-phone.js';

/** The columns of a member's row, in the order the renderers show them. */
export const MEMBER_CHECKS = ['licence', 'enterpriseVoice', 'sharedCalling', 'emergencyRouting', 'emergencyCalling', 'phoneNumber', 'voiceRouting'] as const;
export type MemberCheck = typeof MEMBER_CHECKS[number];

export const CHECK_TITLES: Record<MemberCheck, string> = {
    licence: 'Teams Phone licence', enterpriseVoice: 'Enterprise Voice', sharedCalling: 'Shared Calling policy',
    emergencyRouting: 'Emergency call routing policy', emergencyCalling: 'Emergency calling policy',
    phoneNumber: 'Own phone number', voiceRouting: 'Voice routing policy'
};

export interface MemberReport {
    id: string;
    displayName: string;
    userPrincipalName: string;
    ready: boolean;
    checks: Record<MemberCheck, Check>;
}

export interface Finding {
    severity: 'gap' | 'warning' | 'info';
    message: string;
    sources: string[];
}

export interface GroupReport {
    key: string;
    displayName: string;
    groupId?: string;
    sharedCallingPolicy?: { name: string; rank: number };
    emergencyRoutingPolicy?: string;
    /** The emergency calling policy (notification) the files grant the group. */
    emergencyCallingPolicy?: string;
    worksAt?: string;
    /** What a call carries when no dynamic location is found, and whether that is right for the members. */
    fallback: StaticLocation;
    location: Check;
    /** LIS entries that put a client at the members' workplace. */
    dynamicHere: string[];
    findings: Finding[];
    members: MemberReport[];
    ready: boolean;
}

export interface ReadinessReport {
    target: string;
    ready: boolean;
    summary: { groups: number; members: number; ready: number; withGaps: number };
    /** The dynamic emergency calling the tenant has, whoever it serves [DYN-EMERG]. */
    dynamic: { trustedIps: string[]; sites: string[]; lis: string[] };
    findings: Finding[];
    groups: GroupReport[];
}

const same = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
const ok = (value: string, sources: string[]): Check => ({ status: 'ok', value, sources });
const gap = (value: string, sources: string[]): Check => ({ status: 'gap', value, sources });
const note = (value: string, sources: string[]): Check => ({ status: 'note', value, sources });

/** Look-ups built once per report: a 5,000-member report makes no quadratic searches. */
class Lookup {
    readonly configurations: Map<string, UserConfiguration>;
    readonly licences: Map<string, ReadinessTenant['licences'][number]>;
    readonly ranks: Map<string, ObservedGroupAssignment>;

    constructor(readonly tenant: ReadinessTenant, readonly setup: ReadinessSetup) {
        this.configurations = new Map(tenant.configurations.map(c => [c.id.toLowerCase(), c]));
        this.licences = new Map(tenant.licences.map(l => [l.id.toLowerCase(), l]));
        this.ranks = new Map(tenant.snapshot.groupAssignments.map(a => [`${a.policyType}|${a.groupId}`.toLowerCase(), a]));
    }

    groupName(id: string | undefined): string {
        return this.tenant.snapshot.groups.find(g => same(g.id, id))?.displayName ?? id ?? 'a group';
    }

    /** "direct", "group Store Associates Seattle, rank 1" or "tenant default". */
    sourceOf(policyType: string, policy: EffectivePolicy | undefined): string {
        if (!policy || same(policy.name, 'Global')) return 'tenant default';
        if (policy.assignmentType === 'direct') return 'direct';
        if (policy.assignmentType === 'group') {
            const rank = this.ranks.get(`${policyType}|${policy.groupId}`.toLowerCase())?.rank;
            return `group ${this.groupName(policy.groupId)}${rank !== undefined ? `, rank ${rank}` : ''}`;
        }
        return 'source not stated';
    }
}

/** Teams Phone is the MCOEV service plan in any assigned SKU, not switched off there [SKU-REF]. */
function licenceCheck(look: Lookup, userId: string): Check {
    const user = look.licences.get(userId.toLowerCase());
    if (!user) return gap('not read: the user was not found in the directory', ['SKU-REF']);
    const skus = look.tenant.skus.map(s => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, servicePlanIds: s.servicePlans.map(p => p.servicePlanId) }));
    const phone = teamsPhoneOf(user.licences, skus);
    return phone.state === 'enabled' ? ok(describeTeamsPhone(phone), ['SKU-REF', 'SC-SETUP']) : gap(describeTeamsPhone(phone), ['SKU-REF', 'SC-SETUP']);
}

function memberChecks(look: Lookup, group: CoveredGroup, member: DirectoryMember): Record<MemberCheck, Check> {
    const config = look.configurations.get(member.id.toLowerCase());
    const licence = licenceCheck(look, member.id);
    if (!config) {
        const missing = gap('no Teams user configuration (not provisioned for Teams yet)', ['G-UCONF']);
        return {
            licence, enterpriseVoice: missing, sharedCalling: missing, emergencyRouting: missing, emergencyCalling: missing,
            phoneNumber: missing, voiceRouting: missing
        };
    }
    const policy = (type: string) => config.policies[type];
    const shown = (type: string) => `${policy(type)?.name ?? 'Global'} (${look.sourceOf(type, policy(type))})`;

    const sc = policy('TeamsSharedCallingRoutingPolicy');
    const wantedSc = group.sharedCallingPolicy?.name;
    const sharedCalling = !sc || same(sc.name, 'Global') ? gap(`none (${look.sourceOf('TeamsSharedCallingRoutingPolicy', sc)})`, ['GRANT-SCRP', 'GPA-NEW'])
        : !wantedSc || same(sc.name, wantedSc) ? ok(shown('TeamsSharedCallingRoutingPolicy'), ['GRANT-SCRP', 'GPA-NEW'])
            : look.setup.sharedCallingPolicies.some(p => same(p, sc.name))
                ? note(`${shown('TeamsSharedCallingRoutingPolicy')}, not ${wantedSc}: another granted group ranks higher`, ['GPA-NEW'])
                : gap(`${shown('TeamsSharedCallingRoutingPolicy')}, not ${wantedSc}`, ['GRANT-SCRP', 'GPA-NEW']);

    const ecrp = policy('TeamsEmergencyCallRoutingPolicy');
    const wantedEcrp = group.emergencyRoutingPolicy;
    const emergencyRouting = !wantedEcrp
        ? (ecrp && !same(ecrp.name, 'Global') ? ok(shown('TeamsEmergencyCallRoutingPolicy'), ['SC-SETUP']) : gap(`${shown('TeamsEmergencyCallRoutingPolicy')}: no emergency statement covers this group`, ['SC-SETUP']))
        : same(ecrp?.name, wantedEcrp) ? ok(shown('TeamsEmergencyCallRoutingPolicy'), ['SC-SETUP', 'ECRP-GRANT'])
            : look.setup.emergencyRoutingPolicies.some(p => same(p, ecrp?.name))
                ? note(`${shown('TeamsEmergencyCallRoutingPolicy')}, of another covered group`, ['SC-SETUP'])
                : gap(`${shown('TeamsEmergencyCallRoutingPolicy')}, not ${wantedEcrp}`, ['SC-SETUP', 'ECRP-GRANT']);

    const emergencyCalling = emergencyCallingCheck(look, group, policy('TeamsEmergencyCallingPolicy'), shown('TeamsEmergencyCallingPolicy'));

    // "Don't assign a phone number to any Shared Calling enabled user"; a Direct Routing ;ext= number is extension dialing [SC-SETUP].
    const own = config.telephoneNumbers.filter(n => !n.includes(';ext='));
    const phoneNumber = own.length > 0 ? gap(`${own.join(', ')} assigned: a Shared Calling user must have no number of their own`, ['SC-SETUP'])
        : config.telephoneNumbers.length > 0 ? ok(`${config.telephoneNumbers.join(', ')} (extension dialing)`, ['SC-SETUP']) : ok('none', ['SC-SETUP']);

    const ovrp = policy('OnlineVoiceRoutingPolicy');
    const usages = look.tenant.snapshot.voiceRoutingPolicies.find(p => same(p.identity, ovrp?.name ?? 'Global'))?.usages ?? [];
    const voiceRouting = usages.length === 0 ? ok(`${shown('OnlineVoiceRoutingPolicy')}: no PSTN usages`, ['SC-SETUP'])
        : gap(`${shown('OnlineVoiceRoutingPolicy')} has PSTN usages (${usages.join(', ')})${ovrp?.assignmentType === 'direct' ? ', which beats the group\'s policy' : ''}: ` +
            'the user "won\'t use Shared Calling and instead will operate as if they have an assigned phone number"', ['SC-SETUP', 'GPA-NEW']);

    return {
        licence, enterpriseVoice: config.enterpriseVoiceEnabled ? ok('on', ['SC-SETUP', 'SET-PNA']) : gap('off', ['SC-SETUP', 'SET-PNA']),
        sharedCalling, emergencyRouting, emergencyCalling, phoneNumber, voiceRouting
    };
}

/**
 * Who is notified when the member calls emergency services. Where the files grant the group an
 * emergency calling policy (`notify`), any other effective policy is a gap: a direct grant, or
 * a higher-ranked group's, beats the group's [GPA-NEW], and the declared notification does
 * not happen; another covered group's declared policy is a note. Where the files declare none,
 * the effective policy is shown, and notifying no one is a note [ECP-NEW, ECP-GRANT].
 */
function emergencyCallingCheck(look: Lookup, group: CoveredGroup, ecp: EffectivePolicy | undefined, shown: string): Check {
    const info = look.tenant.emergencyCallingPolicies.find(p => same(p.identity, ecp?.name ?? 'Global'));
    const lookup = info?.externalLocationLookupMode === 'Enabled' ? '; users may enter a remote address' : '';
    const notifies = info?.notificationGroup
        ? `${shown}: notifies ${info.notificationGroup}${info.notificationMode ? ` (${info.notificationMode})` : ''}${lookup}`
        : undefined;
    const wanted = group.emergencyCallingPolicy;
    if (wanted && !same(ecp?.name, wanted)) {
        return look.setup.emergencyCallingPolicies.some(p => same(p, ecp?.name))
            ? note(`${notifies ?? shown}, of another covered group`, ['ECP-GRANT', 'GPA-NEW'])
            : gap(`${shown}, not ${wanted}: the security desk the files name is not notified`, ['ECP-GRANT', 'GPA-NEW']);
    }
    return notifies ? ok(notifies, ['ECP-NEW', 'ECP-GRANT']) : note(`${shown}: notifies no one of an emergency call${lookup}`, ['ECP-NEW', 'ECP-GRANT']);
}

function groupReport(look: Lookup, group: CoveredGroup): GroupReport {
    const { snapshot } = look.tenant;
    const found = matchingGroups(group, snapshot.groups);
    const location = groupLocation(group, look.tenant);
    const findings: Finding[] = [];
    const tenantGroup = found.length === 1 ? found[0] : undefined;
    if (!tenantGroup) {
        findings.push({
            severity: 'gap', sources: ['G-GROUPS'],
            message: found.length === 0 ? `The group ${group.objectId ?? `"${group.displayName}"`} does not exist in the tenant.` : `${found.length} groups are named "${group.displayName}".`
        });
    }
    const read = tenantGroup ? look.tenant.members.find(m => same(m.groupId, tenantGroup.id)) : undefined;
    if (read?.error) findings.push({ severity: 'gap', message: `The members could not be read: ${read.error}`, sources: ['G-GROUPS'] });
    const members = read?.members ?? [];
    for (const nested of members.filter(m => m.type === 'group')) {
        findings.push({
            severity: 'warning', sources: ['GPA-NEW'],
            message: `The nested group ${nested.displayName ?? nested.id} is a member: only direct members receive group policies, so its members are not covered.`
        });
    }
    const users = members.filter(m => m.type === 'user').map((m): MemberReport => {
        const checks = memberChecks(look, group, m);
        return {
            id: m.id, displayName: m.displayName ?? m.userPrincipalName ?? m.id, userPrincipalName: m.userPrincipalName ?? '',
            ready: MEMBER_CHECKS.every(c => checks[c].status !== 'gap'), checks
        };
    });
    return {
        key: group.key, displayName: tenantGroup?.displayName ?? group.displayName ?? group.objectId ?? group.key, groupId: tenantGroup?.id,
        sharedCallingPolicy: group.sharedCallingPolicy, emergencyRoutingPolicy: group.emergencyRoutingPolicy,
        emergencyCallingPolicy: group.emergencyCallingPolicy, worksAt: group.worksAt?.name,
        fallback: location.fallback, location: location.check, dynamicHere: location.dynamicHere, findings, members: users,
        ready: location.check.status !== 'gap' && !findings.some(f => f.severity === 'gap') && users.every(u => u.ready)
    };
}

function dynamicSummary(tenant: ReadinessTenant): ReadinessReport['dynamic'] {
    const { network } = tenant;
    return {
        trustedIps: network.trustedIps.map(ip => (ip.maskBits !== undefined ? `${ip.ipAddress}/${ip.maskBits}` : ip.ipAddress)),
        sites: network.sites.map(s => `${s.id}${s.region ? ` (region ${s.region})` : ''}${s.subnets.length > 0 ? `: ${s.subnets.join(', ')}` : ''}`),
        lis: network.lis.map(e => {
            const address = addressOfLocation(tenant, e.locationId);
            return `${e.kind} ${e.id} → ${address ? describeAddress(address) : `location ${e.locationId}`}`;
        })
    };
}


/**
 * The 64-group limit per policy type the setup grants, counted tenant-wide (other teams'
 * grants included [GPA-NEW]): the groups the tenant assigns it to, plus the setup's groups
 * that still lack it. Past the limit Teams refuses the next grant, so those groups stay uncovered.
 */
function groupLimitFindings(groups: readonly GroupReport[], tenant: ReadinessTenant): Finding[] {
    const wants: Record<string, (g: GroupReport) => boolean> = {
        TeamsSharedCallingRoutingPolicy: g => g.sharedCallingPolicy !== undefined,
        OnlineVoiceRoutingPolicy: g => g.sharedCallingPolicy !== undefined,
        TeamsEmergencyCallingPolicy: g => g.emergencyCallingPolicy !== undefined
    };
    return Object.entries(wants).flatMap(([type, wanted]) => {
        const assigned = tenant.snapshot.groupAssignments.filter(a => a.policyType === type);
        const lacking = groups.filter(g => wanted(g) && g.groupId && !assigned.some(a => same(a.groupId, g.groupId))).length;
        if (assigned.length + lacking <= MAX_GROUPS_PER_POLICY_TYPE) return [];
        return [{
            severity: 'gap' as const, sources: ['GPA-NEW'],
            message: `${type} is assigned to ${assigned.length} groups in the tenant (other teams' included) and ${lacking} of the setup's groups still lack it: ` +
                `Teams allows at most ${MAX_GROUPS_PER_POLICY_TYPE} groups per policy type, so ${assigned.length + lacking - MAX_GROUPS_PER_POLICY_TYPE} of them cannot be granted.`
        }];
    });
}

export function assessReadiness(setup: ReadinessSetup, tenant: ReadinessTenant, target: string): ReadinessReport {
    const look = new Lookup(tenant, setup);
    const groups = setup.groups.map(g => groupReport(look, g));
    const findings: Finding[] = [];
    if (tenant.network.trustedIps.length === 0) {
        findings.push({
            severity: 'info', sources: ['DYN-EMERG'],
            message: 'The tenant has no trusted IP address, so Teams finds no dynamic location: every emergency call carries its shared number\'s location.'
        });
    }
    findings.push(...groupLimitFindings(groups, tenant));
    const members = groups.flatMap(g => g.members);
    return {
        target, ready: groups.every(g => g.ready),
        summary: { groups: groups.length, members: members.length, ready: members.filter(m => m.ready).length, withGaps: members.filter(m => !m.ready).length },
        dynamic: dynamicSummary(tenant), findings, groups
    };
}
