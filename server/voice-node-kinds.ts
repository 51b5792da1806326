/**
 * One icon per statement kind, in the outline (SymbolKind) and in completion of names
 * (CompletionItemKind): a declaration looks the same wherever the editor lists it.
 */
import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import type { TopLevel } from '../language/setup-context.js';

type Kinds = { symbol: SymbolKind; completion: CompletionItemKind };

export const STATEMENT_KINDS: Record<TopLevel['$type'], Kinds> = {
    Tenant: { symbol: SymbolKind.Constant, completion: CompletionItemKind.Constant },
    Address: { symbol: SymbolKind.Object, completion: CompletionItemKind.Reference },
    Trunk: { symbol: SymbolKind.Interface, completion: CompletionItemKind.Interface },
    TrustedIp: { symbol: SymbolKind.Key, completion: CompletionItemKind.Value },
    NetworkRegion: { symbol: SymbolKind.Package, completion: CompletionItemKind.Module },
    NetworkSite: { symbol: SymbolKind.Module, completion: CompletionItemKind.Folder },
    EmergencyLocation: { symbol: SymbolKind.Struct, completion: CompletionItemKind.Struct },
    PhoneNumber: { symbol: SymbolKind.Number, completion: CompletionItemKind.Unit },
    ResourceAccount: { symbol: SymbolKind.Class, completion: CompletionItemKind.Class },
    Assignment: { symbol: SymbolKind.Field, completion: CompletionItemKind.Field },
    SharedCallingPolicy: { symbol: SymbolKind.Function, completion: CompletionItemKind.Function },
    Group: { symbol: SymbolKind.Array, completion: CompletionItemKind.Enum },
    Grant: { symbol: SymbolKind.Operator, completion: CompletionItemKind.Operator },
    AutoAttendant: { symbol: SymbolKind.Method, completion: CompletionItemKind.Method },
    Answer: { symbol: SymbolKind.EnumMember, completion: CompletionItemKind.EnumMember },
    EmergencyCallingPolicy: { symbol: SymbolKind.Boolean, completion: CompletionItemKind.Color },
    EmergencyCoverage: { symbol: SymbolKind.Event, completion: CompletionItemKind.Event },
    Extensions: { symbol: SymbolKind.File, completion: CompletionItemKind.File }
};

function kindsOf(node: AstNode | AstNodeDescription): Kinds | undefined {
    const type = '$type' in node ? node.$type : node.type;
    return STATEMENT_KINDS[type as TopLevel['$type']];
}

export class VoiceNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return kindsOf(node)?.symbol ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return kindsOf(node)?.completion ?? CompletionItemKind.Reference;
    }
}
