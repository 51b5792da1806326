/**
 * What the editor services need to know about keywords, read from the grammar (the
 * generated grammar AST, services.Grammar), so a keyword added to voice.langium is known
 * to the formatter and the semantic tokens without a second list.
 */
import type { Grammar, GrammarAST } from 'langium';
import { AstUtils, GrammarAST as Ast, GrammarUtils } from 'langium';

export interface GrammarKeywords {
    /** Keywords that begin a top-level statement (`import`, `tenant`, `address`, ...). */
    statements: ReadonlySet<string>;
    /** Keywords that begin a property line inside a block (`company`, `sbc`, `upn`, ...). */
    propertyLines: ReadonlySet<string>;
    /** Per block type (Address, Trunk, ...), every word keyword between its braces (`sbc`, `port`, `usage`, ...). */
    blockProperties: Readonly<Record<string, readonly string[]>>;
    /**
     * Every word keyword of a statement other than the one it starts with: its block's
     * properties and its clauses (`domains`, `via`, `at`, `id`, `rank`, `dial`, ...); not the
     * values of the rules it calls (`direct-routing`, `on`).
     */
    properties: ReadonlySet<string>;
}

const computed = new WeakMap<Grammar, GrammarKeywords>();

export function grammarKeywords(grammar: Grammar): GrammarKeywords {
    let keywords = computed.get(grammar);
    if (!keywords) {
        keywords = readKeywords(grammar);
        computed.set(grammar, keywords);
    }
    return keywords;
}

function readKeywords(grammar: Grammar): GrammarKeywords {
    const entry = GrammarUtils.getEntryRule(grammar);
    const statementRules = entry ? topLevelRules(entry) : [];
    const statements = new Set(statementRules.flatMap(rule => firstKeywords(rule.definition)));
    const propertyLines = new Set<string>();
    const blockProperties: Record<string, string[]> = {};
    for (const rule of GrammarUtils.getAllReachableRules(grammar, false)) {
        if (!Ast.isParserRule(rule)) continue;
        const inside = blockBody(rule);
        if (!inside) continue;
        inside.forEach(element => firstKeywords(element).forEach(k => propertyLines.add(k)));
        blockProperties[GrammarUtils.getRuleTypeName(rule)] = [...new Set(inside.flatMap(element => wordKeywords(element)))];
    }
    // A statement rule's first word keyword is the one it starts with; the others are its properties.
    const properties = new Set(statementRules.flatMap(rule => wordKeywords(rule.definition).slice(1)));
    return { statements, propertyLines, blockProperties, properties };
}

/** The rules whose nodes the entry rule holds directly, through rules that only choose between rules (Statement). */
function topLevelRules(entry: GrammarAST.ParserRule): GrammarAST.ParserRule[] {
    const rules: GrammarAST.ParserRule[] = [];
    const visit = (rule: GrammarAST.AbstractRule | undefined): void => {
        if (!Ast.isParserRule(rule) || rules.includes(rule)) return;
        const choices = ruleChoices(rule.definition);
        if (choices) choices.forEach(visit);
        else rules.push(rule);
    };
    AstUtils.streamAllContents(entry.definition).filter(Ast.isAssignment).forEach(assignment => {
        if (Ast.isRuleCall(assignment.terminal)) visit(assignment.terminal.rule.ref);
    });
    return rules;
}

/** The rules of `A | B | C` when a definition is only that; undefined otherwise. */
function ruleChoices(definition: GrammarAST.AbstractElement): GrammarAST.AbstractRule[] | undefined {
    const alternatives = Ast.isAlternatives(definition) ? definition.elements : [definition];
    if (!alternatives.every(Ast.isRuleCall)) return undefined;
    return alternatives.map(call => call.rule.ref).filter(rule => rule !== undefined);
}

/** The elements between `{` and `}` of a block rule (`address Name { ... }`); undefined for other rules. */
function blockBody(rule: GrammarAST.ParserRule): GrammarAST.AbstractElement[] | undefined {
    if (!Ast.isGroup(rule.definition)) return undefined;
    const elements = rule.definition.elements;
    const open = elements.findIndex(e => Ast.isKeyword(e) && e.value === '{');
    const close = elements.findIndex(e => Ast.isKeyword(e) && e.value === '}');
    return open >= 0 && close > open ? elements.slice(open + 1, close) : undefined;
}

/** The keywords an element can start with. */
function firstKeywords(element: GrammarAST.AbstractElement): string[] {
    if (Ast.isKeyword(element)) return [element.value];
    if (Ast.isGroup(element)) return element.elements.length > 0 ? firstKeywords(element.elements[0]!) : [];
    if (Ast.isAlternatives(element) || Ast.isUnorderedGroup(element)) return element.elements.flatMap(firstKeywords);
    return [];
}

/** The word keywords written in an element itself (not in the rules it calls: `auto-attendant` is a value, not a property). */
function wordKeywords(element: GrammarAST.AbstractElement): string[] {
    const all = Ast.isKeyword(element) ? [element] : AstUtils.streamAllContents(element).filter(Ast.isKeyword).toArray();
    return all.map(k => k.value).filter(value => /^[a-z]/i.test(value));
}
