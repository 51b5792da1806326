/** Plan output for people (text, terraform-like) and for machines (JSON). Pure formatting. */
import { AstUtils } from 'langium';
import type { TopLevel } from '../setup-context.js';
import type { Plan, PlannedChange } from './diff.js';
import { SEED_STEPS } from './resources.js';
import type { StatementPlan } from './desired-setup.js';

const SYMBOL = { create: '+', update: '~', unchanged: '=' } as const;

export interface PlanSummary {
    create: number;
    update: number;
    unchanged: number;
}

export function summarize(plan: Plan): PlanSummary {
    const count = (action: PlannedChange['action']) => plan.changes.filter(c => c.action === action).length;
    return { create: count('create'), update: count('update'), unchanged: count('unchanged') };
}

export function hasChanges(plan: Plan): boolean {
    return plan.changes.some(c => c.action !== 'unchanged');
}

/** `stores.voice:12` for a statement, naming the file by its last path segment. */
export function sourceOf(statement: TopLevel): { file: string; line: number } {
    const uri = AstUtils.getDocument(statement).uri;
    return { file: uri.path.split('/').pop() ?? uri.path, line: (statement.$cstNode?.range.start.line ?? 0) + 1 };
}

function show(value: unknown): string {
    if (value === undefined || value === null || value === '') return '(none)';
    if (Array.isArray(value)) return `[${value.join(', ')}]`;
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export interface RenderOptions {
    /** List unchanged objects one by one (default: counted per step only). */
    showUnchanged?: boolean;
}

export function renderPlanText(plan: Plan, statements: StatementPlan[], target: string, options: RenderOptions = {}): string {
    const lines: string[] = [`Plan for ${target}`, ''];
    const byStep = new Map<string, PlannedChange[]>();
    const stepOf = new Map(statements.map(s => [s.statement, s.step]));
    for (const change of plan.changes) {
        const step = SEED_STEPS[stepOf.get(change.statement) ?? 'prerequisites'];
        byStep.set(step, [...(byStep.get(step) ?? []), change]);
    }
    for (const [step, changes] of byStep) {
        lines.push(step);
        let quiet = 0;
        for (const change of changes) {
            if (change.action === 'unchanged' && !options.showUnchanged) {
                quiet++;
                continue;
            }
            const { file, line } = sourceOf(change.statement);
            const note = change.note ? ` (${change.note})` : '';
            lines.push(`  ${SYMBOL[change.action]} ${change.action.padEnd(9)} ${change.resource.kind} ${change.resource.key}${note}  [${file}:${line}]`);
            for (const field of change.changes) lines.push(`        ${field.field}: ${show(field.from)} -> ${show(field.to)}`);
        }
        if (quiet > 0) lines.push(`  = ${quiet} unchanged`);
        lines.push('');
    }
    if (plan.notManaged.length > 0) {
        lines.push('Not managed (in the tenant but not in these files; left alone, never deleted):');
        for (const item of plan.notManaged) lines.push(`  . ${item.kind} ${item.name}`);
        lines.push('');
    }
    if (plan.findings.length > 0) {
        lines.push('Tenant checks:');
        for (const finding of plan.findings) {
            const { file, line } = sourceOf(finding.statement);
            lines.push(`  ${file}:${line} ${finding.severity} ${finding.code} ${finding.message}`);
        }
        lines.push('');
    }
    const summary = summarize(plan);
    lines.push(hasChanges(plan)
        ? `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged.`
        : `No changes. The tenant matches the files (${summary.unchanged} objects checked).`);
    return lines.join('\n');
}

export function renderPlanJson(plan: Plan, target: string): string {
    return JSON.stringify({
        target,
        summary: summarize(plan),
        changes: plan.changes.map(c => ({
            action: c.action, kind: c.resource.kind, key: c.resource.key, ...sourceOf(c.statement),
            changes: c.changes, ...(c.note ? { note: c.note } : {})
        })),
        notManaged: plan.notManaged,
        findings: plan.findings.map(f => ({ code: f.code, severity: f.severity, message: f.message, ...sourceOf(f.statement) }))
    }, null, 2);
}
