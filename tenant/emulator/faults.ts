/**
 * Faults on demand: throttling (429 + Retry-After), 503s, latency, replication delay and a
 * crash-stop at the Nth call. With `randomSeed` the sequence of faults is reproducible.
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
    /** The server stops abruptly when it receives this call (1-based, counting Graph and Teams calls); null = never. */
    crashAfter?: number | null;
    /** Seed for the random source, for reproducible fault sequences. */
    randomSeed?: number;
}

export type FaultDecision = { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'unavailable' } | null;

export class FaultInjector {
    private options: Required<Omit<FaultOptions, 'randomSeed'>> & { randomSeed?: number };
    private random: RandomSource;

    constructor(options: FaultOptions = {}) {
        this.options = { throttleRate: 0, retryAfterSeconds: 1, errorRate: 0, latencyMs: 0, replicationDelayMs: 0, crashAfter: null };
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
        if (options.crashAfter !== undefined && options.crashAfter !== null && (!Number.isInteger(options.crashAfter) || options.crashAfter < 1)) {
            throw new Error('crashAfter must be a whole number ≥ 1');
        }
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

    get latencyMs(): number {
        return this.options.latencyMs;
    }

    /** Whether the call with this 1-based number is the crash point. */
    crashesAt(callNumber: number): boolean {
        return this.options.crashAfter !== null && callNumber >= this.options.crashAfter;
    }

    /** One draw per call, so throttle and error shares do not overlap. */
    decide(): FaultDecision {
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
