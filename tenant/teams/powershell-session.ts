/**
 * One persistent PowerShell 7 session for the Teams cmdlets, driven by node-powershell.
 * Connected once with Connect-MicrosoftTeams -AccessTokens; every call after that is a
 * command name plus parameters sent as data, and JSON back.
 */
import { PowerShell, ProcessError } from 'node-powershell';
import { CancelledError, TenantError } from '../errors.js';
import type { RetryPolicy } from '../retry.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep } from '../retry.js';
import type { AllowedCommand } from './session-script.js';
import { BEGIN_MARKER, END_MARKER, HELD_ERROR_ID, SESSION_SCRIPT, STOPPED_MARKER, NOT_SENT_PREFIX, THROTTLED_PATTERN } from './session-script.js';
import { pwshLaunch } from './pwsh-launch.js';

export interface CmdletCall {
    command: AllowedCommand;
    parameters?: Record<string, unknown>;
}

export type CmdletResult = { ok: true; value: unknown[] } | { ok: false; error: string; errorId: string };

export interface RunOptions {
    /**
     * The calls must reach the tenant in this order (a lane: Teams ranks group grants by
     * arrival). After a failed call the rest are held back (HELD_ERROR_ID), and a retry sends
     * the failed call again with everything after it, so no later call overtakes it.
     */
    ordered?: boolean;
}

/** A call an ordered batch held back behind a failed one; not sent, so no attempt used. */
export const isHeld = (result: CmdletResult): boolean => !result.ok && result.errorId === HELD_ERROR_ID;

export interface PowerShellSessionOptions {
    /** The pwsh executable. */
    pwshPath: string;
    /** Folders prepended to PSModulePath (the emulator's stand-in modules). */
    modulePaths?: string[];
    /** Extra environment (e.g. VOICE_EMULATOR_URL); never tokens. */
    env?: Record<string, string>;
    /** Longest one batch of calls may take. */
    timeoutMs?: number;
    retry?: RetryPolicy;
}

/** Errors worth trying again: throttling, server errors, the service briefly unreachable or not answering in time. */
export function isTransientCmdletError(message: string): boolean {
    return /HTTP 429|TooManyRequests|throttl|HTTP 50[0234]|Service Unavailable|unreachable|No connection could be made|Connection refused|actively refused|timed out|HttpClient\.Timeout/i.test(message);
}

/** The Retry-After a throttled cmdlet's message quotes (seconds or an HTTP-date), if any. */
export function retryAfterIn(message: string): string | undefined {
    return /Retry-After:\s*([^;)\r\n]+)/i.exec(message)?.[1]?.trim();
}

/** Whether the tenant throttled a call (or a batch did not send it because an earlier call was throttled). */
export function isThrottledCmdletError(message: string): boolean {
    return new RegExp(THROTTLED_PATTERN, 'i').test(message);
}

/**
 * Sends `calls` through `attempt`; the calls that failed only for the moment are sent again,
 * bounded, after the longest Retry-After among them (each honoured in full) or a backoff.
 * `gated`: `attempt` itself holds a throttled call until its Retry-After has passed.
 * `ordered`: `attempt` holds back what follows a failed call, and a retry starts at the first
 * failed call and sends everything after it again, in order.
 */
export async function runWithRetries(calls: CmdletCall[], attempt: (calls: CmdletCall[]) => Promise<CmdletResult[]>,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY, gated = false, ordered = false): Promise<CmdletResult[]> {
    const results = await attempt(calls);
    // Attempts per call: one a batch did not send (after a throttled or failed one) has not used one.
    const tries = calls.map(() => 1);
    const retriable = (i: number) => {
        const r = results[i]!;
        return !r.ok && !isHeld(r) && isTransientCmdletError(r.error) && tries[i]! < policy.maxAttempts;
    };
    for (;;) {
        const first = results.findIndex(r => !r.ok);
        const transient = ordered
            ? (first >= 0 && retriable(first) ? results.flatMap((r, i) => (i >= first && !r.ok ? [i] : [])) : [])
            : results.flatMap((_, i) => (retriable(i) ? [i] : []));
        if (transient.length === 0) break;
        // Through a gate (`gated`: the pool's concurrency controller), a throttled call waits there for its Retry-After.
        const wait = Math.max(0, ...transient.filter(i => !isHeld(results[i]!)).map(i => {
            const error = (results[i] as { error: string }).error;
            const delay = retryDelayMs({ status: 503, retryAfter: retryAfterIn(error) }, tries[i]!, policy, { what: calls[i]!.command });
            return gated && isThrottledCmdletError(error) ? 0 : delay;
        }));
        await sleep(wait);
        const again = await attempt(transient.map(i => calls[i]!));
        transient.forEach((index, k) => {
            const result = again[k]!;
            results[index] = result;
            if (result.ok || (!result.error.startsWith(NOT_SENT_PREFIX) && !isHeld(result))) tries[index] = tries[index]! + 1;
        });
    }
    return results;
}

/** A value marking a nested cmdlet call whose output becomes a parameter value. */
export function nestedCall(call: CmdletCall, as?: string): { $invoke: CmdletCall; as?: string } {
    return as === undefined ? { $invoke: call } : { $invoke: call, as };
}

/** The Id of a nested call's output, or of one kept under a label earlier in the same call. */
export function idOf(of: string | { $invoke: CmdletCall; as?: string }): { $idOf: string | { $invoke: CmdletCall; as?: string } } {
    return { $idOf: of };
}

/** A value marking a cmdlet call whose output object, with these properties set, becomes a parameter value. */
export function patchedCall(call: CmdletCall, set: Record<string, unknown>): { $patch: CmdletCall; set: Record<string, unknown> } {
    return { $patch: call, set };
}

