import type { LangiumDocuments, URI } from 'langium';
import type {
    Address, Assignment, EmergencyCallingPolicy, EmergencyCoverage, EmergencyLocation, Grant, Group, Model, NetworkRegion, NetworkSite, NetworkStatement,
    PhoneNumber, ResourceAccount, SharedCallingPolicy, Statement, Tenant, Trunk, TrustedIp
} from './generated/ast.js';
import { directImportUris } from './imports.js';

/** A named declaration: what `duplicate-name` compares and references point at. */
export type Declaration = Address | Trunk | PhoneNumber | ResourceAccount | SharedCallingPolicy | Group
    | EmergencyCallingPolicy | TrustedIp | NetworkRegion | NetworkSite | EmergencyLocation;

/** Anything written at the top level of a file: a statement or a dynamic emergency location. */
export type TopLevel = Statement | NetworkStatement;

/** A file's top-level nodes in the order they are written. */
export function topLevelOf(model: Model): TopLevel[] {
    if (model.network.length === 0) return model.statements;
    return [...model.statements, ...model.network].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
}

/** The statement kinds that are declarations, by `$type` (a string compare: the type guards walk the type hierarchy); a file's network statements are declarations too. */
const DECLARATION_TYPES: ReadonlySet<string> = new Set([
    'Address', 'Trunk', 'PhoneNumber', 'ResourceAccount', 'SharedCallingPolicy', 'Group', 'EmergencyCallingPolicy'
]);

/** One file's statements sorted by kind: depends only on the parse, so kept per root (an edit re-parses into a new root). */
export interface ModelParts {
    tenants: Tenant[];
    declarations: Declaration[];
    assignments: Assignment[];
    policies: SharedCallingPolicy[];
    grants: Grant[];
    coverages: EmergencyCoverage[];
    /** Each statement's index in the file, made when first asked. */
    index?: Map<Statement, number>;
}

const partsByModel = new WeakMap<Model, ModelParts>();

/** Appends one by one: `push(...items)` passes every item as an argument, and a file of 20,000 stores overflows the stack. */
function appendAll<T>(target: T[], items: readonly T[]): void {
    for (const item of items) target.push(item);
}

export function partsOf(model: Model): ModelParts {
    let parts = partsByModel.get(model);
    if (parts) return parts;
    parts = { tenants: [], declarations: [], assignments: [], policies: [], grants: [], coverages: [] };
    for (const statement of model.statements) {
        const type = statement.$type;
        if (type === 'Tenant') parts.tenants.push(statement);
        else if (type === 'Assignment') parts.assignments.push(statement);
        else if (type === 'Grant') parts.grants.push(statement);
        else if (type === 'EmergencyCoverage') parts.coverages.push(statement);
        else if (type === 'SharedCallingPolicy') parts.policies.push(statement);
        if (DECLARATION_TYPES.has(statement.$type)) parts.declarations.push(statement as Declaration);
    }
    appendAll(parts.declarations, model.network);
    partsByModel.set(model, parts);
    return parts;
}

/**
 * The whole setup as seen from one file: the statements of every imported file (depth
 * first, in import order, each file once) followed by the file's own statements. This is
 * the order in which the setup takes effect.
 */
export class SetupContext {
    /** The setup's files in setup order, each once. */
    readonly models: Model[] = [];
    readonly statements: Statement[] = [];
    readonly tenants: Tenant[] = [];
    readonly declarations: Declaration[] = [];
    readonly assignments: Assignment[] = [];
    readonly policies: SharedCallingPolicy[] = [];
    readonly grants: Grant[] = [];
    readonly coverages: EmergencyCoverage[] = [];
    /** Dynamic emergency calling: trusted IPs, regions, sites and emergency locations. */
    readonly network: NetworkStatement[] = [];
    /** Where each file's statements start in setup order (a statement's position is its file's start plus its index there). */
    private readonly start = new Map<Model, number>();
    private byAccount?: Map<ResourceAccount, Assignment[]>;

    constructor(models: Model[]) {
        for (const model of models) {
            if (this.start.has(model)) continue;
            this.start.set(model, this.statements.length);
            this.models.push(model);
            const parts = partsOf(model);
            appendAll(this.statements, model.statements);
            appendAll(this.tenants, parts.tenants);
            appendAll(this.assignments, parts.assignments);
            appendAll(this.grants, parts.grants);
            appendAll(this.coverages, parts.coverages);
            appendAll(this.policies, parts.policies);
            appendAll(this.declarations, parts.declarations);
            appendAll(this.network, model.network);
        }
    }

    /** Position of a statement in setup order; undefined for statements outside this setup. */
    orderOf(statement: Statement): number | undefined {
        const model = statement.$container as Model | undefined;
        const start = model ? this.start.get(model) : undefined;
        if (start === undefined) return undefined;
        const parts = partsOf(model!);
        parts.index ??= new Map(model!.statements.map((s, i) => [s, i]));
        const index = parts.index.get(statement);
        return index === undefined ? undefined : start + index;
    }

    /** Assignments that give `account` a number, in setup order. */
    assignmentsOf(account: ResourceAccount): Assignment[] {
        if (!this.byAccount) {
            // Built once: validators ask this for every policy and coverage (O(n²) as a scan).
            this.byAccount = new Map();
            for (const assignment of this.assignments) {
                const target = assignment.account?.ref;
                if (!target) continue;
                const list = this.byAccount.get(target);
                if (list) list.push(assignment);
                else this.byAccount.set(target, [assignment]);
            }
        }
        return this.byAccount.get(account) ?? [];
    }

    /** The domains a UPN may use: every tenant statement's domain and extra domains. */
    tenantDomains(): string[] | undefined {
        if (this.tenants.length === 0) return undefined;
        return this.tenants.flatMap(t => [t.domain, ...t.domains]).filter(d => typeof d === 'string').map(d => d.toLowerCase());
    }
}

/** Models of `uri` and everything it imports, imported files first (depth first, each once). */
export function modelsInSetupOrder(documents: LangiumDocuments, uri: URI): Model[] {
    const result: Model[] = [];
    const visited = new Set<string>();
    const visit = (current: URI): void => {
        const key = current.toString();
        if (visited.has(key)) return;
        visited.add(key);
        const doc = documents.getDocument(current);
        if (!doc) return;
        const model = doc.parseResult.value as Model;
        for (const imported of directImportUris(model, current)) visit(imported);
        result.push(model);
    };
    visit(uri);
    return result;
}

/** The statement (direct child of the model) that contains `node`. */
export function statementOf(node: { $container?: unknown }): TopLevel | undefined {
    let current = node as { $container?: unknown; $type?: string };
    while (current.$container && (current.$container as { $type?: string }).$type !== 'Model') {
        current = current.$container as { $container?: unknown; $type?: string };
    }
    return current.$container ? (current as TopLevel) : undefined;
}
