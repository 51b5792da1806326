import type {
    Address, Assignment, EmergencyCoverage, Grant, Group, Model, PhoneNumber, ResourceAccount, SharedCallingPolicy,
    Statement, Trunk
} from '../generated/ast.js';
import { canonicalNumber } from '../phone-numbers.js';
import type { Resource, SeedStep, TeamsNumberType } from './resources.js';
import {
    AUTO_ATTENDANT_APP_ID, CALL_QUEUE_APP_ID, RESOURCE_ACCOUNT_SKU_ID, USERS_VOICE_ROUTING_POLICY
} from './resources.js';

/** What one `.voice` statement asks of the tenant, in setup order. */
export interface StatementPlan {
    statement: Statement;
    step: SeedStep;
    /** Tenant objects this statement is the first to declare; shared objects appear once, where first needed. */
    resources: Resource[];
    /** Numbers that must already be in the tenant's inventory (never created by the tool). */
    requiredNumbers: { telephoneNumber: string; numberType: TeamsNumberType }[];
}

export const NUMBER_TYPES: Record<string, TeamsNumberType> = {
    'direct-routing': 'DirectRouting',
    'calling-plan': 'CallingPlan',
    'operator-connect': 'OperatorConnect'
};

/** Emergency dial strings used when an `emergency` statement names none, by the address's country. */
const DEFAULT_DIAL_STRINGS: Record<string, string[]> = { US: ['911', '933'], CA: ['911'], GB: ['999', '112'] };

export function defaultDialStrings(country: string | undefined): string[] {
    return (country && DEFAULT_DIAL_STRINGS[country]) || ['112'];
}

/** Teams object names derived from declarations: stable, so re-runs find what earlier runs made. */
export const names = {
    outboundRoute: (trunk: Trunk) => `${trunk.name}-Outbound`,
    emergencyRoute: (trunk: Trunk) => `${trunk.name}-Emergency`,
    accountRoutingPolicy: (trunk: Trunk) => `SharedCalling-${trunk.name}`,
    emergencyRoutingPolicy: (group: Group) => `SharedCalling-Emergency-${group.name}`,
    civicAddressDescription: (address: Address) => `voice:${address.name}`
};

export function telephoneNumber(number: PhoneNumber): string {
    return canonicalNumber(number.value) ?? number.value;
}

/**
 * Translates a validated setup (imported files first, then the file itself) into the
 * tenant objects each statement declares. Call only on a setup without errors.
 */
export function planSetup(models: Model[]): StatementPlan[] {
    const emitted = new Set<string>();
    const plans: StatementPlan[] = [];
    const statements = models.flatMap(m => m.statements);
    for (const statement of statements) {
        const plan: StatementPlan = { statement, step: stepOf(statement), resources: [], requiredNumbers: [] };
        const add = (resource: Resource): void => {
            const id = `${resource.kind}|${resource.key.toLowerCase()}`;
            if (emitted.has(id)) return;
            emitted.add(id);
            plan.resources.push(resource);
        };
        switch (statement.$type) {
            case 'Address': add(civicAddress(statement)); break;
            case 'Trunk': trunkResources(statement).forEach(add); break;
            case 'PhoneNumber':
                plan.requiredNumbers.push({ telephoneNumber: telephoneNumber(statement), numberType: NUMBER_TYPES[statement.numberType] });
                break;
            case 'ResourceAccount': add(resourceAccount(statement)); break;
            case 'Assignment': assignmentResources(statement).forEach(add); break;
            case 'SharedCallingPolicy': add(sharedCallingPolicy(statement)); break;
            case 'Group': add(group(statement)); break;
            case 'Grant': grantResources(statement).forEach(add); break;
            case 'EmergencyCoverage': coverageResources(statement, statements).forEach(add); break;
            case 'Tenant': break;
        }
        plans.push(plan);
    }
    return plans;
}

function stepOf(statement: Statement): SeedStep {
    switch (statement.$type) {
        case 'PhoneNumber': return 'step1';
        case 'ResourceAccount': return 'step2';
        case 'Assignment': return 'step3';
        case 'SharedCallingPolicy': return 'step4';
        case 'Group':
        case 'Grant': return 'step5';
        case 'EmergencyCoverage': return 'step6';
        default: return 'prerequisites';
    }
}

function civicAddress(address: Address): Resource {
    return {
        kind: 'civic-address', key: address.name, description: names.civicAddressDescription(address),
        companyName: address.company ?? '', houseNumber: address.houseNumber, streetName: address.street, city: address.city,
        stateOrProvince: address.region, postalCode: address.postalCode, countryOrRegion: address.country ?? '',
        latitude: address.latitude, longitude: address.longitude, elin: address.elin
    };
}

