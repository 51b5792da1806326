import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assessReadiness, type ReadinessReport } from '../../language/report/emergency-readiness.js';
import { readinessSetup } from '../../language/report/readiness-setup.js';
import { renderReadinessHtml } from '../../language/report/render-readiness-html.js';
import { renderReadinessJson, renderReadinessMarkdown, renderReadinessText } from '../../language/report/render-readiness.js';
import { connectTenant } from '../../tenant/connection.js';
import { readReadiness } from '../../tenant/report/read-readiness.js';
import type { Command } from './command.js';
import { TENANT_HELP, TENANT_OPTIONS, connectOptionsFrom, describeTarget } from './plan.js';
import { readProgressPrinter } from '../progress.js';
import { loadCheckedSetup } from '../setup-loader.js';
import { UsageError } from '../usage-error.js';

const HELP = `voice report emergency <file or folder> [options]

Reads the tenant and shows, per group the files grant or cover and then per member, what a
Shared Calling user needs for emergency calls: the Teams Phone licence, Enterprise Voice, the
effective Shared Calling, emergency call routing, emergency calling and voice routing policies
with their sources, no phone number of their own, and the location a call carries when Teams
finds no dynamic location (docs/emergency.md, "Readiness report").

${TENANT_HELP}
  --format text|json|markdown|html  output (default text)
  --out FILE                        write the report to FILE instead of standard output

Exit codes: 0 every member ready, 2 gaps found, 1 an error (the report could not be made).`;

const RENDERERS: Record<string, (report: ReadinessReport) => string> = {
    text: renderReadinessText, json: renderReadinessJson, markdown: renderReadinessMarkdown, html: renderReadinessHtml
};

export const reportCommand: Command = {
    summary: 'report on the tenant: emergency readiness of every covered member',
    async run(args) {
        try {
            return await report(args);
        } catch (error) {
            // A pipeline reads 2 as "gaps found": a wrong option is an error like any other here.
            if (!(error instanceof UsageError) && !isArgumentError(error)) throw error;
            console.error(`voice report: ${error instanceof Error ? error.message : String(error)}`);
            return 1;
        }
    }
};

async function report(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, strict: true,
        options: { ...TENANT_OPTIONS, format: { type: 'string', default: 'text' }, out: { type: 'string' } }
    });
    if (values.help) {
        console.log(HELP);
        return 0;
    }
    const [subject, ...inputs] = positionals;
    if (subject !== 'emergency') throw new UsageError(`${subject ? `unknown report '${subject}'` : 'no report named'} (the report is 'emergency')\n\n${HELP}`);
    const render = RENDERERS[values.format];
    if (!render) throw new UsageError(`unknown format '${values.format}' (use ${Object.keys(RENDERERS).join(', ')})`);
    if (inputs.length === 0) throw new UsageError(`no file or folder given\n\n${HELP}`);
    const setup = await loadCheckedSetup(inputs);
    if (typeof setup === 'number') return 1;
    const options = connectOptionsFrom(values, setup.tenant);
    const target = describeTarget(options.tenant, options.emulatorUrl, setup.tenant);
    const covered = readinessSetup(setup.plans);
    const connection = await connectTenant(options);
    let result: ReadinessReport;
    try {
        const progress = readProgressPrinter();
        const tenant = await readReadiness(connection.graph, connection.teams, covered, p => progress.update(p.what, p.count));
        progress.done();
        result = assessReadiness(covered, tenant, target);
    } finally {
        await connection.dispose();
    }
    const text = render(result);
    if (values.out) {
        writeFileSync(values.out, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
        console.error(`Wrote the report to ${values.out}.`);
    } else {
        console.log(text);
    }
    return result.ready ? 0 : 2;
}

/** node:util parseArgs rejects unknown or malformed options with these codes. */
function isArgumentError(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