/**
 * The session's environment. TERM is `dumb` whatever the caller's terminal: with a terminal
 * type such as xterm, .NET's console writes keypad-mode escapes (ESC[?1h ESC[?1l) around each
 * command's output, and when they arrive as a chunk of their own after node-powershell's end
 * delimiter, its end-of-output test (which looks only at the last chunk's bytes) misses the
 * delimiter: the batch then waited for the 10-minute invocation timeout. That was the
 * occasional `voice apply` that printed nothing for minutes.
 */
export function sessionEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string> | undefined, modulePath: string): NodeJS.ProcessEnv {
    return { ...base, ...extra, PSModulePath: modulePath, TERM: 'dumb' };
}

export class PowerShellSession {
    private shell?: PowerShell;
    private queue: Promise<unknown> = Promise.resolve();

    constructor(private readonly options: PowerShellSessionOptions) {}

    async start(): Promise<void> {
        const pathSeparator = process.platform === 'win32' ? ';' : ':';
        const modulePath = [...(this.options.modulePaths ?? []), process.env.PSModulePath ?? ''].filter(Boolean).join(pathSeparator);
        this.shell = new PowerShell({
            ...pwshLaunch(this.options.pwshPath),
            spawnOptions: { env: sessionEnvironment(process.env, this.options.env, modulePath) },
            invocationTimeout: this.options.timeoutMs ?? 10 * 60_000,
            throwOnInvocationError: false
        });
        liveSessions.add(this);
        await this.shell.invoke(SESSION_SCRIPT);
        this.forgetHistory();
    }

    /** Connects the Teams module with a Graph token and a Teams admin token [CONNECT]. */
    async connect(graphToken: string, teamsToken: string, tenantId?: string): Promise<void> {
        const parameters: Record<string, unknown> = { AccessTokens: [graphToken, teamsToken] };
        if (tenantId) parameters.TenantId = tenantId;
        const [result] = await this.run([{ command: 'Connect-MicrosoftTeams', parameters }]);
        if (!result.ok) throw new TenantError(`Connect-MicrosoftTeams failed: ${redact(result.error, [graphToken, teamsToken])}`);
    }

    /**
     * Runs calls in order in one round trip; each has its own result. Calls that failed
     * only for the moment (throttled, 5xx, service unreachable) are sent again, bounded,
     * after their Retry-After or an exponential backoff with jitter.
     */
    async run(calls: CmdletCall[], options: RunOptions = {}): Promise<CmdletResult[]> {
        return runWithRetries(calls, batch => this.attempt(batch, options), this.options.retry, false, options.ordered);
    }

    /** One round trip, no retries (queued behind the session's earlier ones). */
    attempt(calls: CmdletCall[], options: RunOptions = {}): Promise<CmdletResult[]> {
        const next = this.queue.then(() => this.send(calls, options));
        this.queue = next.catch(() => undefined);
        return next;
    }

    /** Runs one call and returns its output, or throws a TenantError with the cmdlet's message. */
    async invoke(call: CmdletCall): Promise<unknown[]> {
        const [result] = await this.run([call]);
        if (!result.ok) throw new TenantError(`${call.command}: ${result.error}`, undefined, result.errorId);
        return result.value;
    }

    async dispose(): Promise<void> {
        liveSessions.delete(this);
        const shell = this.shell;
        this.shell = undefined;
        await shell?.dispose();
    }

    private async send(calls: CmdletCall[], options: RunOptions): Promise<CmdletResult[]> {
        if (!this.shell) throw new TenantError('The PowerShell session is not started.');
        const payload = Buffer.from(JSON.stringify(calls), 'utf8').toString('base64');
        let output;
        try {
            output = await this.shell.invoke(`Invoke-VoiceBatch -Payload '${payload}'${options.ordered ? ' -Ordered' : ''}`);
        } catch (error) {
            if (error instanceof ProcessError && error.signalCode === 'SIGINT') throw new CancelledError('PowerShell was stopped by Ctrl-C.');
            throw error;
        }
        this.forgetHistory();
        const raw = output.raw;
        // Ctrl-C reached pwsh (a Windows console) and it stopped the batch: an interruption, not a failure.
        if (raw.includes(STOPPED_MARKER)) throw new CancelledError('PowerShell stopped the batch on Ctrl-C.');
        const start = raw.lastIndexOf(BEGIN_MARKER);
        const end = raw.lastIndexOf(END_MARKER);
        if (start < 0 || end < start) {
            throw new TenantError(`PowerShell returned no result: ${raw.slice(0, 500) || (output.stderr?.toString() ?? '').slice(0, 500)}`);
        }
        const parsed = JSON.parse(raw.slice(start + BEGIN_MARKER.length, end)) as CmdletResult[] | CmdletResult;
        return (Array.isArray(parsed) ? parsed : [parsed]).map(r => (r.ok ? { ok: true, value: asArray(r.value) } : r));
    }

    /** node-powershell keeps every command in memory; tokens pass through it, so drop them. */
    private forgetHistory(): void {
        this.shell?.history.splice(0);
    }
}

/**
 * Sessions whose pwsh is running. pwsh ignores Ctrl-C (see pwsh-launch.ts), so when the CLI
 * exits at once (a second Ctrl-C) it stops them here rather than leave them to finish.
 */
const liveSessions = new Set<PowerShellSession>();
process.on('exit', () => {
    for (const session of liveSessions) void session.dispose();
});

function asArray(value: unknown): unknown[] {
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
}

export function redact(text: string, secrets: string[]): string {
    return secrets.filter(s => s.length >= 8).reduce((t, s) => t.split(s).join('[redacted]'), text);
}