function trunkResources(trunk: Trunk): Resource[] {
    const fqdn = (trunk.fqdn ?? '').toLowerCase();
    const usage = trunk.usage ?? '';
    return [
        {
            kind: 'gateway', key: fqdn, fqdn, port: trunk.port ?? 5061, enabled: true,
            ...(trunk.pidfLo !== undefined ? { pidfLoSupported: trunk.pidfLo === 'on' } : {})
        },
        { kind: 'pstn-usage', key: usage, usage },
        {
            kind: 'voice-route', key: names.outboundRoute(trunk), identity: names.outboundRoute(trunk),
            numberPattern: trunk.pattern ?? '^\\+?\\d+$', gateways: [fqdn], usages: [usage], priority: 1
        },
        {
            kind: 'voice-routing-policy', key: names.accountRoutingPolicy(trunk), identity: names.accountRoutingPolicy(trunk),
            usages: [usage], description: `Routes the shared numbers on ${trunk.name} (resource accounts only)`
        }
    ];
}

function resourceAccount(account: ResourceAccount): Resource {
    return {
        kind: 'resource-account', key: (account.upn ?? '').toLowerCase(), userPrincipalName: account.upn ?? '',
        displayName: account.displayName ?? account.name,
        applicationId: account.kind === 'call-queue' ? CALL_QUEUE_APP_ID : AUTO_ATTENDANT_APP_ID,
        usageLocation: account.usageLocation ?? '', licenseSkuId: RESOURCE_ACCOUNT_SKU_ID
    };
}

function assignmentResources(assignment: Assignment): Resource[] {
    const number = assignment.number.ref!;
    const account = assignment.account.ref!;
    const upn = account.upn ?? '';
    const resources: Resource[] = [{
        kind: 'number-assignment', key: telephoneNumber(number), telephoneNumber: telephoneNumber(number),
        numberType: NUMBER_TYPES[number.numberType], account: upn, address: number.address?.ref?.name
    }];
    const trunk = number.trunk?.ref;
    if (number.numberType === 'direct-routing' && trunk) {
        resources.push({
            kind: 'voice-routing-policy-grant', key: upn.toLowerCase(), account: upn, policy: names.accountRoutingPolicy(trunk)
        });
    }
    return resources;
}

function sharedCallingPolicy(policy: SharedCallingPolicy): Resource {
    return {
        kind: 'shared-calling-policy', key: policy.name, identity: policy.name,
        resourceAccount: policy.account?.ref?.upn ?? '',
        emergencyNumbers: policy.callbacks.flatMap(c => (c.ref ? [telephoneNumber(c.ref)] : [])),
        description: policy.description
    };
}

function group(declaration: Group): Resource {
    return { kind: 'group', key: declaration.name, displayName: declaration.displayName, objectId: declaration.objectId };
}

function grantResources(grant: Grant): Resource[] {
    const groupName = grant.group.ref?.name ?? grant.group.$refText;
    return [
        {
            kind: 'group-grant', key: `TeamsSharedCallingRoutingPolicy|${groupName}`, policyType: 'TeamsSharedCallingRoutingPolicy',
            policyName: grant.policy.ref?.name ?? grant.policy.$refText, group: groupName, rank: grant.rank
        },
        {
            kind: 'voice-routing-policy', key: USERS_VOICE_ROUTING_POLICY, identity: USERS_VOICE_ROUTING_POLICY, usages: [],
            description: 'No PSTN usages: Shared Calling users must not route calls themselves'
        },
        {
            kind: 'group-grant', key: `OnlineVoiceRoutingPolicy|${groupName}`, policyType: 'OnlineVoiceRoutingPolicy',
            policyName: USERS_VOICE_ROUTING_POLICY, group: groupName, rank: grant.rank
        }
    ];
}

function coverageResources(coverage: EmergencyCoverage, statements: Statement[]): Resource[] {
    const declaredGroup = coverage.group.ref!;
    const address = coverage.address.ref;
    const trunk = coverage.trunk?.ref;
    const dialStrings = coverage.dialStrings.length > 0 ? coverage.dialStrings : defaultDialStrings(address?.country);
    const resources: Resource[] = [];
    if (trunk) {
        const allDialStrings = emergencyDialStringsVia(trunk, statements);
        resources.push({
            kind: 'voice-route', key: names.emergencyRoute(trunk), identity: names.emergencyRoute(trunk),
            numberPattern: `^(${allDialStrings.join('|')})$`, gateways: [(trunk.fqdn ?? '').toLowerCase()],
            usages: [trunk.usage ?? ''], priority: 0
        });
    }
    const policy = names.emergencyRoutingPolicy(declaredGroup);
    resources.push({
        kind: 'emergency-call-routing-policy', key: policy, identity: policy,
        emergencyNumbers: dialStrings.map(dialString => ({ dialString, usage: trunk?.usage })),
        allowEnhancedEmergencyServices: true,
        description: `Emergency routing for ${declaredGroup.name}${address ? ` (location ${address.name})` : ''}`
    });
    resources.push({ kind: 'emergency-members-grant', key: declaredGroup.name, group: declaredGroup.name, policy });
    return resources;
}

/** Every dial string routed through a trunk in the whole setup, so one emergency route serves them all. */
function emergencyDialStringsVia(trunk: Trunk, statements: Statement[]): string[] {
    const all = new Set<string>();
    for (const s of statements) {
        if (s.$type === 'EmergencyCoverage' && s.trunk?.ref === trunk) {
            const strings = s.dialStrings.length > 0 ? s.dialStrings : defaultDialStrings(s.address.ref?.country);
            strings.forEach(d => all.add(d));
        }
    }
    return [...all].sort();
}
