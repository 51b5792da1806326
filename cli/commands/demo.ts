/**
 * `voice demo` (`npm start`): the main job end to end against the built-in emulator:
 * start a fresh emulator, check, plan and apply examples/frontline, then plan again to
 * show that a second run has nothing to do.
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findRepoPath } from '../../tenant/emulator/paths.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import type { Command } from './command.js';
import { applyCommand } from './apply.js';
import { checkCommand } from './check.js';
import { planCommand } from './plan.js';
import { UsageError } from '../usage-error.js';

const HELP = `voice demo [folder]

Starts a fresh tenant emulator (its default seed: Contoso's groups and Direct Routing numbers),
then checks, plans and applies the folder (default examples/frontline), and plans once more.`;

function banner(title: string): void {
    console.log(`\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}`);
}

export const demoCommand: Command = {
    summary: 'the main job on the built-in emulator: check, plan, apply, plan again',
    async run(args) {
        const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        const folder = positionals[0] ?? findRepoPath(path.join('examples', 'frontline'));
        if (!folder) throw new UsageError('cannot find examples/frontline; pass a folder');
        const emulator = await startEmulator({ port: 0 });
        // A fresh emulator each time, so a fresh journal too (git-ignored; kept afterwards to read).
        const stateDir = path.join('.voice-state', 'demo');
        rmSync(stateDir, { recursive: true, force: true });
        const tenant = ['--tenant', 'emulator', '--emulator-url', emulator.url];
        try {
            banner(`1. voice check ${path.relative(process.cwd(), folder) || folder}`);
            let code = await checkCommand.run([folder]);
            if (code !== 0) return code;

            banner(`2. voice plan: what a first apply will do (emulator at ${emulator.url})`);
            code = await planCommand.run([folder, ...tenant]);
            if (code !== 0) return code;

            banner('3. voice apply --auto-approve: converge the tenant, step by step in setup order');
            code = await applyCommand.run([folder, ...tenant, '--auto-approve', '--state-dir', stateDir]);
            if (code !== 0) return code;

            banner('4. voice plan --detailed-exitcode: a second run has nothing to do');
            code = await planCommand.run([folder, ...tenant, '--detailed-exitcode']);
            console.log(code === 0 ? '\nDemo complete: the tenant matches the files, and a re-run changes nothing.' : '\nUnexpected: the second plan still has changes.');
            console.log(`Emulator calls made: ${emulator.callLog.count()}.`);
            return code === 0 ? 0 : 1;
        } finally {
            await emulator.stop();
        }
    }
};
