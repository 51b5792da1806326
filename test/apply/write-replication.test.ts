/**
 * A write that names an object created moments ago, while the emulator hides new objects
 * from the look-ups writes make too (replicationAppliesToWrites): the grant of a policy
 * created in the wave before, a route to a new gateway, a number at a new location. Live
 * apply (the real CLI, real pwsh) and the compiled script (real pwsh) both retry the refused
 * write until it passes, and the tenant ends as declared.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallRecord } from '../../tenant/emulator/call-log.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { flattenLines, retried } from '../../language/generator/script-blocks.js';
import { compileFile, REPO, type Compiled } from '../compiler/compile-helpers.js';
import { expectTenantMatches } from '../compiler/tenant-matches.js';
import { runVoiceAsync } from '../support/cli.js';
import { findPwsh, runPwshFile } from '../support/pwsh.js';

const DELAY_MS = 2500;
let emulator: EmulatorHandle;
let compiled: Compiled;
let scratch: string;

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-write-replication-'));
    cpSync(path.join(REPO, 'examples', 'frontline'), path.join(scratch, 'frontline'), { recursive: true });
    compiled = await compileFile(path.join(REPO, 'examples', 'frontline', 'stores.voice'));
    emulator = await startEmulator({ port: 0, faults: { replicationDelayMs: DELAY_MS, replicationAppliesToWrites: true } });
}, 120_000);

afterAll(async () => {
    await emulator?.stop();
});

/** Grants first refused "not found" (their policy not replicated yet), each later sent again with the same parameters and done. */
function grantsRefusedThenDone(log: readonly CallRecord[]): string[] {
    const same = (a: CallRecord, b: CallRecord) => a.route === b.route && JSON.stringify(a.parameters) === JSON.stringify(b.parameters);
    return log.filter((e, i) => /^POST \/teams\/Grant-/.test(e.route) && e.status === 404
        && log.slice(i + 1).some(later => same(later, e) && later.status === 200)).map(e => e.route);
}

describe('a grant soon after creating its policy, while writes do not see new objects yet', () => {
    test('live apply retries the refused writes and converges', async () => {
        emulator.reset();
        const result = await runVoiceAsync(['apply', path.join(scratch, 'frontline'), '--tenant', 'emulator', '--emulator-url', emulator.url,
            '--state-dir', mkdtempSync(path.join(scratch, 'state-')), '--auto-approve'], { timeoutMs: 300_000 });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/refused as "not found".*trying again for up to 60 s/);
        expect(grantsRefusedThenDone(emulator.callLog.entries)).toContain('POST /teams/Grant-CsTeamsSharedCallingRoutingPolicy');
        expectTenantMatches(emulator.state, compiled.plans);
    }, 360_000);

    test('the compiled script retries the refused writes and completes', async () => {
        emulator.reset();
        const script = path.join(scratch, 'stores.ps1');
        writeFileSync(script, compiled.text, 'utf8');
        const run = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '60'], { emulator, timeoutMs: 300_000 });
        expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
        expect(grantsRefusedThenDone(emulator.callLog.entries)).toContain('POST /teams/Grant-CsTeamsSharedCallingRoutingPolicy');
        expectTenantMatches(emulator.state, compiled.plans);
    }, 360_000);

    test('a write whose object never appears fails after the timeout, naming the object', async () => {
        emulator.reset();
        const script = path.join(scratch, 'grant-missing.ps1');
        // The compiled helpers, and one grant of a policy that does not exist in the loop the generator writes around every write.
        const helpers = compiled.text.slice(compiled.text.indexOf('# ---- Helpers'), compiled.text.indexOf('function Write-VoiceSummary'));
        const grant = retried(["Grant-CsTeamsEmergencyCallRoutingPolicy -Identity 'avery.chen@contoso.com' -PolicyName 'NoSuchPolicy'"]);
        writeFileSync(script, ['$ReplicationTimeoutSeconds = 2', 'Connect-MicrosoftTeams | Out-Null', helpers, ...flattenLines(grant)].join('\n'), 'utf8');
        const started = Date.now();
        const run = await runPwshFile(script, [], { emulator, timeoutMs: 120_000 });
        expect(run.exitCode).not.toBe(0);
        expect(`${run.stdout}\n${run.stderr}`).toMatch(/NoSuchPolicy.*still refused after 2 s/s);
        expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
        expect(emulator.callLog.count('POST /teams/Grant-CsTeamsEmergencyCallRoutingPolicy')).toBeGreaterThan(1);
    }, 180_000);
});
