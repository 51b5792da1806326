import type { AstNode } from 'langium';
import type { LangiumServices, SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isAddress, isAssignment, isEmergencyCallingPolicy, isEmergencyCoverage, isEmergencyLocation, isGrant, isGroup, isNetworkSite, isPhoneNumber, isResourceAccount,
    isSharedCallingPolicy, isTrunk
} from '../language/generated/ast.js';
import type { GrammarKeywords } from '../language/grammar-keywords.js';
import { grammarKeywords } from '../language/grammar-keywords.js';

/** One token type per kind of declaration, so a name reads the same at its declaration and at each use. */
export const DECLARATION_TOKEN_TYPES: Record<string, string> = {
    Address: SemanticTokenTypes.struct,
    Trunk: SemanticTokenTypes.interface,
    PhoneNumber: SemanticTokenTypes.variable,
    ResourceAccount: SemanticTokenTypes.class,
    SharedCallingPolicy: SemanticTokenTypes.type,
    EmergencyCallingPolicy: SemanticTokenTypes.type,
    Group: SemanticTokenTypes.namespace,
    TrustedIp: SemanticTokenTypes.variable,
    NetworkRegion: SemanticTokenTypes.namespace,
    NetworkSite: SemanticTokenTypes.struct,
    EmergencyLocation: SemanticTokenTypes.struct
};

/**
 * Semantic highlighting: declarations and references coloured by what they declare,
 * country codes as enum members, property keywords as properties, numbers as numbers.
 */
export class VoiceSemanticTokenProvider extends AbstractSemanticTokenProvider {
    private readonly keywords: GrammarKeywords;

    constructor(services: LangiumServices) {
        super(services);
        this.keywords = grammarKeywords(services.Grammar);
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = DECLARATION_TOKEN_TYPES[node.$type];
        if (declared && 'name' in node) {
            acceptor({ node, property: 'name', type: declared, modifier: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.readonly] });
        }
        for (const keyword of this.keywords.blockProperties[node.$type] ?? []) {
            acceptor({ node, keyword, type: SemanticTokenTypes.property });
        }
        if (isAddress(node)) {
            if (node.country) acceptor({ node, property: 'country', type: SemanticTokenTypes.enumMember });
            if (node.latitude !== undefined) acceptor({ node, property: 'latitude', type: SemanticTokenTypes.number });
            if (node.longitude !== undefined) acceptor({ node, property: 'longitude', type: SemanticTokenTypes.number });
        } else if (isTrunk(node)) {
            if (node.port !== undefined) acceptor({ node, property: 'port', type: SemanticTokenTypes.number });
            if (node.pidfLo) acceptor({ node, property: 'pidfLo', type: SemanticTokenTypes.enumMember });
        } else if (isResourceAccount(node)) {
            if (node.usageLocation) acceptor({ node, property: 'usageLocation', type: SemanticTokenTypes.enumMember });
            if (node.kind) acceptor({ node, property: 'kind', type: SemanticTokenTypes.enumMember });
        } else if (isPhoneNumber(node)) {
            acceptor({ node, property: 'numberType', type: SemanticTokenTypes.enumMember });
            if (node.trunk) acceptor({ node, property: 'trunk', type: DECLARATION_TOKEN_TYPES.Trunk });
            if (node.address) acceptor({ node, property: 'address', type: DECLARATION_TOKEN_TYPES.Address });
        } else if (isAssignment(node)) {
            acceptor({ node, property: 'number', type: DECLARATION_TOKEN_TYPES.PhoneNumber });
            acceptor({ node, property: 'account', type: DECLARATION_TOKEN_TYPES.ResourceAccount });
        } else if (isSharedCallingPolicy(node)) {
            if (node.account) acceptor({ node, property: 'account', type: DECLARATION_TOKEN_TYPES.ResourceAccount });
            node.callbacks.forEach((_c, index) => acceptor({ node, property: 'callbacks', index, type: DECLARATION_TOKEN_TYPES.PhoneNumber }));
        } else if (isGroup(node)) {
            if (node.objectId) acceptor({ node, property: 'objectId', type: SemanticTokenTypes.string });
        } else if (isGrant(node)) {
            acceptor({ node, property: 'policy', type: DECLARATION_TOKEN_TYPES.SharedCallingPolicy });
            acceptor({ node, property: 'group', type: DECLARATION_TOKEN_TYPES.Group });
            acceptor({ node, property: 'rank', type: SemanticTokenTypes.number });
        } else if (isEmergencyCoverage(node)) {
            acceptor({ node, property: 'group', type: DECLARATION_TOKEN_TYPES.Group });
            acceptor({ node, property: 'address', type: DECLARATION_TOKEN_TYPES.Address });
            if (node.trunk) acceptor({ node, property: 'trunk', type: DECLARATION_TOKEN_TYPES.Trunk });
            if (node.notification) acceptor({ node, property: 'notification', type: DECLARATION_TOKEN_TYPES.EmergencyCallingPolicy });
        } else if (isEmergencyCallingPolicy(node)) {
            if (node.mode) acceptor({ node, property: 'mode', type: SemanticTokenTypes.enumMember });
            if (node.externalLocationLookup) acceptor({ node, property: 'externalLocationLookup', type: SemanticTokenTypes.enumMember });
        } else if (isNetworkSite(node)) {
            if (node.region) acceptor({ node, property: 'region', type: DECLARATION_TOKEN_TYPES.NetworkRegion });
        } else if (isEmergencyLocation(node)) {
            if (node.address) acceptor({ node, property: 'address', type: DECLARATION_TOKEN_TYPES.Address });
        }
    }
}
