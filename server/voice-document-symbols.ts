/**
 * The outline by setup step (docs/language.md#setup-order): Prerequisites, then steps 1 to 6,
 * each holding its statements in the order written, with one icon per kind
 * (voice-node-kinds.ts). A step appears only when the file has a statement of it; imports
 * head the outline. Statements of different steps may be interleaved in a file, so a step's
 * range spans from its first statement to its last.
 */
import type { AstNode, LangiumDocument, MaybePromise } from 'langium';
import { GrammarUtils } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol, Range } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { TopLevel } from '../language/setup-context.js';
import { topLevelOf } from '../language/setup-context.js';
import { STATEMENT_FACTS } from './voice-facts.js';
import { STATEMENT_KINDS } from './voice-node-kinds.js';

/** The setup steps in order, with the statements each holds. */
export const OUTLINE_STEPS: ReadonlyArray<{ name: string; detail: string; types: ReadonlyArray<TopLevel['$type']> }> = [
    { name: 'Prerequisites', detail: 'tenant, addresses, trunks, network', types: ['Tenant', 'Address', 'Trunk', 'TrustedIp', 'NetworkRegion', 'NetworkSite', 'EmergencyLocation'] },
    { name: '1 Numbers', detail: 'service numbers', types: ['PhoneNumber'] },
    { name: '2 Resource accounts', detail: 'accounts and licences', types: ['ResourceAccount'] },
    { name: '3 Assignments', detail: 'numbers on accounts', types: ['Assignment'] },
    { name: '4 Shared calling policies', detail: 'the shared numbers', types: ['SharedCallingPolicy'] },
    { name: '5 Groups & grants', detail: 'policies granted to Entra groups', types: ['Group', 'Grant'] },
    { name: '6 Emergency coverage', detail: 'emergency routing and notification for the members', types: ['EmergencyCallingPolicy', 'EmergencyCoverage'] }
];

export class VoiceDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): MaybePromise<DocumentSymbol[]> {
        const model = document.parseResult.value as Model;
        const symbols: DocumentSymbol[] = [];
        const imports = model.imports.filter(i => i.$cstNode && typeof i.path === 'string')
            .map(i => leaf(i.path, 'import', SymbolKind.File, i, i.$cstNode!.range));
        if (imports.length > 0) symbols.push(group('Imports', `${imports.length} file(s)`, imports));
        const statements = topLevelOf(model).filter(s => s.$cstNode);
        for (const step of OUTLINE_STEPS) {
            const children = statements.filter(s => step.types.includes(s.$type)).map(statementSymbol);
            if (children.length > 0) symbols.push(group(step.name, step.detail, children));
        }
        return symbols;
    }
}

function statementSymbol(statement: TopLevel): DocumentSymbol {
    const range = statement.$cstNode!.range;
    return leaf(labelOf(statement), STATEMENT_FACTS[statement.$type].title, STATEMENT_KINDS[statement.$type].symbol, statement, range);
}

/** A declaration by its name; the other statements by what they connect. */
function labelOf(statement: TopLevel): string {
    switch (statement.$type) {
        case 'Tenant': return statement.domain ?? 'tenant';
        case 'Assignment': return `${statement.number?.$refText ?? '?'} → ${statement.account?.$refText ?? '?'}`;
        case 'Grant': return `${statement.policy?.$refText ?? '?'} → ${statement.group?.$refText ?? '?'} (rank ${statement.rank ?? '?'})`;
        case 'EmergencyCoverage': return `${statement.group?.$refText ?? '?'} works-at ${statement.address?.$refText ?? '?'}`;
        case 'Extensions': return `extensions from ${statement.path ?? '?'}`;
        case 'Answer': return `${statement.account?.$refText ?? '?'} ← auto-attendant "${statement.configuration ?? '?'}"`;
        case 'Address': case 'Trunk': case 'PhoneNumber': case 'ResourceAccount': case 'SharedCallingPolicy': case 'Group':
        case 'TrustedIp': case 'NetworkRegion': case 'NetworkSite': case 'EmergencyLocation': case 'EmergencyCallingPolicy': case 'AutoAttendant':
            return statement.name || `(unnamed ${STATEMENT_FACTS[statement.$type].title})`;
    }
}

function leaf(name: string, detail: string, kind: SymbolKind, node: AstNode, range: Range): DocumentSymbol {
    const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    return { name, detail, kind, range, selectionRange: nameNode?.range ?? range };
}

/** A step: its range spans its statements, so that every child lies inside it. */
function group(name: string, detail: string, children: DocumentSymbol[]): DocumentSymbol {
    const starts = children.map(c => c.range.start).sort(comparePositions);
    const ends = children.map(c => c.range.end).sort(comparePositions);
    const range = { start: starts[0]!, end: ends[ends.length - 1]! };
    return { name, detail, kind: SymbolKind.Namespace, range, selectionRange: { start: range.start, end: range.start }, children };
}

function comparePositions(a: Range['start'], b: Range['start']): number {
    return a.line - b.line || a.character - b.character;
}
