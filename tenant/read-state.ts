/**
 * Reads the tenant's current state for a plan with bulk list calls: a handful of Graph
 * collections and one PowerShell round trip of Get-* cmdlets. The number of calls grows
 * with object types (and paging), never with the number of objects in the file.
 */
import type {
    ObservedCivicAddress, ObservedEmergencyRoutingPolicy, ObservedUserPolicies, TenantSnapshot
} from '../language/plan/snapshot.js';
import type { TeamsNumberType } from '../language/plan/resources.js';
import type { GraphApi } from './graph/graph-api.js';
import type { CmdletCall } from './teams/powershell-session.js';
import type { CmdletRunner } from './teams/session-pool.js';
import { TenantError } from './errors.js';

/** Graph's `department` on resource accounts [RA-MANAGE-OLD]. */
const RESOURCE_ACCOUNT_DEPARTMENT = 'Microsoft Communication Application Instance';
/** Get-CsPhoneNumberAssignment returns at most 1000 per call [GET-PNA]. */
const NUMBER_PAGE = 1000;

type Row = Record<string, unknown>;

export async function readTenantState(graph: GraphApi, teams: CmdletRunner): Promise<TenantSnapshot> {
    const [users, skus, groups, configurations, cmdlets] = await Promise.all([
        graph.list<Row>(`/users?$filter=department eq '${RESOURCE_ACCOUNT_DEPARTMENT}'&$select=id,userPrincipalName,displayName,department,usageLocation,assignedLicenses&$top=999`),
        graph.get<{ value: Row[] }>('/subscribedSkus?$select=skuId,skuPartNumber,consumedUnits,prepaidUnits'),
        graph.list<Row>('/groups?$select=id,displayName&$top=999'),
        graph.list<Row>('/admin/teams/userConfigurations?$select=id,userPrincipalName,isEnterpriseVoiceEnabled,effectivePolicyAssignments&$top=999'),
        readTeams(teams)
    ]);
    return {
        ...cmdlets,
        users: users.map(u => ({
            id: str(u.id)!, userPrincipalName: str(u.userPrincipalName)!, displayName: str(u.displayName),
            department: str(u.department), usageLocation: str(u.usageLocation),
            licenseSkuIds: list(u.assignedLicenses).map(l => str((l as Row).skuId)!).filter(Boolean)
        })),
        skus: skus.value.map(s => ({
            skuId: str(s.skuId)!, skuPartNumber: str(s.skuPartNumber)!, consumed: Number(s.consumedUnits ?? 0),
            enabled: Number((s.prepaidUnits as Row | undefined)?.enabled ?? 0)
        })),
        groups: groups.map(g => ({ id: str(g.id)!, displayName: str(g.displayName) ?? '' })),
        userPolicies: configurations.map(userPolicies)
    };
}

function userPolicies(configuration: Row): ObservedUserPolicies {
    const policies: ObservedUserPolicies['policies'] = {};
    for (const entry of list(configuration.effectivePolicyAssignments) as Row[]) {
        const assignment = (entry.policyAssignment ?? {}) as Row;
        policies[str(entry.policyType)!] = {
            name: stripTag(str(assignment.displayName) ?? ''),
            assignmentType: assignment.assignmentType === 'group' ? 'group' : 'direct',
            groupId: str(assignment.groupId)
        };
    }
    return { userId: str(configuration.id)!, enterpriseVoiceEnabled: configuration.isEnterpriseVoiceEnabled === true, policies };
}

type TeamsPart = Omit<TenantSnapshot, 'users' | 'skus' | 'groups' | 'userPolicies'>;

