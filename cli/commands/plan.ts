import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { diffSetup } from '../../language/plan/diff.js';
import type { PlanDocument } from '../../language/plan/plan-document.js';
import { planDocument } from '../../language/plan/plan-document.js';
import { hasChanges, renderDocumentJson, renderDocumentText } from '../../language/plan/render.js';
import { renderDocumentMarkdown } from '../../language/plan/render-markdown.js';
import { toolVersion } from '../../shared/version.js';
import { DEFAULT_EMULATOR_URL, SIGN_IN_METHODS } from '../../tenant/auth/credentials.js';
import type { SignInMethod } from '../../tenant/auth/credentials.js';
import { connectTenant } from '../../tenant/connection.js';
import { readPlanState } from '../../tenant/read-state.js';
import { readTenantId } from '../../tenant/tenant-id.js';
import { planFileFor, writePlanFile } from '../plan-files.js';
import { TENANTS_HELP, TENANTS_OPTIONS, tenantsFrom } from '../tenants-file.js';
import { runTenants } from '../tenants-run.js';
import type { Command } from './command.js';
import { UsageError } from '../usage-error.js';
import { loadCheckedSetup } from '../setup-loader.js';

export const TENANT_OPTIONS = {
    tenant: { type: 'string' },
    'emulator-url': { type: 'string' },
    'sign-in': { type: 'string' },
    'client-id': { type: 'string' },
    certificate: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
} as const;

export const TENANT_HELP = `  --tenant <id|domain|emulator>   the tenant (default: the file's tenant statement)
  --emulator-url URL              the emulator for --tenant emulator (default ${DEFAULT_EMULATOR_URL})
  --sign-in METHOD                ${SIGN_IN_METHODS.filter(m => m !== 'emulator').join(' | ')} (default browser)
  --client-id ID                  your app registration (needed for certificate)
  --certificate FILE.pem          client certificate for app-only sign-in`;

const HELP = `voice plan <file or folder> [options]

Reads the tenant and shows what apply would change: + create, ~ update, = unchanged,
and what the tenant has that the files do not manage (never deleted).

${TENANT_HELP}
  --format text|json|markdown     output (default text); json follows docs/schema/plan.schema.json,
                                  markdown is a summary for a pull-request comment
  --out FILE.voiceplan            save the plan; 'voice apply FILE.voiceplan' applies exactly it,
                                  and refuses if the tenant or the files moved since
  --values FILE.voicevalues       the template parameters' values for this tenant (docs/parameters.md)
  --show-unchanged                list unchanged objects one by one
${TENANTS_HELP}
                                  (with --tenants, --out names a folder: <name>.voiceplan per tenant;
                                  exit 1 if any tenant failed, else as --detailed-exitcode says)
  --detailed-exitcode             exit 0 no changes, 2 changes, 1 errors`;

const FORMATS = ['text', 'json', 'markdown'] as const;

export interface TenantFlags {
    tenant?: string;
    'emulator-url'?: string;
    'sign-in'?: string;
    'client-id'?: string;
    certificate?: string;
}

/** The connection options the tenant flags ask for, validated. */
export function connectOptionsFrom(values: TenantFlags, fileTenant: string | undefined) {
    const tenant = values.tenant ?? fileTenant;
    if (!tenant) throw new UsageError('no tenant: pass --tenant <id|domain|emulator> or add a tenant statement');
    const signIn = values['sign-in'] as SignInMethod | undefined;
    if (signIn && !SIGN_IN_METHODS.includes(signIn)) throw new UsageError(`unknown sign-in method '${signIn}' (use ${SIGN_IN_METHODS.join(', ')})`);
    return {
        tenant, emulatorUrl: values['emulator-url'], signIn, clientId: values['client-id'], certificatePath: values.certificate,
        prompt: (message: string) => console.error(message)
    };
}

export function describeTarget(tenant: string, emulatorUrl: string | undefined, fileTenant: string | undefined): string {
    return tenant === 'emulator'
        ? `the tenant emulator at ${emulatorUrl ?? DEFAULT_EMULATOR_URL}${fileTenant ? ` (standing in for ${fileTenant})` : ''}`
        : `tenant ${tenant}`;
}

export const planCommand: Command = {
    summary: 'read the tenant and show what apply would change',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: {
                ...TENANT_OPTIONS, format: { type: 'string', default: 'text' }, out: { type: 'string' },
                'detailed-exitcode': { type: 'boolean' }, 'show-unchanged': { type: 'boolean' }, values: { type: 'string' }, ...TENANTS_OPTIONS
            }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        if (values.tenants !== undefined) {
            if (positionals.length === 0) throw new UsageError(`no file or folder given\n\n${HELP}`);
            if (values.out !== undefined) mkdirSync(values.out, { recursive: true });
            return runTenants({
                command: 'plan', setupArgs: positionals, ...tenantsFrom(values), passThrough: [],
                ...(values.out !== undefined ? { outDir: values.out } : {}), detailedExitcode: values['detailed-exitcode']
            });
        }
        const format = values.format as typeof FORMATS[number];
        if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMATS.join(', ')})`);
        if (positionals.length === 0) throw new UsageError(`no file or folder given\n\n${HELP}`);
        const setup = await loadCheckedSetup(positionals, values.values);
        if (typeof setup === 'number') return setup;
        const options = connectOptionsFrom(values, setup.tenant);
        const target = describeTarget(options.tenant, options.emulatorUrl, setup.tenant);
        const connection = await connectTenant(options);
        try {
            const snapshot = await readPlanState(connection.graph, connection.teams, setup.plans);
            const plan = diffSetup(setup.plans, snapshot);
            const tenant = { name: options.tenant, target, ...(values.out ? { id: await readTenantId(connection.teams) } : {}) };
            const doc = planDocument(plan, setup.plans, tenant, toolVersion());
            console.log(render(doc, format, values['show-unchanged']));
            if (plan.findings.some(f => f.severity === 'error')) {
                if (values.out) console.error(`\nNot saved to ${values.out}: fix the tenant checks above first.`);
                return 1;
            }
            if (values.out) {
                writePlanFile(values.out, planFileFor({ loaded: setup, roots: positionals, doc, snapshot, tenantId: tenant.id! }));
                console.error(`\nSaved the plan to ${values.out}. Apply exactly it with: voice apply ${values.out}`);
            }
            return values['detailed-exitcode'] && hasChanges(plan) ? 2 : 0;
        } finally {
            await connection.dispose();
        }
    }
};

function render(doc: PlanDocument, format: typeof FORMATS[number], showUnchanged?: boolean): string {
    switch (format) {
        case 'json': return renderDocumentJson(doc);
        case 'markdown': return renderDocumentMarkdown(doc);
        case 'text': return renderDocumentText(doc, { showUnchanged });
    }
}
