/**
 * Faults on demand: throttling (429 + Retry-After), 503s, latency, replication delay (for
 * reads, and with a knob for the look-ups writes make), a crash-stop at the Nth call and a
 * lost reply at the Nth write. With `randomSeed` the sequence of faults is reproducible.
 */
import { createRandom, type RandomSource } from './random.js';

export interface FaultOptions {
    /** Share of calls (0..1) answered 429 with Retry-After. */
    throttleRate?: number;
    /** Seconds sent in Retry-After on a 429. */
    retryAfterSeconds?: number;
    /** Share of calls (0..1) answered 503. */
    errorRate?: number;
    /** Milliseconds added to every call. */
    latencyMs?: number;
    /** Milliseconds during which a just-created object is invisible to reads. */
    replicationDelayMs?: number;
    /**
     * Whether the replication delay also hides a just-created object from the look-ups a write
     * makes of it (a grant's policy, a route's gateways, a number's location): the write is then
     * refused as if the object did not exist.
     */
    replicationAppliesToWrites?: boolean;
    /**
     * The Nth write from now (1-based; Graph non-GET calls, `$batch` items and Teams cmdlets other
     * than reads) is processed and persisted, then its connection is destroyed without a reply;
     * once only. null = never. Setting it starts the count again.
     */
    loseReplyAfter?: number | null;
    /** The server stops abruptly when it receives this call (1-based, counting Graph and Teams calls); null = never. */
    crashAfter?: number | null;
    /**
     * Teams cmdlets whose Nth calls (1-based, counted per cmdlet from when this is set) are
     * answered 503 whatever the random draw: a fault at an exact point of an apply, for tests.
     */
    unavailableCalls?: Record<string, number[]>;
    /** Seed for the random source, for reproducible fault sequences. */
    randomSeed?: number;
}

export type FaultDecision = { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'unavailable' } | null;

export class FaultInjector {
    private options: Required<Omit<FaultOptions, 'randomSeed'>> & { randomSeed?: number };
    private random: RandomSource;
    /** Writes counted towards `loseReplyAfter` since it was set (or the tenant was reset). */
    private writes = 0;
    /** Replies lost so far. */
    lostReplies = 0;
    /** Calls per Teams cmdlet since `unavailableCalls` was set. */
    private readonly cmdletCalls = new Map<string, number>();

    constructor(options: FaultOptions = {}) {
        this.options = {
            throttleRate: 0, retryAfterSeconds: 1, errorRate: 0, latencyMs: 0, replicationDelayMs: 0, replicationAppliesToWrites: false,
            crashAfter: null, loseReplyAfter: null, unavailableCalls: {}
        };
        this.random = Math.random;
        this.configure(options);
    }

    /** Merges new settings; a new `randomSeed` restarts the random sequence. */
    configure(options: FaultOptions): void {
        checkRate('throttleRate', options.throttleRate);
        checkRate('errorRate', options.errorRate);
        for (const key of ['retryAfterSeconds', 'latencyMs', 'replicationDelayMs'] as const) {
            const v = options[key];
            if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) throw new Error(`${key} must be a number ≥ 0`);
        }
        for (const key of ['crashAfter', 'loseReplyAfter'] as const) {
            const v = options[key];
            if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 1)) throw new Error(`${key} must be a whole number ≥ 1`);
        }
        const writesToo = options.replicationAppliesToWrites;
        if (writesToo !== undefined && typeof writesToo !== 'boolean') throw new Error('replicationAppliesToWrites must be true or false');
        const targeted = options.unavailableCalls;
        if (targeted !== undefined && (typeof targeted !== 'object' || targeted === null || Array.isArray(targeted)
            || !Object.values(targeted).every(calls => Array.isArray(calls) && calls.every(n => Number.isInteger(n) && n >= 1)))) {
            throw new Error('unavailableCalls must map cmdlet names to lists of whole numbers ≥ 1');
        }
        if (targeted !== undefined) this.cmdletCalls.clear();
        if (options.loseReplyAfter !== undefined) this.writes = 0;
        const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
        this.options = { ...this.options, ...defined };
        if (options.randomSeed !== undefined) this.random = createRandom(options.randomSeed);
    }

    get settings(): FaultOptions {
        return { ...this.options };
    }

    get replicationDelayMs(): number {
        return this.options.replicationDelayMs;
    }

    get replicationAppliesToWrites(): boolean {
        return this.options.replicationAppliesToWrites;
    }

    get latencyMs(): number {
        return this.options.latencyMs;
    }

    /** Whether the call with this 1-based number is the crash point. */
    crashesAt(callNumber: number): boolean {
        return this.options.crashAfter !== null && callNumber >= this.options.crashAfter;
    }

    /** Counts one write that reached the service; true when its reply is the one to lose. */
    losesReplyOf(): boolean {
        if (this.options.loseReplyAfter === null) return false;
        this.writes++;
        if (this.writes !== this.options.loseReplyAfter) return false;
        this.lostReplies++;
        return true;
    }

    /** The tenant was reset: the write count for `loseReplyAfter`, and the lost replies, start again. */
    restartWriteCount(): void {
        this.writes = 0;
        this.lostReplies = 0;
    }

    /** One draw per call, so throttle and error shares do not overlap. `cmdlet`: the Teams cmdlet called, if any. */
    decide(cmdlet?: string): FaultDecision {
        const targeted = cmdlet === undefined ? undefined : this.options.unavailableCalls[cmdlet];
        if (targeted) {
            const n = (this.cmdletCalls.get(cmdlet!) ?? 0) + 1;
            this.cmdletCalls.set(cmdlet!, n);
            if (targeted.includes(n)) return { kind: 'unavailable' };
        }
        const { throttleRate, errorRate } = this.options;
        if (throttleRate === 0 && errorRate === 0) return null;
        const r = this.random();
        if (r < throttleRate) return { kind: 'throttle', retryAfterSeconds: this.options.retryAfterSeconds };
        if (r < throttleRate + errorRate) return { kind: 'unavailable' };
        return null;
    }
}

function checkRate(name: string, value: number | undefined): void {
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1))) throw new Error(`${name} must be between 0 and 1`);
}
