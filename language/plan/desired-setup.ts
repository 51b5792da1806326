/**
 * Which tenant objects each statement of a checked setup declares, in setup order. The
 * shape of each object is built by its kind module (language/kinds/); this file only
 * decides, per statement, which objects it asks for.
 */
import type { EmergencyCoverage, Model, Statement, Trunk } from '../generated/ast.js';
import { topLevelOf, type TopLevel } from '../setup-context.js';
import { associationFor } from '../kinds/application-association.js';
import { autoAttendantFor } from '../kinds/auto-attendant.js';
import { civicAddressFor } from '../kinds/civic-address.js';
import { emergencyCallingPolicyFor, emergencyCallingPolicyIdentity } from '../kinds/emergency-calling-policy.js';
import { emergencyRoutingPolicyFor } from '../kinds/emergency-call-routing-policy.js';
import { emergencyMembersGrantFor } from '../kinds/emergency-members-grant.js';
import { gatewayFor } from '../kinds/gateway.js';
import { groupFor } from '../kinds/group.js';
import { groupGrantFor, notificationGrantFor, orderGrants } from '../kinds/group-grant.js';
import { lisLocationFor } from '../kinds/lis-location.js';
import { lisNetworkIdsFor } from '../kinds/lis-network-id.js';
import { networkRegionFor } from '../kinds/network-region.js';
import { networkSiteFor } from '../kinds/network-site.js';
import { networkSubnetsFor } from '../kinds/network-subnet.js';
import { numberAssignmentFor } from '../kinds/number-assignment.js';
import { pstnUsageFor } from '../kinds/pstn-usage.js';
import { resourceAccountFor } from '../kinds/resource-account.js';
import { sharedCallingPolicyFor, sharedCallingPolicyIdentity } from '../kinds/shared-calling-policy.js';
import { trustedIpFor } from '../kinds/trusted-ip.js';
import { userExtensionFor } from '../kinds/user-extension.js';
import { extensionRowsOf } from '../extensions/extension-sources.js';
import { emergencyRouteFor, outboundRouteFor } from '../kinds/voice-route.js';
import { accountRoutingPolicyFor, USERS_VOICE_ROUTING_POLICY, usersRoutingPolicy } from '../kinds/voice-routing-policy.js';
import { accountRoutingGrantFor } from '../kinds/voice-routing-policy-grant.js';
import { defaultDialStrings, NUMBER_TYPES, telephoneNumber } from './names.js';
import type { Resource, SeedStep, TeamsNumberType } from './resources.js';

export { defaultDialStrings, names, NUMBER_TYPES, telephoneNumber } from './names.js';

/** What one `.voice` statement (or dynamic emergency location) asks of the tenant, in setup order. */
export interface StatementPlan {
    statement: TopLevel;
    step: SeedStep;
    /** Tenant objects this statement is the first to declare; shared objects appear once, where first needed. */
    resources: Resource[];
    /** Numbers that must already be in the tenant's inventory (never created by the tool). */
    requiredNumbers: { telephoneNumber: string; numberType: TeamsNumberType }[];
}

/**
 * Translates a validated setup (imported files first, then the file itself) into the
 * tenant objects each statement declares. Call only on a setup without errors.
 */
export function planSetup(models: Model[]): StatementPlan[] {
    const emitted = new Set<string>();
    const plans: StatementPlan[] = [];
    const statements = models.flatMap(m => m.statements);
    for (const statement of models.flatMap(topLevelOf)) {
        const plan: StatementPlan = { statement, step: stepOf(statement), resources: [], requiredNumbers: [] };
        for (const resource of declaredBy(statement, statements)) {
            const id = `${resource.kind}|${resource.key.toLowerCase()}`;
            if (emitted.has(id)) continue;
            emitted.add(id);
            plan.resources.push(resource);
        }
        if (statement.$type === 'PhoneNumber') {
            plan.requiredNumbers.push({ telephoneNumber: telephoneNumber(statement), numberType: NUMBER_TYPES[statement.numberType] });
        }
        plans.push(plan);
    }
    // Each grant learns the setup's later grants of its type: ranks order the setup's own grants only.
    orderGrants(plans.flatMap(p => p.resources));
    return plans;
}

/** The objects one statement declares, in the order they are made. */
function declaredBy(statement: TopLevel, statements: Statement[]): Resource[] {
    switch (statement.$type) {
        case 'TrustedIp': return [trustedIpFor(statement)];
        case 'NetworkRegion': return [networkRegionFor(statement)];
        case 'NetworkSite': return [networkSiteFor(statement), ...networkSubnetsFor(statement)];
        case 'EmergencyLocation': return [...lisLocationFor(statement), ...lisNetworkIdsFor(statement)];
        case 'Address': return [civicAddressFor(statement)];
        case 'Trunk': return [gatewayFor(statement), pstnUsageFor(statement), outboundRouteFor(statement), accountRoutingPolicyFor(statement)];
        case 'ResourceAccount': return [resourceAccountFor(statement, callingPlanAccounts(statements).has(statement))];
        case 'Assignment': {
            const number = statement.number.ref!;
            const upn = statement.account.ref!.upn ?? '';
            const trunk = number.trunk?.ref;
            return [
                numberAssignmentFor(number, upn),
                ...(number.numberType === 'direct-routing' && trunk ? [accountRoutingGrantFor(upn, trunk)] : [])
            ];
        }
        case 'SharedCallingPolicy': return [sharedCallingPolicyFor(statement)];
        case 'Group': return [groupFor(statement)];
        case 'Grant': return [
            groupGrantFor(statement, 'TeamsSharedCallingRoutingPolicy', statement.policy.ref ? sharedCallingPolicyIdentity(statement.policy.ref) : statement.policy.$refText),
            usersRoutingPolicy(),
            groupGrantFor(statement, 'OnlineVoiceRoutingPolicy', USERS_VOICE_ROUTING_POLICY)
        ];
        case 'AutoAttendant': return [autoAttendantFor(statement, statements), associationFor(statement)];
        case 'Answer': return [associationFor(statement)];
        case 'EmergencyCallingPolicy': return [emergencyCallingPolicyFor(statement)];
        case 'EmergencyCoverage': {
            const group = statement.group.ref!;
            const address = statement.address.ref;
            const trunk = statement.trunk?.ref;
            const notification = statement.notification?.ref;
            return [
                ...(trunk ? [emergencyRouteFor(trunk, emergencyDialStringsVia(trunk, statements))] : []),
                emergencyRoutingPolicyFor(group, dialStringsOf(statement), trunk, address, statement.identity),
                emergencyMembersGrantFor(group, statement.identity),
                ...(notification ? [notificationGrantFor(group, emergencyCallingPolicyIdentity(notification), notificationRank(statement, statements))] : [])
            ];
        }
        case 'Extensions': return [
            usersRoutingPolicy(),
            ...extensionRowsOf(statement).map(row => userExtensionFor(row.userPrincipalName, row.telephoneNumber, USERS_VOICE_ROUTING_POLICY))
        ];
        case 'PhoneNumber':
        case 'Tenant': return [];
    }
}

