/**
 * `voice export`: reads a tenant with the same bulk reads as plan and writes what it found as
 * `.voice` files (docs/export.md), then checks them as `voice check` does (exit 1 on errors)
 * and plans them against what it read, so a difference from the tenant is shown, never hidden.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_SCOPES, type ExportScope } from '../../language/export/export-setup.js';
import { connectTenant } from '../../tenant/connection.js';
import { readTenantState } from '../../tenant/read-state.js';
import type { Command } from './command.js';
import { connectOptionsFrom, describeTarget, TENANT_HELP, TENANT_OPTIONS } from './plan.js';
import { checkExport, existingVoiceFiles, exportFormatted, planChanges, writeExport } from '../export-files.js';
import { relativeFile } from '../diagnostics.js';
import { formatText } from '../formats.js';
import { UsageError } from '../usage-error.js';

const HELP = `voice export --tenant <id|domain|emulator> [options]

Reads the tenant (the same few bulk reads as plan) and writes what it holds as .voice files:
network.voice (addresses, trunks, dynamic emergency locations) and one file per shared
calling policy, formatted, in setup order, each object with a comment naming it in Teams.
Then checks them as 'voice check' does and plans them against what it read.

${TENANT_HELP}
  --out FOLDER                    where to write (default voice-export)
  --scope shared-calling|all-voice
                                  shared-calling (default): the policies and what they use;
                                  all-voice: every object the tool's kinds read
  --force                         replace the .voice files already in FOLDER
Exit codes: 0 written without errors, 1 the export has errors (shown; written as the tenant
has them), 2 usage problems.`;

/** Above this many tenant objects the export says what it is doing as it goes. */
const LARGE = 500;

export const exportCommand: Command = {
    summary: 'write what a tenant holds as .voice files (adopt an existing tenant)',
    async run(args) {
        const { values } = parseArgs({
            args, allowPositionals: false, strict: true,
            options: { ...TENANT_OPTIONS, out: { type: 'string', default: 'voice-export' }, scope: { type: 'string', default: 'shared-calling' }, force: { type: 'boolean' } }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        const scope = values.scope as ExportScope;
        if (!EXPORT_SCOPES.includes(scope)) throw new UsageError(`unknown scope '${values.scope}' (use ${EXPORT_SCOPES.join(', ')})`);
        if (!values.tenant) throw new UsageError(`no tenant: pass --tenant <id|domain|emulator>\n\n${HELP}`);
        const out = values.out;
        const existing = existingVoiceFiles(out);
        if (existing.length > 0 && !values.force) {
            throw new UsageError(`${out} already holds .voice files (${existing.join(', ')}): choose another --out, or --force to replace them`);
        }
        const options = connectOptionsFrom(values, undefined);
        const target = describeTarget(options.tenant, options.emulatorUrl, undefined);
        const started = Date.now();
        console.error(`Reading ${target}...`);
        const connection = await connectTenant(options);
        let snapshot;
        try {
            snapshot = await readTenantState(connection.graph, connection.teams);
        } finally {
            await connection.dispose();
        }
        const size = Object.values(snapshot).reduce((n, list) => n + (list as unknown[]).length, 0);
        const progress = (message: string) => { if (size > LARGE) console.error(message); };
        progress(`Read ${size} tenant objects in ${((Date.now() - started) / 1000).toFixed(1)}s; writing .voice...`);
        const result = await exportFormatted(snapshot, { scope, source: target, tenantDomain: domainOf(options.tenant) });
        const files = writeExport(out, result);
        progress(`Wrote ${files.length} file(s); checking them...`);
        const check = await checkExport(files, snapshot);
        if (check.diagnostics.length > 0) console.log(formatText(check.diagnostics));
        const errors = check.diagnostics.filter(d => d.severity === 'error').length;
        const written = files.length <= 10 ? files.map(f => path.basename(f)).join(', ') : `network.voice and ${files.length - 1} more files`;
        console.error(`Exported ${target} (scope ${scope}) to ${relativeFile(out) || '.'}: ${written}.`);
        if (result.leftOut.length > 0) console.error(`${result.leftOut.length} tenant object(s) could not be written as they are: listed at the end of network.voice.`);
        if (errors > 0) {
            console.error(`${errors} error(s) in the export: the tenant holds them as written ('voice check ${relativeFile(out) || '.'}' shows them again).`);
            return 1;
        }
        const changes = check.plan ? planChanges(check.plan) : [];
        if (changes.length > 0) {
            console.error(`A plan of the export would change ${changes.length} object(s) (what the language cannot say as the tenant has it):`);
            for (const change of changes) console.error(`  ${change}`);
        } else {
            console.error('A plan of the export against the tenant shows no changes.');
        }
        return 0;
    }
};

/** A domain given as --tenant names the tenant in the export; an id or `emulator` does not. */
function domainOf(tenant: string): string | undefined {
    return tenant !== 'emulator' && tenant.includes('.') ? tenant.toLowerCase() : undefined;
}
