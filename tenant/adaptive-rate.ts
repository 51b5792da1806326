/**
 * Pacing for the calls a tenant meters one by one (Teams cmdlets, Graph calls and each `$batch`
 * item [G-BATCH]): a token bucket admits its refill rate however many requests are in flight, so
 * halving the requests in flight on a 429 is the wrong answer to it. This learns the rate the
 * tenant admits instead, from when it throttles:
 *
 * - Unpaced until the first measurement (an unthrottled tenant gets full speed).
 * - A 429 means the tenant's allowance was empty just then. Between two such moments everything
 *   it admitted was what it refilled meanwhile, so the calls admitted between two 429s, over the
 *   time between them, measure its rate (a bucket of any size, a limit on calls in flight alike).
 *   The pace is set just under that (`margin`). The first 429 has no earlier one: it starts the
 *   first measurement, and calls stay unpaced until the next 429 at least `MIN_INTERVAL_MS` later.
 * - Without a 429 the pace creeps up (`probe` of the items admitted), so a limit that grows is found.
 * - A 429 while the pace is still under the rate last measured (in the last `HISTORY_MS`) does not
 *   come from the pace: a bucket refilling at that rate would have admitted it. Such 429s (a
 *   tenant's sporadic ones, or the emulator's fault knob) keep the pace where it is and stop its
 *   creep; lowering it on each would slow apply to a crawl without refusing fewer calls. Every
 *   429 is still honoured call by call (Retry-After, in the retry layer).
 * - 429s closer together than `MIN_INTERVAL_MS` are one congestion: the next measurement spans them.
 * - While there are fewer calls than the pace allows, the allowance saves up (`burstSeconds`'
 *   worth), as the tenant's bucket refills meanwhile; a 429 empties it, as it found the tenant's
 *   empty. A measurement spanning such a quiet spell is not taken (the tenant's bucket may have
 *   overflowed, so it would read too low).
 * No rate is assumed: the emulator's or Microsoft's limits are only ever learnt.
 */

export interface AdaptiveRateOptions {
    /** The pace is the learnt rate times this (0 < margin ≤ 1): just under it, so the tenant's allowance is rarely emptied. */
    margin: number;
    /** Without 429s the pace grows by this many items a second per item admitted (0.01: 1 % a second). */
    probe: number;
    /** Never slower than this, items a second. */
    minPerSecond: number;
    /** Seconds' worth of items saved up while the calls were fewer than the pace allows (none after a 429: the allowance is empty then). */
    burstSeconds: number;
    now?: () => number;
}

export const RATE_DEFAULTS: AdaptiveRateOptions = { margin: 0.95, probe: 0.01, minPerSecond: 0.5, burstSeconds: 5 };

/** How far back admitted items are kept, and how long a measured rate stands. */
const HISTORY_MS = 120_000;
/** Two 429s closer than this are too close to measure between: the next one that is not measures across both. */
const MIN_INTERVAL_MS = 2_000;

export class AdaptiveRate {
    /** Items a second; Infinity until the first measurement. */
    private rate = Infinity;
    /** Generic cell rate algorithm: when the items taken so far would all have gone at the pace. */
    private due = 0;
    private epoch = 0;
    /** When the tenant last throttled (a 429 of a new congestion): the start of the next measurement. */
    private lastCongestion: number | undefined;
    /** When the pace last found its allowance full: calls were fewer than it allows. */
    private quietAt = -Infinity;
    /** The rate measured at the last measured congestion, and when. */
    private lastMeasured: { perSecond: number; at: number } | undefined;
    private readonly admitted: { at: number; items: number }[] = [];
    private readonly now: () => number;
    private readonly options: AdaptiveRateOptions;
    readonly stats = { decreases: 0, measured: 0, waitedMs: 0 };

    constructor(options: Partial<AdaptiveRateOptions> = {}) {
        this.options = { ...RATE_DEFAULTS, ...options };
        const o = this.options;
        if (!(o.margin > 0 && o.margin <= 1 && o.probe >= 0 && o.minPerSecond > 0 && o.burstSeconds >= 0)) {
            throw new Error('AdaptiveRate needs 0 < margin ≤ 1, probe ≥ 0, minPerSecond > 0, burstSeconds ≥ 0');
        }
        this.now = options.now ?? (() => Date.now());
    }

    /** The pace, items a second (Infinity: not paced). */
    get perSecond(): number {
        return this.rate;
    }

    /** Waits until `items` may be sent at the pace; returns a ticket for `observe`. */
    async take(items: number): Promise<number> {
        if (Number.isFinite(this.rate)) {
            const now = this.now();
            // A second's worth unused: the tenant's bucket may be as small as that and have overflowed.
            if (this.due <= now + (this.options.burstSeconds - 1) * 1000) this.quietAt = now;
            // Items of a quiet spell are not saved up beyond `burstSeconds`' worth.
            const start = Math.max(now, this.due - this.options.burstSeconds * 1000);
            this.due = Math.max(this.due, start) + items * 1000 / this.rate;
            if (start > now) {
                this.stats.waitedMs += start - now;
                await new Promise(resolve => setTimeout(resolve, start - now));
            }
        }
        return this.epoch;
    }

    /** How the items sent with `ticket` fared: `admitted` went through, `throttled` were answered 429. */
    observe(ticket: number, admitted: number, throttled: number): void {
        const now = this.now();
        if (admitted > 0) {
            this.admitted.push({ at: now, items: admitted });
            while (this.admitted.length > 0 && this.admitted[0]!.at < now - HISTORY_MS) this.admitted.shift();
        }
        if (throttled === 0) {
            if (Number.isFinite(this.rate)) this.rate += this.options.probe * admitted;
            return;
        }
        // One decrease per congestion: items sent before the last one met the same empty allowance.
        if (ticket !== this.epoch) return;
        const since = this.lastCongestion;
        if (since === undefined) {
            // The first 429: the tenant's allowance is empty now; the next 429 (at least MIN_INTERVAL_MS on) measures what it refills.
            this.lastCongestion = now;
            this.emptyAllowance(now);
            return;
        }
        const measured = this.lastMeasured;
        if (now - since < MIN_INTERVAL_MS || (measured && now - measured.at <= HISTORY_MS && this.rate < measured.perSecond)) {
            // Too soon to measure, or not the pace's doing (see above): the pace stays, without creeping past what was measured.
            if (measured) this.rate = Math.min(this.rate, measured.perSecond * this.options.margin);
            this.emptyAllowance(now);
            return;
        }
        this.epoch++;
        this.stats.decreases++;
        let rate = this.rate;
        if (now - since <= HISTORY_MS && this.quietAt <= since) {
            // Empty at both 429s: what it admitted in between is what it refilled.
            rate = this.admittedSince(since) * 1000 / (now - since);
            this.stats.measured++;
            this.lastMeasured = { perSecond: rate, at: now };
        }
        // (Else a quiet spell in between, and its bucket may have overflowed: a step down, and measure from here.)
        this.lastCongestion = now;
        this.rate = Math.max(this.options.minPerSecond, Math.min(this.rate, rate) * this.options.margin);
        this.emptyAllowance(now);
    }

    /** The tenant's allowance was empty: so is ours (nothing saved up), and it saves up from here at the pace. */
    private emptyAllowance(now: number): void {
        this.due = Math.max(this.due, now + this.options.burstSeconds * 1000);
    }

    private admittedSince(from: number): number {
        return this.admitted.reduce((sum, a) => (a.at > from ? sum + a.items : sum), 0);
    }
}
