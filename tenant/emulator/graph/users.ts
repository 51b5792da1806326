/** Graph `/users`: get, list with $filter/$select/paging, PATCH, and assignLicense [G-USER, G-ASSIGNLIC]. */
import { bodyObject, json, type Route } from '../api.js';
import { badRequest, EmulatorError, notFound } from '../errors.js';
import type { User } from '../model.js';
import { applySelect, paginate, parseFilter } from '../odata.js';
import type { Tenant } from '../tenant.js';

/** What Graph returns for a user without `$select`. */
const DEFAULT_USER_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const FILTERABLE = ['id', 'userPrincipalName', 'displayName', 'department', 'mail', 'accountEnabled', 'usageLocation', 'givenName', 'surname', 'jobTitle'];
const PATCHABLE = ['usageLocation', 'accountEnabled', 'displayName', 'department', 'jobTitle', 'givenName', 'surname'];

export function userResource(u: User): Record<string, unknown> {
    return {
        id: u.id, businessPhones: [], displayName: u.displayName, givenName: u.givenName, jobTitle: u.jobTitle, mail: u.mail,
        mobilePhone: null, officeLocation: null, preferredLanguage: null, surname: u.surname, userPrincipalName: u.userPrincipalName,
        accountEnabled: u.accountEnabled, department: u.department, usageLocation: u.usageLocation,
        assignedLicenses: u.assignedLicenses.map(l => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
        createdDateTime: u.createdDateTime
    };
}

export function selectUser(u: User, select: string | null): Record<string, unknown> {
    return applySelect(userResource(u), select, DEFAULT_USER_PROPERTIES);
}

export function requireGraphUser(tenant: Tenant, idOrUpn: string): User {
    const user = tenant.findUser(idOrUpn);
    // rule: graph-unknown-resource
    if (!user) throw notFound(`Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
    return user;
}

export function contextUrl(baseUrl: string, fragment: string, select: string | null): string {
    return `${baseUrl}/v1.0/$metadata#${fragment}${select ? `(${select})` : ''}`;
}

export const userRoutes: Route[] = [
    {
        method: 'GET', pattern: '/v1.0/users', handler: (req, { tenant }) => {
            const select = req.query.get('$select');
            const predicate = parseFilter(req.query.get('$filter'), FILTERABLE);
            const matching = tenant.visibleUsers().filter(u => predicate(userResource(u)));
            const page = paginate(matching, req.query, `${req.baseUrl}/v1.0/users`, 100);
            return json(200, {
                '@odata.context': contextUrl(req.baseUrl, 'users', select),
                ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
                value: page.items.map(u => selectUser(u, select))
            });
        }
    },
    {
        method: 'GET', pattern: '/v1.0/users/{id}', handler: (req, { tenant, params }) => {
            const select = req.query.get('$select');
            const user = requireGraphUser(tenant, params.id!);
            return json(200, { '@odata.context': contextUrl(req.baseUrl, 'users/$entity', select), ...selectUser(user, select) });
        }
    },
    {
        method: 'PATCH', pattern: '/v1.0/users/{id}', handler: (req, { tenant, params }) => {
            const user = requireGraphUser(tenant, params.id!);
            const body = bodyObject(req);
            for (const key of Object.keys(body)) {
                // rule: user-patch-properties [G-USER]
                if (!PATCHABLE.includes(key)) throw badRequest(`Property '${key}' cannot be updated by the emulator (supported: ${PATCHABLE.join(', ')}).`, 'Request_BadRequest');
            }
            if ('usageLocation' in body) {
                const loc = body.usageLocation;
                if (loc !== null && (typeof loc !== 'string' || !/^[A-Za-z]{2}$/.test(loc))) {
                    // rule: user-property-values [G-USER]
                    throw badRequest(`Invalid value specified for property 'usageLocation' of resource 'User'.`, 'Request_BadRequest');
                }
                user.usageLocation = loc === null ? null : (loc as string).toUpperCase();
            }
            if ('accountEnabled' in body) {
                // rule: user-property-values [G-USER]
                if (typeof body.accountEnabled !== 'boolean') throw badRequest(`Invalid value specified for property 'accountEnabled' of resource 'User'.`, 'Request_BadRequest');
                user.accountEnabled = body.accountEnabled;
            }
            for (const key of ['displayName', 'department', 'jobTitle', 'givenName', 'surname'] as const) {
                if (key in body) {
                    const value = body[key];
                    // rule: user-property-values [G-USER]
                    if (value !== null && typeof value !== 'string') throw badRequest(`Invalid value specified for property '${key}' of resource 'User'.`, 'Request_BadRequest');
                    if (key === 'displayName') user.displayName = String(value);
                    else user[key] = value as string | null;
                }
            }
            user.modifiedDateTime = new Date().toISOString();
            return { status: 204 };
        }
    },
    {
        method: 'POST', pattern: '/v1.0/users/{id}/assignLicense', handler: (req, { tenant, params }) => {
            const user = requireGraphUser(tenant, params.id!);
            const body = bodyObject(req);
            if (!Array.isArray(body.addLicenses) || !Array.isArray(body.removeLicenses)) {
                // rule: assignlicense-both-lists [G-ASSIGNLIC]
                throw badRequest(`Both addLicenses and removeLicenses are required (use [] for none).`, 'Request_BadRequest');
            }
            assignLicenses(tenant, user, body.addLicenses as unknown[], body.removeLicenses as unknown[]);
            return json(200, { '@odata.context': contextUrl(req.baseUrl, 'users/$entity', null), ...userResource(user) });
        }
    }
];

function assignLicenses(tenant: Tenant, user: User, add: unknown[], remove: unknown[]): void {
    const skus = tenant.state.subscribedSkus;
    const adds = add.map(item => {
        const skuId = item && typeof item === 'object' ? (item as Record<string, unknown>).skuId : undefined;
        const sku = typeof skuId === 'string' ? skus.find(s => s.skuId.toLowerCase() === skuId.toLowerCase()) : undefined;
        // rule: assignlicense-known-sku [G-ASSIGNLIC, G-SKUS]
        if (!sku) throw badRequest(`License ${String(skuId)} does not correspond to a valid company License.`, 'Request_BadRequest');
        const disabledPlans = (item as Record<string, unknown>).disabledPlans;
        return { sku, disabledPlans: Array.isArray(disabledPlans) ? disabledPlans.map(String) : [] };
    });
    const removes = remove.map(id => {
        const sku = skus.find(s => s.skuId.toLowerCase() === String(id).toLowerCase());
        // rule: assignlicense-known-sku [G-ASSIGNLIC, G-SKUS]
        if (!sku) throw badRequest(`License ${String(id)} does not correspond to a valid company License.`, 'Request_BadRequest');
        return sku;
    });
    // Graph checks usage location before anything else: it is legally required for licensing [G-USER].
    if (adds.length > 0 && !user.usageLocation) {
        // rule: assignlicense-usage-location [G-USER, G-ASSIGNLIC]
        throw new EmulatorError(400, 'Request_BadRequest', 'License assignment cannot be done for user with invalid usage location.');
    }
    for (const { sku } of adds) {
        const already = user.assignedLicenses.some(l => l.skuId === sku.skuId);
        if (!already && sku.consumedUnits >= sku.prepaidUnits.enabled) {
            // rule: assignlicense-available [G-SKUS, G-ASSIGNLIC]
            throw badRequest(`Subscription with SKU ${sku.skuId} (${sku.skuPartNumber}) does not have any available licenses.`, 'Request_BadRequest');
        }
    }
    for (const sku of removes) {
        const before = user.assignedLicenses.length;
        user.assignedLicenses = user.assignedLicenses.filter(l => l.skuId !== sku.skuId);
        if (user.assignedLicenses.length < before) sku.consumedUnits--;
    }
    for (const { sku, disabledPlans } of adds) {
        const existing = user.assignedLicenses.find(l => l.skuId === sku.skuId);
        if (existing) existing.disabledPlans = disabledPlans;
        else {
            user.assignedLicenses.push({ skuId: sku.skuId, disabledPlans });
            sku.consumedUnits++;
        }
    }
    user.modifiedDateTime = new Date().toISOString();
}
