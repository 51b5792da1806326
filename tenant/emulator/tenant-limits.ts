/**
 * The tenant model of a Microsoft service under load: a token bucket per surface (Graph,
 * Teams) and a limit on requests in flight per surface. Past either, the call is answered
 * 429 with Retry-After, as Microsoft does [G-THROTTLE]; Graph's directory limits are token
 * buckets too [G-THROTTLE-LIMITS]. The numbers are assumptions (see DEFAULT_TENANT_LIMITS).
 */

export type Surface = 'graph' | 'teams';

/** `requests` calls per `windowSeconds`: the bucket holds `requests` tokens and refills that many per window. */
export interface Rate {
    requests: number;
    windowSeconds: number;
}

export interface TenantLimits {
    /** Token bucket for Graph calls; each `$batch` item takes a token of its own [G-BATCH]. null = unlimited. */
    graph?: Rate | null;
    /** Token bucket for Teams admin calls (one per cmdlet call). null = unlimited. */
    teams?: Rate | null;
    /** Requests in flight at once, per surface (a `$batch` counts once). null = unlimited. */
    maxConcurrency?: number | null;
}

/**
 * Conservative defaults, an assumption [UNCONFIRMED]: Microsoft publishes no Teams admin
 * (PowerShell) limits. Graph's directory write quota per app and tenant is 3,000 requests
 * per 150 s (20 a second) [G-THROTTLE-LIMITS]; both surfaces get that sustained rate for every
 * call, reads included, with a burst of 10 s worth (200) rather than 3,000. Nine requests in
 * flight per surface: Lync Online, the Teams admin surface's predecessor, allowed nine
 * simultaneous admin connections per tenant (Lync Server 2013 documentation; a mirror is all
 * that is stored, so [3rd-party]).
 */
export const DEFAULT_TENANT_LIMITS: { graph: Rate; teams: Rate; maxConcurrency: number } = {
    graph: { requests: 200, windowSeconds: 10 },
    teams: { requests: 200, windowSeconds: 10 },
    maxConcurrency: 9
};

/** The limits the emulator applies when none are given: none (see docs/emulator.md for why). */
export const UNLIMITED: Required<TenantLimits> = { graph: null, teams: null, maxConcurrency: null };

/** Parses `RATE/WINDOW` as the CLI takes it: `200/10s`, `20/1s`, `3000/150s`, `600/1m`, `20/s`. */
export function parseRate(text: string): Rate {
    const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m)?\s*$/.exec(text);
    if (!match || (match[2] === undefined && match[3] === undefined)) throw new Error(`expected RATE/WINDOW such as 200/10s, got '${text}'`);
    const amount = match[2] === undefined ? 1 : Number(match[2]);
    const unit = match[3] ?? 's';
    const windowSeconds = unit === 'ms' ? amount / 1000 : unit === 'm' ? amount * 60 : amount;
    const rate = { requests: Number(match[1]), windowSeconds };
    checkRate('rate', rate);
    return rate;
}

export const formatRate = (rate: Rate): string => `${rate.requests}/${rate.windowSeconds}s`;

function checkRate(name: string, rate: Rate | null | undefined): void {
    if (rate === null || rate === undefined) return;
    if (typeof rate !== 'object' || !Number.isInteger(rate.requests) || rate.requests < 1 || typeof rate.windowSeconds !== 'number' || !(rate.windowSeconds > 0) || !Number.isFinite(rate.windowSeconds)) {
        throw new Error(`${name} must be {requests: whole number ≥ 1, windowSeconds: number > 0}`);
    }
}

/** Tokens refill continuously; a call takes one, or learns how long until one is there. */
class TokenBucket {
    private tokens: number;
    private last: number;

    constructor(readonly rate: Rate, private readonly now: () => number) {
        this.tokens = rate.requests;
        this.last = now();
    }

    private get perMs(): number {
        return this.rate.requests / (this.rate.windowSeconds * 1000);
    }

    /** null = taken; else the milliseconds until a token is available. */
    take(): number | null {
        const t = this.now();
        this.tokens = Math.min(this.rate.requests, this.tokens + (t - this.last) * this.perMs);
        this.last = t;
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return null;
        }
        return (1 - this.tokens) / this.perMs;
    }
}

export type LimitDecision = { retryAfterSeconds: number; reason: 'rate' | 'concurrency' } | null;

export interface LimitCounts {
    /** Calls refused by each surface's bucket. */
    rate: Record<Surface, number>;
    /** Calls refused because too many were in flight. */
    concurrency: Record<Surface, number>;
    /** The most requests seen in flight at once, per surface. */
    peakInFlight: Record<Surface, number>;
}

export class TenantLimiter {
    private limits: Required<TenantLimits> = { ...UNLIMITED };
    private buckets: Partial<Record<Surface, TokenBucket>> = {};
    private inFlight: Record<Surface, number> = { graph: 0, teams: 0 };
    readonly counts: LimitCounts = { rate: { graph: 0, teams: 0 }, concurrency: { graph: 0, teams: 0 }, peakInFlight: { graph: 0, teams: 0 } };

    constructor(limits: TenantLimits = {}, private readonly now: () => number = () => performance.now()) {
        this.configure(limits);
    }

    /** Merges new limits (null switches one off); a changed rate starts with a full bucket. */
    configure(limits: TenantLimits): void {
        checkRate('graph', limits.graph);
        checkRate('teams', limits.teams);
        const c = limits.maxConcurrency;
        if (c !== undefined && c !== null && (!Number.isInteger(c) || c < 1)) throw new Error('maxConcurrency must be a whole number ≥ 1');
        const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) as TenantLimits;
        this.limits = { ...this.limits, ...defined };
        for (const surface of ['graph', 'teams'] as const) {
            if (limits[surface] === undefined) continue;
            const rate = this.limits[surface];
            if (rate) this.buckets[surface] = new TokenBucket(rate, this.now);
            else delete this.buckets[surface];
        }
    }

    get settings(): Required<TenantLimits> {
        return { ...this.limits };
    }

    /** Admits one top-level request into flight, or refuses it; call `leave` when it is answered. */
    enter(surface: Surface): LimitDecision {
        const max = this.limits.maxConcurrency;
        if (max !== null && this.inFlight[surface] >= max) {
            this.counts.concurrency[surface]++;
            // Microsoft does not say how long; one second is the shortest Retry-After there is.
            return { retryAfterSeconds: 1, reason: 'concurrency' };
        }
        this.inFlight[surface]++;
        this.counts.peakInFlight[surface] = Math.max(this.counts.peakInFlight[surface], this.inFlight[surface]);
        return null;
    }

    leave(surface: Surface): void {
        this.inFlight[surface] = Math.max(0, this.inFlight[surface] - 1);
    }

    /** Takes a token for one operation (a direct call or a `$batch` item). */
    charge(surface: Surface): LimitDecision {
        const wait = this.buckets[surface]?.take() ?? null;
        if (wait === null) return null;
        this.counts.rate[surface]++;
        // Retry-After is whole seconds [G-THROTTLE]: round up, so a client that honours it finds a token.
        return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)), reason: 'rate' };
    }

    resetCounts(): void {
        for (const key of ['rate', 'concurrency', 'peakInFlight'] as const) this.counts[key] = { graph: 0, teams: 0 };
    }
}

export const surfaceOf = (path: string): Surface | null => (/^\/v1\.0(\/|$)/i.test(path) ? 'graph' : /^\/teams\//i.test(path) ? 'teams' : null);
