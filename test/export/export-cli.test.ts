/**
 * `voice export` through the real CLI against the emulator: the frontline example applied and
 * the bare seed round-trip (export, then `voice plan` = no changes), two exports are
 * byte-identical, an invalid object is exported as written with its diagnostic (and
 * `voice check` reports it too), no token reaches the output, and an export costs the same
 * reads as a no-change plan.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSetup } from '../../cli/setup-loader.js';
import { defaultSeedPath, readSeedFile, startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { generateStores, generatedSeed } from '../support/generate-setup.js';
import { findPwsh } from '../support/pwsh.js';
import { TenantAdmin } from '../support/tenant-admin.js';

let emulator: EmulatorHandle;
let admin: TenantAdmin;
let scratch: string;
let target: string[];

/** The frontline seed, with Calling Plan numbers in the US and GB for the invalid-object case. */
function seed() {
    const base = readSeedFile(defaultSeedPath());
    return {
        ...base, phoneNumbers: [
            ...(base.phoneNumbers ?? []),
            { from: '+14255550100', to: '+14255550199', numberType: 'CallingPlan' as const, isoCountryCode: 'US' },
            { from: '+442079460100', to: '+442079460199', numberType: 'CallingPlan' as const, isoCountryCode: 'GB' }
        ]
    };
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-export-cli-'));
    emulator = await startEmulator({ port: 0, seed: seed() });
    admin = new TenantAdmin(emulator.url, emulator.token);
    target = ['--tenant', 'emulator', '--emulator-url', emulator.url];
}, 60_000);

afterAll(async () => {
    await emulator?.stop();
});

beforeEach(() => {
    emulator.reset();
    admin.reset();
});

const folder = (name: string) => path.join(scratch, name);
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map(f => [f, readFileSync(path.join(dir, f), 'utf8')]));

async function exportTo(name: string, ...extra: string[]) {
    return runVoiceAsync(['export', ...target, '--out', folder(name), ...extra], { timeoutMs: 300_000 });
}

