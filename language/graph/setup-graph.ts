/**
 * The graph of a setup: what `voice graph` draws and the editor's visualizer will show.
 * Built from the parsed files themselves, not from the plan, so that a setup with errors
 * still has a picture (unresolved references simply draw no edge) with its diagnostics on
 * the statements they belong to. Pure; ids and order depend only on the files.
 */
import type { AstNode, LangiumDocument, Reference } from 'langium';
import type { Model, NetworkStatement, PhoneNumber, Statement } from '../generated/ast.js';
import { diagnosticCode, diagnosticMessage, severityName, type SeverityName } from '../diagnostic-names.js';
import { telephoneNumber } from '../plan/desired-setup.js';

/** `undeclared`: a name a statement uses that no statement of the setup declares (an `unresolved-reference`). */
export type GraphNodeKind =
    'trunk' | 'address' | 'location' | 'number' | 'resource-account' | 'policy' | 'group' | 'coverage' | 'notification' | 'undeclared';

/**
 * grant: group → policy (a `grant`, with its rank); account: policy → its resource account;
 * callback: policy → an emergency callback number; assigned: resource account → number (an
 * `assign`); located-at: number → its address; via: number or coverage → trunk; covers:
 * coverage → group; works-at: coverage → address; place-of: emergency location → address;
 * notifies: coverage → the emergency calling policy (`notify`) that says who is told of a call.
 */
export type GraphEdgeKind = 'grant' | 'account' | 'callback' | 'assigned' | 'located-at' | 'via' | 'covers' | 'works-at' | 'place-of' | 'notifies';

/**
 * missing-emergency-coverage: a group granted a shared calling policy with no `emergency`
 * statement; number-without-address: an assigned number without `at <address>` (both are
 * `missing-emergency-location`, docs/emergency.md); unassigned-number: a number neither
 * assigned nor an emergency callback (`unassigned-number`).
 */
export type GraphMark = 'missing-emergency-coverage' | 'number-without-address' | 'unassigned-number';

/** 1-based, like `voice check`'s output. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface GraphDiagnostic {
    severity: SeverityName;
    code: string;
    message: string;
    file: string;
    line: number;
    column: number;
}

export interface GraphNode {
    /** Stable: the kind and the declared name (`group_SeattleAssociates`), letters, digits and '_' only. */
    id: string;
    kind: GraphNodeKind;
    /** The declared name (for coverage, the group's). */
    name: string;
    /** What else identifies it: a display name, the number, the SBC, the address's city. */
    detail?: string;
    source: SourceLocation;
    marks: GraphMark[];
    diagnostics: GraphDiagnostic[];
}

export interface GraphEdge {
    id: string;
    kind: GraphEdgeKind;
    from: string;
    to: string;
    /** `rank 3` on a grant. */
    label?: string;
    /** The statement (`grant`, `assign`) or the reference the edge comes from. */
    source: SourceLocation;
    diagnostics: GraphDiagnostic[];
}

export interface SetupGraph {
    nodes: GraphNode[];
    edges: GraphEdge[];
    /** Diagnostics on nothing drawn: imports, the tenant, network statements, text the parser could not read. */
    unplaced: GraphDiagnostic[];
}

export interface GraphOptions {
    /** How a source file is named in locations (default: its URI). */
    sourceName?: (uri: string) => string;
}

const ID_PREFIX: Record<GraphNodeKind, string> = {
    trunk: 'trunk', address: 'address', location: 'location', number: 'number',
    'resource-account': 'account', policy: 'policy', group: 'group', coverage: 'coverage', notification: 'notification', undeclared: 'undeclared'
};

type TopLevel = Statement | NetworkStatement;

/** Builds the graph of a setup's documents, given in setup order (`Setup.documents`). */
export function buildSetupGraph(documents: readonly LangiumDocument<Model>[], options: GraphOptions = {}): SetupGraph {
    const builder = new GraphBuilder(options.sourceName ?? (uri => uri));
    for (const document of documents) builder.addNodes(document);
    for (const document of documents) builder.addEdges(document);
    return builder.finish();
}

/** One end of an edge: a statement drawn as a node, or a reference to one. */
type End = AstNode | Reference | undefined;

class GraphBuilder {
    private readonly nodes: GraphNode[] = [];
    private readonly edges: GraphEdge[] = [];
    private readonly nodeOf = new Map<AstNode, GraphNode>();
    private readonly undeclared = new Map<string, GraphNode>();
    private readonly ids = new Set<string>();
    /** Diagnostics by the top-level statement they fall in. */
    private readonly diagnosticsOf = new Map<AstNode, GraphDiagnostic[]>();
    /** Statements drawn as a node or an edge: their diagnostics are on the picture. */
    private readonly drawn = new Set<AstNode>();
    private readonly outside: GraphDiagnostic[] = [];

