/** Live apply's one wrapper around Teams writes: a write refused "not found" goes again until the replication wait is over. */
import { describe, expect, test } from 'vitest';
import { isNotFound, ReplicationRetry } from '../../tenant/apply/replication-retry.js';
import type { CmdletCall, CmdletResult } from '../../tenant/teams/powershell-session.js';
import { runWithRetries } from '../../tenant/teams/powershell-session.js';
import { HELD_ERROR_ID, HELD_PREFIX } from '../../tenant/teams/session-script.js';
import type { CmdletRunner } from '../../tenant/teams/session-pool.js';

const NOT_FOUND: CmdletResult = { ok: false, error: "Cannot find policy 'E' of type TeamsEmergencyCallRoutingPolicy.", errorId: 'NotFound,Grant-CsTeamsEmergencyCallRoutingPolicy' };

/** A runner whose answer to each command comes from `answer`, counting the calls it was sent. */
function fakeRunner(answer: (call: CmdletCall, attempt: number) => CmdletResult): CmdletRunner & { sent: string[] } {
    const attempts = new Map<string, number>();
    const sent: string[] = [];
    return {
        sent,
        async run(calls, options) {
            // Ordered, as the session does: after a failed call the rest are held back, not sent.
            let failed: string | undefined;
            return calls.map((call): CmdletResult => {
                if (failed !== undefined) return { ok: false, error: `${HELD_PREFIX} ${failed}`, errorId: HELD_ERROR_ID };
                sent.push(call.command);
                const n = (attempts.get(call.command) ?? 0) + 1;
                attempts.set(call.command, n);
                const result = answer(call, n);
                if (!result.ok && options?.ordered) failed = result.error;
                return result;
            });
        },
        async invoke() { return []; }
    };
}

describe('ReplicationRetry', () => {
    test('a write refused "not found" is sent again until it passes; the calls around it are not repeated', async () => {
        const inner = fakeRunner((call, n) => (call.command === 'Grant-CsTeamsEmergencyCallRoutingPolicy' && n < 3 ? NOT_FOUND : { ok: true, value: [] }));
        const notes: string[] = [];
        const results = await new ReplicationRetry(inner, { waitMs: 10_000, onRetry: m => notes.push(m) }).run([
            { command: 'Remove-CsGroupPolicyAssignment' }, { command: 'Grant-CsTeamsEmergencyCallRoutingPolicy' }, { command: 'Set-CsPhoneNumberAssignment' }
        ]);
        expect(results.every(r => r.ok)).toBe(true);
        expect(inner.sent).toEqual(['Remove-CsGroupPolicyAssignment', 'Grant-CsTeamsEmergencyCallRoutingPolicy', 'Set-CsPhoneNumberAssignment',
            'Grant-CsTeamsEmergencyCallRoutingPolicy', 'Grant-CsTeamsEmergencyCallRoutingPolicy']);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatch(/Cannot find policy 'E'.*trying again for up to 10 s/);
    });

    test('past the wait it fails with the service\'s message (naming the object) and why it gave up', async () => {
        const inner = fakeRunner(() => NOT_FOUND);
        const started = Date.now();
        const [result] = await new ReplicationRetry(inner, { waitMs: 1_000 }).run([{ command: 'Grant-CsTeamsEmergencyCallRoutingPolicy' }]);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
        expect(result).toMatchObject({ ok: false });
        expect((result as { error: string }).error).toMatch(/^Cannot find policy 'E'.*still refused after 1 s of retries: the object it names has not replicated yet, or does not exist/);
        expect(inner.sent.length).toBeGreaterThan(2);
    });

    test('reads, other errors and binding mistakes are not retried', async () => {
        const inner = fakeRunner(call => (call.command === 'Get-CsOnlineUser' ? NOT_FOUND
            : call.command === 'Set-CsOnlineVoiceRoute' ? { ok: false, error: 'A parameter cannot be found that matches parameter name \'X\'.', errorId: 'NamedParameterNotFound,Set-CsOnlineVoiceRoute' }
                : { ok: false, error: 'The telephone number is already assigned to another user.', errorId: 'Conflict,Set-CsPhoneNumberAssignment' }));
        const results = await new ReplicationRetry(inner, { waitMs: 10_000 }).run([
            { command: 'Get-CsOnlineUser' }, { command: 'Set-CsOnlineVoiceRoute' }, { command: 'Set-CsPhoneNumberAssignment' }
        ]);
        expect(results.map(r => r.ok)).toEqual([false, false, false]);
        expect(inner.sent).toHaveLength(3);
    });

    test('"not found" is read by error id or by the words of the message', () => {
        expect(isNotFound({ error: 'x', errorId: 'NotFound,Grant-CsOnlineVoiceRoutingPolicy' })).toBe(true);
        expect(isNotFound({ error: "The PSTN gateway 'sbc1.contoso.com' does not exist.", errorId: 'BadRequest,New-CsOnlineVoiceRoute' })).toBe(true);
        expect(isNotFound({ error: "Management object not found for identity 'x'.", errorId: '' })).toBe(true);
        expect(isNotFound({ error: 'Access denied.', errorId: 'Forbidden' })).toBe(false);
        expect(isNotFound({ error: 'x', errorId: 'CommandNotFoundException' })).toBe(false);
    });

    test('ordered (a lane), a refused write goes again with the calls held behind it: none overtakes it', async () => {
        const inner = fakeRunner((call, n) => (call.command === 'Grant-CsTeamsSharedCallingRoutingPolicy' && n < 3 ? NOT_FOUND : { ok: true, value: [] }));
        const results = await new ReplicationRetry(inner, { waitMs: 10_000 }).run([
            { command: 'Grant-CsOnlineVoiceRoutingPolicy' }, { command: 'Grant-CsTeamsSharedCallingRoutingPolicy' }, { command: 'Grant-CsTeamsEmergencyCallingPolicy' }
        ], { ordered: true });
        expect(results.every(r => r.ok)).toBe(true);
        expect(inner.sent).toEqual(['Grant-CsOnlineVoiceRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy',
            'Grant-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsEmergencyCallingPolicy']);
    });

    test('ordered, a call that fails for good leaves the ones behind it held for the caller to send on', async () => {
        const inner = fakeRunner(call => (call.command === 'Set-CsPhoneNumberAssignment'
            ? { ok: false, error: 'The telephone number is already assigned to another user.', errorId: 'Conflict,Set-CsPhoneNumberAssignment' } : { ok: true, value: [] }));
        const results = await new ReplicationRetry(inner, { waitMs: 10_000 }).run([
            { command: 'Set-CsPhoneNumberAssignment' }, { command: 'Grant-CsTeamsSharedCallingRoutingPolicy' }
        ], { ordered: true });
        expect(results.map(r => (r.ok ? 'ok' : r.errorId))).toEqual(['Conflict,Set-CsPhoneNumberAssignment', HELD_ERROR_ID]);
        expect(inner.sent).toEqual(['Set-CsPhoneNumberAssignment']);
    });
});

