/** Graph `/groups`: list with $filter (displayName eq ...), get, and direct `/members` with paging [G-GROUPS]. */
import { json, type Route } from '../api.js';
import { notFound } from '../errors.js';
import type { Group } from '../model.js';
import { applySelect, paginate, parseFilter } from '../odata.js';
import type { Tenant } from '../tenant.js';
import { contextUrl, selectUser } from './users.js';

const FILTERABLE = ['id', 'displayName', 'mail', 'mailNickname', 'securityEnabled', 'mailEnabled'];

function groupResource(g: Group): Record<string, unknown> {
    return {
        id: g.id, displayName: g.displayName, description: g.description, mail: g.mail, mailEnabled: g.mailEnabled,
        mailNickname: g.mailNickname, securityEnabled: g.securityEnabled, groupTypes: []
    };
}

function requireGroup(tenant: Tenant, id: string): Group {
    const group = tenant.state.groups.find(g => g.id.toLowerCase() === id.toLowerCase() && tenant.isVisible(g.id));
    // rule: graph-unknown-resource
    if (!group) throw notFound(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    return group;
}

export const groupRoutes: Route[] = [
    {
        method: 'GET', pattern: '/v1.0/groups', handler: (req, { tenant }) => {
            const select = req.query.get('$select');
            const predicate = parseFilter(req.query.get('$filter'), FILTERABLE);
            const matching = tenant.state.groups.filter(g => tenant.isVisible(g.id) && predicate(groupResource(g)));
            const page = paginate(matching, req.query, `${req.baseUrl}/v1.0/groups`, 100);
            return json(200, {
                '@odata.context': contextUrl(req.baseUrl, 'groups', select),
                ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
                value: page.items.map(g => applySelect(groupResource(g), select, null))
            });
        }
    },
    {
        method: 'GET', pattern: '/v1.0/groups/{id}', handler: (req, { tenant, params }) => {
            const select = req.query.get('$select');
            const group = requireGroup(tenant, params.id!);
            return json(200, { '@odata.context': contextUrl(req.baseUrl, 'groups/$entity', select), ...applySelect(groupResource(group), select, null) });
        }
    },
    {
        method: 'GET', pattern: '/v1.0/groups/{id}/members', handler: (req, { tenant, params }) => {
            const select = req.query.get('$select');
            const group = requireGroup(tenant, params.id!);
            // Direct members only, each a directoryObject named by its type: users, and nested groups [G-GROUPS].
            const members = group.memberIds.flatMap(id => {
                const user = tenant.state.users.find(u => u.id === id);
                if (user) return [{ '@odata.type': '#microsoft.graph.user', ...selectUser(user, select) }];
                const nested = tenant.state.groups.find(g => g.id === id);
                return nested ? [{ '@odata.type': '#microsoft.graph.group', ...applySelect(groupResource(nested), select, null) }] : [];
            });
            const page = paginate(members, req.query, `${req.baseUrl}/v1.0/groups/${group.id}/members`, 100);
            return json(200, {
                '@odata.context': contextUrl(req.baseUrl, 'directoryObjects', select),
                ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
                value: page.items
            });
        }
    }
];
