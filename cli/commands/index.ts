import type { Command } from './command.js';
import { checkCommand } from './check.js';

/** Every subcommand of `voice`, by name. Add new commands here. */
export const commands: Record<string, Command> = {
    check: checkCommand
};
