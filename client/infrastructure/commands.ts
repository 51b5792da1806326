import * as vscode from 'vscode';
import { Commands } from '../../shared/protocol.js';
import { isCancellation } from './errors.js';
import type { Log } from './log.js';

export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * Registers every `voice.*` command inside one error boundary: a cancellation is silent;
 * any other error is logged to the "Voice" channel and shown once with a "Show log" action.
 * Returns what the handler returns (tests call commands through executeCommand).
 */
export class CommandRegistry {
    constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {}

    register(id: string, handler: CommandHandler): void {
        if (!id.startsWith('voice.')) throw new Error(`Command '${id}' must be prefixed 'voice.'.`);
        this.context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, handler, args)));
    }

    private async run(id: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
        try {
            return await handler(...args);
        } catch (error) {
            if (isCancellation(error)) {
                this.log.info(`${id}: cancelled.`);
                return undefined;
            }
            const message = error instanceof Error ? error.message : String(error);
            this.log.error(`${id} failed: ${message}`);
            if (error instanceof Error && error.stack && error.name !== 'UserFacingError') this.log.error(error.stack);
            void vscode.window.showErrorMessage(message, 'Show log').then(choice => {
                if (choice === 'Show log') this.log.show();
            });
            return undefined;
        }
    }
}

export function registerInfrastructureCommands(commands: CommandRegistry, log: Log): void {
    commands.register(Commands.showLog, () => log.show());
}