describe('voice export (CLI)', () => {
    it('round-trips the applied frontline example: plan of the export has no changes, two exports are byte-identical, no token in the output', async () => {
        const apply = await runVoiceAsync(['apply', path.join(REPO_ROOT, 'examples', 'frontline'), ...target, '--auto-approve', '--state-dir', folder('state')], { timeoutMs: 300_000 });
        expect(apply.status, apply.stderr.slice(-2000)).toBe(0);

        const first = await exportTo('frontline-1', '--scope', 'all-voice');
        expect(first.status, first.stderr + first.stdout).toBe(0);
        expect(first.stderr).toContain('A plan of the export against the tenant shows no changes.');
        const second = await exportTo('frontline-2', '--scope', 'all-voice');
        expect(second.status).toBe(0);
        expect(files(folder('frontline-2'))).toEqual(files(folder('frontline-1')));
        // The two policies' groups notify one security desk, declared once: their statements share one file.
        expect(Object.keys(files(folder('frontline-1')))).toEqual(['OregonStores.voice', 'network.voice']);
        expect(files(folder('frontline-1'))['OregonStores.voice']).toMatch(/^emergency SpokaneAssociates works-at SpokaneStore via \w+ dial "911", "933" notify StoresSecurityDesk$/m);

        const plan = await runVoiceAsync(['plan', folder('frontline-1'), ...target, '--format', 'json'], { timeoutMs: 120_000 });
        expect(plan.status, plan.stderr).toBe(0);
        const doc = JSON.parse(plan.stdout) as { summary: { create: number; update: number; unchanged: number }; not_managed: unknown[] };
        expect(doc.summary).toMatchObject({ create: 0, update: 0 });
        expect(doc.summary.unchanged).toBeGreaterThan(30);
        // Everything the example made is declared again.
        expect(doc.not_managed).toEqual([]);

        const format = await runVoiceAsync(['format', '--check', folder('frontline-1')]);
        expect(format.status, format.stdout).toBe(0);
        const output = [first.stdout, first.stderr, ...Object.values(files(folder('frontline-1')))].join('\n');
        expect(output).not.toContain(emulator.token);
        expect(output).not.toMatch(/bearer|eyJ[A-Za-z0-9_-]{10,}/i);
    }, 600_000);

    it('exports the bare seed: nothing to declare, and a plan of it has no changes', async () => {
        const result = await exportTo('bare');
        expect(result.status, result.stderr).toBe(0);
        expect(Object.keys(files(folder('bare')))).toEqual(['network.voice']);
        const plan = await runVoiceAsync(['plan', folder('bare'), ...target, '--detailed-exitcode'], { timeoutMs: 120_000 });
        expect(plan.status, plan.stdout + plan.stderr).toBe(0);
        expect(plan.stdout).toContain('No changes.');
    }, 300_000);

    it('exports an invalid object as the tenant has it, shows its diagnostic and exits 1; voice check reports it too', async () => {
        const setupFile = path.join(scratch, 'invalid.voice');
        writeFileSync(setupFile, [
            'address Seattle { company "Contoso" street "1 Pike St" city "Seattle" country US geo 47.6, -122.3 }',
            'address London { company "Contoso" street "1 Strand" city "London" country GB geo 51.5, -0.12 }',
            'number Main "+14255550100" calling-plan at Seattle',
            'number Callback "+14255550111" calling-plan',
            'resource-account SharedRA { upn "sc-shared@contoso.com" usage-location US }',
            'assign Main to SharedRA',
            'shared-calling-policy Shared { resource-account SharedRA emergency-callback Callback }'
        ].join('\n'));
        const setup = await loadSetup([setupFile]);
        if ('exitCode' in setup) throw new Error(setup.lines.join('\n'));
        await admin.build(setup.plans);
        // Later an admin moves the account to a London number: the policy's callback is now of another country [NEW-SCRP].
        await admin.cmdlet('Remove-CsPhoneNumberAssignment', { Identity: 'sc-shared@contoso.com', TelephoneNumber: '+14255550100', NumberType: 'CallingPlan' });
        await admin.cmdlet('Set-CsPhoneNumberAssignment', {
            Identity: 'sc-shared@contoso.com', TelephoneNumber: '+442079460100', NumberType: 'CallingPlan', LocationId: admin.learntId('location-id', 'voice:London')
        });

        const result = await exportTo('invalid');
        expect(result.status, result.stderr).toBe(1);
        expect(result.stdout).toMatch(/Shared\.voice:\d+:\d+ error emergency-number-mismatch/);
        const written = files(folder('invalid'))['Shared.voice']!;
        expect(written).toContain('"+442079460100" calling-plan at London');
        expect(written).toContain('"+14255550111" calling-plan');
        const check = await runVoiceAsync(['check', folder('invalid')]);
        expect(check.status).toBe(1);
        expect(check.stdout).toMatch(/error emergency-number-mismatch/);
    }, 300_000);

    it('refuses to mix with .voice files already in the folder unless --force', async () => {
        const first = await exportTo('again');
        expect(first.status).toBe(0);
        const refused = await exportTo('again');
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain('--force');
        expect((await exportTo('again', '--force')).status).toBe(0);
    }, 300_000);
});

describe('voice export at scale', () => {
    it('costs the same reads as a no-change plan, and shows progress', async () => {
        // 300 stores keep npm test quick; the bench exports 1,000 (bench --only export).
        const stores = 300;
        const large = await startEmulator({ port: 0, seed: generatedSeed(stores) });
        try {
            const setupFile = path.join(scratch, 'stores.voice');
            writeFileSync(setupFile, generateStores(stores).text);
            const setup = await loadSetup([setupFile]);
            if ('exitCode' in setup) throw new Error(setup.lines.join('\n'));
            await new TenantAdmin(large.url, large.token).build(setup.plans);
            const on = ['--tenant', 'emulator', '--emulator-url', large.url];
            let before = large.callLog.count();
            const plan = await runVoiceAsync(['plan', setupFile, ...on, '--detailed-exitcode'], { timeoutMs: 300_000 });
            expect(plan.status, plan.stdout.slice(-2000)).toBe(0);
            const planCalls = large.callLog.count() - before;
            before = large.callLog.count();
            const started = Date.now();
            const exported = await runVoiceAsync(['export', ...on, '--out', folder('stores')], { timeoutMs: 600_000 });
            const exportCalls = large.callLog.count() - before;
            console.log(`${stores} stores: no-change plan ${planCalls} calls, export ${exportCalls} calls in ${((Date.now() - started) / 1000).toFixed(1)}s`);
            expect(exported.status, exported.stderr.slice(-2000)).toBe(0);
            expect(exportCalls).toBe(planCalls);
            expect(exportCalls).toBeLessThan(40);
            expect(exported.stderr).toMatch(/Read \d+ tenant objects/);
            expect(exported.stderr).toContain('A plan of the export against the tenant shows no changes.');
        } finally {
            await large.stop();
        }
    }, 900_000);
});
