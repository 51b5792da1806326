/**
 * Pacing for calls a tenant meters one by one inside a request ($batch items, each taking
 * a token of Graph's bucket [G-BATCH]): a few requests in flight can still carry far more
 * items a second than the bucket refills, so the items are paced to a rate learnt by AIMD.
 * Unpaced until the first 429; then the rate admitted lately, halved at each 429, and one
 * item a second more for every second's worth of items admitted.
 */

export interface AdaptiveRateOptions {
    /** The rate is multiplied by this on a 429 (0 < decrease < 1). */
    decrease: number;
    /** Never slower than this, items per second. */
    minPerSecond: number;
    now?: () => number;
}

export const RATE_DEFAULTS: AdaptiveRateOptions = { decrease: 0.5, minPerSecond: 1 };

/** How far back the admitted items are counted for the first rate. */
const WINDOW_MS = 10_000;

export class AdaptiveRate {
    /** Items per second; Infinity until the first 429. */
    private rate = Infinity;
    /** When the next items may start. */
    private next = 0;
    private epoch = 0;
    private readonly admitted: { at: number; items: number }[] = [];
    private readonly now: () => number;
    readonly stats = { decreases: 0 };

    constructor(private readonly options: AdaptiveRateOptions = RATE_DEFAULTS) {
        this.now = options.now ?? (() => Date.now());
    }

    get perSecond(): number {
        return this.rate;
    }

    /** Waits until `items` may be sent at the current rate; returns a ticket for `observe`. */
    async take(items: number): Promise<number> {
        if (Number.isFinite(this.rate)) {
            const now = this.now();
            const start = Math.max(now, this.next);
            this.next = start + items * 1000 / this.rate;
            if (start > now) await new Promise(resolve => setTimeout(resolve, start - now));
        }
        return this.epoch;
    }

    /** How the items sent with `ticket` fared: `admitted` went through, `throttled` were answered 429. */
    observe(ticket: number, admitted: number, throttled: number): void {
        const now = this.now();
        if (admitted > 0) {
            this.admitted.push({ at: now, items: admitted });
            while (this.admitted.length > 0 && this.admitted[0]!.at < now - WINDOW_MS) this.admitted.shift();
        }
        if (throttled === 0) {
            // Additive increase: about one item a second more per second's worth admitted.
            if (Number.isFinite(this.rate)) this.rate += admitted / this.rate;
            return;
        }
        // One decrease per congestion: items sent before the last one met the same empty bucket.
        if (ticket !== this.epoch) return;
        this.epoch++;
        this.stats.decreases++;
        const base = Number.isFinite(this.rate) ? this.rate : this.recentRate(now);
        this.rate = Math.max(this.options.minPerSecond, base * this.options.decrease);
    }

    /** Items admitted a second over the window (or since the first of them). */
    private recentRate(now: number): number {
        const items = this.admitted.reduce((sum, a) => sum + a.items, 0);
        const since = this.admitted[0]?.at ?? now;
        return items / Math.max(1, (now - since) / 1000);
    }
}
