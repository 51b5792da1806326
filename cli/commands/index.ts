import type { Command } from './command.js';
import { applyCommand } from './apply.js';
import { checkCommand } from './check.js';
import { planCommand } from './plan.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator.js';
import { exportCommand } from './export.js';
import { formatCommand } from './format.js';
import { graphCommand } from './graph.js';
import { reportCommand } from './report.js';

/** Every subcommand of `voice`, by name. Add new commands here. */
export const commands: Record<string, Command> = {
    check: checkCommand,
    compile: compileCommand,
    format: formatCommand,
    plan: planCommand,
    apply: applyCommand,
    export: exportCommand,
    graph: graphCommand,
    report: reportCommand,
    emulator: emulatorCommand,
    demo: demoCommand
};
