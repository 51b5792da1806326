/** Users and resource accounts: Get-CsOnlineUser, *-CsOnlineApplicationInstance, associations [NEW-APPINST, GET-APPINST, ASSOC]. */
import { isResourceAccount, RESOURCE_ACCOUNT_DEPARTMENT, SKU_PHONESYSTEM_VIRTUALUSER, type User } from '../model.js';
import type { Tenant } from '../tenant.js';
import { hasLicense, requireUser, teamsError, type CmdletHandler } from './cmdlet.js';
import { isGuid, optionalInt, optionalString, requiredString, stringList } from './params.js';

const AUTO_ATTENDANT_APP_ID = 'ce933385-9390-45d1-9512-c8d228074e07';
const CALL_QUEUE_APP_ID = '11cd3e2e-fccb-42ad-ad00-878b93575e07';

function lineUri(tenant: Tenant, user: User): string | null {
    const number = tenant.numbersAssignedTo(user.id)[0];
    return number ? `tel:${number.telephoneNumber}` : null;
}

export function onlineUser(tenant: Tenant, user: User): Record<string, unknown> {
    // Policies are UserPolicyDefinition objects, {Authority, Name} in commercial tenants; ObjectId was renamed Identity [CSUSER-GET, TPS-RN].
    const direct = (type: string) => {
        const name = tenant.state.userPolicyAssignments.find(a => a.userId === user.id && a.policyType === type)?.policyName;
        return name === undefined ? null : { Authority: 'Tenant', Name: name };
    };
    return {
        Identity: user.id,
        UserPrincipalName: user.userPrincipalName,
        SipAddress: `sip:${user.userPrincipalName}`,
        DisplayName: user.displayName,
        AccountEnabled: user.accountEnabled,
        AccountType: isResourceAccount(user) ? 'ResourceAccount' : 'User',
        Department: user.department,
        UsageLocation: user.usageLocation,
        EnterpriseVoiceEnabled: user.enterpriseVoiceEnabled,
        LineUri: lineUri(tenant, user),
        FeatureTypes: user.enterpriseVoiceEnabled ? ['Teams', 'PhoneSystem'] : ['Teams'],
        AssignedPlan: user.assignedLicenses.flatMap(l => tenant.state.subscribedSkus.find(s => s.skuId === l.skuId)?.servicePlans.map(p => ({ Capability: p.servicePlanName, CapabilityStatus: 'Enabled', ServicePlanId: p.servicePlanId })) ?? []),
        // Get-CsOnlineUser shows direct assignments only [GPA-NEW].
        OnlineVoiceRoutingPolicy: direct('OnlineVoiceRoutingPolicy'),
        TeamsEmergencyCallRoutingPolicy: direct('TeamsEmergencyCallRoutingPolicy'),
        TeamsSharedCallingRoutingPolicy: direct('TeamsSharedCallingRoutingPolicy'),
        TenantId: tenant.state.tenantId
    };
}

