import type { Command } from './command.js';

/**
 * Every subcommand of `voice`, by name. Add new commands here. Each module is loaded when its
 * command runs: esbuild initialises a dynamically imported module on first use, so `voice check`
 * does not start the tenant libraries (sign-in, Graph, PowerShell) that plan and apply need.
 */
export const commands: Record<string, () => Promise<Command>> = {
    check: async () => (await import('./check.js')).checkCommand,
    compile: async () => (await import('./compile.js')).compileCommand,
    format: async () => (await import('./format.js')).formatCommand,
    plan: async () => (await import('./plan.js')).planCommand,
    apply: async () => (await import('./apply.js')).applyCommand,
    export: async () => (await import('./export.js')).exportCommand,
    graph: async () => (await import('./graph.js')).graphCommand,
    report: async () => (await import('./report.js')).reportCommand,
    emulator: async () => (await import('./emulator.js')).emulatorCommand,
    demo: async () => (await import('./demo.js')).demoCommand
};
