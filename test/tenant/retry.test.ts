/** How long a retry waits: Retry-After as given (seconds or an HTTP-date), never shortened; too long stops with a clear error. */
import { describe, expect, test } from 'vitest';
import { DEFAULT_RETRY_POLICY, RetryAfterTooLongError, parseRetryAfter, retryDelayMs } from '../../tenant/retry.js';
import { isTransientCmdletError, retryAfterIn } from '../../tenant/teams/powershell-session.js';

const NOW = Date.parse('2026-12-02T18:00:00Z');
const throttled = (retryAfter: string) => ({ status: 429, retryAfter });

describe('Retry-After', () => {
    test('seconds and HTTP-dates are read against the clock; a past date means now; junk is ignored', () => {
        expect(parseRetryAfter('40', NOW)).toBe(40_000);
        expect(parseRetryAfter(' 2 ', NOW)).toBe(2_000);
        expect(parseRetryAfter('0.5', NOW)).toBe(500);
        expect(parseRetryAfter('Wed, 02 Dec 2026 18:00:40 GMT', NOW)).toBe(40_000);
        expect(parseRetryAfter('Wed, 02 Dec 2026 17:59:00 GMT', NOW)).toBe(0);
        expect(parseRetryAfter('soon', NOW)).toBeUndefined();
        expect(parseRetryAfter(null, NOW)).toBeUndefined();
        expect(parseRetryAfter('', NOW)).toBeUndefined();
    });

    test('a 429 with Retry-After: 40 waits 40 s, not the 30 s backoff cap', () => {
        expect(retryDelayMs(throttled('40'), 1, DEFAULT_RETRY_POLICY, { now: NOW })).toBe(40_000);
        expect(retryDelayMs(throttled('Wed, 02 Dec 2026 18:01:30 GMT'), 3, DEFAULT_RETRY_POLICY, { now: NOW })).toBe(90_000);
    });

    test('a Retry-After beyond the policy stops with the wait, the call and what to do, instead of retrying early', () => {
        const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 300_000 };
        expect(retryDelayMs(throttled('300'), 1, policy, { now: NOW })).toBe(300_000);
        let error: unknown;
        try {
            retryDelayMs(throttled('400'), 1, policy, { what: 'Graph GET /users', now: NOW });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(RetryAfterTooLongError);
        expect((error as Error).message).toBe('Graph GET /users: the tenant asked to wait 400 s (Retry-After) before trying again, longer than voice waits (300 s); run again later');
        expect(() => retryDelayMs(throttled('Wed, 02 Dec 2026 18:10:00 GMT'), 1, policy, { now: NOW })).toThrow(/wait 600 s/);
    });

    test('without Retry-After, 5xx back off exponentially with jitter, capped', () => {
        const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 200, maxDelayMs: 1_000 };
        expect(retryDelayMs({ status: 503 }, 1, policy, { random: () => 1 })).toBe(200);
        expect(retryDelayMs({ status: 503 }, 2, policy, { random: () => 0 })).toBe(200);
        expect(retryDelayMs({ status: 503 }, 10, policy, { random: () => 1 })).toBe(1_000);
    });

    test('a throttled cmdlet message gives its Retry-After, in either form', () => {
        expect(retryAfterIn('Too many requests. (HTTP 429 TooManyRequests; Retry-After: 40)')).toBe('40');
        expect(retryAfterIn('Throttled (Retry-After: Wed, 02 Dec 2026 18:00:40 GMT)')).toBe('Wed, 02 Dec 2026 18:00:40 GMT');
        expect(retryAfterIn('Service Unavailable (HTTP 503)')).toBeUndefined();
    });
});

describe('cmdlet errors worth another try', () => {
    test('throttling, 5xx and a service that does not answer in time are transient; a refusal is not', () => {
        expect(isTransientCmdletError('Too many requests. (HTTP 429 TooManyRequests; Retry-After: 0)')).toBe(true);
        expect(isTransientCmdletError('The service is temporarily unavailable. Please retry. (HTTP 503)')).toBe(true);
        expect(isTransientCmdletError('The request was canceled due to the configured HttpClient.Timeout of 120 seconds elapsing.')).toBe(true);
        expect(isTransientCmdletError('The operation has timed out.')).toBe(true);
        expect(isTransientCmdletError("The network site 'SpokaneSite' already exists.")).toBe(false);
    });
});