/** `-Filter "Prop -eq 'value' -and ..."`: the OPATH subset scripts use (-eq, -ne, -like, joined with -and). */
function onlineUserFilter(filter: string | null): (user: Record<string, unknown>) => boolean {
    if (filter === null || filter.trim() === '') return () => true;
    const clauses = filter.split(/\s+-and\s+/i).map(clause => {
        const match = /^\s*\{?\s*(\w+)\s+-(eq|ne|like)\s+['"]?(.*?)['"]?\s*\}?\s*$/i.exec(clause);
        // rule: csuser-filter-subset [CSUSER-GET]
        if (!match) throw teamsError(`The filter '${filter}' is not supported by the emulator (use Property -eq|-ne|-like 'value', joined with -and).`);
        const [, property, op, value] = match as unknown as [string, string, string, string];
        const pattern = new RegExp(`^${value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
        return (user: Record<string, unknown>) => {
            const key = Object.keys(user).find(k => k.toLowerCase() === property.toLowerCase());
            const actual = key === undefined ? '' : String(user[key] ?? '');
            const equal = op.toLowerCase() === 'like' ? pattern.test(actual) : actual.toLowerCase() === value.toLowerCase();
            return op.toLowerCase() === 'ne' ? !equal : equal;
        };
    });
    return user => clauses.every(c => c(user));
}

function applicationInstance(tenant: Tenant, user: User): Record<string, unknown> {
    return {
        ObjectId: user.id, TenantId: tenant.state.tenantId, UserPrincipalName: user.userPrincipalName,
        ApplicationId: user.applicationId, DisplayName: user.displayName, PhoneNumber: lineUri(tenant, user)
    };
}

function requireResourceAccount(tenant: Tenant, identity: string): User {
    const user = requireUser(tenant, identity);
    // rule: ra-is-application-instance [SET-APPINST, ASSOC]
    if (!isResourceAccount(user)) throw teamsError(`'${identity}' is not a resource account (application instance).`);
    return user;
}

export const accountCmdlets: Record<string, CmdletHandler> = {
    'Get-CsTenant': tenant => ({
        TenantId: tenant.state.tenantId, DisplayName: tenant.state.tenantDomain.split('.')[0],
        VerifiedDomains: tenant.state.verifiedDomains.map(Name => ({ Name, Status: 'Enabled' })),
        SipDomain: tenant.state.verifiedDomains
    }),

    'Get-CsOnlineUser': (tenant, params) => {
        const identity = optionalString(params, 'Identity');
        if (identity !== null) return [onlineUser(tenant, requireUser(tenant, identity))];
        const size = optionalInt(params, 'ResultSize');
        const filter = onlineUserFilter(optionalString(params, 'Filter'));
        const accountType = optionalString(params, 'AccountType');
        const users = tenant.visibleUsers().map(u => onlineUser(tenant, u))
            .filter(u => filter(u) && (accountType === null || String(u.AccountType).toLowerCase() === accountType.toLowerCase()));
        return size === null ? users : users.slice(0, size);
    },

    'Get-CsOnlineApplicationInstance': (tenant, params) => {
        const ids = [optionalString(params, 'Identity'), ...stringList(params, 'Identities').flatMap(s => s.split(','))].filter((s): s is string => !!s?.trim());
        if (ids.length > 0) return ids.map(id => applicationInstance(tenant, requireResourceAccount(tenant, id.trim())));
        return tenant.visibleUsers().filter(isResourceAccount).map(u => applicationInstance(tenant, u));
    },

    'New-CsOnlineApplicationInstance': (tenant, params) => {
        const upn = requiredString(params, 'UserPrincipalName');
        const domain = upn.split('@')[1]?.toLowerCase();
        if (!domain || !tenant.state.verifiedDomains.includes(domain)) {
            // rule: ra-upn-verified-domain [NEW-APPINST]
            throw teamsError(`The domain portion of UserPrincipalName '${upn}' is not a verified domain of this tenant.`);
        }
        if (tenant.state.users.some(u => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
            // rule: duplicate-identity
            throw teamsError(`A user with UserPrincipalName '${upn}' already exists.`, 'Conflict', 409);
        }
        const applicationId = optionalString(params, 'ApplicationId');
        // rule: application-id-guid [NEW-APPINST]
        if (applicationId !== null && !isGuid(applicationId)) throw teamsError(`ApplicationId '${applicationId}' is not a GUID.`);
        const now = new Date().toISOString();
        const user: User = {
            id: tenant.newId(), userPrincipalName: upn, displayName: optionalString(params, 'DisplayName') ?? upn.split('@')[0]!,
            mail: null, givenName: null, surname: null, jobTitle: null, department: RESOURCE_ACCOUNT_DEPARTMENT,
            // Resource accounts are disabled for sign-in and start without usage location or licence [RA-MANAGE].
            usageLocation: null, accountEnabled: false, assignedLicenses: [], enterpriseVoiceEnabled: false,
            applicationId: applicationId?.toLowerCase() ?? null, createdDateTime: now, modifiedDateTime: now
        };
        tenant.state.users.push(user);
        tenant.created(user.id);
        return applicationInstance(tenant, user);
    },

    'Set-CsOnlineApplicationInstance': (tenant, params) => {
        const user = requireResourceAccount(tenant, requiredString(params, 'Identity'));
        if (optionalString(params, 'OnpremPhoneNumber') !== null) {
            // rule: appinst-number-deprecated [SET-APPINST]
            throw teamsError('Assigning phone numbers with Set-CsOnlineApplicationInstance is deprecated; use Set-CsPhoneNumberAssignment.');
        }
        const applicationId = optionalString(params, 'ApplicationId');
        if (applicationId !== null) {
            // rule: application-id-guid [NEW-APPINST]
            if (!isGuid(applicationId)) throw teamsError(`ApplicationId '${applicationId}' is not a GUID.`);
            user.applicationId = applicationId.toLowerCase();
        }
        const displayName = optionalString(params, 'DisplayName');
        if (displayName !== null) user.displayName = displayName;
        user.modifiedDateTime = new Date().toISOString();
        return applicationInstance(tenant, user);
    },

    'New-CsOnlineApplicationInstanceAssociation': (tenant, params) => {
        const configurationId = requiredString(params, 'ConfigurationId');
        const configurationType = requiredString(params, 'ConfigurationType');
        // rule: accepted-values
        if (configurationType !== 'AutoAttendant' && configurationType !== 'CallQueue') throw teamsError(`ConfigurationType must be AutoAttendant or CallQueue.`);
        const callPriority = optionalInt(params, 'CallPriority') ?? 3;
        const expectedApp = configurationType === 'AutoAttendant' ? AUTO_ATTENDANT_APP_ID : CALL_QUEUE_APP_ID;
        const ids = stringList(params, 'Identities');
        // rule: mandatory-parameter
        if (ids.length === 0) throw teamsError(`Cannot validate argument on parameter 'Identities'. The argument is null or empty.`);
        return ids.map(id => {
            const ra = requireResourceAccount(tenant, id);
            // Without a valid licence, AA/CQ association fails [RA-MANAGE-OLD].
            // rule: assoc-needs-ra-licence [RA-MANAGE-OLD, RA-LIC]
            if (!hasLicense(ra, SKU_PHONESYSTEM_VIRTUALUSER)) throw teamsError(`Resource account '${ra.userPrincipalName}' has no Microsoft Teams Phone Resource Account licence (PHONESYSTEM_VIRTUALUSER); association requires it.`);
            // rule: assoc-application-id-matches [NEW-APPINST, ASSOC; UNCONFIRMED]
            if (ra.applicationId && ra.applicationId !== expectedApp) throw teamsError(`Resource account '${ra.userPrincipalName}' has ApplicationId ${ra.applicationId}, which does not match ConfigurationType ${configurationType} (${expectedApp}).`);
            // An account already associated is not refused: [ASSOC] documents no such error. The new
            // association takes the place of the old one (the emulator's reading [UNCONFIRMED]).
            const association = { id: tenant.newId(), objectId: ra.id, configurationId, configurationType: configurationType as 'AutoAttendant' | 'CallQueue', callPriority };
            tenant.state.applicationInstanceAssociations = [...tenant.state.applicationInstanceAssociations.filter(a => a.objectId !== ra.id), association];
            return { Id: association.id, ObjectId: ra.id, ConfigurationId: configurationId, ConfigurationType: configurationType, CallPriority: callPriority };
        });
    }
};
