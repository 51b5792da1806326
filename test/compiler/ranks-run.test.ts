/**
 * Ranks never churn through the compiled script either: the frontline script, run by real
 * pwsh with the stand-in modules, against examples/seeds/shared-tenant.json (another team's
 * grants of the same policy types at ranks 1 and 2). It places the setup's grants after
 * theirs in the declared order; after the other team grants a group between the setup's
 * grants, a second run sends no Remove-CsGroupPolicyAssignment and no group grant, and says
 * nothing changed (Get-VoiceGrantPlace, docs/apply.md "Ranks").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readSeedFile, startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { groupWrites, order, OTHER_TEAM, otherTeamGrantsBetween, POLICY_TYPES, SETUP, SHARED_TENANT } from '../support/ranks.js';
import { compileFile, REPO, runCompiled } from './compile-helpers.js';

let emulator: EmulatorHandle;
let script: string;

const run = () => runCompiled(script, emulator);

beforeAll(async () => {
    emulator = await startEmulator({ seed: readSeedFile(SHARED_TENANT) });
    const compiled = await compileFile(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
    script = path.join(mkdtempSync(path.join(tmpdir(), 'voice-ranks-run-')), 'stores.ps1');
    writeFileSync(script, compiled.text, 'utf8');
});

afterAll(async () => { await emulator?.stop(); });

describe('compiled script among another team\'s grants', () => {
    test('the first run grants after theirs in the declared order; a run after they shifted the numbers moves nothing', async () => {
        await run();
        for (const type of POLICY_TYPES) expect(order(emulator, type, [...OTHER_TEAM, ...SETUP]), type).toEqual(['Sales Seattle', 'Warehouse', ...SETUP]);

        await otherTeamGrantsBetween(emulator);
        emulator.callLog.clear();
        const second = await run();
        expect(groupWrites(emulator.callLog.entries)).toEqual([]);
        expect(second.stdout).toContain('Nothing changed: the tenant already matches the setup.');
        for (const type of POLICY_TYPES) {
            expect(order(emulator, type, [...OTHER_TEAM, ...SETUP]), type).toEqual(['Sales Seattle', 'Warehouse', SETUP[0], 'Store Managers', SETUP[1], SETUP[2]]);
        }
    }, 600_000);
});
