/**
 * Lexer and parser errors in plain words ("Expected '}' to close the address block"), instead
 * of Chevrotain's token lists. Both the CLI and the editor parse through these providers
 * (voice-module.ts), so `voice check` and the Problems panel say the same thing.
 */
import type { Grammar, LangiumCoreServices } from 'langium';
import { GrammarAST as Ast, GrammarUtils } from 'langium';
import { grammarKeywords } from './grammar-keywords.js';

// Chevrotain's types, through Langium's services (chevrotain is Langium's dependency, not ours).
type IParserErrorMessageProvider = LangiumCoreServices['parser']['ParserErrorMessageProvider'];
type ILexerErrorMessageProvider = LangiumCoreServices['parser']['LexerErrorMessageProvider'];
type MismatchOptions = Parameters<IParserErrorMessageProvider['buildMismatchTokenMessage']>[0];
type IToken = MismatchOptions['actual'];
type TokenType = MismatchOptions['expected'];

/** How a message names a terminal; any other token name is a keyword, written in quotes. */
const TERMINAL_WORDS: Record<string, string> = {
    ID: 'a name', STRING: 'a "quoted string"', NUMBER: 'a number', EOF: 'the end of the file'
};

/** What the grammar tells the messages: the statement keywords, and each rule's opening keyword and lines. */
interface SyntaxVocabulary {
    statements: readonly string[];
    /** Rule name → the keyword its statement starts with (Address → address). */
    openers: ReadonlyMap<string, string>;
    /** Block rule name → the keywords its lines start with. */
    lines: ReadonlyMap<string, readonly string[]>;
}

function vocabularyOf(grammar: Grammar): SyntaxVocabulary {
    const keywords = grammarKeywords(grammar);
    const openers = new Map<string, string>();
    for (const rule of grammar.rules) {
        if (!Ast.isParserRule(rule) || !Ast.isGroup(rule.definition)) continue;
        const first = rule.definition.elements[0];
        if (Ast.isKeyword(first) && /^[a-z]/.test(first.value)) openers.set(GrammarUtils.getRuleTypeName(rule), first.value);
    }
    const lines = new Map(Object.keys(keywords.blockProperties).map(rule => [rule, blockLines(grammar, rule)]));
    return { statements: [...keywords.statements], openers, lines };
}

/** The keywords that begin a line inside the block of `ruleName`, in grammar order. */
function blockLines(grammar: Grammar, ruleName: string): string[] {
    const rule = grammar.rules.filter(Ast.isParserRule).find(r => GrammarUtils.getRuleTypeName(r) === ruleName);
    if (!rule || !Ast.isGroup(rule.definition)) return [];
    const elements = rule.definition.elements;
    const open = elements.findIndex(e => Ast.isKeyword(e) && e.value === '{');
    const body = elements[open + 1];
    const alternatives = body && Ast.isAlternatives(body) ? body.elements : [];
    return [...new Set(alternatives.map(first).filter((k): k is string => k !== undefined))];
}

function first(element: Ast.AbstractElement): string | undefined {
    if (Ast.isKeyword(element)) return element.value;
    if (Ast.isGroup(element) || Ast.isAlternatives(element)) return element.elements[0] && first(element.elements[0]);
    return undefined;
}

/** A token type as a message names it: `'}'`, `a name`. */
function expectedWord(type: TokenType): string {
    return TERMINAL_WORDS[type.name] ?? `'${type.name}'`;
}

/** A token found in the text: `'foo'`, or the end of the file. */
function foundWord(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || !token.image) return 'the end of the file';
    const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
    return `'${image}'`;
}

/** " after 'X'" when there is a token before. */
function after(previous: IToken | undefined): string {
    if (!previous?.image || previous.tokenType?.name === 'EOF' || Number.isNaN(previous.startOffset)) return '';
    return ` after ${foundWord(previous)}`;
}

/** "a, b or c". */
function orList(words: readonly string[]): string {
    return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Chevrotain's rule names carry an invisible suffix (Langium adds U+200B); the rule's type name is the word part. */
function ruleOf(ruleName: string): string {
    return ruleName.replace(/[^\w]/g, '');
}

export class VoiceParserErrorMessages implements IParserErrorMessageProvider {
    private vocabulary?: SyntaxVocabulary;

    constructor(private readonly grammar: Grammar) {}

    private get words(): SyntaxVocabulary {
        return this.vocabulary ??= vocabularyOf(this.grammar);
    }

    /** "in the address block" / "in the assign statement" / "" for rules that are not statements. */
    private where(ruleName: string): string {
        const rule = ruleOf(ruleName);
        const keyword = this.words.openers.get(rule);
        if (!keyword) return '';
        return this.words.lines.has(rule) ? ` in the ${keyword} block` : ` in the ${keyword} statement`;
    }

    /** What may start a statement, for a word found where none can start. */
    private unexpectedStatement(found: IToken): string {
        if (found.image === 'import') return `'import' must come before the first statement of the file; move it to the top.`;
        return `Unexpected ${foundWord(found)}: a statement starts with ${orList(this.words.statements)}.`;
    }

    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, previous, ruleName } = options;
        if (expected.name === 'EOF') return this.unexpectedStatement(actual);
        const rule = ruleOf(ruleName);
        const lines = this.words.lines.get(rule);
        if (expected.name === '}' && lines) {
            const block = `the ${this.words.openers.get(rule)} block`;
            const found = foundWord(actual);
            if (found === 'the end of the file' || this.words.statements.includes(actual.image)) {
                return `Expected '}' to close ${block}, found ${found}.`;
            }
            return `Expected '}' to close ${block}, found ${found}: a line in it starts with ${orList(lines)}.`;
        }
        return `Expected ${expectedWord(expected)}${after(previous)}${this.where(ruleName)}, found ${foundWord(actual)}.`;
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return this.unexpectedStatement(options.firstRedundant);
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        const starts = options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter((t): t is TokenType => t !== undefined);
        const words = [...new Set(starts.map(expectedWord))];
        return `Expected ${orList(words)}${after(options.previous)}${this.where(options.ruleName)}, found ${foundWord(options.actual[0])}.`;
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        const words = [...new Set(options.expectedIterationPaths.map(path => path[0]).filter((t): t is TokenType => t !== undefined).map(expectedWord))];
        return `Expected at least one ${orList(words)}${after(options.previous)}${this.where(options.ruleName)}, found ${foundWord(options.actual[0])}.`;
    }
}

export class VoiceLexerErrorMessages implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.slice(startOffset, startOffset + length);
        if (text.startsWith('"')) return `This string is not closed: end it with '"' on the same line.`;
        // A '-' inside a word: a keyword misspelt ('direct-routng'), which the lexer reads as name, '-', name.
        if (text.startsWith('-') && /\w/.test(fullText[startOffset - 1] ?? '') && /\w/.test(fullText[startOffset + 1] ?? '')) {
            const word = /[\w-]*$/.exec(fullText.slice(0, startOffset))![0] + /^[\w-]*/.exec(fullText.slice(startOffset))![0];
            return `'${word}' is not a keyword (check its spelling); a name has only letters, digits and '_'.`;
        }
        if (text.startsWith('#')) return `Unexpected character '#': comments start with // or /*.`;
        if (text.startsWith("'")) return `Unexpected character "'": strings are written in double quotes, "like this".`;
        return `Unexpected character${length > 1 ? 's' : ''} '${text}'.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unexpected '${token.image}'.`;
    }
}
