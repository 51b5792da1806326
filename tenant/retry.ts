/**
 * Retrying calls to a tenant: every 429 waits its Retry-After, exactly as given
 * [G-THROTTLE]; 5xx and network failures back off exponentially with jitter. Bounded in
 * attempts; a Retry-After longer than the policy allows stops the run with a clear error
 * instead of retrying early (an early retry is throttled again and still counts [G-THROTTLE]).
 */
import { TenantError } from './errors.js';

export interface RetryPolicy {
    /** Attempts in all, the first included. */
    maxAttempts: number;
    /** First backoff for 5xx and network errors; doubles each attempt. */
    baseDelayMs: number;
    /** Longest backoff for 5xx and network errors (a Retry-After is not capped by it). */
    maxDelayMs: number;
    /** Longest Retry-After waited for; a longer one stops with RetryAfterTooLongError. */
    maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** What a failed attempt looked like, for deciding whether and how long to wait. */
export interface AttemptOutcome {
    status?: number;
    retryAfter?: string | null;
    networkError?: boolean;
}

/** The tenant asked for a longer pause than voice waits: the run stops, to be run again later. */
export class RetryAfterTooLongError extends TenantError {
    static readonly CODE = 'RetryAfterTooLong';

    constructor(readonly waitMs: number, readonly limitMs: number, what?: string) {
        super(`${what ? `${what}: ` : ''}the tenant asked to wait ${seconds(waitMs)} s (Retry-After) before trying again, ` +
            `longer than voice waits (${seconds(limitMs)} s); run again later`, 429, RetryAfterTooLongError.CODE);
        this.name = RetryAfterTooLongError.CODE;
    }
}

const seconds = (ms: number): string => String(Math.ceil(ms / 1000));

export function isRetryable(outcome: AttemptOutcome): boolean {
    if (outcome.networkError) return true;
    const status = outcome.status ?? 0;
    return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * A Retry-After value in milliseconds: delay-seconds or an HTTP-date (RFC 9110 §10.2.3);
 * a date in the past means now. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
    const text = value?.trim();
    if (!text) return undefined;
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface DelayContext {
    /** The call that is waiting, for the error message (e.g. `Graph GET /users`). */
    what?: string;
    random?: () => number;
    /** The clock, for an HTTP-date Retry-After. */
    now?: number;
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1). A Retry-After is
 * honoured as given; one beyond `maxRetryAfterMs` throws RetryAfterTooLongError.
 */
export function retryDelayMs(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy, context: DelayContext = {}): number {
    const { what, random = Math.random, now = Date.now() } = context;
    const retryAfter = parseRetryAfter(outcome.retryAfter, now);
    if (retryAfter !== undefined) {
        if (retryAfter > policy.maxRetryAfterMs) throw new RetryAfterTooLongError(retryAfter, policy.maxRetryAfterMs, what);
        return retryAfter;
    }
    const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
    // "Full jitter": spread retries so parallel callers do not retry in lockstep.
    return Math.min(policy.maxDelayMs, Math.round(exponential / 2 + random() * exponential / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));
