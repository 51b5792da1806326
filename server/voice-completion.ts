import type { AstNodeDescription, LangiumDocument, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ISO_COUNTRIES } from '../language/countries.js';
import type { Model } from '../language/generated/ast.js';
import { isModel } from '../language/generated/ast.js';
import { SetupContext, statementOf } from '../language/setup-context.js';
import type { VoiceServices } from './voice-server-module.js';
import type { SetupResolver } from '../language/setups.js';
import { setupOfDocument } from '../language/setups.js';
import { KEYWORD_FACTS, STATEMENT_FACTS } from './voice-facts.js';
import { SNIPPETS } from './voice-snippets.js';

/** Country codes offered first: where Shared Calling setups are most common. */
const COMMON_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'JP', 'IN', 'BR'];

/**
 * Completion that knows the domain: keywords with their meaning, only declarations of
 * the right kind that are already created at this point of the setup, ISO country
 * codes, ranks not yet taken and snippets for whole statements and a whole setup.
 */
export class VoiceCompletionProvider extends DefaultCompletionProvider {
    private readonly setups: SetupResolver;
    /** Start offsets of the top-level statements of the document being completed (set per request). */
    private statementStarts: number[] = [];

    constructor(services: VoiceServices) {
        super(services);
        this.setups = services.shared.voice.Setups;
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
        // `emergency <group> at` is the old spelling, still parsed but reported: offer `works-at` only.
        if (feature === 'legacyAt') return;
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

    /**
     * Langium parses the text from the start of the file to the cursor for every completion,
     * and lexes the whole file: in a file of 1,000 stores that is most of a completion's time.
     * A top-level statement starts the parser in the same state wherever it stands (the entry
     * rule is a sequence of statements after the imports), so both start from the statement
     * before the cursor's (one more back, in case the cursor's own statement is cut short).
     */
    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const model = document.parseResult.value as Model;
        this.statementStarts = [...model.statements, ...model.network]
            .map(node => node.$cstNode?.offset)
            .filter((offset): offset is number => offset !== undefined)
            .sort((a, b) => a - b);
        yield* super.buildContexts(document, position);
    }

    /** Where parsing may start for a cursor at `offset`: a statement start (all imports are before it), or 0. */
    private parseStart(offset: number): number {
        const starts = this.statementStarts;
        let low = 0;
        let high = starts.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (starts[mid]! < offset) low = mid + 1;
            else high = mid;
        }
        // low - 1 is the last statement starting before the cursor; go one further back.
        return low - 2 >= 0 ? starts[low - 2]! : 0;
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const start = this.parseStart(offset);
        if (start === 0) return super.findFeaturesAt(document, offset);
        const slice = TextDocument.create(document.uri, document.languageId, document.version, document.getText().slice(start, offset));
        // At least one whole statement precedes the cursor in the slice, so the parser is past the imports as in the file.
        return super.findFeaturesAt(slice, offset - start);
    }

    protected override backtrackToAnyToken(text: string, offset: number): ReturnType<DefaultCompletionProvider['backtrackToAnyToken']> {
        const start = this.parseStart(offset);
        if (start === 0) return super.backtrackToAnyToken(text, offset);
        // Only the tokens around the cursor matter: lex from the statement start to a little past it.
        const found = super.backtrackToAnyToken(text.slice(start, offset + 4096), offset - start);
        const shift = (value: number | undefined) => (value === undefined ? undefined : value + start);
        return {
            nextTokenStart: found.nextTokenStart + start, nextTokenEnd: found.nextTokenEnd + start,
            previousTokenStart: shift(found.previousTokenStart), previousTokenEnd: shift(found.previousTokenEnd)
        };
    }

    private atTopLevel(context: CompletionContext): boolean {
        return !context.node || isModel(context.node) || isModel(context.node.$container);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        // `resource-account` and `address` also name a property inside a block: there, the property's meaning.
        const statement = startsStatement(keyword) ? keywordOfStatement[keyword.value] : undefined;
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

    /** Each code with its country's name (also matched when typing the name: `Germ` finds DE). */
    private completeCountries(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const code of [...ISO_COUNTRIES].sort()) {
            const common = COMMON_COUNTRIES.indexOf(code);
            const name = countryName(code);
            acceptor(context, {
                label: code, kind: CompletionItemKind.EnumMember, labelDetails: { description: name },
                detail: `${name} (ISO 3166-1 alpha-2)`, filterText: `${code} ${name}`,
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

    /** The document's setup (its folder's files and their imports), with the text being edited. */
    private setupModels(context: CompletionContext): Model[] {
        const setup = setupOfDocument(this.setups, context.document.uri);
        const models = setup ? [...setup.models] : [];
        const own = context.document.parseResult.value as Model;
        return models.includes(own) ? models : [...models, own];
    }
}

const DISPLAY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const countryNames = new Map<string, string>();

/** "Germany" for DE; the code itself where the runtime has no name for it. Asked once per code. */
export function countryName(code: string): string {
    let name = countryNames.get(code);
    if (name === undefined) {
        try {
            name = DISPLAY_NAMES.of(code) ?? code;
        } catch {
            name = code;
        }
        countryNames.set(code, name);
    }
    return name;
}

/** Whether a keyword is the first word of its rule (`address` in `address Name { ... }`, not the `address` line of an emergency location). */
function startsStatement(keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    const definition = rule?.definition;
    return !!definition && GrammarAST.isGroup(definition) && definition.elements[0] === keyword;
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
    'emergency-calling-policy': STATEMENT_FACTS.EmergencyCallingPolicy,
    'emergency': STATEMENT_FACTS.EmergencyCoverage,
    'trusted-ip': STATEMENT_FACTS.TrustedIp,
    'network-region': STATEMENT_FACTS.NetworkRegion,
    'network-site': STATEMENT_FACTS.NetworkSite,
    'emergency-location': STATEMENT_FACTS.EmergencyLocation
};
