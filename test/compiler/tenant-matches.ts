/** Asserts that an emulator's tenant holds every resource a compiled setup declares. */
import { expect } from 'vitest';
import type { TenantState } from '../../tenant/emulator/index.js';
import type { StatementPlan } from '../../language/plan/desired-setup.js';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sorted = (xs: readonly string[]) => [...xs].map(x => x.toLowerCase()).sort();

export function expectTenantMatches(state: TenantState, plans: StatementPlan[]): void {
    const groupIds = new Map<string, string>();
    const userByUpn = (upn: string) => state.users.find(u => same(u.userPrincipalName, upn));
    const placeOf = (address: string, place: string) => {
        const civic = state.civicAddresses.find(x => x.description === address);
        return state.locations.find(l => l.civicAddressId === civic?.civicAddressId && l.location === place);
    };
    for (const resource of plans.flatMap(p => p.resources)) {
        const where = `${resource.kind} ${resource.key}`;
        switch (resource.kind) {
            case 'gateway': {
                const g = state.pstnGateways.find(x => same(x.fqdn, resource.fqdn));
                expect(g, where).toMatchObject({ sipSignalingPort: resource.port, enabled: true });
                break;
            }
            case 'pstn-usage': expect(state.pstnUsages, where).toContain(resource.usage); break;
            case 'voice-route': {
                const r = state.voiceRoutes.find(x => same(x.identity, resource.identity));
                expect(r, where).toMatchObject({ numberPattern: resource.numberPattern, priority: resource.priority });
                expect(sorted(r!.onlinePstnGatewayList), where).toEqual(sorted(resource.gateways));
                expect(sorted(r!.onlinePstnUsages), where).toEqual(sorted(resource.usages));
                break;
            }
            case 'voice-routing-policy': {
                const p = state.voiceRoutingPolicies.find(x => same(x.identity, resource.identity));
                expect(p?.description, where).toBe(resource.description);
                expect(sorted(p!.onlinePstnUsages), where).toEqual(sorted(resource.usages));
                break;
            }
            case 'civic-address': {
                const a = state.civicAddresses.find(x => x.description === resource.description);
                expect(a, where).toMatchObject({
                    companyName: resource.companyName, countryOrRegion: resource.countryOrRegion,
                    ...(resource.streetName !== undefined ? { streetName: resource.streetName } : {}),
                    ...(resource.city !== undefined ? { city: resource.city } : {}),
                    ...(resource.postalCode !== undefined ? { postalCode: resource.postalCode } : {})
                });
                if (resource.latitude !== undefined) expect(Number(a!.latitude), where).toBe(resource.latitude);
                break;
            }
            case 'resource-account': {
                const u = userByUpn(resource.userPrincipalName);
                expect(u, where).toMatchObject({ displayName: resource.displayName, applicationId: resource.applicationId, usageLocation: resource.usageLocation });
                expect(u!.assignedLicenses.map(l => l.skuId), where).toContain(resource.licenseSkuId);
                break;
            }
            case 'number-assignment': {
                const n = state.phoneNumbers.find(x => x.telephoneNumber === resource.telephoneNumber);
                expect(n?.assignedPstnTargetId, where).toBe(userByUpn(resource.account)?.id);
                if (resource.address) {
                    const a = state.civicAddresses.find(x => x.description === resource.address);
                    expect(n!.locationId, where).toBe(a?.defaultLocationId);
                }
                break;
            }
            case 'voice-routing-policy-grant': {
                const user = userByUpn(resource.account)!;
                expect(state.userPolicyAssignments.find(a => a.userId === user.id && a.policyType === 'OnlineVoiceRoutingPolicy')?.policyName, where).toBe(resource.policy);
                break;
            }
            case 'user-extension': {
                const user = userByUpn(resource.userPrincipalName)!;
                expect(state.phoneNumbers.find(x => x.telephoneNumber === resource.telephoneNumber)?.assignedPstnTargetId, where).toBe(user.id);
                expect(state.userPolicyAssignments.find(a => a.userId === user.id && a.policyType === 'OnlineVoiceRoutingPolicy')?.policyName, where).toBe(resource.policy);
                break;
            }
            case 'shared-calling-policy': {
                const p = state.sharedCallingPolicies.find(x => same(x.identity, resource.identity));
                expect(p?.resourceAccount, where).toBe(userByUpn(resource.resourceAccount)?.id);
                expect(sorted(p!.emergencyNumbers), where).toEqual(sorted(resource.emergencyNumbers));
                if (resource.description !== undefined) expect(p!.description, where).toBe(resource.description);
                break;
            }
            case 'group': {
                const g = state.groups.find(x => (resource.objectId ? same(x.id, resource.objectId) : x.displayName === resource.displayName));
                expect(g, where).toBeDefined();
                groupIds.set(resource.key, g!.id);
                break;
            }
            // The emulator's own record of the auto attendant: one of that name, its menu, and a dial scope of exactly the granted groups.
            case 'auto-attendant': {
                const found = (state.autoAttendants ?? []).filter(x => same(x.name, resource.name));
                expect(found, where).toHaveLength(1);
                expect(found[0], where).toMatchObject({ languageId: resource.languageId, timeZoneId: resource.timeZoneId });
                const menu = (found[0]!.defaultCallFlow as { Menu?: { DirectorySearchMethod?: string; DialByNameEnabled?: boolean } }).Menu;
                expect(menu, where).toMatchObject({ DirectorySearchMethod: resource.directorySearch, DialByNameEnabled: true });
                const scope = (found[0]!.inclusionScope as { GroupScope?: { GroupIds?: string[] } } | null)?.GroupScope?.GroupIds ?? [];
                const granted = resource.groups.map(g => state.groups.find(x => (g.objectId ? same(x.id, g.objectId) : x.displayName === g.displayName))?.id ?? `missing ${g.key}`);
                expect(sorted(scope), where).toEqual(sorted(granted));
                break;
            }
            case 'application-association': {
                const attendant = (state.autoAttendants ?? []).find(x => same(x.name, resource.configuration));
                const association = state.applicationInstanceAssociations.find(x => x.objectId === userByUpn(resource.resourceAccount)?.id);
                expect(association, where).toMatchObject({ configurationId: attendant?.id, configurationType: 'AutoAttendant' });
                break;
            }
            case 'group-grant': {
                const a = state.groupPolicyAssignments.find(x => x.groupId === groupIds.get(resource.group) && x.policyType === resource.policyType);
                expect(a, where).toMatchObject({ policyName: resource.policyName });
                // Ranks order the setup's own grants; the tenant's numbers may be any (docs/apply.md, "Ranks").
                for (const key of resource.after) {
                    const later = state.groupPolicyAssignments.find(x => x.groupId === groupIds.get(key) && x.policyType === resource.policyType);
                    if (later) expect(a!.rank, `${where} stands above ${key}`).toBeLessThan(later.rank);
                }
                break;
            }
            case 'emergency-call-routing-policy': {
                const p = state.emergencyCallRoutingPolicies.find(x => same(x.identity, resource.identity));
                expect(p?.description, where).toBe(resource.description);
                expect(p!.emergencyNumbers.map(n => `${n.emergencyDialString}|${n.onlinePstnUsage ?? ''}`).sort(), where)
                    .toEqual(resource.emergencyNumbers.map(n => `${n.dialString}|${n.usage ?? ''}`).sort());
                break;
            }
            case 'emergency-calling-policy': {
                const p = (state.emergencyCallingPolicies ?? []).find(x => same(x.identity, resource.identity));
                expect(p, where).toMatchObject({
                    notificationMode: resource.notificationMode ?? null, notificationDialOutNumber: resource.notificationDialOutNumber ?? null,
                    externalLocationLookupMode: resource.externalLocationLookupMode, description: resource.description
                });
                expect(sorted((p!.notificationGroup ?? '').split(';').filter(Boolean)), where).toEqual(sorted(resource.notificationGroup));
                break;
            }
            case 'trusted-ip': {
                const t = state.networkTopology?.trustedIps.find(x => same(x.ipAddress, resource.ipAddress));
                expect(t, where).toMatchObject({ maskBits: resource.maskBits, ...(resource.description !== undefined ? { description: resource.description } : {}) });
                break;
            }
            case 'network-region': expect(state.networkTopology?.regions.find(x => same(x.networkRegionId, resource.identity)), where).toBeDefined(); break;
            case 'network-site': {
                const site = state.networkTopology?.sites.find(x => same(x.networkSiteId, resource.identity));
                expect(site?.networkRegionId ?? undefined, where).toBe(resource.region);
                break;
            }
            case 'network-subnet': {
                const subnet = state.networkTopology?.subnets.find(x => same(x.subnetId, resource.subnetId));
                expect(subnet, where).toMatchObject({ maskBits: resource.maskBits, networkSiteId: resource.site });
                break;
            }
            case 'lis-location': expect(placeOf(resource.address, resource.place), where).toBeDefined(); break;
            case 'lis-network-id': {
                const topology = state.networkTopology!;
                const entry = {
                    'subnet': () => topology.lisSubnets.find(x => same(x.subnet, resource.id)),
                    'access-point': () => topology.lisWirelessAccessPoints.find(x => same(x.bssid, resource.id)),
                    'switch': () => topology.lisSwitches.find(x => same(x.chassisId, resource.id)),
                    'port': () => topology.lisPorts.find(x => same(x.chassisId, resource.id) && same(x.portId, resource.port ?? ''))
                }[resource.type]();
                const address = state.civicAddresses.find(x => x.description === resource.address);
                const wanted = resource.place !== undefined ? placeOf(resource.address, resource.place)?.locationId : address?.defaultLocationId;
                expect(entry?.locationId, where).toBe(wanted);
                break;
            }
            case 'emergency-members-grant': {
                const group = state.groups.find(g => g.id === groupIds.get(resource.group))!;
                expect(group.memberIds.length, where).toBeGreaterThan(0);
                for (const member of group.memberIds) {
                    expect(state.userPolicyAssignments.find(a => a.userId === member && a.policyType === 'TeamsEmergencyCallRoutingPolicy')?.policyName, where).toBe(resource.policy);
                }
                break;
            }
        }
    }
}
