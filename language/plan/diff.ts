/**
 * The plan: desired resources (desired-setup.ts) compared with what the tenant has
 * (snapshot.ts). Every resource gets create, update or unchanged; objects the tenant has
 * that the file does not declare are listed as not managed and never deleted.
 */
import type { Statement } from '../generated/ast.js';
import type { StatementPlan } from './desired-setup.js';
import type { Resource, ResourceKind } from './resources.js';
import { RESOURCE_ACCOUNT_SKU_ID } from './resources.js';
import type { ObservedGroup, TenantSnapshot } from './snapshot.js';

export type Action = 'create' | 'update' | 'unchanged';

export interface FieldChange {
    field: string;
    from: unknown;
    to: unknown;
}

export interface PlannedChange {
    resource: Resource;
    action: Action;
    changes: FieldChange[];
    statement: Statement;
    /** A short human note, e.g. how many members a grant reaches. */
    note?: string;
}

/** Codes of tenant-aware checks (docs/diagnostics.md, "Tenant checks"). */
export type TenantFindingCode =
    | 'group-not-found' | 'group-ambiguous' | 'number-not-in-inventory' | 'number-assigned-elsewhere'
    | 'licences-exhausted' | 'address-drift';

export interface TenantFinding {
    code: TenantFindingCode;
    severity: 'error' | 'warning';
    message: string;
    statement: Statement;
}

export interface NotManaged {
    kind: ResourceKind;
    name: string;
}

export interface Plan {
    changes: PlannedChange[];
    findings: TenantFinding[];
    notManaged: NotManaged[];
}

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Looks tenant objects up by the keys the plan compares on; built once per plan. */
class SnapshotIndex {
    readonly groupsByName = new Map<string, ObservedGroup[]>();
    readonly groupsById = new Map<string, ObservedGroup>();

    constructor(readonly snapshot: TenantSnapshot) {
        for (const group of snapshot.groups) {
            const key = group.displayName.toLowerCase();
            this.groupsByName.set(key, [...(this.groupsByName.get(key) ?? []), group]);
            this.groupsById.set(group.id.toLowerCase(), group);
        }
    }

    user(upn: string) { return this.snapshot.users.find(u => same(u.userPrincipalName, upn)); }
    appInstance(upn: string) { return this.snapshot.applicationInstances.find(a => same(a.userPrincipalName, upn)); }
    accountId(upn: string): string | undefined { return this.appInstance(upn)?.objectId ?? this.user(upn)?.id; }
    policiesOf(userId: string | undefined) { return userId ? this.snapshot.userPolicies.find(p => same(p.userId, userId))?.policies : undefined; }
    address(description: string) { return this.snapshot.civicAddresses.find(a => same(a.description, description)); }
}

/** Resolves a declared group to the tenant's group: by object id, else by exact display name. */
export function findGroup(snapshot: TenantSnapshot, group: { displayName?: string; objectId?: string }): ObservedGroup[] {
    if (group.objectId) return snapshot.groups.filter(g => same(g.id, group.objectId));
    return snapshot.groups.filter(g => same(g.displayName, group.displayName));
}

