/**
 * `voice plan` / `voice apply` on a drifted tenant: after the frontline setup is applied, the
 * tenant drifts (a gateway port, a route pattern, an OVRP's usages, an ECRP's dial strings, an
 * SC policy's description and emergency numbers, a group grant's policy); the plan names every
 * field change, apply converges with the Set-/Grant- cmdlets, and the next plan is empty.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { driftFrontline, FRONTLINE_DRIFT } from '../support/frontline-drift.js';
import { findPwsh } from '../support/pwsh.js';

let emulator: EmulatorHandle;
let scratch: string;

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-apply-update-'));
    emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
    await emulator?.stop();
});

const target = (stateDir?: string): string[] => ['--tenant', 'emulator', '--emulator-url', emulator.url, ...(stateDir ? ['--state-dir', stateDir] : [])];

describe('voice plan and apply on a drifted tenant', () => {
    it('plans each field change (exit 2), applies them, and the next plan is empty (exit 0)', async () => {
        const folder = mkdtempSync(path.join(scratch, 'frontline-'));
        cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
        const stateDir = path.join(scratch, 'state');
        const first = await runVoiceAsync(['apply', folder, ...target(stateDir), '--auto-approve'], { timeoutMs: 240_000 });
        expect(first.status, first.stderr).toBe(0);

        await driftFrontline(emulator);
        const plan = await runVoiceAsync(['plan', folder, ...target(), '--detailed-exitcode']);
        expect(plan.stderr).not.toMatch(/\n\s+at /);
        expect(plan.status, plan.stdout + plan.stderr).toBe(2);
        const out = plan.stdout;
        const update = (kind: string, key: string, ...fields: string[]) => {
            const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            // The update line, then its field lines (indented), before the next change line.
            const block = new RegExp(`~ update\\s+${escape(kind)} ${escape(key)}[^\\n]*\\n((?:\\s{6,}[^\\n]*\\n)+)`).exec(out);
            expect(block, `${kind} ${key} in:\n${out}`).not.toBeNull();
            for (const field of fields) expect(block![1], `${kind} ${key}`).toContain(field);
        };
        update('gateway', 'sbc1.contoso.com', 'port: 5067 -> 5061');
        // Text values are shown as JSON strings (backslashes doubled).
        update('voice-route', 'CteloUS-Outbound', `numberPattern: ${JSON.stringify(FRONTLINE_DRIFT.routePattern.from)} -> ${JSON.stringify(FRONTLINE_DRIFT.routePattern.to)}`);
        update('voice-routing-policy', 'SharedCalling-Users-NoPstn', 'usages: [ctelo-us] -> []');
        update('emergency-call-routing-policy', 'SharedCalling-Emergency-SeattleAssociates',
            'emergencyNumbers: [911@ctelo-us, 912@ctelo-us] -> [911@ctelo-us, 933@ctelo-us]');
        update('shared-calling-policy', 'WashingtonStores',
            'emergencyNumbers: [+12065550111, +12065550112] -> [+12065550111, +15095550111]',
            'description: "Edited in the admin center" -> "Washington store associates share the state main line"');
        update('group-grant', 'TeamsSharedCallingRoutingPolicy|SeattleAssociates', 'policyName: "OregonStores" -> "WashingtonStores"');
        expect(out).toMatch(/Plan: 0 to create, 6 to update/);

        const apply = await runVoiceAsync(['apply', folder, ...target(stateDir), '--auto-approve'], { timeoutMs: 240_000 });
        expect(apply.stderr).toMatch(/Apply complete: 6 change\(s\) applied/);
        expect(apply.status, apply.stderr).toBe(0);
        const state = emulator.state;
        expect(state.pstnGateways[0]).toMatchObject({ sipSignalingPort: 5061, enabled: true });
        expect(state.voiceRoutingPolicies.find(p => p.identity === 'SharedCalling-Users-NoPstn')!.onlinePstnUsages).toEqual([]);
        expect([...state.sharedCallingPolicies.find(p => p.identity === 'WashingtonStores')!.emergencyNumbers].sort()).toEqual(['+12065550111', '+15095550111']);
        expect(state.phoneNumbers.find(n => n.telephoneNumber === '+12065550112')!.assignedPstnTargetId).toBeNull();

        const again = await runVoiceAsync(['plan', folder, ...target(), '--detailed-exitcode']);
        expect(again.stdout).toMatch(/No changes\. The tenant matches the files/);
        expect(again.status).toBe(0);
    }, 300_000);
});