    constructor(private readonly sourceName: (uri: string) => string) {}

    addNodes(document: LangiumDocument<Model>): void {
        const statements = topLevelInOrder(document.parseResult.value);
        this.placeDiagnostics(document, statements);
        for (const statement of statements) {
            const shape = nodeShape(statement);
            if (!shape) continue;
            const source = this.locate(document, statement);
            const node: GraphNode = {
                id: this.uniqueId(`${ID_PREFIX[shape.kind]}_${shape.name || `line${source.line}`}`),
                kind: shape.kind, name: shape.name || '?', ...(shape.detail ? { detail: shape.detail } : {}),
                source, marks: [], diagnostics: this.diagnosticsOf.get(statement) ?? []
            };
            this.nodes.push(node);
            this.nodeOf.set(statement, node);
            this.drawn.add(statement);
        }
    }

    addEdges(document: LangiumDocument<Model>): void {
        for (const statement of topLevelInOrder(document.parseResult.value)) {
            // A grant or an assignment is drawn as an edge: its diagnostics go there.
            const ownDiagnostics = this.nodeOf.has(statement) ? [] : this.diagnosticsOf.get(statement) ?? [];
            const edge = (kind: GraphEdgeKind, from: End, to: End, at: AstNode | Reference | undefined, label?: string): void => {
                const fromNode = this.endNode(document, from);
                const toNode = this.endNode(document, to);
                if (!fromNode || !toNode || !at) return;
                this.edges.push({
                    id: this.uniqueId(`${fromNode.id}__${kind}__${toNode.id}`), kind, from: fromNode.id, to: toNode.id,
                    ...(label ? { label } : {}), source: this.locate(document, at), diagnostics: ownDiagnostics
                });
                this.drawn.add(statement);
            };
            switch (statement.$type) {
                case 'PhoneNumber':
                    edge('located-at', statement, statement.address, statement.address);
                    edge('via', statement, statement.trunk, statement.trunk);
                    break;
                case 'Assignment': edge('assigned', statement.account, statement.number, statement); break;
                case 'SharedCallingPolicy':
                    edge('account', statement, statement.account, statement.account);
                    statement.callbacks.forEach(callback => edge('callback', statement, callback, callback));
                    break;
                case 'Grant': edge('grant', statement.group, statement.policy, statement, `rank ${statement.rank}`); break;
                case 'EmergencyCoverage':
                    edge('covers', statement, statement.group, statement.group);
                    edge('works-at', statement, statement.address, statement.address);
                    edge('via', statement, statement.trunk, statement.trunk);
                    edge('notifies', statement, statement.notification, statement.notification);
                    break;
                case 'EmergencyLocation': edge('place-of', statement, statement.address, statement.address); break;
                // No reference drawn: the network plan's regions and sites are not in the picture yet.
                case 'Tenant': case 'Trunk': case 'Address': case 'ResourceAccount': case 'Group': case 'EmergencyCallingPolicy':
                case 'TrustedIp': case 'NetworkRegion': case 'NetworkSite': case 'Extensions': case 'AutoAttendant': case 'Answer': break;
            }
        }
    }

    finish(): SetupGraph {
        const incoming = (kind: GraphEdgeKind): Set<string> => new Set(this.edges.filter(e => e.kind === kind).map(e => e.to));
        const outgoing = (kind: GraphEdgeKind): Set<string> => new Set(this.edges.filter(e => e.kind === kind).map(e => e.from));
        const granted = outgoing('grant');
        const covered = incoming('covers');
        const assigned = incoming('assigned');
        const callbacks = incoming('callback');
        const located = outgoing('located-at');
        for (const node of this.nodes) {
            if (node.kind === 'group' && granted.has(node.id) && !covered.has(node.id)) node.marks.push('missing-emergency-coverage');
            if (node.kind === 'number') {
                if (assigned.has(node.id) && !located.has(node.id)) node.marks.push('number-without-address');
                if (!assigned.has(node.id) && !callbacks.has(node.id)) node.marks.push('unassigned-number');
            }
        }
        const unplaced = [...this.outside, ...[...this.diagnosticsOf].filter(([statement]) => !this.drawn.has(statement)).flatMap(([, list]) => list)];
        unplaced.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
        return { nodes: this.nodes, edges: this.edges, unplaced };
    }