async function readTeams(teams: CmdletRunner): Promise<TeamsPart> {
    const calls: CmdletCall[] = [
        { command: 'Get-CsOnlinePSTNGateway' },
        { command: 'Get-CsOnlinePstnUsage', parameters: { Identity: 'Global' } },
        { command: 'Get-CsOnlineVoiceRoute' },
        { command: 'Get-CsOnlineVoiceRoutingPolicy' },
        { command: 'Get-CsOnlineLisCivicAddress' },
        { command: 'Get-CsOnlineApplicationInstance' },
        { command: 'Get-CsTeamsSharedCallingRoutingPolicy' },
        { command: 'Get-CsGroupPolicyAssignment' },
        { command: 'Get-CsTeamsEmergencyCallRoutingPolicy' },
        { command: 'Get-CsPhoneNumberAssignment', parameters: { Top: NUMBER_PAGE, Skip: 0 } }
    ];
    const results = await teams.run(calls);
    const failed = results.findIndex(r => !r.ok);
    if (failed >= 0) {
        const result = results[failed] as { error: string };
        throw new TenantError(`Reading the tenant failed at ${calls[failed].command}: ${result.error}`);
    }
    const [gateways, usages, routes, ovrps, addresses, instances, scPolicies, groupAssignments, ecrps, firstNumbers] =
        results.map(r => (r.ok ? r.value : [])) as Row[][];
    const numbers = [...firstNumbers];
    for (let skip = NUMBER_PAGE; numbers.length === skip; skip += NUMBER_PAGE) {
        numbers.push(...await teams.invoke({ command: 'Get-CsPhoneNumberAssignment', parameters: { Top: NUMBER_PAGE, Skip: skip } }) as Row[]);
    }
    return {
        gateways: gateways.map(g => ({
            fqdn: str(g.Fqdn ?? g.Identity)!, port: Number(g.SipSignalingPort ?? 0), enabled: g.Enabled === true, pidfLoSupported: g.PidfLoSupported === true
        })),
        pstnUsages: usages.flatMap(u => list(u.Usage).map(x => String(x))),
        voiceRoutes: routes.map(r => ({
            identity: stripTag(str(r.Identity)!), numberPattern: str(r.NumberPattern) ?? '', gateways: list(r.OnlinePstnGatewayList).map(String),
            usages: list(r.OnlinePstnUsages).map(String), priority: Number(r.Priority ?? 0)
        })),
        voiceRoutingPolicies: ovrps.map(p => ({
            identity: stripTag(str(p.Identity)!), usages: list(p.OnlinePstnUsages).map(String), description: str(p.Description)
        })),
        civicAddresses: addresses.map(civicAddress),
        applicationInstances: instances.map(i => ({
            objectId: str(i.ObjectId)!, userPrincipalName: str(i.UserPrincipalName)!, displayName: str(i.DisplayName), applicationId: str(i.ApplicationId)
        })),
        numbers: numbers.map(n => ({
            telephoneNumber: str(n.TelephoneNumber)!, numberType: str(n.NumberType) as TeamsNumberType,
            // An unset location reads back as the zero GUID (or, defensively, null) [GET-PNA].
            assignedTo: str(n.AssignedPstnTargetId), locationId: unlessZeroGuid(str(n.LocationId)), isoCountryCode: str(n.IsoCountryCode)
        })),
        sharedCallingPolicies: scPolicies.map(p => ({
            identity: stripTag(str(p.Identity)!), resourceAccount: str(p.ResourceAccount),
            emergencyNumbers: list(p.EmergencyNumbers).map(String), description: str(p.Description)
        })),
        groupAssignments: groupAssignments.map(a => ({
            groupId: str(a.GroupId)!, policyType: str(a.PolicyType)!, policyName: stripTag(str(a.PolicyName) ?? ''), rank: Number(a.Rank ?? 0)
        })),
        emergencyRoutingPolicies: ecrps.map((p): ObservedEmergencyRoutingPolicy => ({
            identity: stripTag(str(p.Identity)!), description: str(p.Description),
            allowEnhancedEmergencyServices: p.AllowEnhancedEmergencyServices === true,
            emergencyNumbers: (list(p.EmergencyNumbers) as Row[]).map(n => ({ dialString: String(n.EmergencyDialString ?? ''), usage: str(n.OnlinePSTNUsage) }))
        }))
    };
}

function civicAddress(a: Row): ObservedCivicAddress {
    return {
        civicAddressId: str(a.CivicAddressId)!, defaultLocationId: str(a.DefaultLocationId)!, description: str(a.Description),
        companyName: str(a.CompanyName), houseNumber: str(a.HouseNumber), streetName: str(a.StreetName), city: str(a.City),
        stateOrProvince: str(a.StateOrProvince), postalCode: str(a.PostalCode), countryOrRegion: str(a.CountryOrRegion),
        latitude: num(a.Latitude), longitude: num(a.Longitude), elin: str(a.Elin)
    };
}

/** Teams shows per-user policy instances as "Tag:Name". */
export function stripTag(identity: string): string {
    return identity.replace(/^tag:/i, '');
}

function str(value: unknown): string | undefined {
    return value === null || value === undefined || value === '' ? undefined : String(value);
}

function unlessZeroGuid(id: string | undefined): string | undefined {
    return id === undefined || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id) ? undefined : id;
}

function num(value: unknown): number | undefined {
    const n = value === null || value === undefined || value === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : undefined;
}

function list(value: unknown): unknown[] {
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
}
