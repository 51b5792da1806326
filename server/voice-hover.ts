import type { AstNode, LangiumDocument, LeafCstNode, MaybePromise } from 'langium';
import { AstUtils, CstUtils, DocumentState, GrammarAST, WorkspaceCache } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Parameter } from '../language/generated/ast.js';
import { isModel, isParameter } from '../language/generated/ast.js';
import type { StatementPlan } from '../language/plan/desired-setup.js';
import { planSetup } from '../language/plan/desired-setup.js';
import { SEED_STEPS } from '../language/plan/resources.js';
import type { TopLevel } from '../language/setup-context.js';
import { statementOf } from '../language/setup-context.js';
import type { SetupResolver } from '../language/setups.js';
import { setupOfDocument } from '../language/setups.js';
import { isSetupCheckedClean } from './setup-state.js';
import { KEYWORD_FACTS, STATEMENT_FACTS, describeResource } from './voice-facts.js';
import type { VoiceServices } from './voice-server-module.js';

/**
 * Hover on a declaration (its name or any reference to it) or on a statement's keyword:
 * the doc comment, what the statement will do in the tenant (from the plan model) and
 * Microsoft's documentation. Hover on other keywords explains the keyword.
 */
export class VoiceHoverProvider extends AstNodeHoverProvider {
    /**
     * The plan of each setup by statement, kept until the next build finishes (so it
     * never outlives a half-built workspace): a hover in a large setup must not re-plan it.
     */
    private readonly plans: WorkspaceCache<string, Map<TopLevel, StatementPlan>>;

    private readonly setups: SetupResolver;

    constructor(private readonly services: VoiceServices) {
        super(services);
        this.setups = services.shared.voice.Setups;
        this.plans = new WorkspaceCache(services.shared, DocumentState.Validated);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) return undefined;
        const markdown = this.hoverFor(leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    private hoverFor(leaf: LeafCstNode): string | undefined {
        const declarations = this.references.findDeclarations(leaf);
        if (declarations[0] && isParameter(declarations[0])) return parameterHover(declarations[0]);
        const statements = declarations.map(statementOf).filter((s): s is TopLevel => s !== undefined && s === declarations[0]);
        if (statements.length > 0) return this.statementHover(statements[0]);
        if (GrammarAST.isKeyword(leaf.grammarSource)) {
            const statement = statementOf(leaf.astNode) ?? (leaf.astNode.$container && isModel(leaf.astNode.$container) ? leaf.astNode as TopLevel : undefined);
            const isFirstKeyword = statement?.$cstNode && statement.$cstNode.offset === leaf.offset;
            if (statement && isFirstKeyword) return this.statementHover(statement);
            const text = KEYWORD_FACTS[leaf.text];
            return text ? `**${leaf.text}**\n\n${text}` : undefined;
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const statement = statementOf(node);
        return statement ? this.statementHover(statement) : undefined;
    }

    /** The hover text of one statement: title, doc comment, tenant effect, facts and docs link. */
    statementHover(statement: TopLevel): string {
        const facts = STATEMENT_FACTS[statement.$type];
        const name = 'name' in statement && typeof statement.name === 'string' ? ` \`${statement.name}\`` : '';
        const parts = [`**${facts.title}**${name}`];
        const doc = this.services.documentation.DocumentationProvider.getDocumentation(statement);
        if (doc) parts.push(doc);
        const effect = this.tenantEffect(statement);
        if (effect) parts.push(effect);
        parts.push(facts.facts);
        parts.push(facts.docs.map(d => `[${d.label}](${d.href})`).join(' · '));
        return parts.join('\n\n');
    }

    /** What the statement will do in the tenant, from the plan model; nothing while the setup has errors. */
    private tenantEffect(statement: TopLevel): string | undefined {
        try {
            const setup = setupOfDocument(this.setups, AstUtils.getDocument(statement).uri);
            // The plan of a setup with errors (or not validated yet) could tell what will never happen.
            if (!setup || !isSetupCheckedClean(setup.models)) return undefined;
            const plan = this.plans.get(setup.key, () => new Map(planSetup([...setup.models]).map(p => [p.statement, p]))).get(statement);
            if (!plan) return undefined;
            const lines = plan.resources.map(r => `- ${describeResource(r)}`);
            for (const required of plan.requiredNumbers) {
                lines.push(`- requires ${required.telephoneNumber} (${required.numberType}) in the tenant's number inventory`);
            }
            if (lines.length === 0) {
                return plan.step === 'prerequisites' ? undefined : `**In the tenant** (${SEED_STEPS[plan.step]}): nothing new; declared earlier in the setup.`;
            }
            return `**In the tenant** (${SEED_STEPS[plan.step]}):\n${lines.join('\n')}`;
        } catch {
            return undefined;
        }
    }
}

/** A template parameter: its type, description, default and pattern (what a values file must give). */
function parameterHover(parameter: Parameter): string {
    const parts = [`**parameter** \`${parameter.name}\` (${parameter.type})`];
    if (parameter.description) parts.push(parameter.description);
    parts.push(parameter.default !== undefined ? `Default: \`"${parameter.default}"\`` : 'No default: every values file must set it.');
    if (parameter.pattern !== undefined) parts.push(`Must match: \`${parameter.pattern}\``);
    return parts.join('\n\n');
}
