/** Graph `/admin/teams/userConfigurations`: read-back of voice settings and effective policies [G-UCONF]. */
import { json, type Route } from '../api.js';
import { notFound } from '../errors.js';
import { POLICY_TYPES, type User } from '../model.js';
import { applySelect, paginate, parseFilter } from '../odata.js';
import type { Tenant } from '../tenant.js';
import { contextUrl } from './users.js';

const FILTERABLE = ['id', 'userPrincipalName', 'accountType', 'isEnterpriseVoiceEnabled'];

export function userConfiguration(tenant: Tenant, user: User): Record<string, unknown> {
    const effectivePolicyAssignments = POLICY_TYPES.flatMap(policyType => {
        const effective = tenant.effectivePolicy(user, policyType);
        if (!effective) return [];
        return [{
            policyType,
            policyAssignment: {
                displayName: effective.policyName,
                assignmentType: effective.assignmentType === 'group' ? 'group' : 'direct',
                policyId: tenant.policyId(policyType, effective.policyName),
                groupId: effective.groupId
            }
        }];
    });
    return {
        id: user.id,
        tenantId: tenant.state.tenantId,
        userPrincipalName: user.userPrincipalName,
        accountType: tenant.accountType(user),
        isEnterpriseVoiceEnabled: user.enterpriseVoiceEnabled,
        featureTypes: user.enterpriseVoiceEnabled ? ['Teams', 'PhoneSystem'] : ['Teams'],
        telephoneNumbers: tenant.numbersAssignedTo(user.id).map(n => ({ telephoneNumber: n.telephoneNumber, assignmentCategory: 'primary' })),
        effectivePolicyAssignments,
        createdDateTime: user.createdDateTime,
        modifiedDateTime: user.modifiedDateTime
    };
}

export const userConfigurationRoutes: Route[] = [
    {
        method: 'GET', pattern: '/v1.0/admin/teams/userConfigurations', handler: (req, { tenant }) => {
            const select = req.query.get('$select');
            const predicate = parseFilter(req.query.get('$filter'), FILTERABLE);
            const rows = tenant.visibleUsers().map(u => userConfiguration(tenant, u)).filter(predicate);
            const page = paginate(rows, req.query, `${req.baseUrl}/v1.0/admin/teams/userConfigurations`, 100);
            return json(200, {
                '@odata.context': contextUrl(req.baseUrl, 'admin/teams/userConfigurations', select),
                ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
                value: page.items.map(r => applySelect(r, select, null))
            });
        }
    },
    {
        method: 'GET', pattern: '/v1.0/admin/teams/userConfigurations/{id}', handler: (req, { tenant, params }) => {
            const select = req.query.get('$select');
            const user = tenant.findUser(params.id!);
            // rule: graph-unknown-resource
            if (!user) throw notFound(`Resource '${params.id}' does not exist or one of its queried reference-property objects are not present.`);
            return json(200, { '@odata.context': contextUrl(req.baseUrl, 'admin/teams/userConfigurations/$entity', select), ...applySelect(userConfiguration(tenant, user), select, null) });
        }
    }
];
