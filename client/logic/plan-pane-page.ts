/**
 * The plan pane's page, from a saved plan file (`voice plan --out`, docs/schema/plan.schema.json
 * under `plan`): the counts, "nothing will be deleted", the tenant findings with their codes,
 * each setup step's objects with their action and field-level before → after, and what the
 * tenant holds that no file declares. Every object links to its statement. Plain logic.
 */
import { readPlanCounts } from './saved-plans.js';
import type { PlanCounts } from './saved-plans.js';
import { escapeHtml, webviewPage } from './webview-page.js';

interface PlanChange {
    kind: string;
    name: string;
    action: 'create' | 'update' | 'unchanged';
    step: string;
    fields: { field: string; before: unknown; after: unknown }[];
    file: string;
    line: number;
    note?: string;
}

interface PlanFinding { code: string; severity: 'error' | 'warning'; message: string; file: string; line: number }

export interface PanePlan {
    counts: PlanCounts;
    target: string;
    changes: PlanChange[];
    findings: PlanFinding[];
    notManaged: { kind: string; name: string }[];
}

/**
 * The setup steps in setup order (the plan's SEED_STEPS, language/plan/resources.ts; a test
 * holds the two alike), as the outline names them (docs/language.md, "Setup order").
 */
export const STEP_TITLES: Record<string, string> = {
    prerequisites: 'Prerequisites', step1: '1 Numbers', step2: '2 Resource accounts', step3: '3 Assignments',
    step4: '4 Shared calling policies', step5: '5 Groups & grants', inbound: 'Inbound: auto attendants',
    step6: '6 Emergency coverage', step7: '7 Extensions'
};

/** Reads what the pane shows from a plan file's text; a file that is not a plan says so (readPlanCounts). */
export function readPanePlan(text: string, file: string): PanePlan {
    const counts = readPlanCounts(text, file);
    const plan = (JSON.parse(text) as { plan: { tenant?: { target?: string }; changes?: PlanChange[]; findings?: PlanFinding[]; not_managed: { kind: string; name: string }[] } }).plan;
    return { counts, target: plan.tenant?.target ?? '', changes: plan.changes ?? [], findings: plan.findings ?? [], notManaged: plan.not_managed };
}

/** The id of a change in the page, as `voice apply`'s progress lines name it (`[3/29] + kind:key ... done`). */
export function changeId(change: { kind: string; name: string }): string {
    return `${change.kind}:${change.name}`;
}

/** `[3/29] + resource-account:sc@contoso.com ... done` → the change's id, its outcome, and n/N. */
export function progressLine(line: string): { id: string; outcome: 'done' | 'failed'; done: number; total: number } | undefined {
    const match = /\[\s*(\d+)\/(\d+)\] \S (.+?) \.\.\. (done|FAILED)/.exec(line);
    if (!match) return undefined;
    return { done: Number(match[1]), total: Number(match[2]), id: match[3]!, outcome: match[4] === 'done' ? 'done' : 'failed' };
}

const ACTION_WORD = { create: '+ create', update: '~ update', unchanged: '= unchanged' } as const;

function value(v: unknown): string {
    if (v === null || v === undefined) return '(none)';
    return typeof v === 'string' ? v : JSON.stringify(v);
}

function sourceLink(file: string, line: number): string {
    return `<a href="#" class="source" data-file="${escapeHtml(file)}" data-line="${line}" title="Go to ${escapeHtml(file)}, line ${line}">${escapeHtml(file)}:${line}</a>`;
}

function changeRow(change: PlanChange): string {
    const fields = change.fields.length === 0 ? '' : `<ul class="fields">${change.fields.map(f =>
        `<li><span class="field">${escapeHtml(f.field)}</span>: <del>${escapeHtml(value(f.before))}</del> → <ins>${escapeHtml(value(f.after))}</ins></li>`).join('')}</ul>`;
    const note = change.note ? ` <span class="muted">${escapeHtml(change.note)}</span>` : '';
    return `<tr class="change ${change.action}" data-id="${escapeHtml(changeId(change))}">
<td class="action">${ACTION_WORD[change.action]}</td><td>${escapeHtml(change.kind)}</td>
<td><span class="name">${escapeHtml(change.name)}</span>${note}${fields}</td><td>${sourceLink(change.file, change.line)}</td><td class="state" aria-live="polite"></td></tr>`;
}

function stepSection(step: string, changes: PlanChange[]): string {
    const changing = changes.filter(c => c.action !== 'unchanged').length;
    return `<section class="step" data-step="${escapeHtml(step)}" data-changing="${changing}">
<h2>${escapeHtml(STEP_TITLES[step] ?? step)} <span class="muted">${changes.length} object(s), ${changing} to change</span> <span class="step-progress"></span></h2>
<table><thead><tr><th scope="col">Action</th><th scope="col">Kind</th><th scope="col">Object and changes</th><th scope="col">Statement</th><th scope="col">Progress</th></tr></thead>
<tbody>${changes.map(changeRow).join('\n')}</tbody></table></section>`;
}

