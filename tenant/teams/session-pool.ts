/**
 * Several persistent PowerShell sessions behind one `run`: a batch of calls goes to the
 * least busy session, so independent batches (chunks of one apply wave) run in parallel.
 * Teams cmdlets spend nearly all their time waiting on the service, so a few sessions
 * multiply throughput; the pool starts with one session and grows only when an apply has
 * enough Teams calls to be worth the start-up of more (each is a pwsh process). How many
 * batches run at once is the Teams surface's concurrency controller's to say (at most one per
 * session): it backs off when Teams throttles and holds every batch until a Retry-After passes.
 */
import type { CmdletCall, CmdletResult, PowerShellSession } from './powershell-session.js';
import { isThrottledCmdletError, retryAfterIn, runWithRetries } from './powershell-session.js';
import { TenantError } from '../errors.js';
import { AdaptiveConcurrency, AIMD_DEFAULTS, type RequestOutcome } from '../adaptive-concurrency.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter } from '../retry.js';

/** What reads and applies need from Teams PowerShell: calls in, one result per call out. */
export interface CmdletRunner {
    run(calls: CmdletCall[]): Promise<CmdletResult[]>;
    invoke(call: CmdletCall): Promise<unknown[]>;
}

/** Upper bound on sessions by default; `VOICE_TEAMS_SESSIONS` overrides it (1 = one session, no parallelism). */
export const DEFAULT_MAX_SESSIONS = 8;

export function maxSessionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
    const value = Number(env.VOICE_TEAMS_SESSIONS);
    return Number.isInteger(value) && value >= 1 && value <= 32 ? value : DEFAULT_MAX_SESSIONS;
}

export class PowerShellPool implements CmdletRunner {
    private readonly sessions: { session: PowerShellSession; busy: number }[];
    /** Batches in flight on the Teams surface (AIMD, at most one per session). */
    readonly concurrency: AdaptiveConcurrency;

    /**
     * @param first a started, connected session
     * @param open starts and connects one more session
     */
    constructor(first: PowerShellSession, private readonly open: () => Promise<PowerShellSession>, readonly maxSessions = DEFAULT_MAX_SESSIONS) {
        this.sessions = [{ session: first, busy: 0 }];
        this.concurrency = new AdaptiveConcurrency({ ...AIMD_DEFAULTS, max: maxSessions });
        this.concurrency.setCeiling(1);
    }

    get size(): number {
        return this.sessions.length;
    }

    /**
     * Opens sessions (in parallel) until there are `wanted`, at most maxSessions. A session
     * that fails to open is left out: the pool carries on with the ones it has.
     */
    async grow(wanted: number): Promise<number> {
        const missing = Math.min(wanted, this.maxSessions) - this.sessions.length;
        if (missing <= 0) return this.sessions.length;
        const opened = await Promise.allSettled(Array.from({ length: missing }, () => this.open()));
        for (const result of opened) {
            if (result.status === 'fulfilled') this.sessions.push({ session: result.value, busy: 0 });
        }
        this.concurrency.setCeiling(this.sessions.length);
        return this.sessions.length;
    }

    /** Runs calls in order (one round trip a try); throttled and failed-for-the-moment calls are tried again, each after its Retry-After. */
    async run(calls: CmdletCall[]): Promise<CmdletResult[]> {
        // The controller's gate holds every batch, retries included, until the latest Retry-After has passed.
        return runWithRetries(calls, batch => this.concurrency.run(() => this.attempt(batch), throttleOutcome), DEFAULT_RETRY_POLICY, true);
    }

    private async attempt(calls: CmdletCall[]): Promise<CmdletResult[]> {
        const entry = this.sessions.reduce((a, b) => (b.busy < a.busy ? b : a));
        entry.busy++;
        try {
            return await entry.session.attempt(calls);
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
        await Promise.allSettled(this.sessions.map(s => s.session.dispose()));
    }
}

/** A batch with a throttled call was throttled (its longest Retry-After); one with every call answered went through. */
function throttleOutcome(results: CmdletResult[]): RequestOutcome {
    const waits = results.flatMap(r => (!r.ok && isThrottledCmdletError(r.error) ? [parseRetryAfter(retryAfterIn(r.error)) ?? 1000] : []));
    if (waits.length > 0) return { retryAfterMs: Math.max(...waits) };
    return 'success';
}
