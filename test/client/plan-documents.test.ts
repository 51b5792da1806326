/** The plan documents' texts, names and source links, without VS Code. */
import { describe, expect, test } from 'vitest';
import { desiredStatePlan, planDocumentPath, planLinks, PlanTexts, setupFolder, setupName } from '../../client/logic/plan-documents.js';

describe('plan documents', () => {
    test('one document per setup (its folder), its text replaced by each plan', () => {
        const texts = new PlanTexts();
        const first = texts.set('/ws/frontline', 'Plan: 1 to create', ['/ws/frontline/stores.voice']);
        const second = texts.set('/ws/frontline', 'No changes.', ['/ws/frontline/stores.voice']);
        const other = texts.set('/ws/other', 'Plan: 2 to create', []);
        expect(first).toBe('/ws/frontline/frontline.plan.md');
        expect(second).toBe(first);
        expect(other).toBe('/ws/other/other.plan.md');
        expect(texts.text(first)).toBe('No changes.');
        expect(texts.text(other)).toBe('Plan: 2 to create');
        expect(texts.files(first)).toEqual(['/ws/frontline/stores.voice']);
    });

    test('a document never stored reads empty', () => {
        expect(new PlanTexts().text('/ws/frontline/frontline.plan.md')).toBe('');
    });

    test('names come from the setup\'s folder and file', () => {
        expect(setupFolder('/ws/frontline/stores.voice')).toBe('/ws/frontline');
        expect(setupFolder('Untitled-1')).toBe('');
        expect(planDocumentPath('')).toBe('/setup.plan.md');
        expect(setupName('/ws/frontline/stores.voice')).toBe('stores');
        expect(setupName('/')).toBe('setup');
    });

    test('each change\'s [file:line] and each tenant check\'s file:line links to the statement, in the setup\'s files', () => {
        const text = [
            'Plan for the tenant emulator at http://127.0.0.1:7780',
            '',
            'Step 1: service numbers',
            '  + create    gateway sbc1.contoso.com  [network.voice:7]',
            '  + create    shared-calling-policy WashingtonStores  [stores.voice:21]',
            'Tenant checks:',
            '  stores.voice:33 error group-not-found no group "Store Associates"',
            'Saved plan: /storage/plans/2026-x-1-stores.voiceplan'
        ].join('\n');
        const links = planLinks(text, ['/ws/frontline/stores.voice', '/ws/shared/network.voice'], '/ws/frontline');
        expect(links).toEqual([
            { line: 3, start: 41, end: 56, file: '/ws/shared/network.voice', target: 7 },
            { line: 4, start: 55, end: 70, file: '/ws/frontline/stores.voice', target: 21 },
            { line: 6, start: 2, end: 17, file: '/ws/frontline/stores.voice', target: 33 }
        ]);
        expect(text.split('\n')[3]!.slice(41, 56)).toBe('network.voice:7');
        // A name not among the known files: the setup's folder.
        expect(planLinks('  [other.voice:2]', [], '/ws/frontline')).toEqual([{ line: 0, start: 3, end: 16, file: '/ws/frontline/other.voice', target: 2 }]);
        expect(planLinks('stores.voiceplan and /a/stores.voice:3', [], '/ws')).toEqual([]);
    });

    test('without a plan engine the document says it shows the desired state', () => {
        expect(desiredStatePlan('# Desired state of stores.voice')).toMatch(/^> Live plan .* not available .*\n\n# Desired state of stores\.voice$/);
    });
});
