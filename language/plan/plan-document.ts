/**
 * The plan as one versioned, documented data shape (docs/schema/plan.schema.json): what
 * `voice plan --format json` prints, what a saved plan file carries, and what the text and
 * markdown views render. Built from a Plan and its statements; after that it needs neither,
 * so a saved plan can be shown and applied without the AST. Pure.
 */
import { AstUtils } from 'langium';
import type { TopLevel } from '../setup-context.js';
import type { Action, Plan, PlannedChange } from './diff.js';
import type { StatementPlan } from './desired-setup.js';
import type { Resource, ResourceKind, SeedStep } from './resources.js';
import { SEED_STEPS } from './resources.js';

/** Bumped when a field is removed or changes meaning; new optional fields keep the version. */
export const PLAN_FORMAT_VERSION = '1.0';

export interface PlanSummary {
    create: number;
    update: number;
    unchanged: number;
}

export function summarize(plan: { changes: readonly { action: Action }[] }): PlanSummary {
    const count = (action: PlannedChange['action']) => plan.changes.filter(c => c.action === action).length;
    return { create: count('create'), update: count('update'), unchanged: count('unchanged') };
}

export function hasChanges(plan: { changes: readonly { action: Action }[] }): boolean {
    return plan.changes.some(c => c.action !== 'unchanged');
}

/** `stores.voice:12` for a statement, naming the file by its last path segment. */
export function sourceOf(statement: TopLevel): { file: string; line: number } {
    const uri = AstUtils.getDocument(statement).uri;
    return { file: uri.path.split('/').pop() ?? uri.path, line: (statement.$cstNode?.range.start.line ?? 0) + 1 };
}

export interface PlanTenant {
    /** The tenant as named on the command line or in the files (id, domain, or `emulator`). */
    name: string;
    /** The tenant's id as Teams reports it, when it was read (always in a saved plan). */
    id?: string;
    /** Who the plan is for, in words. */
    target: string;
}

export interface PlanDocumentChange {
    kind: ResourceKind;
    /** The object's key: what the tenant is searched by. */
    name: string;
    action: Action;
    step: SeedStep;
    fields: { field: string; before: unknown; after: unknown }[];
    /** The statement that declares the object: file base name and 1-based line. */
    file: string;
    line: number;
    note?: string;
    /** The object as the files want it: what apply creates or updates. */
    desired: Resource;
}

export interface PlanDocumentFinding {
    code: string;
    severity: 'error' | 'warning';
    message: string;
    file: string;
    line: number;
}

export interface PlanDocument {
    format_version: string;
    tool: { name: 'voice'; version: string };
    tenant: PlanTenant;
    summary: PlanSummary;
    changes: PlanDocumentChange[];
    findings: PlanDocumentFinding[];
    not_managed: { kind: ResourceKind; name: string }[];
}

export function planDocument(plan: Plan, statements: StatementPlan[], tenant: PlanTenant, toolVersion: string): PlanDocument {
    const stepOf = new Map(statements.map(s => [s.statement, s.step]));
    return {
        format_version: PLAN_FORMAT_VERSION,
        tool: { name: 'voice', version: toolVersion },
        tenant,
        summary: summarize(plan),
        changes: plan.changes.map(c => ({
            kind: c.resource.kind, name: c.resource.key, action: c.action, step: stepOf.get(c.statement) ?? 'prerequisites',
            fields: c.changes.map(f => ({ field: f.field, before: f.from ?? null, after: f.to ?? null })),
            ...sourceOf(c.statement), ...(c.note ? { note: c.note } : {}), desired: c.resource
        })),
        findings: plan.findings.map(f => ({ code: f.code, severity: f.severity, message: f.message, ...sourceOf(f.statement) })),
        not_managed: plan.notManaged.map(n => ({ kind: n.kind, name: n.name }))
    };
}

/** The changes grouped by setup step, steps in the order their first change comes. */
export function changesByStep(doc: PlanDocument): { title: string; changes: PlanDocumentChange[] }[] {
    const byStep = new Map<string, PlanDocumentChange[]>();
    for (const change of doc.changes) {
        const title = SEED_STEPS[change.step];
        byStep.set(title, [...(byStep.get(title) ?? []), change]);
    }
    return [...byStep].map(([title, changes]) => ({ title, changes }));
}
