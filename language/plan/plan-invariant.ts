/**
 * The plan's completeness invariant, checked every time a setup is planned or compiled:
 * every statement of a valid setup is planned once, in setup order, and every declaring
 * statement yields its own tenant objects. Objects are shared between statements only where
 * they are one object by design (a PSTN usage two trunks name, the no-usage voice routing
 * policy every grant needs, a trunk's emergency route). A breach means the validator let
 * through a conflict that the plan would silently resolve by dropping a statement: that is
 * an internal error naming the statement, never a quietly smaller plan.
 */
import { AstUtils } from 'langium';
import type { Model } from '../generated/ast.js';
import { topLevelOf, type TopLevel } from '../setup-context.js';
import { extensionRowsOf } from '../extensions/extension-sources.js';
import type { StatementPlan } from './desired-setup.js';
import type { ResourceKind } from './resources.js';

export class PlanInvariantError extends Error {
    constructor(message: string) {
        super(`internal error: ${message} This is a bug in voice: please report it with the .voice files.`);
        this.name = 'PlanInvariantError';
    }
}

/** The tenant objects each declaring statement must yield itself (at least one of each kind). */
const OWN_OBJECTS: { [T in TopLevel['$type']]: readonly ResourceKind[] } = {
    Tenant: [],
    PhoneNumber: [],
    Address: ['civic-address'],
    Trunk: ['gateway', 'voice-route', 'voice-routing-policy'],
    ResourceAccount: ['resource-account'],
    Assignment: ['number-assignment'],
    SharedCallingPolicy: ['shared-calling-policy'],
    Group: ['group'],
    Grant: ['group-grant'],
    AutoAttendant: ['auto-attendant', 'application-association'],
    Answer: ['application-association'],
    EmergencyCallingPolicy: ['emergency-calling-policy'],
    EmergencyCoverage: ['emergency-call-routing-policy', 'emergency-members-grant'],
    TrustedIp: ['trusted-ip'],
    NetworkRegion: ['network-region'],
    NetworkSite: ['network-site'],
    // Its place (lis-location) may be shared with another emergency-location at the same place: one object by design.
    EmergencyLocation: [],
    // One user-extension per row of its CSV, possibly none (ownCount).
    Extensions: []
};

/** How many objects of a kind a statement yields itself, where it is one per identifier written. */
function ownCount(statement: TopLevel): [ResourceKind, number] | undefined {
    if (statement.$type === 'NetworkSite') return ['network-subnet', statement.subnets.length];
    if (statement.$type === 'Extensions') return ['user-extension', extensionRowsOf(statement).length];
    if (statement.$type === 'EmergencyLocation') {
        return ['lis-network-id', statement.subnets.length + statement.accessPoints.length + statement.switches.length + statement.ports.length];
    }
    return undefined;
}

function where(statement: TopLevel): string {
    const file = AstUtils.getDocument(statement).uri.path.split('/').pop();
    return `${statement.$type} at ${file}:${(statement.$cstNode?.range.start.line ?? 0) + 1}`;
}

export function assertPlanCoversSetup(models: readonly Model[], plans: readonly StatementPlan[]): void {
    const statements = models.flatMap(topLevelOf);
    if (plans.length !== statements.length || plans.some((p, i) => p.statement !== statements[i])) {
        const planned = new Set(plans.map(p => p.statement));
        const missing = statements.filter(s => !planned.has(s));
        throw new PlanInvariantError(missing.length > 0
            ? `the plan leaves out ${missing.length} statement(s): ${missing.slice(0, 5).map(where).join('; ')}.`
            : `the plan does not follow setup order (${plans.length} planned, ${statements.length} declared).`);
    }
    for (const plan of plans) {
        const kinds = new Set(plan.resources.map(r => r.kind));
        const lacking = OWN_OBJECTS[plan.statement.$type].filter(kind => !kinds.has(kind));
        if (lacking.length > 0) {
            throw new PlanInvariantError(`${where(plan.statement)} yields no ${lacking.join(', ')}: its object collapsed into one declared by an earlier statement.`);
        }
        const counted = ownCount(plan.statement);
        if (counted && plan.resources.filter(r => r.kind === counted[0]).length !== counted[1]) {
            throw new PlanInvariantError(`${where(plan.statement)} declares ${counted[1]} ${counted[0]} object(s) but yields ${plan.resources.filter(r => r.kind === counted[0]).length}.`);
        }
        if (plan.statement.$type === 'Grant' && plan.resources.filter(r => r.kind === 'group-grant').length < 2) {
            throw new PlanInvariantError(`${where(plan.statement)} yields ${plan.resources.filter(r => r.kind === 'group-grant').length} group grant(s); a grant needs the shared calling policy and the no-usage voice routing policy.`);
        }
        if (plan.statement.$type === 'PhoneNumber' && plan.requiredNumbers.length !== 1) {
            throw new PlanInvariantError(`${where(plan.statement)} is not checked against the number inventory.`);
        }
    }
    const seen = new Map<string, TopLevel>();
    for (const plan of plans) {
        for (const resource of plan.resources) {
            const id = `${resource.kind}|${resource.key.toLowerCase()}`;
            const earlier = seen.get(id);
            if (earlier) throw new PlanInvariantError(`${resource.kind} '${resource.key}' is declared by both ${where(earlier)} and ${where(plan.statement)}.`);
            seen.set(id, plan.statement);
        }
    }
}
