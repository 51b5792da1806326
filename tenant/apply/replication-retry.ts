/**
 * Teams writes refused because an object they name is "not found" yet: a policy, gateway,
 * location or account created moments ago (by this run or an earlier one) that has not
 * replicated to the part of the service checking the write. Such a write changed nothing, so
 * it is sent again with backoff until the replication wait is over, then fails with the
 * service's message (which names the object) and why it gave up. One wrapper around every
 * kind's Teams writes (docs/apply.md, "Replication"); reads are passed through, since for a
 * read "not found" is an answer.
 */
import { isTeamsWrite } from '../../language/kinds/kind-handler.js';
import { TenantError } from '../errors.js';
import { sleep } from '../retry.js';
import type { CmdletCall, CmdletResult, RunOptions } from '../teams/powershell-session.js';
import { isHeld } from '../teams/powershell-session.js';
import type { CmdletRunner } from '../teams/session-pool.js';

/**
 * A refusal because something named is missing. The real module's wording for a missing
 * policy, gateway or location is not documented [UNCONFIRMED]: read defensively, by error
 * id or message, the same words the compiled script's Test-VoiceNotReplicated reads. A
 * misspelt parameter or command ("…NotFound" in its error id too) is a mistake, not a lag.
 */
export function isNotFound(result: { error: string; errorId?: string }): boolean {
    const errorId = result.errorId ?? '';
    if (/ParameterBinding|NamedParameterNotFound|CommandNotFound/i.test(errorId)) return false;
    return /NotFound/i.test(errorId) || /not found|NotFound|does not exist|couldn.t be found|cannot find|could not find/i.test(result.error);
}

export interface ReplicationRetryOptions {
    /** How long a write refused "not found" is tried again (the replication wait). */
    waitMs: number;
    signal?: AbortSignal;
    /** Told once per round of retries, for the operator. */
    onRetry?: (message: string) => void;
}

export class ReplicationRetry implements CmdletRunner {
    constructor(private readonly inner: CmdletRunner, private readonly options: ReplicationRetryOptions) {}

    /**
     * Runs the calls; those writes refused "not found" go again, in their order, after 250 ms
     * doubling up to 5 s, until they pass or the wait is over. Calls that failed otherwise
     * keep their result. Ordered (a lane), only the first failed call counts, and it goes
     * again with the calls held back behind it.
     */
    async run(calls: CmdletCall[], options: RunOptions = {}): Promise<CmdletResult[]> {
        const results = await this.inner.run(calls, options);
        const deadline = Date.now() + this.options.waitMs;
        const refused = (i: number) => {
            const r = results[i]!;
            return !r.ok && !isHeld(r) && isTeamsWrite(calls[i]!.command) && isNotFound(r);
        };
        for (let attempt = 1; ; attempt++) {
            const first = results.findIndex(r => !r.ok);
            const pending = !options.ordered ? results.flatMap((_, i) => (refused(i) ? [i] : []))
                : first >= 0 && refused(first) ? results.flatMap((r, i) => (i >= first && !r.ok ? [i] : [])) : [];
            if (pending.length === 0) break;
            if (Date.now() >= deadline || this.options.signal?.aborted) {
                for (const i of pending.filter(refused)) {
                    const failed = results[i] as Extract<CmdletResult, { ok: false }>;
                    results[i] = { ...failed, error: `${failed.error} (${calls[i]!.command} was still refused after ${seconds(this.options.waitMs)} s of retries: ` +
                        'the object it names has not replicated yet, or does not exist)' };
                }
                break;
            }
            if (attempt === 1) {
                this.options.onRetry?.(`${pending.length} Teams write(s) refused as "not found" (${calls[pending[0]!]!.command}: ${(results[pending[0]!] as { error: string }).error}); ` +
                    `a just-created object may not have replicated yet: trying again for up to ${seconds(this.options.waitMs)} s.`);
            }
            await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000, Math.max(0, deadline - Date.now())));
            const again = await this.inner.run(pending.map(i => calls[i]!), options);
            pending.forEach((index, k) => { results[index] = again[k]!; });
        }
        return results;
    }

    async invoke(call: CmdletCall): Promise<unknown[]> {
        const [result] = await this.run([call]);
        if (!result!.ok) throw new TenantError(`${call.command}: ${result!.error}`, undefined, result!.errorId);
        return result!.value;
    }
}

const seconds = (ms: number): string => String(Math.round(ms / 1000));
