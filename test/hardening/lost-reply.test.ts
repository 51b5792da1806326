/**
 * "The write took effect, the reply was lost", for every kind of the kind table that
 * examples/frontline declares: the emulator does the kind's first write of a clean apply,
 * then drops the connection without answering (loseReplyAfter). Apply then runs again from
 * the same state folder, as an operator would. The tenant must end exactly as after a clean
 * apply (nothing made twice, nothing missing) and the next plan must be empty. One emulator,
 * reset between kinds; the real CLI, real pwsh, real HTTP.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KIND_ORDER, KINDS } from '../../language/kinds/index.js';
import { isTeamsWrite } from '../../language/kinds/kind-handler.js';
import type { ResourceKind } from '../../language/plan/resources.js';
import type { CallRecord } from '../../tenant/emulator/call-log.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';
import { projection, STACK_LINE } from './support.js';

let emulator: EmulatorHandle;
let scratch: string;
let folder: string;
/** The tenant after a clean apply. */
let reference: string[];
/** Per kind, the number (1-based, among all writes) of its first write in a clean apply. */
let firstWrite: Map<ResourceKind, number>;

const target = (stateDir: string): string[] => ['--tenant', 'emulator', '--emulator-url', emulator.url, '--state-dir', stateDir];
const apply = (stateDir: string) => runVoiceAsync(['apply', folder, ...target(stateDir), '--auto-approve'], { timeoutMs: 240_000 });

/** A call that changes the tenant, as the emulator counts writes: Teams cmdlets other than reads, Graph non-GET calls and $batch items. */
const isWriteCall = (e: CallRecord): boolean => e.route.startsWith('POST /teams/')
    ? isTeamsWrite(e.route.slice('POST /teams/'.length)) : e.method !== 'GET' && e.route !== 'POST /v1.0/$batch';

/**
 * The number of each kind's first write in a clean apply. Independent kinds run side by side,
 * so writes of different kinds interleave: a Teams write counts for every kind whose commands
 * include it (a command two kinds share counts for both at its first use), and a Graph write
 * for the resource account (its usage location and licence). A later run may interleave
 * otherwise, so the write lost there is that kind's first write or one of the same wave: either
 * way a lost reply, which the next apply must converge from.
 */
function firstWriteOfEachKind(log: readonly CallRecord[]): Map<ResourceKind, number> {
    const first = new Map<ResourceKind, number>();
    log.filter(isWriteCall).forEach((call, index) => {
        const kinds: ResourceKind[] = call.route.startsWith('POST /teams/')
            ? KIND_ORDER.filter(kind => KINDS[kind].commands.includes(call.route.slice('POST /teams/'.length)))
            : ['resource-account'];
        expect(kinds.length, `a kind that calls ${call.route}`).toBeGreaterThan(0);
        for (const kind of kinds) if (!first.has(kind)) first.set(kind, index + 1);
    });
    return first;
}

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-lost-reply-'));
    folder = path.join(scratch, 'frontline');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    emulator = await startEmulator({ port: 0 });
    const clean = await apply(mkdtempSync(path.join(scratch, 'state-')));
    expect(clean.status, clean.stderr).toBe(0);
    reference = projection(emulator.state);
    firstWrite = firstWriteOfEachKind(emulator.callLog.entries);
}, 240_000);

afterAll(async () => {
    await emulator?.stop();
});

describe('a lost reply to the first write of each kind converges on the next apply, without duplicates', () => {
    test('every kind the frontline example declares has a first write (groups are only read)', () => {
        expect(KIND_ORDER.filter(kind => !firstWrite.has(kind))).toEqual(['group']);
    });

    test.each(KIND_ORDER.filter(kind => kind !== 'group'))('%s', async kind => {
        emulator.reset();
        const write = firstWrite.get(kind)!;
        emulator.faults.configure({ loseReplyAfter: write });
        const stateDir = mkdtempSync(path.join(scratch, 'state-'));
        try {
            const lossy = await apply(stateDir);
            expect(lossy.stderr).not.toMatch(STACK_LINE);
            const lost = emulator.callLog.entries.filter(e => e.replyLost);
            expect(lost, `the reply of one write was lost:\n${lossy.stderr}`).toHaveLength(1);
            // The lost write is a write of the setup's kinds (in the clean run it was this kind's first; kinds
            // of one wave may interleave otherwise here).
            if (lost[0]!.route.startsWith('POST /teams/')) {
                const command = lost[0]!.route.slice('POST /teams/'.length);
                expect(KIND_ORDER.filter(k => KINDS[k].commands.includes(command)), command).not.toHaveLength(0);
            }
        } finally {
            emulator.faults.configure({ loseReplyAfter: null });
        }
        const again = await apply(stateDir);
        expect(again.status, again.stderr).toBe(0);
        expect(again.stderr).not.toMatch(STACK_LINE);
        expect(projection(emulator.state)).toEqual(reference);
        const plan = await runVoiceAsync(['plan', folder, '--tenant', 'emulator', '--emulator-url', emulator.url, '--detailed-exitcode']);
        expect(plan.status, `${plan.stdout}\n${plan.stderr}`).toBe(0);
    }, 600_000);
});
