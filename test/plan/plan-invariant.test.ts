/**
 * Nothing is ever dropped silently: generated setups (random store counts, random splits into
 * files, both layouts) load through the CLI's one loader, and plan and compile cover every
 * declaring statement. The invariant itself refuses a plan in which statements collapsed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { loadSetup } from '../../cli/setup-loader.js';
import type { Model } from '../../language/generated/ast.js';
import { compileSetup } from '../../language/compile-setup.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import { PlanInvariantError, assertPlanCoversSetup } from '../../language/plan/plan-invariant.js';
import { MAX_GRANTED_STORES, storeLines } from '../support/generate-setup.js';
import { BASE, clearAll, parse, withExtra } from '../language/helpers.js';

afterEach(clearAll);

const NETWORK = 'tenant "contoso.onmicrosoft.com" domains "contoso.com"\ntrunk CteloUS {\n    sbc "sbc1.contoso.com" port 5061\n    usage "Ctelo-US"\n    pidf-lo on\n}\n';

/** Writes `stores` stores split at `cuts` into files; 'imports' puts them in subfolders that main.voice imports. */
function writeSetup(stores: number, cuts: number[], layout: 'one-folder' | 'imports'): string {
    const root = mkdtempSync(path.join(tmpdir(), 'voice-generated-'));
    writeFileSync(path.join(root, 'network.voice'), NETWORK);
    const bounds = [0, ...[...new Set(cuts.filter(c => c > 0 && c < stores))].sort((a, b) => a - b), stores];
    const imports: string[] = [];
    for (let f = 0; f + 1 < bounds.length; f++) {
        const name = layout === 'imports' ? `region${f}/stores.voice` : `stores-${f}.voice`;
        const networkPath = layout === 'imports' ? '../network.voice' : 'network.voice';
        const lines = [`import "${networkPath}"`];
        for (let i = bounds[f]!; i < bounds[f + 1]!; i++) lines.push(...storeLines(i).lines);
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), lines.join('\n') + '\n');
        imports.push(`import "${name}"`);
    }
    if (layout === 'imports') writeFileSync(path.join(root, 'main.voice'), imports.join('\n') + '\n');
    return root;
}

describe('generated setups: plan and compile cover every declaring statement', () => {
    test('random store counts, random splits, both layouts', async () => {
        await fc.assert(fc.asyncProperty(
            fc.integer({ min: 1, max: 90 }), fc.array(fc.integer({ min: 1, max: 89 }), { maxLength: 6 }), fc.constantFrom('one-folder' as const, 'imports' as const),
            async (stores, cuts, layout) => {
                const root = writeSetup(stores, cuts, layout);
                const loaded = await loadSetup([root]);
                if ('exitCode' in loaded) throw new Error(`${stores} stores, cuts ${cuts}, ${layout}: ${loaded.lines.join('\n')}`);
                const declared = loaded.models.flatMap(m => m.statements);
                const resources = loaded.plans.flatMap(p => p.resources);
                const keys = (kind: string) => new Set(resources.filter(r => r.kind === kind).map(r => r.key));
                const granted = Math.min(stores, MAX_GRANTED_STORES);
                expect(keys('civic-address').size).toBe(stores);
                expect(keys('resource-account').size).toBe(stores);
                expect(keys('number-assignment').size).toBe(stores);
                expect(keys('shared-calling-policy').size).toBe(stores);
                expect(keys('group').size).toBe(stores);
                expect(resources.filter(r => r.kind === 'group-grant' && r.policyType === 'TeamsSharedCallingRoutingPolicy')).toHaveLength(granted);
                expect(keys('emergency-call-routing-policy').size).toBe(granted);
                expect(loaded.plans.map(p => p.statement)).toEqual(declared);

                const script = compileSetup(loaded.models, loaded.setup.roots[0]!.uri, { toolVersion: '0.0.0' }).script;
                const headings = script.split('\n').filter(l => /^# \S+\.voice:\d+ {2}/.test(l));
                expect(headings).toHaveLength(declared.length);
                // A declaring statement's block always does something in the tenant.
                const idle = script.split('# ---- ').filter(block => block.includes('# Nothing to do in the tenant for this statement'));
                expect(idle.filter(block => !/ {2}(tenant|number) /.test(block))).toEqual([]);
                for (let i = 0; i < stores; i++) expect(script).toContain(`'Policy${String(i).padStart(5, '0')}'`);
            }), { numRuns: 12, seed: 20261202 });
    }, 120_000);
});

describe('the invariant refuses a plan that dropped a statement', () => {
    async function models(text: string): Promise<Model[]> {
        return [(await parse(text)).parseResult.value];
    }

    test('a valid setup passes', async () => {
        const setup = await models(BASE);
        expect(() => assertPlanCoversSetup(setup, planSetup(setup))).not.toThrow();
    });

    test('one number assigned to two accounts (a conflict the plan would keep only once) is an internal error naming the statement', async () => {
        const setup = await models(withExtra('resource-account SecondRA { upn "sc-second@contoso.com" usage-location US }\nassign MainLine to SecondRA'));
        expect(() => assertPlanCoversSetup(setup, planSetup(setup))).toThrow(PlanInvariantError);
        expect(() => assertPlanCoversSetup(setup, planSetup(setup))).toThrow(/Assignment at \d+\.voice:\d+ yields no number-assignment/);
    });

    test('a group covered twice is an internal error', async () => {
        const setup = await models(withExtra('emergency StoreAssociates works-at SeattleStore via CteloUS dial "112"'));
        expect(() => assertPlanCoversSetup(setup, planSetup(setup))).toThrow(/EmergencyCoverage at .* yields no emergency-call-routing-policy/);
    });

    test('a statement missing from the plan is an internal error', async () => {
        const setup = await models(BASE);
        const plans = planSetup(setup);
        expect(() => assertPlanCoversSetup(setup, plans.slice(1))).toThrow(/leaves out 1 statement/);
    });

    test('the loader refuses a folder that holds two setups, naming both, and plans neither', async () => {
        const root = mkdtempSync(path.join(tmpdir(), 'voice-two-setups-'));
        for (const region of ['east', 'west']) {
            mkdirSync(path.join(root, region));
            writeFileSync(path.join(root, region, 'network.voice'), NETWORK);
        }
        const loaded = await loadSetup([root]);
        expect('exitCode' in loaded && loaded.exitCode).toBe(2);
        const text = 'lines' in loaded ? loaded.lines.join('\n') : '';
        expect(text).toMatch(/holds 2 setups/);
        expect(text).toMatch(/east/);
        expect(text).toMatch(/west/);
    });
});
