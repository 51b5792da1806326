/**
 * Graph JSON batching [G-BATCH]: at most 20 requests; each item goes through the same
 * routing and faults as a direct call; `dependsOn` sequences items and a failed dependency
 * yields 424; independent items run concurrently, so responses may come back out of order.
 */
import type { ApiRequest, ApiResponse } from '../api.js';
import { badRequest, errorBody } from '../errors.js';

export const MAX_BATCH_REQUESTS = 20;

interface BatchItem { id: string; method: string; url: string; headers: Record<string, string>; body: unknown; dependsOn: string[] }

export type ItemDispatcher = (request: ApiRequest) => Promise<ApiResponse>;

export async function runBatch(request: ApiRequest, dispatchItem: ItemDispatcher): Promise<ApiResponse> {
    const items = parseItems(request.body);
    const done = new Map<string, ApiResponse>();
    const responses: Record<string, unknown>[] = [];
    let pending = [...items];
    while (pending.length > 0) {
        const ready = pending.filter(item => item.dependsOn.every(d => done.has(d)));
        // rule: batch-shape [G-BATCH]
        if (ready.length === 0) throw badRequest('The dependsOn graph of the batch contains a cycle.');
        pending = pending.filter(item => !ready.includes(item));
        await Promise.all(ready.map(async item => {
            const response = await runItem(item, done, request, dispatchItem);
            done.set(item.id, response);
            responses.push({ id: item.id, status: response.status, headers: response.headers ?? {}, ...(response.body !== undefined ? { body: response.body } : {}) });
        }));
    }
    return { status: 200, body: { responses } };
}

async function runItem(item: BatchItem, done: Map<string, ApiResponse>, outer: ApiRequest, dispatchItem: ItemDispatcher): Promise<ApiResponse> {
    const failed = item.dependsOn.find(d => (done.get(d)?.status ?? 500) >= 400);
    if (failed !== undefined) {
        // rule: batch-failed-dependency [G-BATCH]
        return { status: 424, headers: { 'Content-Type': 'application/json' }, body: errorBody('FailedDependency', `The request with id '${failed}' that this request depends on failed.`) };
    }
    if (item.body !== undefined && !Object.keys(item.headers).some(h => h.toLowerCase() === 'content-type')) {
        // rule: batch-content-type [G-BATCH]
        return { status: 400, headers: { 'Content-Type': 'application/json' }, body: errorBody('BadRequest', 'A Content-Type header is required on batch requests that have a body.') };
    }
    const url = new URL(item.url.replace(/^\/?/, '/v1.0/'), 'http://batch.invalid');
    return dispatchItem({
        method: item.method, path: url.pathname, query: url.searchParams, body: item.body,
        headers: { ...Object.fromEntries(Object.entries(item.headers).map(([k, v]) => [k.toLowerCase(), v])), authorization: outer.headers.authorization },
        baseUrl: outer.baseUrl
    });
}

function parseItems(body: unknown): BatchItem[] {
    const requests = body && typeof body === 'object' ? (body as Record<string, unknown>).requests : undefined;
    // rule: batch-shape [G-BATCH]
    if (!Array.isArray(requests) || requests.length === 0) throw badRequest('The batch request must have a non-empty "requests" array.');
    // rule: batch-max-20 [G-BATCH]
    if (requests.length > MAX_BATCH_REQUESTS) throw badRequest(`The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
    const items = requests.map((raw, index): BatchItem => {
        const r = raw && typeof raw === 'object' ? raw as Record<string, unknown> : {};
        // rule: batch-shape [G-BATCH]
        if (typeof r.id !== 'string' && typeof r.id !== 'number') throw badRequest(`Batch request at index ${index} has no id.`);
        // rule: batch-shape [G-BATCH]
        if (typeof r.method !== 'string' || typeof r.url !== 'string') throw badRequest(`Batch request '${r.id}' needs "method" and "url".`);
        // rule: batch-relative-url [G-BATCH]
        if (/^https?:/i.test(r.url)) throw badRequest(`Batch request '${r.id}': the url must be relative (for example /users/{id}).`);
        const headers = r.headers && typeof r.headers === 'object' ? r.headers as Record<string, string> : {};
        const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
        return { id: String(r.id), method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn };
    });
    const ids = new Set<string>();
    for (const item of items) {
        // rule: batch-shape [G-BATCH]
        if (ids.has(item.id)) throw badRequest(`Batch request id '${item.id}' is used more than once.`);
        ids.add(item.id);
    }
    for (const item of items) {
        // rule: batch-shape [G-BATCH]
        for (const d of item.dependsOn) if (!ids.has(d)) throw badRequest(`Batch request '${item.id}' depends on unknown request '${d}'.`);
    }
    return items;
}