function stepOf(statement: TopLevel): SeedStep {
    switch (statement.$type) {
        case 'PhoneNumber': return 'step1';
        case 'ResourceAccount': return 'step2';
        case 'Assignment': return 'step3';
        case 'AutoAttendant':
        case 'Answer': return 'inbound';
        case 'SharedCallingPolicy': return 'step4';
        case 'Group':
        case 'Grant': return 'step5';
        case 'EmergencyCallingPolicy':
        case 'EmergencyCoverage': return 'step6';
        case 'Extensions': return 'step7';
        case 'Address':
        case 'Trunk':
        case 'Tenant':
        case 'TrustedIp':
        case 'NetworkRegion':
        case 'NetworkSite':
        case 'EmergencyLocation': return 'prerequisites';
    }
}

/**
 * The rank of a group's emergency calling policy grant: the group's Shared Calling grant rank,
 * so all the group's grants stand in one order; a group no `grant` names comes after every
 * granted group, in setup order (Teams ranks by position only [GPA-NEW]).
 */
function notificationRank(coverage: EmergencyCoverage, statements: Statement[]): number {
    let ranks = notificationRanks.get(statements);
    if (!ranks) notificationRanks.set(statements, ranks = notificationRanksOf(statements));
    return ranks.get(coverage) ?? 1;
}

/** Built once per setup: a look-up per coverage would be quadratic in stores. */
const notificationRanks = new WeakMap<Statement[], Map<EmergencyCoverage, number>>();

function notificationRanksOf(statements: Statement[]): Map<EmergencyCoverage, number> {
    const grantRank = new Map<unknown, number>();
    for (const s of statements) if (s.$type === 'Grant' && !grantRank.has(s.group.ref)) grantRank.set(s.group.ref, s.rank);
    let next = Math.max(0, ...grantRank.values()) + 1;
    const ranks = new Map<EmergencyCoverage, number>();
    for (const s of statements) {
        if (s.$type !== 'EmergencyCoverage' || !s.notification) continue;
        ranks.set(s, grantRank.get(s.group.ref) ?? next++);
    }
    return ranks;
}

/** Accounts some `assign` gives a Calling Plan service number: they need the pay-as-you-go Calling Plan [SC-SETUP step 5]. */
function callingPlanAccounts(statements: Statement[]): Set<unknown> {
    let accounts = callingPlanAccountSets.get(statements);
    if (!accounts) {
        accounts = new Set(statements.flatMap(s => (s.$type === 'Assignment' && s.number.ref?.numberType === 'calling-plan' && s.account.ref ? [s.account.ref] : [])));
        callingPlanAccountSets.set(statements, accounts);
    }
    return accounts;
}

const callingPlanAccountSets = new WeakMap<Statement[], Set<unknown>>();

/** A coverage's dial strings: as written, else the address country's defaults. */
function dialStringsOf(coverage: EmergencyCoverage): string[] {
    return coverage.dialStrings.length > 0 ? coverage.dialStrings : defaultDialStrings(coverage.address.ref?.country);
}

/** Every dial string routed through a trunk in the whole setup, so one emergency route serves them all. */
function emergencyDialStringsVia(trunk: Trunk, statements: Statement[]): string[] {
    let byTrunk = dialStringsByTrunk.get(statements);
    if (!byTrunk) dialStringsByTrunk.set(statements, byTrunk = dialStringsByTrunkOf(statements));
    return byTrunk.get(trunk) ?? [];
}

/** Built once per setup: a scan of all coverages for each coverage was quadratic in stores (5,000 stores: 6.5 s of a compile). */
const dialStringsByTrunk = new WeakMap<Statement[], Map<Trunk, string[]>>();

function dialStringsByTrunkOf(statements: Statement[]): Map<Trunk, string[]> {
    const sets = new Map<Trunk, Set<string>>();
    for (const s of statements) {
        const trunk = s.$type === 'EmergencyCoverage' ? s.trunk?.ref : undefined;
        if (s.$type !== 'EmergencyCoverage' || !trunk) continue;
        let all = sets.get(trunk);
        if (!all) sets.set(trunk, all = new Set());
        dialStringsOf(s).forEach(d => all.add(d));
    }
    return new Map([...sets].map(([trunk, all]) => [trunk, [...all].sort()]));
}