describe('runWithRetries, ordered', () => {
    const UNAVAILABLE: CmdletResult = { ok: false, error: 'HTTP 503 ServiceUnavailable: The service is temporarily unavailable.', errorId: 'ServiceUnavailable' };
    const policy = { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1_000 };

    test('a call answered 503 is sent again before anything after it, and each call counts only its own tries', async () => {
        const inner = fakeRunner((call, n) => (call.command === 'Grant-CsTeamsSharedCallingRoutingPolicy' && n <= 2 ? UNAVAILABLE : { ok: true, value: [] }));
        const calls: CmdletCall[] = [{ command: 'Grant-CsOnlineVoiceRoutingPolicy' }, { command: 'Grant-CsTeamsSharedCallingRoutingPolicy' }, { command: 'Grant-CsTeamsEmergencyCallingPolicy' }];
        const results = await runWithRetries(calls, batch => inner.run(batch, { ordered: true }), policy, false, true);
        expect(results.every(r => r.ok)).toBe(true);
        expect(inner.sent).toEqual(['Grant-CsOnlineVoiceRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy',
            'Grant-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsEmergencyCallingPolicy']);
    });

    test('unordered, the calls after a 503 go ahead of its retry (the default for kinds without a lane)', async () => {
        const inner = fakeRunner((call, n) => (call.command === 'Grant-CsTeamsSharedCallingRoutingPolicy' && n === 1 ? UNAVAILABLE : { ok: true, value: [] }));
        const calls: CmdletCall[] = [{ command: 'Grant-CsTeamsSharedCallingRoutingPolicy' }, { command: 'Grant-CsTeamsEmergencyCallingPolicy' }];
        await runWithRetries(calls, batch => inner.run(batch), policy);
        expect(inner.sent).toEqual(['Grant-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsEmergencyCallingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy']);
    });
});