export function planPaneBody(setup: string, plan: PanePlan, file: string): string {
    const { counts } = plan;
    const steps = Object.keys(STEP_TITLES).concat([...new Set(plan.changes.map(c => c.step))].filter(s => !(s in STEP_TITLES)));
    const sections = steps.map(step => [step, plan.changes.filter(c => c.step === step)] as const).filter(([, list]) => list.length > 0);
    const changing = counts.create + counts.update;
    const findings = plan.findings.length === 0 ? '<p class="muted">No tenant findings.</p>'
        : `<ul id="findings">${plan.findings.map(f => `<li class="finding ${f.severity}"><code>${escapeHtml(f.code)}</code> <span class="${f.severity}">${f.severity}</span> ${escapeHtml(f.message)} ${sourceLink(f.file, f.line)}</li>`).join('')}</ul>`;
    const notManaged = plan.notManaged.length === 0 ? '' : `<section id="not-managed"><h2>Not managed <span class="muted">in the tenant, in no file: left alone</span></h2>
<ul>${plan.notManaged.map(o => `<li class="not-managed">${escapeHtml(o.kind)} ${escapeHtml(o.name)}</li>`).join('')}</ul></section>`;
    const blocked = plan.findings.some(f => f.severity === 'error');
    return `<header>
<h1>Plan of ${escapeHtml(setup)} <span class="muted">${escapeHtml(plan.target)}</span></h1>
<p id="counts" data-create="${counts.create}" data-update="${counts.update}" data-unchanged="${counts.unchanged}" data-not-managed="${counts.notManaged}">
<strong>${counts.create}</strong> to create, <strong>${counts.update}</strong> to update, <strong>${counts.unchanged}</strong> unchanged, <strong>${counts.notManaged}</strong> not managed.</p>
<p id="no-delete"><strong>Nothing will be deleted.</strong> Apply only creates and updates; what the tenant holds beyond the files is left alone.</p>
<div class="actions">
<button id="plan" class="secondary" title="Read the tenant and the files again">Plan again</button>
<button id="apply" data-changing="${changing}"${changing === 0 || blocked ? ' disabled' : ''} title="Apply exactly this plan (asks first)">Apply…</button>
<button id="cancel" class="secondary" disabled title="Stop after the steps under way">Cancel</button>
</div>
<progress id="progress" max="${Math.max(changing, 1)}" value="0" hidden></progress>
<p id="status" role="status" aria-live="polite">${changing === 0 ? 'Nothing to apply: the tenant matches the files.' : blocked ? 'Tenant findings with errors block apply: fix them and plan again.' : ''}</p>
</header>
<section id="findings-section"><h2>Tenant findings</h2>${findings}</section>
${sections.map(([step, list]) => stepSection(step, list)).join('\n')}
${notManaged}
<p class="muted">Saved plan: ${escapeHtml(file)}. Apply applies exactly this plan, and nothing if the tenant or the files changed since.</p>`;
}

export function planPaneHtml(nonce: string, cspSource: string, scriptUri: string, setup: string, body: string): string {
    return webviewPage({ title: `Plan: ${setup}`, nonce, cspSource, scriptUri, style: STYLE, body });
}

const STYLE = `
header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); z-index: 1; }
h1 { font-size: 1.3em; margin: 8px 0; }
h2 { font-size: 1.1em; margin: 16px 0 6px; }
.actions { display: flex; gap: 8px; margin: 8px 0; }
progress { width: 100%; accent-color: var(--vscode-progressBar-background); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
th { color: var(--vscode-descriptionForeground); font-weight: normal; }
td.action { white-space: nowrap; font-family: var(--vscode-editor-font-family); }
tr.create td.action { color: var(--vscode-gitDecoration-addedResourceForeground, var(--vscode-foreground)); }
tr.update td.action { color: var(--vscode-gitDecoration-modifiedResourceForeground, var(--vscode-foreground)); }
tr.unchanged { color: var(--vscode-descriptionForeground); }
ul.fields { margin: 2px 0 0; padding-left: 16px; font-family: var(--vscode-editor-font-family); }
del { color: var(--vscode-gitDecoration-deletedResourceForeground, var(--vscode-foreground)); }
ins { color: var(--vscode-gitDecoration-addedResourceForeground, var(--vscode-foreground)); text-decoration: none; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 3px; }
td.state.done::before { content: "✓ done"; }
td.state.failed::before { content: "✗ failed"; color: var(--vscode-errorForeground); }
`;
