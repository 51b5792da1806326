/**
 * Microsoft Graph through @microsoft/microsoft-graph-client: reads with paging, writes,
 * and $batch (at most 20 requests a call, failed items retried by the same rules as
 * single calls) [G-BATCH]. The base URL is Graph's or the emulator's; nothing else differs.
 */
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import { TenantError } from '../errors.js';
import type { RetryPolicy } from '../retry.js';
import { DEFAULT_RETRY_POLICY, RetryAfterTooLongError, isRetryable, parseRetryAfter, retryDelayMs, sleep } from '../retry.js';
import { AdaptiveConcurrency, PACED_DEFAULTS, type Permit, type RequestOutcome } from '../adaptive-concurrency.js';
import { AdaptiveRate } from '../adaptive-rate.js';
import type { CallObserver } from './middleware.js';
import { graphMiddleware } from './middleware.js';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const GRAPH_BASE_URL = 'https://graph.microsoft.com/';
export const MAX_BATCH_REQUESTS = 20;
/**
 * Most Graph requests ($batch or single) in flight at once; fewer while Graph throttles
 * (adaptive-concurrency.ts). `VOICE_GRAPH_CONCURRENCY` changes it (1 = one at a time).
 */
export const MAX_CONCURRENT_BATCHES = 4;

export function graphConcurrencyFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
    const value = Number(env.VOICE_GRAPH_CONCURRENCY);
    return Number.isInteger(value) && value >= 1 && value <= 32 ? value : MAX_CONCURRENT_BATCHES;
}

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
    /** The Graph surface's concurrency controller (default: from 2 up to graphConcurrencyFromEnvironment()). */
    concurrency?: AdaptiveConcurrency;
}

export class GraphApi {
    private readonly client: Client;
    private readonly baseUrl: string;
    private readonly retry: RetryPolicy;
    /** Every Graph request waits for a place here (the middleware; $batch in `batch`). */
    readonly concurrency: AdaptiveConcurrency;
    /** Graph meters every call and $batch item: all paced to the rate Graph admits (adaptive-rate.ts). */
    readonly pace = new AdaptiveRate();

    constructor(options: GraphApiOptions) {
        this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/?$/, '/');
        this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
        this.concurrency = options.concurrency ?? new AdaptiveConcurrency({ ...PACED_DEFAULTS, max: graphConcurrencyFromEnvironment() });
        this.client = Client.initWithMiddleware({
            baseUrl: this.baseUrl,
            defaultVersion: 'v1.0',
            middleware: graphMiddleware(options.credential, GRAPH_SCOPE, this.retry, options.observer ?? {}, this.concurrency, this.pace)
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
     * Runs requests through $batch, 20 a request, as many requests at once as the Graph concurrency controller allows;
     * items answered 429 or 5xx are sent again (in a later batch) after the longest Retry-After among them, and a
     * batch with throttled items counts as throttled for the controller. Results come back by id.
     */
    async batch(requests: BatchRequest[]): Promise<Map<string, BatchResult>> {
        const results = new Map<string, BatchResult>();
        let pending = requests;
        for (let attempt = 1; pending.length > 0; attempt++) {
            const retry: BatchRequest[] = [];
            const byId = new Map(pending.map(r => [r.id, r]));
            let wait = 0;
            const chunks: BatchRequest[][] = [];
            for (let i = 0; i < pending.length; i += MAX_BATCH_REQUESTS) chunks.push(pending.slice(i, i + MAX_BATCH_REQUESTS));
            const sendChunk = async (chunk: BatchRequest[], permit: Permit, ticket: number): Promise<void> => {
                const chunkIds = new Set(chunk.map(r => r.id));
                const body = {
                    requests: chunk.map(r => ({
                        id: r.id, method: r.method, url: r.url,
                        ...(r.body !== undefined ? { body: r.body, headers: { 'Content-Type': 'application/json' } } : {}),
                        // A dependency answered in an earlier batch is already done: drop it.
                        ...(r.dependsOn?.some(d => chunkIds.has(d)) ? { dependsOn: r.dependsOn.filter(d => chunkIds.has(d)) } : {})
                    }))
                };
                let outcome: RequestOutcome = 'neutral';
                try {
                    const response = await this.post('/$batch', body) as { responses: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[] };
                    outcome = batchOutcome(response.responses);
                    const throttled = response.responses.filter(item => item.status === 429).length;
                    this.pace.observe(ticket, response.responses.length - throttled, throttled);
                    readItems(response.responses);
                } finally {
                    permit.release(outcome);
                }
            };
            const readItems = (responses: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[]): void => {
                for (const item of responses) {
                    const outcome = { status: item.status, retryAfter: item.headers?.['Retry-After'] ?? item.headers?.['retry-after'] };
                    if (isRetryable(outcome) && attempt < this.retry.maxAttempts) {
                        const request = byId.get(item.id)!;
                        retry.push(request);
                        // Each item is throttled on its own and carries its own Retry-After [G-BATCH, G-THROTTLE].
                        wait = Math.max(wait, retryDelayMs(outcome, attempt, this.retry, { what: `Graph $batch item ${request.method} ${request.url.split('?')[0]}` }));
                    } else {
                        results.set(item.id, { id: item.id, status: item.status, body: item.body });
                    }
                }
            };
            // Several $batch requests in flight (the controller says how many) at the paced item rate,
            // unless an item depends on one in an earlier chunk (then in order).
            const inOrder = pending.some(r => r.dependsOn?.length);
            const sent: Promise<void>[] = [];
            for (const chunk of chunks) {
                // Paced first, then the place: the gate is checked last, so a Retry-After seen meanwhile still holds it.
                const ticket = await this.pace.take(chunk.length);
                const permit = await this.concurrency.acquire();
                const sending = sendChunk(chunk, permit, ticket);
                sent.push(sending);
                sending.catch(() => undefined); // handled below, by Promise.all
                if (inOrder) await sending;
            }
            await Promise.all(sent);
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

/** A $batch with a throttled item was throttled (its longest Retry-After); one whose items all answered went through. */
function batchOutcome(items: { status: number; headers?: Record<string, string> }[]): RequestOutcome {
    const throttled = items.filter(item => item.status === 429);
    if (throttled.length === 0) return items.some(item => item.status >= 500) ? 'neutral' : 'success';
    return { retryAfterMs: Math.max(...throttled.map(item => parseRetryAfter(item.headers?.['Retry-After'] ?? item.headers?.['retry-after']) ?? 1000)) };
}

/** `@odata.nextLink` is absolute; the client and `$batch` items want a path relative to the version root. */
export function relativeGraphLink(link: string): string {
    const url = new URL(link);
    return `${url.pathname.replace(/^\/v1\.0/, '')}${url.search}`;
}
