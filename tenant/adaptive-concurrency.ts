/**
 * How many requests to one tenant surface (Graph, Teams) run at once, adapted to its throttle
 * (AIMD, as TCP does for congestion): each success raises the limit, each 429 halves it and
 * closes the gate until its Retry-After has passed, so nothing starts before then
 * [G-THROTTLE]. Before the first 429 the limit grows by one per success (slow start), after it
 * by one per `limit` successes (about one per round of requests in flight).
 */

export interface AdaptiveConcurrencyOptions {
    /** Requests in flight at the start. */
    initial: number;
    /** Never fewer in flight than this (at least 1). */
    min: number;
    /** Never more in flight than this (the sessions or connections there are). */
    max: number;
    /** The limit is multiplied by this on a 429 (0 < decrease ≤ 1; 1: none, the surface's AdaptiveRate answers the throttle). */
    decrease: number;
    /** The clock (milliseconds), for tests. */
    now?: () => number;
}

/** The outcome of one request for the controller: it went through, it was throttled, or it says nothing (5xx, a network error). */
export type RequestOutcome = 'success' | 'neutral' | { retryAfterMs: number };

/** A place among the requests in flight; give it back with the request's outcome, once. */
export interface Permit {
    release(outcome: RequestOutcome): void;
}

export class AdaptiveConcurrency {
    private current: number;
    private inFlight = 0;
    /** The gate: closed until the latest Retry-After seen has passed (a timer opens it, on the same clock as every other wait). */
    private gate: { closesUntil: number; timer: ReturnType<typeof setTimeout> } | undefined;
    /** Bumped at every decrease: 429s of requests started before it are the same congestion, not a new one. */
    private epoch = 0;
    private slowStart = true;
    private readonly waiting: (() => void)[] = [];
    private readonly now: () => number;
    /** What happened so far, for tests and the verbose log. */
    readonly stats = { throttled: 0, decreases: 0, peakLimit: 0, pausedMs: 0 };

    constructor(private readonly options: AdaptiveConcurrencyOptions) {
        if (!(options.min >= 1 && options.max >= options.min && options.decrease > 0 && options.decrease <= 1)) {
            throw new Error('AdaptiveConcurrency needs 1 ≤ min ≤ max and 0 < decrease ≤ 1');
        }
        this.now = options.now ?? (() => Date.now());
        this.current = clamp(options.initial, options.min, options.max);
        this.stats.peakLimit = this.current;
    }

    /** Requests allowed in flight now. */
    get limit(): number {
        return Math.max(this.options.min, Math.floor(Math.min(this.current, this.ceiling)));
    }

    private ceiling = Infinity;

    /** Lowers the maximum for now (the sessions opened so far), never above `max`. */
    setCeiling(ceiling: number): void {
        this.ceiling = Math.max(this.options.min, ceiling);
        this.pump();
    }

    /** Requests waiting for a place. */
    get queued(): number {
        return this.waiting.length;
    }

    /** Milliseconds until the gate opens (0 when open). */
    get pauseLeftMs(): number {
        return this.gate ? Math.max(0, this.gate.closesUntil - this.now()) : 0;
    }

    /** Waits for a place: the gate open (every Retry-After seen has passed) and fewer than `limit` in flight. */
    acquire(): Promise<Permit> {
        return new Promise(resolve => {
            this.waiting.push(() => resolve(this.permit()));
            this.pump();
        });
    }

    /** Runs `work` in a place and releases it with `judge`'s verdict on the result (neutral when it throws). */
    async run<T>(work: () => Promise<T>, judge: (result: T) => RequestOutcome): Promise<T> {
        const permit = await this.acquire();
        let outcome: RequestOutcome = 'neutral';
        try {
            const result = await work();
            outcome = judge(result);
            return result;
        } finally {
            permit.release(outcome);
        }
    }

    private permit(): Permit {
        this.inFlight++;
        const epoch = this.epoch;
        let released = false;
        return {
            release: outcome => {
                if (released) return;
                released = true;
                this.inFlight--;
                this.observe(outcome, epoch);
                this.pump();
            }
        };
    }

    private observe(outcome: RequestOutcome, epoch: number): void {
        if (outcome === 'neutral') return;
        if (outcome === 'success') {
            // Slow start: +1 per success; then +1 per `limit` successes (additive increase).
            this.current = Math.min(this.options.max, this.current + (this.slowStart ? 1 : 1 / this.current));
            this.stats.peakLimit = Math.max(this.stats.peakLimit, this.current);
            return;
        }
        this.stats.throttled++;
        this.closeGate(Math.max(0, outcome.retryAfterMs));
        // One decrease per congestion: requests started before the last one were sent under the old limit.
        if (epoch !== this.epoch) return;
        this.epoch++;
        this.slowStart = false;
        this.stats.decreases++;
        this.current = Math.max(this.options.min, Math.min(this.current, this.ceiling) * this.options.decrease);
    }

    /** Nothing starts for `ms` (or until a later Retry-After already seen). */
    private closeGate(ms: number): void {
        const until = this.now() + ms;
        if (this.gate && this.gate.closesUntil >= until) return;
        this.stats.pausedMs += until - Math.max(this.gate?.closesUntil ?? 0, this.now());
        if (this.gate) clearTimeout(this.gate.timer);
        this.gate = {
            closesUntil: until,
            timer: setTimeout(() => {
                this.gate = undefined;
                this.pump();
            }, ms)
        };
    }

    /** Lets waiting requests start while the gate is open and places are free. */
    private pump(): void {
        if (this.gate) return;
        while (this.waiting.length > 0 && this.inFlight < this.limit) this.waiting.shift()!();
    }
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Classic AIMD: start at two in flight, halve on a 429. */
export const AIMD_DEFAULTS = { initial: 2, min: 1, decrease: 0.5 } as const;
/**
 * The surfaces' defaults: start at two, grow to the places there are, and keep them on a 429.
 * A tenant's limit is a rate (a token bucket refills so many calls a second however many are in
 * flight), so halving the requests in flight only idles it; the surface's AdaptiveRate paces
 * the calls to the rate learnt instead, and this still holds every request for a Retry-After.
 */
export const PACED_DEFAULTS = { initial: 2, min: 1, decrease: 1 } as const;
