/**
 * Several persistent PowerShell sessions behind one `run`: a batch of calls goes to the
 * least busy session, so independent batches (chunks of one apply wave) run in parallel.
 * Teams cmdlets spend nearly all their time waiting on the service, so a few sessions
 * multiply throughput. The pool starts with one session; an apply allows more (`allow`), and
 * each is opened only when every open one is busy and more work waits, so the apply starts at
 * once and a throttled tenant, which more sessions would not serve faster, costs no more pwsh
 * processes than it can use. The Teams surface's controllers say how fast calls go: its
 * AdaptiveRate paces the cmdlets to the rate Teams admits (learnt from its 429s), its
 * AdaptiveConcurrency holds every batch until a Retry-After has passed (at most one per session).
 */
import type { CmdletCall, CmdletResult, PowerShellSession, RunOptions } from './powershell-session.js';
import { isHeld, isThrottledCmdletError, retryAfterIn, runWithRetries } from './powershell-session.js';
import { HELD_ERROR_ID, HELD_PREFIX, NOT_SENT_PREFIX } from './session-script.js';
import { TenantError } from '../errors.js';
import { AdaptiveConcurrency, PACED_DEFAULTS, type RequestOutcome } from '../adaptive-concurrency.js';
import { AdaptiveRate } from '../adaptive-rate.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter } from '../retry.js';

interface PoolEntry { session: PowerShellSession; busy: number }

/** Where a batch's last piece ran; its retries (`retry`) go there. */
interface Affinity { entry?: PoolEntry; retry: boolean }

/** What reads and applies need from Teams PowerShell: calls in, one result per call out. */
export interface CmdletRunner {
    run(calls: CmdletCall[], options?: RunOptions): Promise<CmdletResult[]>;
    invoke(call: CmdletCall): Promise<unknown[]>;
}

/** Upper bound on sessions by default; `VOICE_TEAMS_SESSIONS` overrides it (1 = one session, no parallelism). */
export const DEFAULT_MAX_SESSIONS = 8;

export function maxSessionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
    const value = Number(env.VOICE_TEAMS_SESSIONS);
    return Number.isInteger(value) && value >= 1 && value <= 32 ? value : DEFAULT_MAX_SESSIONS;
}

export class PowerShellPool implements CmdletRunner {
    private readonly sessions: PoolEntry[];
    /** Batches in flight on the Teams surface (at most one per session), held while a Retry-After runs. */
    readonly concurrency: AdaptiveConcurrency;
    /** Cmdlets a second, paced to what Teams admits once it has throttled (adaptive-rate.ts). */
    readonly pace = new AdaptiveRate();
    /** Sessions an apply allows (`allow`); more are opened only as they are needed. */
    private allowed = 1;
    private readonly opening = new Set<Promise<void>>();

    /**
     * @param first a started, connected session
     * @param open starts and connects one more session
     */
    constructor(first: PowerShellSession, private readonly open: () => Promise<PowerShellSession>, readonly maxSessions = DEFAULT_MAX_SESSIONS) {
        this.sessions = [{ session: first, busy: 0 }];
        this.concurrency = new AdaptiveConcurrency({ ...PACED_DEFAULTS, max: maxSessions });
        this.concurrency.setCeiling(1);
    }

    get size(): number {
        return this.sessions.length;
    }

    /** Allows up to `wanted` sessions (at most maxSessions), opened as the work needs them; returns how many are allowed. */
    allow(wanted: number): number {
        this.allowed = Math.max(1, Math.min(wanted, this.maxSessions));
        return this.allowed;
    }

    /** One more session, in the background; the pool carries on with the ones it has if it fails to open. */
    private openOne(): Promise<void> {
        const opening: Promise<void> = this.open().then(session => {
            this.sessions.push({ session, busy: 0 });
            this.concurrency.setCeiling(this.sessions.length);
        }, () => undefined).finally(() => this.opening.delete(opening));
        this.opening.add(opening);
        return opening;
    }

    /**
     * Every open session busy: one more for this batch and each one waiting, while allowed. All
     * at once, since a pwsh start takes seconds (longer on a busy machine) and the first
     * waves are under way meanwhile.
     */
    private growIfBusy(): void {
        if (!this.sessions.every(s => s.busy > 0)) return;
        const wanted = Math.min(this.allowed - this.sessions.length - this.opening.size, 1 + this.concurrency.queued - this.opening.size);
        for (let i = 0; i < wanted; i++) void this.openOne();
    }