    /** The node an edge end stands for; a name no statement declares gets a node of its own, once. */
    private endNode(document: LangiumDocument, end: End): GraphNode | undefined {
        if (!end) return undefined;
        if (!('$refText' in end)) return this.nodeOf.get(end);
        if (end.ref) return this.nodeOf.get(end.ref);
        const name = end.$refText;
        if (!name) return undefined;
        let node = this.undeclared.get(name);
        if (!node) {
            node = { id: this.uniqueId(`${ID_PREFIX.undeclared}_${name}`), kind: 'undeclared', name, source: this.locate(document, end), marks: [], diagnostics: [] };
            this.undeclared.set(name, node);
            this.nodes.push(node);
        }
        return node;
    }

    private uniqueId(base: string): string {
        let id = base;
        for (let n = 2; this.ids.has(id); n++) id = `${base}_${n}`;
        this.ids.add(id);
        return id;
    }

    private locate(document: LangiumDocument, at: AstNode | Reference): SourceLocation {
        const range = ('$refText' in at ? at.$refNode?.range : at.$cstNode?.range) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return {
            file: this.sourceName(document.uri.toString()),
            line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1
        };
    }

    /** Puts each diagnostic on the top-level statement whose text holds its start (by binary search). */
    private placeDiagnostics(document: LangiumDocument, statements: TopLevel[]): void {
        const spans = statements.filter(s => s.$cstNode).map(s => ({ statement: s, start: s.$cstNode!.offset, end: s.$cstNode!.end }));
        const file = this.sourceName(document.uri.toString());
        for (const d of document.diagnostics ?? []) {
            const diagnostic: GraphDiagnostic = {
                severity: severityName(d), code: diagnosticCode(d), message: diagnosticMessage(d),
                file, line: d.range.start.line + 1, column: d.range.start.character + 1
            };
            const offset = document.textDocument.offsetAt(d.range.start);
            let low = 0;
            let high = spans.length - 1;
            let holder: TopLevel | undefined;
            while (low <= high && !holder) {
                const mid = (low + high) >> 1;
                const span = spans[mid]!;
                if (offset < span.start) high = mid - 1;
                else if (offset >= span.end) low = mid + 1;
                else holder = span.statement;
            }
            if (!holder) {
                this.outside.push(diagnostic);
                continue;
            }
            const list = this.diagnosticsOf.get(holder);
            if (list) list.push(diagnostic);
            else this.diagnosticsOf.set(holder, [diagnostic]);
        }
    }
}

/** Statements and network statements interleaved as written (the grammar keeps them in two lists). */
function topLevelInOrder(model: Model): TopLevel[] {
    return [...model.statements, ...model.network].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
}

function nodeShape(statement: TopLevel): { kind: GraphNodeKind; name: string; detail?: string } | undefined {
    switch (statement.$type) {
        case 'Trunk': return { kind: 'trunk', name: statement.name, detail: statement.fqdn };
        case 'Address': return { kind: 'address', name: statement.name, detail: [statement.street, statement.city].filter(Boolean).join(', ') };
        case 'EmergencyLocation': return { kind: 'location', name: statement.name, detail: statement.place };
        case 'PhoneNumber': return { kind: 'number', name: statement.name, detail: numberText(statement) };
        case 'ResourceAccount': return { kind: 'resource-account', name: statement.name, detail: statement.displayName ?? statement.upn };
        case 'SharedCallingPolicy': return { kind: 'policy', name: statement.name, detail: statement.description };
        case 'Group': return { kind: 'group', name: statement.name, detail: statement.displayName ?? statement.objectId };
        case 'EmergencyCallingPolicy': return { kind: 'notification', name: statement.name, detail: statement.notify.join(', ') || undefined };
        case 'EmergencyCoverage': {
            const dial = statement.dialStrings.length > 0 ? `dial ${statement.dialStrings.join(', ')}` : undefined;
            return { kind: 'coverage', name: statement.group?.$refText ?? '', detail: dial };
        }
        // Drawn as edges (addEdges), not nodes.
        case 'Assignment': case 'Grant': return undefined;
        // Not in the picture: the tenant line, and the network statements (trusted IPs, regions, sites).
        case 'Tenant': case 'TrustedIp': case 'NetworkRegion': case 'NetworkSite': return undefined;
        // Users' own numbers are not part of the shared setup's picture.
        case 'Extensions': return undefined;
        // Inbound (who answers the shared number) is not drawn yet: the picture is about who shares which number.
        case 'AutoAttendant': case 'Answer': return undefined;
    }
}

function numberText(number: PhoneNumber): string | undefined {
    return number.value === undefined ? undefined : telephoneNumber(number);
}
