/**
 * The plan pane's page from a saved plan file: counts, "nothing will be deleted", findings
 * with codes, objects by setup step with before → after, statement links, not-managed
 * objects, a strict policy; and the apply progress lines it follows. Read back as a DOM.
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { planPaneBody, planPaneHtml, progressLine, readPanePlan, STEP_TITLES } from '../../client/logic/plan-pane-page.js';
import { SEED_STEPS } from '../../language/plan/resources.js';

const change = (kind: string, name: string, action: string, step: string, line: number, fields: unknown[] = []) =>
    ({ kind, name, action, step, fields, file: 'stores.voice', line, desired: { kind, key: name } });

const PLAN = {
    format: 'voice-plan-file',
    plan: {
        format_version: '1.0', tool: { name: 'voice', version: '0.1.0' },
        tenant: { name: 'emulator', target: 'the tenant emulator at http://127.0.0.1:7780' },
        summary: { create: 2, update: 1, unchanged: 1 },
        changes: [
            change('group-grant', 'Frontline→Staff', 'create', 'step5', 20),
            change('resource-account', 'sc-a@contoso.com', 'update', 'step2', 5, [{ field: 'DisplayName', before: 'Old <b>', after: 'New' }, { field: 'UsageLocation', before: null, after: 'US' }]),
            change('civic-address', 'Shop', 'unchanged', 'prerequisites', 2),
            change('shared-calling-policy', 'Frontline', 'create', 'step4', 12)
        ],
        findings: [{ code: 'group-not-found', severity: 'warning', message: 'No group named "Staff".', file: 'stores.voice', line: 19 }],
        not_managed: [{ kind: 'group', name: 'Legacy' }]
    }
};

function page(plan: object = PLAN) {
    const text = JSON.stringify(plan);
    const html = planPaneHtml('N0NCE', 'vscode-webview://x', 'vscode-webview://x/out/webviews/plan-pane.js', 'stores', planPaneBody('stores', readPanePlan(text, 'p.voiceplan'), 'p.voiceplan'));
    return new new Window().DOMParser().parseFromString(html, 'text/html');
}

describe('the plan pane page', () => {
    it('shows the counts, that nothing will be deleted, and the findings with their codes', () => {
        const doc = page();
        const counts = doc.getElementById('counts')!;
        expect(['create', 'update', 'unchanged', 'not-managed'].map(k => counts.getAttribute(`data-${k}`))).toEqual(['2', '1', '1', '1']);
        expect(doc.getElementById('no-delete')!.textContent).toContain('Nothing will be deleted.');
        expect(Array.from(doc.querySelectorAll('li.finding code')).map(c => c.textContent)).toEqual(['group-not-found']);
        expect(Array.from(doc.querySelectorAll('li.not-managed')).map(l => l.textContent)).toEqual(['group Legacy']);
    });

    it('groups the objects by setup step, in setup order, with field-level before → after and a link to each statement', () => {
        const doc = page();
        expect(Array.from(doc.querySelectorAll('section.step')).map(s => s.getAttribute('data-step'))).toEqual(['prerequisites', 'step2', 'step4', 'step5']);
        const update = doc.querySelector('tr.change.update')!;
        expect(update.getAttribute('data-id')).toBe('resource-account:sc-a@contoso.com');
        expect(Array.from(update.querySelectorAll('ul.fields li')).map(l => l.textContent)).toEqual(['DisplayName: Old <b> → New', 'UsageLocation: (none) → US']);
        const links = Array.from(doc.querySelectorAll('tr.change a.source')).map(a => `${a.getAttribute('data-file')}:${a.getAttribute('data-line')}`);
        expect(links).toEqual(['stores.voice:2', 'stores.voice:5', 'stores.voice:12', 'stores.voice:20']);
        expect(doc.querySelectorAll('tr.change.create')).toHaveLength(2);
    });

    it('knows every setup step of the plan, in the plan\'s order (the client cannot import language/)', () => {
        expect(Object.keys(STEP_TITLES)).toEqual(Object.keys(SEED_STEPS));
    });

    it('has a strict policy: nothing remote, the script and style by nonce only', () => {
        const doc = page();
        const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
        expect(policy).toContain("default-src 'none'");
        expect(policy).toContain("script-src 'nonce-N0NCE'");
        expect(policy).not.toMatch(/https?:|unsafe/);
        expect(Array.from(doc.querySelectorAll('script')).map(s => s.getAttribute('nonce'))).toEqual(['N0NCE']);
    });

    it('offers no Apply for a plan without changes, and says so', () => {
        const doc = page({ ...PLAN, plan: { ...PLAN.plan, summary: { create: 0, update: 0, unchanged: 1 }, changes: [PLAN.plan.changes[2]] } });
        expect(doc.querySelector('#apply')!.hasAttribute('disabled')).toBe(true);
        expect(doc.getElementById('status')!.textContent).toMatch(/Nothing to apply/);
    });

    it('refuses a file that is not a plan, naming it', () => {
        expect(() => readPanePlan('{"format":"other"}', 'x.voiceplan')).toThrow(/x.voiceplan is not a saved plan/);
    });

    it('reads voice apply\'s progress lines', () => {
        expect(progressLine('[ 3/29] + resource-account:sc-a@contoso.com ... done')).toEqual({ done: 3, total: 29, id: 'resource-account:sc-a@contoso.com', outcome: 'done' });
        expect(progressLine('[4/29] ~ group-grant:Frontline→Staff ... FAILED: 403')).toMatchObject({ id: 'group-grant:Frontline→Staff', outcome: 'failed' });
        // Keys with spaces (an address, a policy grant) are one id too.
        expect(progressLine('[5/29] + civic-address:Seattle Store ... done')).toMatchObject({ id: 'civic-address:Seattle Store', outcome: 'done' });
        expect(progressLine('Reading the tenant')).toBeUndefined();
    });
});
