/** Graph `/subscribedSkus`: supports only `$select` [G-SKUS]. */
import { json, type Route } from '../api.js';
import { badRequest } from '../errors.js';
import { applySelect } from '../odata.js';
import { contextUrl } from './users.js';

export const skuRoutes: Route[] = [
    {
        method: 'GET', pattern: '/v1.0/subscribedSkus', handler: (req, { tenant }) => {
            for (const option of ['$filter', '$top', '$orderby', '$expand']) {
                // rule: skus-select-only [G-SKUS]
                if (req.query.has(option)) throw badRequest(`Query option '${option}' is not supported on subscribedSkus; only $select is.`, 'Request_UnsupportedQuery');
            }
            const select = req.query.get('$select');
            const value = tenant.state.subscribedSkus.map(s => applySelect({
                accountId: tenant.state.tenantId, accountName: tenant.state.tenantDomain.split('.')[0], appliesTo: s.appliesTo,
                capabilityStatus: s.capabilityStatus, consumedUnits: s.consumedUnits, id: s.id, skuId: s.skuId, skuPartNumber: s.skuPartNumber,
                subscriptionIds: [], prepaidUnits: { ...s.prepaidUnits }, servicePlans: s.servicePlans.map(p => ({ ...p }))
            }, select, null));
            return json(200, { '@odata.context': contextUrl(req.baseUrl, 'subscribedSkus', select), value });
        }
    }
];
