import type { AstNodeDescription, LangiumDocuments, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, LangiumServices, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { ISO_COUNTRIES } from '../language/countries.js';
import type { Model } from '../language/generated/ast.js';
import { isModel } from '../language/generated/ast.js';
import { SetupContext, modelsInSetupOrder, statementOf } from '../language/setup-context.js';
import { KEYWORD_FACTS, STATEMENT_FACTS } from './voice-facts.js';

/** Country codes offered first: where Shared Calling setups are most common. */
const COMMON_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'JP', 'IN', 'BR'];

/** Statement snippets offered where a statement may start. */
export const SNIPPETS: { label: string; detail: string; body: string }[] = [
    {
        label: 'shared-calling setup',
        detail: 'A whole Shared Calling setup, steps 1 to 6',
        body: [
            'tenant "${1:contoso.onmicrosoft.com}" domains "${2:contoso.com}"', '',
            'address ${3:MainOffice} {', '    company     "${4:Contoso}"', '    street      "${5:1 Main St}"', '    city        "${6:Seattle}"',
            '    region      "${7:WA}"', '    postal-code "${8:98101}"', '    country     ${9:US}', '    geo         ${10:47.6097}, ${11:-122.3422}', '}', '',
            'trunk ${12:Carrier} {', '    sbc   "${13:sbc1.contoso.com}" port 5061', '    usage "${14:Carrier-US}"', '}', '',
            '// Step 1: service numbers',
            'number ${15:MainLine} "${16:+1 206 555 0100}" direct-routing via ${12} at ${3}',
            'number ${17:Callback} "${18:+1 206 555 0111}" direct-routing via ${12} at ${3}', '',
            '// Step 2: the resource account',
            'resource-account ${19:SharedRA} {', '    upn            "${20:sc-main@contoso.com}"', '    display-name   "${21:Contoso Main Line}"',
            '    usage-location ${9}', '    kind           auto-attendant', '}', '',
            '// Step 3', 'assign ${15} to ${19}', '',
            '// Step 4', 'shared-calling-policy ${22:SharedCalling} {', '    resource-account   ${19}', '    emergency-callback ${17}', '}', '',
            '// Step 5', 'group ${23:Associates} "${24:Store Associates}"', 'grant ${22} to ${23} rank 1', '',
            '// Step 6', 'emergency ${23} at ${3} via ${12} dial "${25:911}"', '$0'
        ].join('\n')
    },
    {
        label: 'address block',
        detail: 'A civic address for emergency services',
        body: 'address ${1:Name} {\n    company     "${2:Company}"\n    street      "${3:Street}"\n    city        "${4:City}"\n    region      "${5:Region}"\n    postal-code "${6:Code}"\n    country     ${7:US}\n    geo         ${8:0.0}, ${9:0.0}\n}\n$0'
    },
    {
        label: 'trunk block',
        detail: 'A Direct Routing SBC and PSTN usage',
        body: 'trunk ${1:Name} {\n    sbc   "${2:sbc.contoso.com}" port ${3:5061}\n    usage "${4:Usage}"\n}\n$0'
    },
    {
        label: 'resource-account block',
        detail: 'A resource account licensed as Teams Phone Resource Account',
        body: 'resource-account ${1:Name} {\n    upn            "${2:sc-main@contoso.com}"\n    display-name   "${3:Display name}"\n    usage-location ${4:US}\n    kind           ${5|auto-attendant,call-queue|}\n}\n$0'
    },
    {
        label: 'shared-calling-policy block',
        detail: 'A Shared Calling policy',
        body: 'shared-calling-policy ${1:Name} {\n    resource-account   ${2:Account}\n    emergency-callback ${3:Callback}\n    description        "${4:Description}"\n}\n$0'
    }
];

/**
 * Completion that knows the domain: keywords with their meaning, only declarations of
 * the right kind that are already created at this point of the setup, ISO country
 * codes, ranks not yet taken and snippets for whole statements and a whole setup.
 */