export function diffSetup(plans: StatementPlan[], snapshot: TenantSnapshot): Plan {
    const index = new SnapshotIndex(snapshot);
    const changes: PlannedChange[] = [];
    const findings: TenantFinding[] = [];
    const groupIds = new Map<string, string>();
    const creates = new Set<string>();
    let licencesNeeded = 0;
    const existingGrants: { change: PlannedChange; observedRank: number }[] = [];

    /** Fields that differ; `ignoreCase` for identifiers Teams matches regardless of case. Shown as the tenant and the file have them. */
    const compare = (fields: [string, unknown, unknown, 'ignoreCase'?][]): FieldChange[] =>
        fields.filter(([, from, to, mode]) => to !== undefined && JSON.stringify(norm(from, mode)) !== JSON.stringify(norm(to, mode)))
            .map(([field, from, to]) => ({ field, from, to }));

    for (const plan of plans) {
        const statement = plan.statement;
        const finding = (code: TenantFindingCode, message: string, severity: 'error' | 'warning' = 'error') =>
            findings.push({ code, severity, message, statement });
        for (const required of plan.requiredNumbers) {
            const known = snapshot.numbers.some(n => n.telephoneNumber === required.telephoneNumber.split(';')[0]);
            // Direct Routing numbers come from the carrier's SBC and need not be uploaded first; the others must be in the inventory.
            if (!known && required.numberType !== 'DirectRouting') {
                finding('number-not-in-inventory',
                    `${required.telephoneNumber} is not in the tenant's phone number inventory; acquire it (${required.numberType}) before applying.`);
            }
        }
        for (const resource of plan.resources) {
            const push = (action: Action, fieldChanges: FieldChange[] = [], note?: string) => {
                if (action === 'create') creates.add(`${resource.kind}|${resource.key.toLowerCase()}`);
                changes.push({ resource, action, changes: fieldChanges, statement, note });
            };
            const createdHere = (kind: ResourceKind, key: string) => creates.has(`${kind}|${key.toLowerCase()}`);
            switch (resource.kind) {
                case 'gateway': {
                    const found = snapshot.gateways.find(g => same(g.fqdn, resource.fqdn));
                    if (!found) push('create');
                    else {
                        const diff = compare([['port', found.port, resource.port], ['enabled', found.enabled, true]]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'pstn-usage':
                    push(snapshot.pstnUsages.some(u => u === resource.usage) ? 'unchanged' : 'create');
                    break;
                case 'voice-route': {
                    const found = snapshot.voiceRoutes.find(r => same(r.identity, resource.identity));
                    if (!found) push('create');
                    else {
                        const diff = compare([
                            ['numberPattern', found.numberPattern, resource.numberPattern],
                            ['gateways', sorted(found.gateways), sorted(resource.gateways)],
                            ['usages', sorted(found.usages), sorted(resource.usages)],
                            ['priority', found.priority, resource.priority]
                        ]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'voice-routing-policy': {
                    const found = snapshot.voiceRoutingPolicies.find(p => same(p.identity, resource.identity));
                    if (!found) push('create');
                    else {
                        const diff = compare([['usages', sorted(found.usages), sorted(resource.usages)]]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'civic-address': {
                    const found = index.address(resource.description);
                    if (!found) push('create');
                    else {
                        const diff = compare([
                            ['companyName', found.companyName, resource.companyName], ['houseNumber', found.houseNumber, resource.houseNumber],
                            ['streetName', found.streetName, resource.streetName], ['city', found.city, resource.city],
                            ['stateOrProvince', found.stateOrProvince, resource.stateOrProvince], ['postalCode', found.postalCode, resource.postalCode],
                            ['countryOrRegion', found.countryOrRegion, resource.countryOrRegion],
                            ['latitude', found.latitude, resource.latitude], ['longitude', found.longitude, resource.longitude]
                        ]);
                        if (diff.length) {
                            finding('address-drift', `Civic address '${resource.key}' in the tenant differs (${diff.map(d => d.field).join(', ')}); ` +
                                `Teams does not modify a validated address: declare a new address (a new name) and move numbers to it.`, 'warning');
                        }
                        push('unchanged');
                    }
                    break;
                }
                case 'resource-account': {
                    const instance = index.appInstance(resource.userPrincipalName);
                    const user = index.user(resource.userPrincipalName);
                    if (!instance) {
                        licencesNeeded++;
                        push('create', [], `licence ${'PHONESYSTEM_VIRTUALUSER'}, usage location ${resource.usageLocation}`);
                        break;
                    }
                    const licensed = user?.licenseSkuIds.includes(resource.licenseSkuId) ?? false;
                    if (!licensed) licencesNeeded++;
                    const diff = compare([
                        ['displayName', instance.displayName, resource.displayName],
                        ['applicationId', instance.applicationId, resource.applicationId, 'ignoreCase'],
                        ['usageLocation', user?.usageLocation, resource.usageLocation, 'ignoreCase'],
                        ['licence', licensed ? 'PHONESYSTEM_VIRTUALUSER' : 'none', 'PHONESYSTEM_VIRTUALUSER']
                    ]);
                    push(diff.length ? 'update' : 'unchanged', diff);
                    break;
                }
                case 'number-assignment': {
                    const number = snapshot.numbers.find(n => n.telephoneNumber === resource.telephoneNumber.split(';')[0]);
                    const accountId = index.accountId(resource.account);
                    const address = resource.address ? index.address(`voice:${resource.address}`) : undefined;
                    const wantedLocation = resource.address ? (address?.defaultLocationId ?? '(new address)') : undefined;
                    if (number?.assignedTo && (!accountId || !same(number.assignedTo, accountId))) {
                        finding('number-assigned-elsewhere',
                            `${resource.telephoneNumber} is already assigned to another user or account (${number.assignedTo}); the tool never reassigns a number: unassign it first.`);
                        push('unchanged');
                    } else if (!number?.assignedTo) {
                        push('create', [], `to ${resource.account}`);
                    } else {
                        const diff = compare([['location', number.locationId, wantedLocation, 'ignoreCase']]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'voice-routing-policy-grant': {
                    const current = index.policiesOf(index.accountId(resource.account))?.OnlineVoiceRoutingPolicy;
                    if (!current) push('create', [], `grant ${resource.policy}`);
                    else {
                        const diff = compare([['policy', current.name, resource.policy, 'ignoreCase']]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'shared-calling-policy': {
                    const found = snapshot.sharedCallingPolicies.find(p => same(p.identity, resource.identity));
                    if (!found) push('create');
                    else {
                        const accountId = index.accountId(resource.resourceAccount);
                        const diff = compare([
                            ['resourceAccount', found.resourceAccount, accountId ?? resource.resourceAccount, 'ignoreCase'],
                            ['emergencyNumbers', sorted(found.emergencyNumbers), sorted(resource.emergencyNumbers)],
                            ['description', found.description ?? '', resource.description ?? '']
                        ]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'group': {
                    const matches = findGroup(snapshot, resource);
                    const label = resource.objectId ?? `"${resource.displayName}"`;
                    if (matches.length === 0) {
                        finding('group-not-found', `Group ${label} does not exist in the tenant; create it in Entra ID (the tool never creates groups) or fix the name.`);
                    } else if (matches.length > 1) {
                        finding('group-ambiguous', `${matches.length} groups are named ${label}; name the group by its object id instead.`);
                    } else {
                        groupIds.set(resource.key, matches[0].id);
                    }
                    push('unchanged', [], matches.length === 1 ? `exists (${matches[0].id})` : undefined);
                    break;
                }
                case 'group-grant': {
                    const groupId = groupIds.get(resource.group);
                    const found = groupId
                        ? snapshot.groupAssignments.find(a => same(a.groupId, groupId) && a.policyType === resource.policyType)
                        : undefined;
                    if (!found) push('create', [], `rank ${resource.rank}`);
                    else {
                        // Ranks are compared by order afterwards: Teams renumbers them 1, 2, 3... [GPA-NEW].
                        const diff = compare([['policyName', found.policyName, resource.policyName, 'ignoreCase']]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                        existingGrants.push({ change: changes[changes.length - 1], observedRank: found.rank });
                    }
                    break;
                }
                case 'emergency-call-routing-policy': {
                    const found = snapshot.emergencyRoutingPolicies.find(p => same(p.identity, resource.identity));
                    if (!found) push('create');
                    else {
                        const key = (n: { dialString: string; usage?: string }) => `${n.dialString}@${(n.usage ?? '').toLowerCase()}`;
                        const diff = compare([
                            ['emergencyNumbers', sorted(found.emergencyNumbers.map(key)), sorted(resource.emergencyNumbers.map(key))],
                            ['description', found.description ?? '', resource.description],
                            ['allowEnhancedEmergencyServices', found.allowEnhancedEmergencyServices ?? false, resource.allowEnhancedEmergencyServices]
                        ]);
                        push(diff.length ? 'update' : 'unchanged', diff);
                    }
                    break;
                }
                case 'emergency-members-grant': {
                    const groupId = groupIds.get(resource.group);
                    const scGrantNew = createdHere('group-grant', `TeamsSharedCallingRoutingPolicy|${resource.group}`);
                    if (!groupId || scGrantNew) {
                        push('create', [], 'Enterprise Voice and emergency routing for every member');
                        break;
                    }
                    // Members who already receive the shared calling policy through this group (Graph userConfigurations).
                    const members = snapshot.userPolicies.filter(u => same(u.policies.TeamsSharedCallingRoutingPolicy?.groupId, groupId));
                    const missing = members.filter(u => !same(u.policies.TeamsEmergencyCallRoutingPolicy?.name, resource.policy) || !u.enterpriseVoiceEnabled);
                    if (missing.length === 0) push('unchanged', [], `${members.length} member(s)`);
                    else push(members.length === missing.length ? 'create' : 'update', [], `to ${missing.length} of ${members.length} member(s)`);
                    break;
                }
            }
        }
    }

    markRanksOutOfOrder(existingGrants);
    const sku = snapshot.skus.find(s => s.skuId === RESOURCE_ACCOUNT_SKU_ID);
    const available = sku ? sku.enabled - sku.consumed : 0;
    if (licencesNeeded > available) {
        const first = changes.find(c => c.resource.kind === 'resource-account' && c.action !== 'unchanged');
        if (first) {
            findings.push({
                code: 'licences-exhausted', severity: 'error', statement: first.statement,
                message: `${licencesNeeded} resource account licence(s) (PHONESYSTEM_VIRTUALUSER) are needed but ${Math.max(0, available)} are free; ` +
                    `get more Teams Phone Resource Account licences (they are free, but must be "purchased").`
            });
        }
    }
    return { changes, findings, notManaged: notManaged(plans, snapshot) };
}

/**
 * Teams keeps group ranks as positions 1, 2, 3... (renumbered when groups come and go), so
 * a grant is in place when the managed groups of a policy type stand in the declared order,
 * whatever the absolute numbers. Grants that break the order are updated.
 */
function markRanksOutOfOrder(grants: { change: PlannedChange; observedRank: number }[]): void {
    const byType = new Map<string, typeof grants>();
    for (const grant of grants) {
        const resource = grant.change.resource as Extract<Resource, { kind: 'group-grant' }>;
        byType.set(resource.policyType, [...(byType.get(resource.policyType) ?? []), grant]);
    }
    for (const list of byType.values()) {
        list.sort((a, b) => (a.change.resource as { rank: number }).rank - (b.change.resource as { rank: number }).rank);
        let highest = -Infinity;
        for (const grant of list) {
            if (grant.observedRank > highest) {
                highest = grant.observedRank;
                continue;
            }
            grant.change.action = 'update';
            grant.change.changes.push({ field: 'rank', from: grant.observedRank, to: (grant.change.resource as { rank: number }).rank });
        }
    }
}

function notManaged(plans: StatementPlan[], snapshot: TenantSnapshot): NotManaged[] {
    const declared = new Set(plans.flatMap(p => p.resources).map(r => `${r.kind}|${r.key.toLowerCase()}`));
    const result: NotManaged[] = [];
    const consider = (kind: ResourceKind, name: string) => {
        if (!declared.has(`${kind}|${name.toLowerCase()}`)) result.push({ kind, name });
    };
    snapshot.sharedCallingPolicies.filter(p => p.identity.toLowerCase() !== 'global').forEach(p => consider('shared-calling-policy', p.identity));
    snapshot.gateways.forEach(g => consider('gateway', g.fqdn));
    snapshot.applicationInstances.forEach(a => consider('resource-account', a.userPrincipalName));
    snapshot.emergencyRoutingPolicies.filter(p => p.identity.toLowerCase() !== 'global').forEach(p => consider('emergency-call-routing-policy', p.identity));
    snapshot.voiceRoutingPolicies.filter(p => p.identity.toLowerCase() !== 'global').forEach(p => consider('voice-routing-policy', p.identity));
    return result;
}

function sorted(values: readonly string[]): string[] {
    return [...values].map(v => v.toLowerCase()).sort();
}

/**
 * Comparison form: absent and empty text are the same. Text compares exactly (a route
 * pattern's `\d` and `\D` differ); identifiers that Teams matches regardless of case are
 * lower-cased where they are compared.
 */
function norm(value: unknown, mode?: 'ignoreCase'): unknown {
    if (value === undefined || value === null || value === '') return null;
    return mode === 'ignoreCase' && typeof value === 'string' ? value.toLowerCase() : value;
}
