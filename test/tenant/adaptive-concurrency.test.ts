/** The AIMD concurrency controller: slow start, additive increase, one halving per congestion, and the Retry-After gate. */
import { describe, expect, test } from 'vitest';
import { AdaptiveConcurrency } from '../../tenant/adaptive-concurrency.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('AdaptiveConcurrency', () => {
    test('slow start: +1 per success up to max; a 429 halves once per congestion, then +1 per limit successes', async () => {
        const c = new AdaptiveConcurrency({ initial: 2, min: 1, max: 8, decrease: 0.5 });
        for (let i = 0; i < 4; i++) (await c.acquire()).release('success');
        expect(c.limit).toBe(6);
        // Three requests in flight under limit 6 all come back 429: one congestion, one halving.
        const permits = await Promise.all([c.acquire(), c.acquire(), c.acquire()]);
        permits.forEach(p => p.release({ retryAfterMs: 0 }));
        expect(c.limit).toBe(3);
        expect(c.stats.decreases).toBe(1);
        // Additive: 3 successes at limit 3 raise it by about one.
        for (let i = 0; i < 3; i++) (await c.acquire()).release('success');
        expect(c.limit).toBe(3);
        (await c.acquire()).release('success');
        expect(c.limit).toBe(4);
    });

    test('never more in flight than the limit; a released place goes to the next waiting request', async () => {
        const c = new AdaptiveConcurrency({ initial: 2, min: 1, max: 2, decrease: 0.5 });
        const a = await c.acquire();
        await c.acquire();
        let third = false;
        const waiting = c.acquire().then(p => { third = true; return p; });
        await sleep(20);
        expect(third).toBe(false);
        a.release('neutral');
        (await waiting).release('success');
        expect(third).toBe(true);
    });

    test('after a 429 nothing starts before its Retry-After has passed, and the limit never falls below min', async () => {
        const c = new AdaptiveConcurrency({ initial: 1, min: 1, max: 4, decrease: 0.5 });
        (await c.acquire()).release({ retryAfterMs: 300 });
        expect(c.limit).toBe(1);
        const asked = Date.now();
        const permit = await c.acquire();
        expect(Date.now() - asked).toBeGreaterThanOrEqual(295);
        permit.release('success');
        // Two answers of one congestion: the longer Retry-After holds, the shorter does not cut it.
        const d = new AdaptiveConcurrency({ initial: 2, min: 1, max: 4, decrease: 0.5 });
        const [x, y] = [await d.acquire(), await d.acquire()];
        x.release({ retryAfterMs: 400 });
        y.release({ retryAfterMs: 100 });
        const again = Date.now();
        (await d.acquire()).release('success');
        expect(Date.now() - again).toBeGreaterThanOrEqual(395);
    });

    test('the ceiling (sessions open) caps the limit', async () => {
        const c = new AdaptiveConcurrency({ initial: 4, min: 1, max: 8, decrease: 0.5 });
        c.setCeiling(2);
        expect(c.limit).toBe(2);
        c.setCeiling(8);
        expect(c.limit).toBe(4);
    });
});
