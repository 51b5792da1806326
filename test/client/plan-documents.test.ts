/** The plan documents' texts and names, without VS Code. */
import { describe, expect, test } from 'vitest';
import { desiredStatePlan, planDocumentName, PlanTexts, setupName } from '../../client/logic/plan-documents.js';

describe('plan documents', () => {
    test('each plan gets a new address, so an open plan never shows stale text', () => {
        const texts = new PlanTexts();
        const first = texts.add('stores.plan.md', 'Plan: 1 to create');
        const second = texts.add('stores.plan.md', 'No changes.');
        expect(first).toEqual({ path: '/stores.plan.md', query: '1' });
        expect(second).toEqual({ path: '/stores.plan.md', query: '2' });
        expect(texts.text(first)).toBe('Plan: 1 to create');
        expect(texts.text(second)).toBe('No changes.');
    });

    test('an address never stored reads empty', () => {
        expect(new PlanTexts().text({ path: '/stores.plan.md', query: '9' })).toBe('');
    });

    test('names come from the setup file', () => {
        expect(setupName('/ws/frontline/stores.voice')).toBe('stores');
        expect(setupName('/')).toBe('setup');
        expect(planDocumentName('/ws/frontline/stores.voice')).toBe('stores.plan.md');
    });

    test('without a plan engine the document says it shows the desired state', () => {
        expect(desiredStatePlan('# Desired state of stores.voice')).toMatch(/^> Live plan .* not available .*\n\n# Desired state of stores\.voice$/);
    });
});
