/**
 * The rate controller learns a tenant's refill rate from when it throttles, whatever the rate:
 * a simulated tenant (a token bucket it does not know) on a fake clock, fed by workers that
 * pace their calls through it and stop for every Retry-After, as the session pool does.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AdaptiveRate } from '../../tenant/adaptive-rate.js';

beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
    vi.useRealTimers();
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The emulator's bucket: `capacity` tokens, refilled `perSecond` a second; a call without one gets Retry-After in whole seconds. */
function tenantBucket(perSecond: number, capacity: number) {
    let tokens = capacity;
    let last = Date.now();
    return (): number | null => {
        const now = Date.now();
        tokens = Math.min(capacity, tokens + (now - last) * perSecond / 1000);
        last = now;
        if (tokens >= 1) {
            tokens--;
            return null;
        }
        return Math.max(1, Math.ceil((1 - tokens) / perSecond)) * 1000;
    };
}

/**
 * `workers` callers, each sending `items` calls at a time (100 ms each, one after another) paced by
 * `rate`, all held while a Retry-After runs, for `seconds`. Returns per second admitted and 429s.
 */
async function simulate(rate: AdaptiveRate, bucket: () => number | null, seconds: number, workers = 6, items = 1) {
    const log: { at: number; ok: boolean }[] = [];
    let gateUntil = 0;
    const end = Date.now() + seconds * 1000;
    const worker = async () => {
        while (Date.now() < end) {
            const ticket = await rate.take(items);
            while (Date.now() < gateUntil) await sleep(gateUntil - Date.now());
            let admitted = 0;
            let throttled = 0;
            for (let i = 0; i < items; i++) {
                await sleep(100);
                const retryAfter = bucket();
                log.push({ at: Date.now(), ok: retryAfter === null });
                if (retryAfter === null) {
                    admitted++;
                    continue;
                }
                throttled++;
                gateUntil = Math.max(gateUntil, Date.now() + retryAfter);
                break;
            }
            rate.observe(ticket, admitted, throttled);
        }
    };
    const done = Promise.all(Array.from({ length: workers }, worker));
    await vi.advanceTimersByTimeAsync(seconds * 1000 + 10_000);
    await done;
    const between = (from: number, to: number) => log.filter(e => e.at >= from * 1000 && e.at < to * 1000);
    return {
        admittedPerSecond: (from: number, to: number) => between(from, to).filter(e => e.ok).length / (to - from),
        throttled: (from: number, to: number) => between(from, to).filter(e => !e.ok).length
    };
}

describe('AdaptiveRate', () => {
    test.each([
        { perSecond: 7, capacity: 40, workers: 6, items: 1, share: 0.9 },
        { perSecond: 20, capacity: 200, workers: 8, items: 5, share: 0.9 },
        // A bucket of one second's worth (the throttled apply test's Teams limit) overflows whenever the pace dips below it.
        { perSecond: 3, capacity: 3, workers: 3, items: 2, share: 0.8 }
    ])('converges to an unknown refill rate ($perSecond a second, bucket $capacity) with few 429s', async ({ perSecond, capacity, workers, items, share }) => {
        const rate = new AdaptiveRate();
        const run = await simulate(rate, tenantBucket(perSecond, capacity), 180, workers, items);
        // After it has learnt: the tenant's own rate, give or take, and hardly a call refused.
        const admitted = run.admittedPerSecond(60, 180);
        expect(admitted).toBeGreaterThanOrEqual(share * perSecond);
        // (More than the refill only by what the bucket held.)
        expect(admitted).toBeLessThanOrEqual(1.02 * perSecond + capacity / 120);
        expect(run.throttled(60, 180)).toBeLessThanOrEqual(0.03 * admitted * 120);
        expect(rate.perSecond).toBeGreaterThan((share - 0.1) * perSecond);
        expect(rate.perSecond).toBeLessThan(1.25 * perSecond);
        expect(rate.stats.measured).toBeGreaterThan(0);
    }, 60_000);

    test('unpaced until a second 429 measures the rate; then paced, with the allowance empty right after it', async () => {
        const rate = new AdaptiveRate({ burstSeconds: 5 });
        expect(rate.perSecond).toBe(Infinity);
        for (let i = 0; i < 50; i++) rate.observe(await rate.take(1), 1, 0);
        rate.observe(await rate.take(1), 0, 1);
        // One 429 tells nothing of the rate: still unpaced.
        expect(rate.perSecond).toBe(Infinity);
        // 50 admitted over the next 10 s, then a 429: paced just under 5 a second.
        for (let i = 0; i < 10; i++) {
            await vi.advanceTimersByTimeAsync(1000);
            rate.observe(await rate.take(5), 5, 0);
        }
        rate.observe(await rate.take(1), 0, 1);
        expect(rate.perSecond).toBeCloseTo(4.75, 5);
        // No saved-up allowance after a 429: the next 5 items wait their turn at the new pace.
        let sent = false;
        void rate.take(5).then(() => rate.take(5)).then(() => { sent = true; });
        await vi.advanceTimersByTimeAsync(400);
        expect(sent).toBe(false);
        await vi.advanceTimersByTimeAsync(1000);
        expect(sent).toBe(true);
    });

    test('429s that do not follow the pace (a fifth of calls, at random) do not slow it to a crawl', async () => {
        // 6 workers of 100 ms calls send 60 a second at most; a tenant refusing a fifth at random admits 48 of them.
        let seed = 7;
        const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
        const rate = new AdaptiveRate();
        const run = await simulate(rate, () => (random() < 0.2 ? 0 : null), 180, 6, 1);
        // Paced once, at what it admitted; not lowered again on every 429 (a floor of 0.5 a second would be 1 %).
        expect(run.admittedPerSecond(60, 180)).toBeGreaterThan(0.6 * 48);
        expect(rate.stats.decreases).toBeLessThanOrEqual(3);
    }, 60_000);

    test('one decrease per congestion: 429s of calls sent before it do not lower the pace again', async () => {
        const rate = new AdaptiveRate();
        rate.observe(await rate.take(1), 0, 1);
        const tickets = [await rate.take(1), await rate.take(1), await rate.take(1)];
        await vi.advanceTimersByTimeAsync(3000);
        rate.observe(tickets[0]!, 10, 1);
        expect(rate.perSecond).toBeCloseTo(0.95 * 10 / 3, 5);
        const paced = rate.perSecond;
        rate.observe(tickets[1]!, 0, 1);
        rate.observe(tickets[2]!, 0, 1);
        expect(rate.perSecond).toBe(paced);
        expect(rate.stats.decreases).toBe(1);
    });
});
