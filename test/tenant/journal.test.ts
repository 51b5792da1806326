/** The journal's view of an interrupted run: what was done, over every run of the same saved plan. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../tenant/apply/journal.js';

const at = '2026-12-03T00:00:00.000Z';

function journal(): Journal {
    return new Journal(mkdtempSync(path.join(tmpdir(), 'voice-journal-')), 'contoso.onmicrosoft.com');
}

function run(j: Journal, id: string, plan: string | undefined, done: string[], outcome?: 'succeeded' | 'interrupted', resumes?: string): void {
    j.append({ event: 'run-started', run: id, at, tenant: 't', source: 's', changes: 3, ...(plan ? { plan, planFile: `/p/${plan}.voiceplan` } : {}), ...(resumes ? { resumes } : {}) });
    for (const step of done) {
        j.append({ event: 'step-started', run: id, at, step, action: 'create' });
        j.append({ event: 'step-done', run: id, at, step, action: 'create' });
    }
    if (outcome) j.append({ event: 'run-finished', run: id, at, outcome, done: done.length, failed: 0 });
}

describe('unfinished run', () => {
    it('counts the steps done by every run of its plan, a resumed run interrupted again included', () => {
        const j = journal();
        run(j, 'r1', 'P', ['gateway:a'], 'interrupted');
        run(j, 'r2', 'P', ['pstn-usage:b'], 'interrupted', 'r1');
        expect(j.unfinishedRun()).toMatchObject({ run: 'r2', outcome: 'interrupted', plan: 'P', planFile: '/p/P.voiceplan' });
        expect([...j.unfinishedRun()!.done].sort()).toEqual(['gateway:a', 'pstn-usage:b']);
    });

    it('counts only the last plan\'s runs when an earlier plan was applied before it', () => {
        const j = journal();
        run(j, 'r1', 'P', ['gateway:a'], 'interrupted');
        run(j, 'r2', 'Q', ['pstn-usage:b']);
        expect(j.unfinishedRun()).toMatchObject({ run: 'r2', outcome: 'stopped unexpectedly', plan: 'Q' });
        expect([...j.unfinishedRun()!.done]).toEqual(['pstn-usage:b']);
    });

    it('is none once the last run succeeded, and has no plan for a run that recorded none', () => {
        const j = journal();
        run(j, 'r1', undefined, ['gateway:a'], 'interrupted');
        expect(j.unfinishedRun()).toMatchObject({ run: 'r1', plan: undefined });
        run(j, 'r2', 'P', ['gateway:a'], 'succeeded');
        expect(j.unfinishedRun()).toBeUndefined();
    });
});
