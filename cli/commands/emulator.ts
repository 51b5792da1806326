/**
 * `voice emulator`: runs the local Teams tenant emulator on 127.0.0.1 until interrupted,
 * printing its URL and a token it accepts (and, with --env, the variables a pwsh session needs).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TENANT_LIMITS, formatRate, parseRate, standInModulePath, startEmulator, type EmulatorHandle, type FaultOptions, type Rate, type TenantLimits } from '../../tenant/emulator/index.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';

const HELP = `voice emulator [options]

Runs a local Teams tenant (Graph v1.0 + Teams admin surface) on 127.0.0.1 for rehearsals and tests.

Options:
  --port N                 TCP port (default 7780; 0 = any free port)
  --state FILE             keep the tenant in FILE (written after each change, reloaded on restart)
  --seed FILE              starting tenant (default examples/seeds/frontline.json); give it once per
                           tenant to serve several tenants, one per port from --port up
                           (for voice plan|apply --tenants, docs/emulator.md#several-tenants)
  --token TOKEN            accept this bearer token instead of a random one
  --latency MS             add MS milliseconds to every call
  --throttle-rate R        answer a share R (0..1) of calls 429 with Retry-After
  --retry-after S          seconds in Retry-After (default 1)
  --error-rate R           answer a share R (0..1) of calls 503
  --replication-delay MS   hide just-created objects from reads for MS milliseconds
  --replication-applies-to-writes
                           hide them, for as long, from the look-ups writes make too
                           (a grant of a just-created policy is refused "not found")
  --crash-after N          stop abruptly at the Nth call (exit code 75)
  --lose-reply-after N     do the Nth write, then drop its connection without a reply (once)
  --random-seed N          make the throttle/error sequence reproducible
  --tenant-limits          model a throttled tenant with the default limits below (off by default)
  --throttle-graph R/W     token bucket for Graph: R requests per window W, e.g. 200/10s
                           (with --tenant-limits: ${formatRate(DEFAULT_TENANT_LIMITS.graph)}; 'off' = none)
  --throttle-teams R/W     the same for the Teams admin surface
                           (with --tenant-limits: ${formatRate(DEFAULT_TENANT_LIMITS.teams)}; 'off' = none)
  --max-concurrency N      requests in flight per surface; more are answered 429
                           (with --tenant-limits: ${DEFAULT_TENANT_LIMITS.maxConcurrency}; 'off' = none)
  --env                    print the environment for POSIX shells and PowerShell`;

function number(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER, integer = false): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
        throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} between ${min} and ${max}, got '${value}'`);
    }
    return n;
}

function rate(name: string, value: string | undefined): Rate | null | undefined {
    if (value === undefined) return undefined;
    if (value.trim() === 'off') return null;
    try {
        return parseRate(value);
    } catch (error) {
        throw new UsageError(`--${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** --tenant-limits starts from the defaults; each knob sets (or, with 'off', drops) one limit. */
function tenantLimits(values: { 'tenant-limits'?: boolean; 'throttle-graph'?: string; 'throttle-teams'?: string; 'max-concurrency'?: string }): TenantLimits {
    const concurrency = values['max-concurrency'];
    return {
        ...(values['tenant-limits'] ? DEFAULT_TENANT_LIMITS : {}),
        ...Object.fromEntries(Object.entries({
            graph: rate('throttle-graph', values['throttle-graph']),
            teams: rate('throttle-teams', values['throttle-teams']),
            maxConcurrency: concurrency?.trim() === 'off' ? null : number('max-concurrency', concurrency, 1, undefined, true)
        }).filter(([, v]) => v !== undefined))
    };
}

/** Environment lines for both shells: PSModulePath gets the stand-in modules first. */
export function environmentLines(url: string, token: string, modulePath: string): string {
    const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const ps = (s: string) => `'${s.replace(/['‘’‚‛]/g, m => m + m)}'`;
    return [
        '# POSIX shell (bash, zsh):',
        `export PSModulePath=${sq(modulePath)}":$PSModulePath"`,
        `export VOICE_EMULATOR_URL=${sq(url)}`,
        `export VOICE_EMULATOR_TOKEN=${sq(token)}`,
        '',
        '# PowerShell:',
        `$env:PSModulePath = ${ps(modulePath)} + [IO.Path]::PathSeparator + $env:PSModulePath`,
        `$env:VOICE_EMULATOR_URL = ${ps(url)}`,
        `$env:VOICE_EMULATOR_TOKEN = ${ps(token)}`
    ].join('\n');
}