    /** Runs calls in order; throttled and failed-for-the-moment calls are tried again, each after its Retry-After. */
    async run(calls: CmdletCall[], options: RunOptions = {}): Promise<CmdletResult[]> {
        // The controller's gate holds every batch, retries included, until the latest Retry-After has passed.
        // Retries go to the session of the try before: it keeps what a failed call's nested calls made (session-script.ts).
        const affinity: Affinity = { retry: false };
        return runWithRetries(calls, async batch => {
            try {
                return await this.paced(batch, affinity, options);
            } finally {
                affinity.retry = true;
            }
        }, DEFAULT_RETRY_POLICY, true, options.ordered);
    }

    /**
     * One try of a batch at the paced rate. Unpaced, one round trip; paced, pieces of about a
     * second's worth one after another (the order kept), each waiting for its share of the rate:
     * a long chunk would otherwise take the allowance of many seconds at once. After a throttled
     * piece the rest is not sent (as the session itself does after a throttled cmdlet), and in
     * an ordered batch not after any failed call either.
     */
    private async paced(batch: CmdletCall[], affinity: Affinity, options: RunOptions): Promise<CmdletResult[]> {
        const results: CmdletResult[] = [];
        for (let from = 0; from < batch.length;) {
            const size = Number.isFinite(this.pace.perSecond) ? Math.max(1, Math.ceil(this.pace.perSecond)) : batch.length;
            const piece = batch.slice(from, from + size);
            from += piece.length;
            const ticket = await this.pace.take(piece.length);
            this.growIfBusy();
            const answered = await this.concurrency.run(() => this.attempt(piece, affinity, options), throttleOutcome);
            const throttled = answered.filter(r => !r.ok && isThrottledCmdletError(r.error) && !r.error.startsWith(NOT_SENT_PREFIX)).length;
            const notSent = answered.filter(r => !r.ok && (r.error.startsWith(NOT_SENT_PREFIX) || isHeld(r))).length;
            this.pace.observe(ticket, answered.length - throttled - notSent, throttled);
            results.push(...answered);
            if (from >= batch.length) break;
            // The rest of the batch is not sent: after a throttled call (the tenant said to wait), or,
            // in an ordered batch, after any failed one. Each is marked so that the caller sends it again.
            const throttledError = answered.find(r => !r.ok && isThrottledCmdletError(r.error)) as { error: string } | undefined;
            const failed = answered.find(r => !r.ok) as { error: string } | undefined;
            const rest = throttled > 0 && throttledError ? { prefix: NOT_SENT_PREFIX, why: throttledError.error, errorId: 'VoiceNotSent' }
                : options.ordered && failed ? { prefix: HELD_PREFIX, why: failed.error, errorId: HELD_ERROR_ID } : undefined;
            if (rest) {
                for (let at = from; at < batch.length; at++) results.push({ ok: false, error: `${rest.prefix} ${rest.why}`, errorId: rest.errorId });
                break;
            }
        }
        return results;
    }

    private async attempt(calls: CmdletCall[], affinity: Affinity, options: RunOptions): Promise<CmdletResult[]> {
        const sticky = affinity.retry && affinity.entry && this.sessions.includes(affinity.entry) ? affinity.entry : undefined;
        const entry = sticky ?? this.sessions.reduce((a, b) => (b.busy < a.busy ? b : a));
        affinity.entry = entry;
        entry.busy++;
        try {
            return await entry.session.attempt(calls, options);
        } finally {
            entry.busy--;
        }
    }

    async invoke(call: CmdletCall): Promise<unknown[]> {
        const [result] = await this.run([call]);
        if (!result!.ok) throw new TenantError(`${call.command}: ${result!.error}`, undefined, result!.errorId);
        return result!.value;
    }

    async dispose(): Promise<void> {
        // Sessions still opening are closed too, once open.
        this.allowed = 0;
        await Promise.allSettled([...this.opening]);
        await Promise.allSettled(this.sessions.map(s => s.session.dispose()));
    }
}

/** A batch with a throttled call was throttled (its longest Retry-After); one with every call answered went through. */
function throttleOutcome(results: CmdletResult[]): RequestOutcome {
    const waits = results.flatMap(r => (!r.ok && isThrottledCmdletError(r.error) ? [parseRetryAfter(retryAfterIn(r.error)) ?? 1000] : []));
    if (waits.length > 0) return { retryAfterMs: Math.max(...waits) };
    return 'success';
}
