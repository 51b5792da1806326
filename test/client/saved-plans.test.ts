/** The editor's saved plans without VS Code: which plan Apply uses, its confirmation, and a refusal's message. */
import { describe, expect, test } from 'vitest';
import {
    applyConfirmation, applyRefusal, hasChangesToApply, planFileName, plansToPrune, readPlanCounts, refusalPrompt, savedPlanNote, SavedPlans, stoppedMessage
} from '../../client/logic/saved-plans.js';

const FILE = '/storage/plans/2026-12-03T05-40-06-750Z-1-stores.voiceplan';
const notManaged = [{ kind: 'gateway', name: 'old.contoso.com' }, { kind: 'pstn-usage', name: 'Legacy' }];
const planText = (summary: unknown, not_managed: unknown = notManaged) => JSON.stringify({ format: 'voice-plan-file', format_version: 1, plan: { summary, not_managed } });

describe('saved plans in the editor', () => {
    test('the confirmation names the tenant and the saved plan\'s counts, not managed too, and that nothing is deleted', () => {
        const counts = readPlanCounts(planText({ create: 12, update: 3, unchanged: 5 }), FILE);
        expect(counts).toEqual({ create: 12, update: 3, unchanged: 5, notManaged: 2 });
        const prompt = applyConfirmation('stores', 'tenant contoso.onmicrosoft.com', counts);
        expect(prompt.message).toBe('Apply stores to tenant contoso.onmicrosoft.com?');
        expect(prompt.detail).toMatch(/^The plan open beside the file: 12 to create, 3 to update, 5 unchanged, 2 not managed \(in the tenant, in no file: left alone\)\. Nothing will be deleted\. /);
        expect(readPlanCounts(planText({ create: 0, update: 0, unchanged: 1 }, []), FILE).notManaged).toBe(0);
        expect(prompt.button).toBe('Apply to tenant contoso.onmicrosoft.com');
        expect(hasChangesToApply(counts)).toBe(true);
        expect(hasChangesToApply({ create: 0, update: 0, unchanged: 9, notManaged: 4 })).toBe(false);
    });

    test('a file that is not a saved plan, or a corrupt one, is named with what is wrong', () => {
        expect(() => readPlanCounts('{', FILE)).toThrow(`${FILE} is not a saved plan (not JSON). Plan again.`);
        expect(() => readPlanCounts('{"format":"other"}', FILE)).toThrow(/is not a saved plan \(no "format": "voice-plan-file"\)/);
        expect(() => readPlanCounts('null', FILE)).toThrow(/is not a saved plan/);
        expect(() => readPlanCounts(planText({ create: 1, update: -1, unchanged: 0 }), FILE)).toThrow(`${FILE} is corrupt: plan.summary.update is not a count. Plan again.`);
        expect(() => readPlanCounts(planText(undefined), FILE)).toThrow(/plan\.summary\.create is not a count/);
        expect(() => readPlanCounts(planText({ create: 1, update: 0, unchanged: 0 }, null), FILE)).toThrow(`${FILE} is corrupt: plan.not_managed is not a list. Plan again.`);
    });

    test('the tenant moved: the refusal lists each moved object and offers to plan again', () => {
        const stderr = [
            `Not applying ${FILE}: the tenant changed since the plan was made (2026-12-03T05:40:06.750Z); 2 object(s) moved:`,
            '  gateway sbc1.contoso.com: created since the plan',
            '  shared-calling-policy OregonStores: changed since the plan',
            'Nothing was applied. Plan again to see and approve what it would do now.'
        ].join('\n');
        const refusal = applyRefusal(`voice: connecting\n${stderr}\n`, FILE);
        expect(refusal).toEqual({
            reason: 'the tenant changed since the plan was made (2026-12-03T05:40:06.750Z); 2 object(s) moved',
            moved: ['gateway sbc1.contoso.com: created since the plan', 'shared-calling-policy OregonStores: changed since the plan']
        });
        const prompt = refusalPrompt('stores', 'the tenant emulator at http://127.0.0.1:7780', refusal!);
        expect(prompt).toEqual({
            message: 'Nothing was applied to the tenant emulator at http://127.0.0.1:7780: the tenant changed since the plan was made (2026-12-03T05:40:06.750Z); 2 object(s) moved.',
            detail: 'gateway sbc1.contoso.com: created since the plan\nshared-calling-policy OregonStores: changed since the plan\n\nPlan stores again to see and approve what applying would do now.',
            button: 'Plan again'
        });
    });

    test('the files or the tenant changed: the same refusal; any other failure is not one', () => {
        const files = applyRefusal([
            `Not applying ${FILE}: the setup is not the one the plan was made from (content hash 0a3b4c5d6e7f):`,
            '  frontline/stores.voice: changed since the plan',
            'Nothing was applied. Plan again from the files as they are now.'
        ].join('\n'), FILE);
        expect(files).toEqual({ reason: 'the setup is not the one the plan was made from (content hash 0a3b4c5d6e7f)', moved: ['frontline/stores.voice: changed since the plan'] });
        const tenant = applyRefusal(`Not applying ${FILE}: it was made for tenant emulator (id 77aa), but the tenant emulator at x is tenant 88bb. Nothing was applied; plan against this tenant instead.`, FILE);
        expect(tenant).toEqual({ reason: 'it was made for tenant emulator (id 77aa), but the tenant emulator at x is tenant 88bb', moved: [] });
        expect(refusalPrompt('stores', 't', tenant!).detail).toBe('Plan stores again to see and approve what applying would do now.');
        expect(applyRefusal('PowerShell returned no result', FILE)).toBeUndefined();
        expect(applyRefusal(`Not applying /other.voiceplan: the setup is not the one`, FILE)).toBeUndefined();
    });

    test('Apply uses the setup\'s last plan while the document and target are as they were; a new plan of the setup replaces the old one', () => {
        const plans = new SavedPlans();
        const setup = 'file:///ws';
        const stores = 'file:///ws/stores.voice';
        const first = { file: '/p/1.voiceplan', document: stores, target: '--tenant emulator', version: 3, shown: 'voice-plan:/ws/ws.plan.md' };
        expect(plans.remember(setup, first)).toBeUndefined();
        expect(plans.current(setup, stores, '--tenant emulator', 3)).toBe(first);
        expect(plans.current(setup, stores, '--tenant emulator', 4)).toBeUndefined();
        expect(plans.current(setup, stores, '--tenant contoso.onmicrosoft.com', 3)).toBeUndefined();
        expect(plans.current('file:///other', stores, '--tenant emulator', 3)).toBeUndefined();
        // Another file of the setup planned since: the setup's plan document shows that plan, so stores.voice's Apply plans again.
        expect(plans.remember(setup, { ...first, file: '/p/2.voiceplan', document: 'file:///ws/network.voice' })).toBe('/p/1.voiceplan');
        expect(plans.current(setup, stores, '--tenant emulator', 3)).toBeUndefined();
        plans.forget(setup);
        expect(plans.current(setup, 'file:///ws/network.voice', '--tenant emulator', 3)).toBeUndefined();
    });

    test('a cancelled apply says how many changes it made and that applying again finishes, in editor words', () => {
        const interrupted = '[1/12] + gateway:sbc1.contoso.com ... done\n\nStopping after the steps under way (Ctrl-C again to stop at once)...\n' +
            '\nInterrupted after 2 change(s). Run apply again to finish. With --resume it continues exactly this plan. Journal: /ws/.voice-state/x/journal.jsonl\n';
        expect(stoppedMessage(interrupted)).toBe('Stopped after 2 change(s). Apply again to finish; nothing else was changed.');
        // Stopped before the CLI said so: its finished steps are counted.
        expect(stoppedMessage('Reading the tenant\n[ 1/12] + gateway:sbc1 ... done\n[ 2/12] ~ pstn-usage:US ... done\n[ 3/12] + route:x ... FAILED: boom\n'))
            .toBe('Stopped after 2 change(s). Apply again to finish; nothing else was changed.');
        expect(stoppedMessage('')).toBe('Stopped after 0 change(s). Apply again to finish; nothing else was changed.');
        expect(stoppedMessage(interrupted)).not.toMatch(/Ctrl-C|--resume/);
    });

    test('plan files are unique, sort by time, and the oldest beyond the limit are pruned', () => {
        const a = planFileName('stores', new Date('2026-12-03T05:40:06.750Z'), 1);
        const b = planFileName('network', new Date('2026-12-03T05:41:00.000Z'), 2);
        expect(a).toBe('2026-12-03T05-40-06-750Z-1-stores.voiceplan');
        expect(plansToPrune([b, 'notes.txt', a], 1)).toEqual([a]);
        expect(plansToPrune([a, b], 5)).toEqual([]);
        expect(savedPlanNote(FILE)).toContain(`Saved plan: ${FILE}\n`);
    });
});
