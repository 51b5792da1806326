import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import { CliCancelled } from './errors.js';
import type { Log } from './log.js';
import type { VoiceSettings } from '../../shared/settings.js';
import { targetArgs } from '../logic/cli-args.js';

/** A CLI process: no stdin (the CLI never prompts the editor), stdout and stderr piped. */
export type CliProcess = ChildProcessByStdio<null, Readable, Readable>;

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr interleaved as they arrived. */
    output: string;
}

/** Extra environment for one CLI run, by subcommand (e.g. VOICE_PWSH for plan and apply); may ask the user, or throw to stop. */
export type CliEnvironment = (command: string) => Promise<Record<string, string>>;

/**
 * The bundled `voice` CLI (out/cli.cjs) as the engine for plan and apply: run with the
 * extension host's own runtime, never a download.
 */
export class VoiceCli {
    private available?: Promise<Set<string>>;
    private environment: CliEnvironment = async () => ({});

    constructor(readonly cliPath: string, private readonly log: Log) {}

    /** Sets where the per-run environment comes from (the PowerShell feature). */
    useEnvironment(environment: CliEnvironment): void {
        this.environment = environment;
    }

    /** The subcommands this build of the CLI has (from `voice help`). */
    commands(): Promise<Set<string>> {
        this.available ??= this.run(['help'], undefined).then(
            result => new Set([...result.stdout.matchAll(/^ {2}([a-z-]+)\s/gm)].map(m => m[1])),
            () => new Set<string>()
        );
        return this.available;
    }

    async has(command: string): Promise<boolean> {
        return (await this.commands()).has(command);
    }

    /** Arguments for `voice plan` / `voice apply` against the configured target (cli/commands/plan.ts, apply.ts). */
    targetArgs(settings: VoiceSettings): string[] {
        return targetArgs(settings);
    }

    /** Starts a long-running subcommand (`voice emulator`); the caller owns the process. */
    async start(args: string[], cwd: string | undefined): Promise<CliProcess> {
        const extra = await this.environment(args[0] ?? '');
        this.log.info(`voice ${args.join(' ')}`);
        return this.spawn(args, cwd, extra);
    }

    async run(args: string[], cwd: string | undefined, token?: vscode.CancellationToken, onOutput?: (text: string, stream: 'stdout' | 'stderr') => void): Promise<CliResult> {
        const extra = await this.environment(args[0] ?? '');
        return new Promise((resolve, reject) => {
            this.log.info(`voice ${args.join(' ')}`);
            const child = this.spawn(args, cwd, extra);
            let stdout = '';
            let stderr = '';
            let output = '';
            child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; output += chunk; onOutput?.(chunk.toString(), 'stdout'); });
            child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; output += chunk; onOutput?.(chunk.toString(), 'stderr'); });
            const cancel = token?.onCancellationRequested(() => child.kill('SIGINT'));
            child.on('error', reject);
            child.on('close', code => {
                cancel?.dispose();
                if (token?.isCancellationRequested) reject(new CliCancelled(output));
                else resolve({ code: code ?? 1, stdout, stderr, output });
            });
        });
    }

    private spawn(args: string[], cwd: string | undefined, extra: Record<string, string>): CliProcess {
        return spawn(process.execPath, [this.cliPath, ...args], {
            cwd, env: { ...process.env, ...extra, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe']
        });
    }
}