export class VoiceCompletionProvider extends DefaultCompletionProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const feature = assignment?.feature;
        if (feature === 'country' || feature === 'usageLocation') {
            this.completeCountries(context, acceptor);
            return;
        }
        if (feature === 'rank') {
            this.completeRanks(context, acceptor);
            return;
        }
        if (next.feature.$type === 'Keyword' && (next.feature as GrammarAST.Keyword).value === 'trunk' && this.atTopLevel(context)) {
            for (const snippet of SNIPPETS) {
                acceptor(context, {
                    label: snippet.label, kind: CompletionItemKind.Snippet, detail: snippet.detail,
                    insertText: snippet.body, insertTextFormat: InsertTextFormat.Snippet, sortText: '2'
                });
            }
        }
        return super.completionFor(context, next, acceptor);
    }

    private atTopLevel(context: CompletionContext): boolean {
        return !context.node || isModel(context.node) || isModel(context.node.$container);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const statement = keywordOfStatement[keyword.value];
        const documentation = statement ? `${statement.facts}\n\n[${statement.docs[0].label}](${statement.docs[0].href})` : KEYWORD_FACTS[keyword.value];
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Keyword,
            detail: statement ? statement.title : 'keyword',
            documentation: documentation ? { kind: 'markdown', value: documentation } : undefined,
            sortText: '1'
        });
    }

    /** Only declarations created before this statement (or in imported files): a later one would break setup order. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const document = context.document;
        const here = context.offset;
        return super.getReferenceCandidates(refInfo, context).filter(description => {
            if (description.documentUri.toString() !== document.uri.toString()) return true;
            const node = description.node;
            const start = node?.$cstNode?.offset;
            return start === undefined || start < here;
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const facts = STATEMENT_FACTS[description.type as keyof typeof STATEMENT_FACTS];
        return { ...item, detail: facts ? `${facts.title}${description.documentUri.toString() !== context.document.uri.toString() ? ' (imported)' : ''}` : item.detail };
    }

    private completeCountries(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const code of [...ISO_COUNTRIES].sort()) {
            const common = COMMON_COUNTRIES.indexOf(code);
            acceptor(context, {
                label: code, kind: CompletionItemKind.EnumMember, detail: 'ISO 3166-1 alpha-2',
                sortText: common >= 0 ? `0${String(common).padStart(2, '0')}` : `1${code}`
            });
        }
    }

    /** Ranks are unique per policy type across the setup: offer the free ones, lowest first. */
    private completeRanks(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const models = this.setupModels(context);
        const current = context.node ? statementOf(context.node) : undefined;
        const taken = new Set(new SetupContext(models).grants.filter(g => g !== current).map(g => g.rank));
        let offered = 0;
        for (let rank = 1; offered < 5 && rank <= 64; rank++) {
            if (taken.has(rank)) continue;
            acceptor(context, {
                label: String(rank), kind: CompletionItemKind.Value, sortText: String(rank).padStart(3, '0'),
                detail: offered === 0 ? 'next free rank' : 'free rank',
                documentation: taken.size ? `Taken: ${[...taken].sort((a, b) => a - b).join(', ')}` : undefined
            });
            offered++;
        }
    }

    private setupModels(context: CompletionContext): Model[] {
        const models = modelsInSetupOrder(this.documents, context.document.uri);
        const own = context.document.parseResult.value as Model;
        return models.includes(own) ? models : [...models, own];
    }
}

const keywordOfStatement: Record<string, (typeof STATEMENT_FACTS)[keyof typeof STATEMENT_FACTS]> = {
    'tenant': STATEMENT_FACTS.Tenant,
    'address': STATEMENT_FACTS.Address,
    'trunk': STATEMENT_FACTS.Trunk,
    'number': STATEMENT_FACTS.PhoneNumber,
    'resource-account': STATEMENT_FACTS.ResourceAccount,
    'assign': STATEMENT_FACTS.Assignment,
    'shared-calling-policy': STATEMENT_FACTS.SharedCallingPolicy,
    'group': STATEMENT_FACTS.Group,
    'grant': STATEMENT_FACTS.Grant,
    'emergency': STATEMENT_FACTS.EmergencyCoverage
};