export const emulatorCommand: Command = {
    summary: 'run the local Teams tenant emulator (Graph + Teams admin surface) for rehearsals',
    async run(args: string[]): Promise<number> {
        let values;
        try {
            ({ values } = parseArgs({
                args,
                strict: true,
                allowPositionals: false,
                options: {
                    port: { type: 'string' }, state: { type: 'string' }, seed: { type: 'string', multiple: true }, token: { type: 'string' },
                    latency: { type: 'string' }, 'throttle-rate': { type: 'string' }, 'retry-after': { type: 'string' },
                    'error-rate': { type: 'string' }, 'replication-delay': { type: 'string' }, 'crash-after': { type: 'string' },
                    'replication-applies-to-writes': { type: 'boolean' }, 'lose-reply-after': { type: 'string' },
                    'random-seed': { type: 'string' }, 'tenant-limits': { type: 'boolean' }, 'throttle-graph': { type: 'string' },
                    'throttle-teams': { type: 'string' }, 'max-concurrency': { type: 'string' }, env: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }
                }
            }));
        } catch (error) {
            throw new UsageError(error instanceof Error ? error.message : String(error));
        }
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        const faults: FaultOptions = {
            latencyMs: number('latency', values.latency, 0),
            throttleRate: number('throttle-rate', values['throttle-rate'], 0, 1),
            retryAfterSeconds: number('retry-after', values['retry-after'], 0),
            errorRate: number('error-rate', values['error-rate'], 0, 1),
            replicationDelayMs: number('replication-delay', values['replication-delay'], 0),
            replicationAppliesToWrites: values['replication-applies-to-writes'],
            crashAfter: number('crash-after', values['crash-after'], 1, undefined, true),
            loseReplyAfter: number('lose-reply-after', values['lose-reply-after'], 1, undefined, true),
            randomSeed: number('random-seed', values['random-seed'], 0, 2 ** 32 - 1, true)
        };
        if (values.token !== undefined && values.token.trim() === '') throw new UsageError('--token must not be empty');
        const seeds = values.seed ?? [];
        if (seeds.length > 1 && values.state) throw new UsageError('--state keeps one tenant: use it without several --seed');
        const basePort = number('port', values.port, 0, 65535, true) ?? 7780;
        if (basePort > 0 && basePort + seeds.length - 1 > 65535) throw new UsageError(`--port ${basePort} leaves no room for ${seeds.length} tenants`);
        const emulators: EmulatorHandle[] = [];
        for (const [index, seed] of (seeds.length > 0 ? seeds : [undefined]).entries()) {
            // Each tenant its own server, state, faults and call log: one tenant's fault never reaches another.
            emulators.push(await startEmulator({
                port: basePort === 0 ? 0 : basePort + index,
                statePath: values.state ? resolve(values.state) : undefined,
                seed: seed ? resolve(seed) : undefined,
                token: values.token,
                faults,
                limits: tenantLimits(values),
                onCrash: () => {
                    console.error('voice emulator: crash-stop fault reached; stopping abruptly.');
                    process.exit(75);
                }
            }));
        }
        for (const emulator of emulators) {
            const which = emulators.length > 1 ? ` (tenant ${emulator.state.tenantDomain})` : '';
            console.log(`Teams tenant emulator listening on ${emulator.url}${which}`);
            console.log(`Bearer token: ${emulator.token}`);
        }
        const emulator = emulators[0]!;
        const limits = emulator.limits.settings;
        if (limits.graph || limits.teams || limits.maxConcurrency) {
            const show = (r: Rate | null) => (r ? formatRate(r) : 'unlimited');
            console.log(`Tenant limits: Graph ${show(limits.graph)}, Teams ${show(limits.teams)}, in flight per surface ${limits.maxConcurrency ?? 'unlimited'}`);
        }
        if (values.env) console.log(`\n${environmentLines(emulator.url, emulator.token, standInModulePath())}\n`);
        console.log('Press Ctrl+C to stop.');
        await new Promise<void>(resolveStop => {
            const stop = () => { void Promise.all(emulators.map(e => e.stop())).then(() => resolveStop()); };
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
        });
        return 0;
    }
};
