/** Plan output for people (text, terraform-like), from the plan document (plan-document.ts). Pure formatting. */
import type { Plan } from './diff.js';
import type { StatementPlan } from './desired-setup.js';
import type { PlanDocument } from './plan-document.js';
import { changesByStep, hasChanges, planDocument } from './plan-document.js';

export { hasChanges, sourceOf, summarize, type PlanSummary } from './plan-document.js';

const SYMBOL = { create: '+', update: '~', unchanged: '=' } as const;

/** A value as plan output shows it. */
export function show(value: unknown): string {
    if (value === undefined || value === null || value === '') return '(none)';
    if (Array.isArray(value)) return `[${value.join(', ')}]`;
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export interface RenderOptions {
    /** List unchanged objects one by one (default: counted per step only). */
    showUnchanged?: boolean;
}

export function renderPlanText(plan: Plan, statements: StatementPlan[], target: string, options: RenderOptions = {}): string {
    return renderDocumentText(planDocument(plan, statements, { name: target, target }, ''), options);
}

/** The text view of a plan document: `Plan for <target>`, the changes per setup step, not managed, tenant checks, the totals. */
export function renderDocumentText(doc: PlanDocument, options: RenderOptions = {}): string {
    const lines: string[] = [`Plan for ${doc.tenant.target}`, ''];
    for (const { title, changes } of changesByStep(doc)) {
        lines.push(title);
        let quiet = 0;
        for (const change of changes) {
            if (change.action === 'unchanged' && !options.showUnchanged) {
                quiet++;
                continue;
            }
            const note = change.note ? ` (${change.note})` : '';
            lines.push(`  ${SYMBOL[change.action]} ${change.action.padEnd(9)} ${change.kind} ${change.name}${note}  [${change.file}:${change.line}]`);
            for (const field of change.fields) lines.push(`        ${field.field}: ${show(field.before)} -> ${show(field.after)}`);
        }
        if (quiet > 0) lines.push(`  = ${quiet} unchanged`);
        lines.push('');
    }
    if (doc.not_managed.length > 0) {
        lines.push('Not managed (in the tenant but not in these files; left alone, never deleted):');
        for (const item of doc.not_managed) lines.push(`  . ${item.kind} ${item.name}`);
        lines.push('');
    }
    if (doc.findings.length > 0) {
        lines.push('Tenant checks:');
        for (const finding of doc.findings) lines.push(`  ${finding.file}:${finding.line} ${finding.severity} ${finding.code} ${finding.message}`);
        lines.push('');
    }
    const summary = doc.summary;
    lines.push(hasChanges(doc)
        ? `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged.`
        : `No changes. The tenant matches the files (${summary.unchanged} objects checked).`);
    return lines.join('\n');
}

/** The JSON view: the plan document itself (docs/schema/plan.schema.json). */
export function renderDocumentJson(doc: PlanDocument): string {
    return JSON.stringify(doc, null, 2);
}
