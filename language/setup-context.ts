import type { LangiumDocuments, URI } from 'langium';
import type {
    Address, Assignment, EmergencyCallingPolicy, EmergencyCoverage, EmergencyLocation, Grant, Group, Model, NetworkRegion, NetworkSite, NetworkStatement,
    PhoneNumber, ResourceAccount, SharedCallingPolicy, Statement, Tenant, Trunk, TrustedIp
} from './generated/ast.js';
import {
    isAddress, isAssignment, isEmergencyCallingPolicy, isEmergencyCoverage, isGrant, isGroup, isNetworkStatement, isPhoneNumber,
    isResourceAccount, isSharedCallingPolicy, isTenant, isTrunk
} from './generated/ast.js';
import { directImportUris } from './imports.js';

/** A named declaration: what `duplicate-name` compares and references point at. */
export type Declaration = Address | Trunk | PhoneNumber | ResourceAccount | SharedCallingPolicy | Group
    | EmergencyCallingPolicy | TrustedIp | NetworkRegion | NetworkSite | EmergencyLocation;

export function isDeclaration(node: unknown): node is Declaration {
    return isAddress(node) || isTrunk(node) || isPhoneNumber(node) || isResourceAccount(node)
        || isSharedCallingPolicy(node) || isGroup(node) || isEmergencyCallingPolicy(node) || isNetworkStatement(node);
}

/** Anything written at the top level of a file: a statement or a dynamic emergency location. */
export type TopLevel = Statement | NetworkStatement;

/** A file's top-level nodes in the order they are written. */
export function topLevelOf(model: Model): TopLevel[] {
    if (model.network.length === 0) return model.statements;
    return [...model.statements, ...model.network].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
}

/**
 * The whole setup as seen from one file: the statements of every imported file (depth
 * first, in import order, each file once) followed by the file's own statements. This is
 * the order in which the setup takes effect.
 */
export class SetupContext {
    readonly statements: Statement[] = [];
    readonly tenants: Tenant[] = [];
    readonly declarations: Declaration[] = [];
    readonly assignments: Assignment[] = [];
    readonly policies: SharedCallingPolicy[] = [];
    readonly grants: Grant[] = [];
    readonly coverages: EmergencyCoverage[] = [];
    /** Dynamic emergency calling: trusted IPs, regions, sites and emergency locations. */
    readonly network: NetworkStatement[] = [];
    private readonly position = new Map<Statement, number>();
    private byAccount?: Map<ResourceAccount, Assignment[]>;

    constructor(models: Model[]) {
        for (const model of models) {
            for (const statement of model.statements) this.add(statement);
            for (const element of model.network) {
                this.network.push(element);
                this.declarations.push(element);
            }
        }
    }

    private add(statement: Statement): void {
        this.position.set(statement, this.statements.length);
        this.statements.push(statement);
        if (isTenant(statement)) this.tenants.push(statement);
        else if (isAssignment(statement)) this.assignments.push(statement);
        else if (isGrant(statement)) this.grants.push(statement);
        else if (isEmergencyCoverage(statement)) this.coverages.push(statement);
        if (isSharedCallingPolicy(statement)) this.policies.push(statement);
        if (isDeclaration(statement)) this.declarations.push(statement);
    }

    /** Position of a statement in setup order; undefined for statements outside this setup. */
    orderOf(statement: Statement): number | undefined {
        return this.position.get(statement);
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
