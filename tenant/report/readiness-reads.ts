/**
 * The reads only the readiness report makes, as data, with pure and defensive mappings of
 * their rows: the dynamic emergency calling objects and LIS locations (Teams, one bulk Get each), and licences, SKUs, user configurations and group
 * members (Graph collections). The session allows these Get cmdlets besides the kinds'.
 */
import { list, num, str, stripTag, type Row } from '../../language/kinds/read-rows.js';
import type {
    DirectoryMember, DynamicNetwork, EffectivePolicy, LisLocationInfo, SkuPlans, UserConfiguration, UserLicences
} from '../../language/report/readiness-data.js';

/** Teams reads, each one bulk call without parameters [TRUSTIP-NEW, NETSITE-NEW, NETSUBNET-NEW, LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET, LOC-NEW]. */
export const READINESS_TEAMS_READS = [
    'Get-CsTenantTrustedIPAddress', 'Get-CsTenantNetworkSite', 'Get-CsTenantNetworkSubnet', 'Get-CsOnlineLisSubnet',
    'Get-CsOnlineLisWirelessAccessPoint', 'Get-CsOnlineLisSwitch', 'Get-CsOnlineLisPort', 'Get-CsOnlineLisLocation'
] as const;

export type ReadinessTeamsRead = typeof READINESS_TEAMS_READS[number];

/** Graph pages of the largest size Graph allows (999) [G-USER, G-UCONF]. */
export const READINESS_GRAPH = {
    skus: '/subscribedSkus?$select=skuId,skuPartNumber,servicePlans',
    licences: '/users?$select=id,assignedLicenses&$top=999',
    configurations: '/admin/teams/userConfigurations?$select=id,isEnterpriseVoiceEnabled,telephoneNumbers,effectivePolicyAssignments&$top=999',
    members: (groupId: string) => `/groups/${encodeURIComponent(groupId)}/members?$select=id,displayName,userPrincipalName&$top=999`
};

const rows = (value: unknown): Row[] => list(value).filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r));

export function networkFrom(read: Record<ReadinessTeamsRead, unknown[]>): DynamicNetwork {
    const subnets = rows(read['Get-CsTenantNetworkSubnet']);
    const lis = (kind: DynamicNetwork['lis'][number]['kind'], cmdlet: ReadinessTeamsRead, id: (r: Row) => string | undefined) =>
        rows(read[cmdlet]).flatMap(r => {
            const key = id(r);
            const locationId = str(r.LocationId);
            return key && locationId ? [{ kind, id: key, locationId }] : [];
        });
    return {
        trustedIps: rows(read['Get-CsTenantTrustedIPAddress']).flatMap(r => {
            const ipAddress = str(r.IPAddress) ?? str(r.Identity);
            return ipAddress ? [{ ipAddress, maskBits: num(r.MaskBits) }] : [];
        }),
        sites: rows(read['Get-CsTenantNetworkSite']).flatMap(r => {
            const id = str(r.NetworkSiteID) ?? str(r.Identity);
            if (!id) return [];
            const own = subnets.filter(s => (str(s.NetworkSiteID) ?? '').toLowerCase() === id.toLowerCase());
            return [{ id, region: str(r.NetworkRegionID), subnets: own.map(s => `${str(s.SubnetID) ?? str(s.Identity) ?? '?'}${num(s.MaskBits) !== undefined ? `/${num(s.MaskBits)}` : ''}`) }];
        }),
        lis: [
            ...lis('subnet', 'Get-CsOnlineLisSubnet', r => str(r.Subnet)),
            ...lis('access point', 'Get-CsOnlineLisWirelessAccessPoint', r => str(r.BSSID)),
            ...lis('switch', 'Get-CsOnlineLisSwitch', r => str(r.ChassisID)),
            ...lis('port', 'Get-CsOnlineLisPort', r => (str(r.ChassisID) && str(r.PortID) ? `${str(r.ChassisID)} port ${str(r.PortID)}` : undefined))
        ]
    };
}

export function locationsFrom(value: unknown[]): LisLocationInfo[] {
    return rows(value).flatMap(r => {
        const locationId = str(r.LocationId);
        const civicAddressId = str(r.CivicAddressId);
        return locationId && civicAddressId ? [{ locationId, civicAddressId, location: str(r.Location) }] : [];
    });
}

export function skusFrom(value: unknown[]): SkuPlans[] {
    return rows(value).map(s => ({
        skuId: str(s.skuId) ?? '', skuPartNumber: str(s.skuPartNumber) ?? '',
        servicePlans: rows(s.servicePlans).map(p => ({ servicePlanId: str(p.servicePlanId) ?? '', servicePlanName: str(p.servicePlanName) ?? '' }))
    }));
}

export function licencesFrom(value: unknown[]): UserLicences[] {
    return rows(value).map(u => ({
        id: str(u.id) ?? '',
        licences: rows(u.assignedLicenses).map(l => ({ skuId: str(l.skuId) ?? '', disabledPlans: list(l.disabledPlans).map(String) }))
    }));
}

function effective(entry: Row): EffectivePolicy {
    const assignment = (typeof entry.policyAssignment === 'object' && entry.policyAssignment !== null ? entry.policyAssignment : {}) as Row;
    const type = str(assignment.assignmentType)?.toLowerCase();
    return {
        name: stripTag(str(assignment.displayName) ?? ''), groupId: str(assignment.groupId),
        assignmentType: type === 'direct' || type === 'group' ? type : 'unknown'
    };
}

export function configurationsFrom(value: unknown[]): UserConfiguration[] {
    return rows(value).map(c => ({
        id: str(c.id) ?? '', enterpriseVoiceEnabled: c.isEnterpriseVoiceEnabled === true,
        telephoneNumbers: rows(c.telephoneNumbers).flatMap(n => str(n.telephoneNumber) ?? []),
        policies: Object.fromEntries(rows(c.effectivePolicyAssignments).flatMap(e => (str(e.policyType) ? [[str(e.policyType)!, effective(e)]] : [])))
    }));
}

/** Graph names each member's type (`@odata.type`); users, nested groups and anything else [G-GROUPS]. */
export function membersFrom(value: unknown[]): DirectoryMember[] {
    return rows(value).flatMap(m => {
        const id = str(m.id);
        if (!id) return [];
        const type = (str(m['@odata.type']) ?? '').toLowerCase();
        return [{
            id, displayName: str(m.displayName), userPrincipalName: str(m.userPrincipalName),
            // Without a type, a member with a UPN is taken for a user.
            type: type === '#microsoft.graph.user' || (!type && str(m.userPrincipalName)) ? 'user' : type === '#microsoft.graph.group' ? 'group' : 'other'
        }];
    });
}
