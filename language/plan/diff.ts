/**
 * The plan: desired resources (desired-setup.ts) compared with what the tenant has
 * (snapshot.ts). Every resource gets create, update or unchanged; objects the tenant has
 * that the files do not declare are listed as not managed and never deleted. How each kind
 * is found and compared lives in its kind module (language/kinds/); this walks the plan.
 */
import type { TopLevel } from '../setup-context.js';
import { SnapshotIndex } from '../kinds/compare.js';
import { handlerOf, KIND_ORDER, KINDS } from '../kinds/index.js';
import type { DiffContext, ResourceOf } from '../kinds/kind-handler.js';
import type { StatementPlan } from './desired-setup.js';
import type { Resource, ResourceKind } from './resources.js';
import type { TenantSnapshot } from './snapshot.js';

export { findGroup } from '../kinds/group.js';

export type Action = 'create' | 'update' | 'unchanged';

export interface FieldChange {
    field: string;
    from: unknown;
    to: unknown;
}

export interface PlannedChange {
    resource: Resource;
    action: Action;
    changes: FieldChange[];
    statement: TopLevel;
    /** A short human note, e.g. how many members a grant reaches. */
    note?: string;
}

/** Codes of tenant-aware checks (docs/diagnostics.md, "Tenant checks"). */
export type TenantFindingCode =
    | 'group-not-found' | 'group-ambiguous' | 'number-not-in-inventory' | 'number-assigned-elsewhere'
    | 'licences-exhausted' | 'address-drift' | 'address-duplicate' | 'member-without-teams-phone'
    | 'calling-plan-licence-unavailable' | 'calling-plan-unfunded' | 'callback-not-subscriber-number' | 'extension-number-not-direct-routing'
    | 'group-limit-exceeded' | 'member-with-phone-number' | 'member-with-routing-usages' | 'nested-group-member'
    | 'inbound-target-not-found' | 'account-answered-elsewhere';

export interface TenantFinding {
    code: TenantFindingCode;
    severity: 'error' | 'warning';
    message: string;
    statement: TopLevel;
}

export interface NotManaged {
    kind: ResourceKind;
    name: string;
}

export interface Plan {
    changes: PlannedChange[];
    findings: TenantFinding[];
    notManaged: NotManaged[];
}

const id = (kind: ResourceKind, key: string): string => `${kind}|${key.toLowerCase()}`;

export function diffSetup(plans: StatementPlan[], snapshot: TenantSnapshot): Plan {
    const changes: PlannedChange[] = [];
    const findings: TenantFinding[] = [];
    const creates = new Set<string>();
    let statement: TopLevel | undefined;
    const ctx: DiffContext = {
        snapshot,
        index: new SnapshotIndex(snapshot),
        groupIds: new Map(),
        createdHere: (kind, key) => creates.has(id(kind, key)),
        finding: (code, message, severity = 'error') => findings.push({ code, severity, message, statement: statement! })
    };

    for (const plan of plans) {
        statement = plan.statement;
        for (const required of plan.requiredNumbers) {
            const known = snapshot.numbers.some(n => n.telephoneNumber === required.telephoneNumber.split(';')[0]);
            // Direct Routing numbers come from the carrier's SBC and need not be uploaded first; the others must be in the inventory.
            if (!known && required.numberType !== 'DirectRouting') {
                ctx.finding('number-not-in-inventory',
                    `${required.telephoneNumber} is not in the tenant's phone number inventory; acquire it (${required.numberType}) before applying.`);
            }
        }
        for (const resource of plan.resources) {
            const verdict = handlerOf(resource).diff(resource, ctx);
            if (verdict.action === 'create') creates.add(id(resource.kind, resource.key));
            changes.push({ resource, action: verdict.action, changes: verdict.changes ?? [], statement, note: verdict.note });
        }
    }

    for (const kind of KIND_ORDER) {
        const settle = KINDS[kind].settle;
        if (settle) findings.push(...settle.call(KINDS[kind], changes.filter(c => c.resource.kind === kind), ctx));
    }
    return { changes, findings, notManaged: notManaged(plans, ctx) };
}

/** Per kind, in kind order: the tenant's objects of that kind that no declared resource matches. */
function notManaged(plans: StatementPlan[], ctx: DiffContext): NotManaged[] {
    const declared = plans.flatMap(p => p.resources);
    return KIND_ORDER.flatMap(kind => {
        const ofKind = declared.filter(r => r.kind === kind) as ResourceOf<typeof kind>[];
        const handler = KINDS[kind] as { notManaged(declared: Resource[], ctx: DiffContext): string[] };
        return handler.notManaged(ofKind, ctx).map(name => ({ kind, name }));
    });
}
