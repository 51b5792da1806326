/**
 * How each planned change is carried out: the Teams cmdlet call (as data) for a change,
 * given what earlier steps of the same run resolved (object ids, location ids).
 */
import type { PlannedChange } from '../../language/plan/diff.js';
import type { Resource } from '../../language/plan/resources.js';
import type { CmdletCall } from '../teams/powershell-session.js';
import { nestedCall } from '../teams/powershell-session.js';

/** Ids learnt from the snapshot and from steps already done in this run. */
export interface ResolvedIds {
    accountIds: Map<string, string>;
    locationIds: Map<string, string>;
    groupIds: Map<string, string>;
}

export class MissingDependencyError extends Error {}

function need(map: Map<string, string>, key: string, what: string): string {
    const value = map.get(key.toLowerCase());
    if (!value) throw new MissingDependencyError(`${what} '${key}' is not in the tenant yet`);
    return value;
}

/** The cmdlet call for a Teams-side change; undefined for changes carried out through Graph or not at all. */
export function cmdletFor(change: PlannedChange, ids: ResolvedIds): CmdletCall | undefined {
    const r = change.resource;
    const create = change.action === 'create';
    switch (r.kind) {
        case 'gateway':
            return create
                ? { command: 'New-CsOnlinePSTNGateway', parameters: { Fqdn: r.fqdn, SipSignalingPort: r.port, Enabled: true } }
                : { command: 'Set-CsOnlinePSTNGateway', parameters: { Identity: r.fqdn, SipSignalingPort: r.port, Enabled: true } };
        case 'pstn-usage':
            return { command: 'Set-CsOnlinePstnUsage', parameters: { Identity: 'Global', Usage: { add: [r.usage] } } };
        case 'voice-route':
            return create
                ? {
                    command: 'New-CsOnlineVoiceRoute', parameters: {
                        Identity: r.identity, NumberPattern: r.numberPattern, OnlinePstnGatewayList: { add: r.gateways },
                        OnlinePstnUsages: { add: r.usages }, Priority: r.priority
                    }
                }
                : {
                    command: 'Set-CsOnlineVoiceRoute', parameters: {
                        Identity: r.identity, NumberPattern: r.numberPattern, OnlinePstnGatewayList: r.gateways,
                        OnlinePstnUsages: r.usages, Priority: r.priority
                    }
                };
        case 'voice-routing-policy': {
            const parameters: Record<string, unknown> = { Identity: r.identity, Description: r.description };
            if (r.usages.length > 0 || !create) parameters.OnlinePstnUsages = r.usages;
            return { command: create ? 'New-CsOnlineVoiceRoutingPolicy' : 'Set-CsOnlineVoiceRoutingPolicy', parameters };
        }
        case 'civic-address':
            return create ? { command: 'New-CsOnlineLisCivicAddress', parameters: civicParameters(r) } : undefined;
        case 'resource-account': {
            if (create) {
                return {
                    command: 'New-CsOnlineApplicationInstance',
                    parameters: { UserPrincipalName: r.userPrincipalName, ApplicationId: r.applicationId, DisplayName: r.displayName }
                };
            }
            const teamsFields = change.changes.filter(c => c.field === 'displayName' || c.field === 'applicationId');
            return teamsFields.length === 0 ? undefined : {
                command: 'Set-CsOnlineApplicationInstance',
                parameters: { Identity: r.userPrincipalName, DisplayName: r.displayName, ApplicationId: r.applicationId }
            };
        }
        case 'number-assignment': {
            const locationId = r.address ? need(ids.locationIds, r.address, 'Civic address') : undefined;
            if (create) {
                return {
                    command: 'Set-CsPhoneNumberAssignment', parameters: {
                        Identity: r.account, PhoneNumber: r.telephoneNumber, PhoneNumberType: r.numberType,
                        ...(locationId ? { LocationId: locationId } : {})
                    }
                };
            }
            return { command: 'Set-CsPhoneNumberAssignment', parameters: { PhoneNumber: r.telephoneNumber, LocationId: locationId ?? 'null' } };
        }
        case 'voice-routing-policy-grant':
            return { command: 'Grant-CsOnlineVoiceRoutingPolicy', parameters: { Identity: r.account, PolicyName: r.policy } };
        case 'shared-calling-policy': {
            const parameters: Record<string, unknown> = {
                Identity: r.identity, ResourceAccount: need(ids.accountIds, r.resourceAccount, 'Resource account'),
                Description: r.description ?? ''
            };
            if (create) {
                if (r.emergencyNumbers.length > 0) parameters.EmergencyNumbers = { add: r.emergencyNumbers };
                return { command: 'New-CsTeamsSharedCallingRoutingPolicy', parameters };
            }
            const numbers = change.changes.find(c => c.field === 'emergencyNumbers');
            if (numbers) {
                const before = new Set((numbers.from as string[]).map(n => n.toLowerCase()));
                const after = new Set(r.emergencyNumbers.map(n => n.toLowerCase()));
                const add = r.emergencyNumbers.filter(n => !before.has(n.toLowerCase()));
                const remove = (numbers.from as string[]).filter(n => !after.has(n.toLowerCase()));
                parameters.EmergencyNumbers = { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };
            }
            return { command: 'Set-CsTeamsSharedCallingRoutingPolicy', parameters };
        }
        case 'group-grant': {
            const command = r.policyType === 'TeamsSharedCallingRoutingPolicy' ? 'Grant-CsTeamsSharedCallingRoutingPolicy' : 'Grant-CsOnlineVoiceRoutingPolicy';
            return { command, parameters: { Group: need(ids.groupIds, r.group, 'Group'), PolicyName: r.policyName, Rank: r.rank } };
        }
        case 'emergency-call-routing-policy': {
            const numbers = r.emergencyNumbers.map(n => nestedCall({
                command: 'New-CsTeamsEmergencyNumber',
                parameters: { EmergencyDialString: n.dialString, ...(n.usage ? { OnlinePSTNUsage: n.usage } : {}) }
            }));
            return create
                ? {
                    command: 'New-CsTeamsEmergencyCallRoutingPolicy', parameters: {
                        // replace, not add: add would append to the Global policy's numbers [ECRP-NEW].
                        Identity: r.identity, EmergencyNumbers: { replace: numbers },
                        AllowEnhancedEmergencyServices: r.allowEnhancedEmergencyServices, Description: r.description
                    }
                }
                : {
                    command: 'Set-CsTeamsEmergencyCallRoutingPolicy', parameters: {
                        Identity: r.identity, EmergencyNumbers: { replace: numbers },
                        AllowEnhancedEmergencyServices: r.allowEnhancedEmergencyServices, Description: r.description
                    }
                };
        }
        case 'group':
        case 'emergency-members-grant':
            return undefined;
    }
}

function civicParameters(r: Extract<Resource, { kind: 'civic-address' }>): Record<string, unknown> {
    const parameters: Record<string, unknown> = { CompanyName: r.companyName, CountryOrRegion: r.countryOrRegion, Description: r.description };
    const optional: [string, unknown][] = [
        ['HouseNumber', r.houseNumber], ['StreetName', r.streetName], ['City', r.city], ['StateOrProvince', r.stateOrProvince],
        ['PostalCode', r.postalCode], ['Elin', r.elin],
        ['Latitude', r.latitude === undefined ? undefined : String(r.latitude)],
        ['Longitude', r.longitude === undefined ? undefined : String(r.longitude)]
    ];
    for (const [name, value] of optional) if (value !== undefined && value !== '') parameters[name] = value;
    return parameters;
}

/** "Already exists" answers to a create: the object is there (a replicated earlier run), so converge with an update. */
export function isAlreadyExists(message: string): boolean {
    return /already exists|already in use by another|duplicate/i.test(message);
}
