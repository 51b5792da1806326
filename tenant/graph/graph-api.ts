/**
 * Microsoft Graph through @microsoft/microsoft-graph-client: reads with paging, writes,
 * and $batch (at most 20 requests a call, failed items retried by the same rules as
 * single calls) [G-BATCH]. The base URL is Graph's or the emulator's; nothing else differs.
 */
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import { TenantError } from '../errors.js';
import type { RetryPolicy } from '../retry.js';
import { DEFAULT_RETRY_POLICY, RetryAfterTooLongError, isRetryable, retryDelayMs, sleep } from '../retry.js';
import type { CallObserver } from './middleware.js';
import { graphMiddleware } from './middleware.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const GRAPH_BASE_URL = 'https://graph.microsoft.com/';
export const MAX_BATCH_REQUESTS = 20;
/** $batch requests sent at once (Graph throttles per app and tenant, and answers 429 with Retry-After beyond its limits). */
export const MAX_CONCURRENT_BATCHES = 4;

export interface BatchRequest {
    id: string;
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    /** Relative to the version root, e.g. `/users/abc/assignLicense`. */
    url: string;
    body?: unknown;
    dependsOn?: string[];
}

export interface BatchResult {
    id: string;
    status: number;
    body?: unknown;
}

export interface GraphApiOptions {
    credential: TokenCredential;
    /** `https://graph.microsoft.com/` or the emulator's `http://127.0.0.1:7780/`. */
    baseUrl?: string;
    retry?: RetryPolicy;
    observer?: CallObserver;
}

export class GraphApi {
    private readonly client: Client;
    private readonly baseUrl: string;
    private readonly retry: RetryPolicy;

    constructor(options: GraphApiOptions) {
        this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/?$/, '/');
        this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
        this.client = Client.initWithMiddleware({
            baseUrl: this.baseUrl,
            defaultVersion: 'v1.0',
            middleware: graphMiddleware(options.credential, GRAPH_SCOPE, this.retry, options.observer ?? {})
        });
    }

    async get<T>(path: string): Promise<T> {
        return this.call('GET', path, () => this.client.api(path).get());
    }

    /** Every item of a collection, following `@odata.nextLink`; `onPage` hears the running count after each page. */
    async list<T>(path: string, onPage?: (items: number) => void): Promise<T[]> {
        const items: T[] = [];
        let next: string | undefined = path;
        while (next) {
            const page: { value: T[]; '@odata.nextLink'?: string } = await this.get(next);
            items.push(...page.value);
            onPage?.(items.length);
            next = page['@odata.nextLink'] ? relativeGraphLink(page['@odata.nextLink']) : undefined;
        }
        return items;
    }

    async patch(path: string, body: unknown): Promise<unknown> {
        return this.call('PATCH', path, () => this.client.api(path).patch(body));
    }

    async post(path: string, body: unknown): Promise<unknown> {
        return this.call('POST', path, () => this.client.api(path).post(body));
    }

    /**
     * Runs requests through $batch, 20 a request and up to 4 requests at once; items answered 429 or 5xx are sent again
     * (in a later batch) after the longest Retry-After among them. Results come back by id.
     */
    async batch(requests: BatchRequest[]): Promise<Map<string, BatchResult>> {
        const results = new Map<string, BatchResult>();
        let pending = requests;
        for (let attempt = 1; pending.length > 0; attempt++) {
            const retry: BatchRequest[] = [];
            let wait = 0;
            const chunks: BatchRequest[][] = [];
            for (let i = 0; i < pending.length; i += MAX_BATCH_REQUESTS) chunks.push(pending.slice(i, i + MAX_BATCH_REQUESTS));
            const sendChunk = async (chunk: BatchRequest[]): Promise<void> => {
                const chunkIds = new Set(chunk.map(r => r.id));
                const body = {
                    requests: chunk.map(r => ({
                        id: r.id, method: r.method, url: r.url,
                        ...(r.body !== undefined ? { body: r.body, headers: { 'Content-Type': 'application/json' } } : {}),
                        // A dependency answered in an earlier batch is already done: drop it.
                        ...(r.dependsOn?.some(d => chunkIds.has(d)) ? { dependsOn: r.dependsOn.filter(d => chunkIds.has(d)) } : {})
                    }))
                };
                const response = await this.post('/$batch', body) as { responses: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[] };
                for (const item of response.responses) {
                    const outcome = { status: item.status, retryAfter: item.headers?.['Retry-After'] ?? item.headers?.['retry-after'] };
                    if (isRetryable(outcome) && attempt < this.retry.maxAttempts) {
                        const request = chunk.find(r => r.id === item.id)!;
                        retry.push(request);
                        // Each item is throttled on its own and carries its own Retry-After [G-BATCH, G-THROTTLE].
                        wait = Math.max(wait, retryDelayMs(outcome, attempt, this.retry, { what: `Graph $batch item ${request.method} ${request.url.split('?')[0]}` }));
                    } else {
                        results.set(item.id, { id: item.id, status: item.status, body: item.body });
                    }
                }
            };
            // Several $batch requests in flight, unless an item depends on one in an earlier chunk (then in order).
            const inOrder = pending.some(r => r.dependsOn?.length);
            let next = 0;
            const sender = async (): Promise<void> => {
                while (next < chunks.length) await sendChunk(chunks[next++]!);
            };
            await Promise.all(Array.from({ length: inOrder ? 1 : Math.min(MAX_CONCURRENT_BATCHES, chunks.length) }, sender));
            // A 424 (failed dependency) is retried together with the item it depends on.
            const retryIds = new Set(retry.map(r => r.id));
            for (const request of pending) {
                const result = results.get(request.id);
                if (result?.status === 424 && request.dependsOn?.some(d => retryIds.has(d)) && attempt < this.retry.maxAttempts) {
                    results.delete(request.id);
                    retry.push(request);
                }
            }
            if (retry.length > 0 && wait > 0) await sleep(wait);
            pending = retry;
        }
        return results;
    }

    private async call<T>(method: string, path: string, run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } catch (error) {
            // Thrown by the retry middleware: its message already names the call.
            if (error instanceof GraphError && error.code === RetryAfterTooLongError.CODE) throw new TenantError(error.message, 429, error.code);
            if (error instanceof GraphError) {
                throw new TenantError(`Graph ${method} ${path.split('?')[0]}: ${error.statusCode} ${error.code ?? ''} ${error.message}`.replace(/\s+/g, ' ').trim(),
                    error.statusCode, error.code ?? undefined);
            }
            throw new TenantError(`Graph ${method} ${path.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}

/** `@odata.nextLink` is absolute; the client and `$batch` items want a path relative to the version root. */
export function relativeGraphLink(link: string): string {
    const url = new URL(link);
    return `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`;
}
