import { spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { UserCancelled } from './errors.js';
import type { Log } from './log.js';
import type { VoiceSettings } from '../../shared/settings.js';
import { targetArgs } from '../logic/cli-args.js';

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr interleaved as they arrived. */
    output: string;
}

/**
 * The bundled `voice` CLI (out/cli.cjs) as the engine for plan and apply: run with the
 * extension host's own runtime, never a download.
 */
export class VoiceCli {
    private available?: Promise<Set<string>>;

    constructor(private readonly cliPath: string, private readonly log: Log) {}

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

    run(args: string[], cwd: string | undefined, token?: vscode.CancellationToken, onOutput?: (text: string) => void): Promise<CliResult> {
        return new Promise((resolve, reject) => {
            this.log.info(`voice ${args.join(' ')}`);
            const child = spawn(process.execPath, [this.cliPath, ...args], {
                cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe']
            });
            let stdout = '';
            let stderr = '';
            let output = '';
            child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; output += chunk; onOutput?.(chunk.toString()); });
            child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; output += chunk; onOutput?.(chunk.toString()); });
            const cancel = token?.onCancellationRequested(() => child.kill('SIGINT'));
            child.on('error', reject);
            child.on('close', code => {
                cancel?.dispose();
                if (token?.isCancellationRequested) reject(new UserCancelled('Cancelled; the log shows what was done.'));
                else resolve({ code: code ?? 1, stdout, stderr, output });
            });
        });
    }
}
