/**
 * The Graph client's middleware chain: a bearer token from a TokenCredential on every
 * request, bounded retries, then the HTTP call. Our own auth middleware (rather than the
 * SDK's) so the same chain works against the emulator's plain-HTTP loopback address.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { HTTPMessageHandler } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import type { AdaptiveConcurrency } from '../adaptive-concurrency.js';
import type { AdaptiveRate } from '../adaptive-rate.js';
import type { RetryPolicy } from '../retry.js';
import { isRetryable, parseRetryAfter, retryDelayMs, sleep } from '../retry.js';

export interface CallObserver {
    /** Called after each HTTP attempt (for progress and call counts; never sees headers or tokens). */
    onAttempt?(method: string, url: string, status: number | undefined, attempt: number): void;
}

class BearerTokenMiddleware implements Middleware {
    private next?: Middleware;
    constructor(private readonly credential: TokenCredential, private readonly scope: string) {}

    async execute(context: Context): Promise<void> {
        const token = await this.credential.getToken(this.scope);
        if (!token) throw new Error('Sign-in returned no token for Microsoft Graph.');
        const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
        headers.set('Authorization', `Bearer ${token.token}`);
        context.options = { ...context.options, headers };
        await this.next!.execute(context);
    }

    setNext(next: Middleware): void { this.next = next; }
}

/** Longest a single Graph call may take before it is abandoned and retried. */
export const REQUEST_TIMEOUT_MS = 100_000;

class BoundedRetryMiddleware implements Middleware {
    private next?: Middleware;
    constructor(private readonly policy: RetryPolicy, private readonly observer: CallObserver) {}

    async execute(context: Context): Promise<void> {
        const method = context.options?.method ?? 'GET';
        const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
        for (let attempt = 1; ; attempt++) {
            let status: number | undefined;
            let networkError = false;
            // A call that never answers counts as a network failure: retried, then reported, never a hang.
            context.options = { ...context.options, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
            delete context.response;
            try {
                await this.next!.execute(context);
                status = (context.response as Response | undefined)?.status;
            } catch (error) {
                networkError = true;
                if (attempt >= this.policy.maxAttempts) throw error;
            }
            this.observer.onAttempt?.(method, url, status, attempt);
            const outcome = { status, networkError, retryAfter: (context.response as Response | undefined)?.headers.get('Retry-After') };
            if (!isRetryable(outcome) || attempt >= this.policy.maxAttempts) return;
            await sleep(retryDelayMs(outcome, attempt, this.policy, { what: `Graph ${method} ${graphPath(url)}` }));
        }
    }

    setNext(next: Middleware): void { this.next = next; }
}

/**
 * Every attempt waits for its turn at the rate Graph admits (the surface's AdaptiveRate) and for
 * a place from its concurrency controller, and gives both its outcome: a 429 teaches the rate
 * and holds every other request until its Retry-After. A `$batch` is let through: its outcome
 * is in its items, so GraphApi.batch paces it and takes the place itself.
 */
class AdaptiveConcurrencyMiddleware implements Middleware {
    private next?: Middleware;
    constructor(private readonly concurrency: AdaptiveConcurrency, private readonly pace: AdaptiveRate) {}

    async execute(context: Context): Promise<void> {
        const url = typeof context.request === 'string' ? context.request : (context.request as Request).url;
        if (isBatchUrl(url)) return this.next!.execute(context);
        const ticket = await this.pace.take(1);
        let status: number | undefined;
        await this.concurrency.run(() => this.next!.execute(context), () => {
            const response = context.response as Response | undefined;
            status = response?.status;
            if (!response || response.status >= 500) return 'neutral';
            if (response.status !== 429) return 'success';
            return { retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')) ?? 1000 };
        });
        if (status !== undefined && status < 500) this.pace.observe(ticket, status === 429 ? 0 : 1, status === 429 ? 1 : 0);
    }

    setNext(next: Middleware): void { this.next = next; }
}

export const isBatchUrl = (url: string): boolean => /\/\$batch(\?|$)/.test(url);

/** `https://graph.microsoft.com/v1.0/users?$top=1` -> `/users`: names the call in messages, without its query. */
function graphPath(url: string): string {
    try {
        return new URL(url).pathname.replace(/^\/v1\.0/, '');
    } catch {
        return url.split('?')[0]!;
    }
}

export function graphMiddleware(credential: TokenCredential, scope: string, policy: RetryPolicy, observer: CallObserver, concurrency: AdaptiveConcurrency,
    pace: AdaptiveRate): Middleware[] {
    return [new BearerTokenMiddleware(credential, scope), new BoundedRetryMiddleware(policy, observer), new AdaptiveConcurrencyMiddleware(concurrency, pace), new HTTPMessageHandler()];
}
