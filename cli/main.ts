/**
 * The `voice` command line: one subcommand per module in commands/, dispatched here.
 * Exit codes: 0 success, 1 diagnostics with errors (or a failed operation), 2 usage or I/O problems.
 */
import { setFlagsFromString } from 'node:v8';
import { commands } from './commands/index.js';
import { UsageError } from './usage-error.js';
import { toolVersion } from '../shared/version.js';

/** The usage text: every command's summary (which loads every command module). */
async function usage(): Promise<string> {
    const lines = await Promise.all(Object.entries(commands).map(async ([name, load]) => `  ${name.padEnd(10)} ${(await load()).summary}`));
    return `voice <command> [options]

Commands:
${lines.join('\n')}

Run 'voice <command> --help' for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        console.log(await usage());
        return name ? 0 : 2;
    }
    if (name === '--version' || name === '-v') {
        console.log(toolVersion());
        return 0;
    }
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) {
        console.error(`voice: unknown command '${name}'.\n\n${await usage()}`);
        return 2;
    }
    try {
        return await (await load()).run(rest);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UsageError || isArgumentError(error)) {
            console.error(`voice ${name}: ${message}`);
            return 2;
        }
        console.error(`voice ${name}: ${message}`);
        if (process.env.VOICE_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
        return 1;
    }
}

// A command runs once and exits. V8 may decide, mid-run, to allocate what a busy allocation site
// makes straight into the old generation (allocation-site pretenuring); about 1 compile of 5,000
// stores in 12 did so while rendering the script, and the rendered text piled up uncollected until
// exit: 720-775 MB and slower, against about 490 MB (docs/performance.md). Without it, 0 in 84.
setFlagsFromString('--no-allocation-site-pretenuring');

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => { console.error(`voice: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = 1; }
);

/** node:util parseArgs rejects unknown or malformed options with these codes: a usage problem. */
function isArgumentError(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
