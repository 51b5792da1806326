/**
 * Retrying calls to a tenant: every 429 waits its Retry-After [G-THROTTLE]; 5xx and
 * network failures back off exponentially with jitter. Always bounded in attempts and
 * in the longest single wait, so a broken tenant ends in a clear error, not a hang.
 */

export interface RetryPolicy {
    /** Attempts in all, the first included. */
    maxAttempts: number;
    /** First backoff for 5xx and network errors; doubles each attempt. */
    baseDelayMs: number;
    /** No single wait is longer than this, whatever Retry-After says. */
    maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 30_000 };

/** What a failed attempt looked like, for deciding whether and how long to wait. */
export interface AttemptOutcome {
    status?: number;
    retryAfter?: string | null;
    networkError?: boolean;
}

export function isRetryable(outcome: AttemptOutcome): boolean {
    if (outcome.networkError) return true;
    const status = outcome.status ?? 0;
    return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** How long to wait before attempt `attempt + 1` (attempt counts from 1). */
export function retryDelayMs(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
    const retryAfterSeconds = outcome.retryAfter !== undefined && outcome.retryAfter !== null ? Number(outcome.retryAfter) : NaN;
    if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
        return Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
    }
    const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
    // "Full jitter": spread retries so parallel callers do not retry in lockstep.
    return Math.min(policy.maxDelayMs, Math.round(exponential / 2 + random() * exponential / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));
