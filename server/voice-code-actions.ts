import type { AstNode, LangiumDocument, MaybePromise } from 'langium';
import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import type { Assignment, Grant } from '../language/generated/ast.js';
import {
    isAssignment, isEmergencyCoverage, isGrant, isPhoneNumber, isResourceAccount, isSharedCallingPolicy, isTrunk
} from '../language/generated/ast.js';
import type { FixKind, IssueCode } from '../language/issue-codes.js';
import { IssueCodes } from '../language/issue-codes.js';
import { strayCharacters } from '../language/phone-numbers.js';
import type { TopLevel } from '../language/setup-context.js';
import { statementOf, topLevelOf } from '../language/setup-context.js';
import type { VoiceDiagnosticData } from '../language/voice-validator.js';

type Fix = { title: string; edits: TextEdit[] };
type FixBuilder = (diagnostic: Diagnostic, data: VoiceDiagnosticData, at: AstNode, document: LangiumDocument) => Fix | undefined;

/** Quick fixes for every diagnostic whose fix is obvious (docs/diagnostics.md lists them). */
export class VoiceCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Partial<Record<IssueCode, FixBuilder>> = {
        [IssueCodes.SetupOrder]: moveBelowDependencies,
        [IssueCodes.ResourceAccountWithoutNumber]: moveBelowDependencies,
        [IssueCodes.InvalidPhoneNumber]: replaceRange('Add the + prefix'),
        [IssueCodes.IncompleteAddress]: replaceRange('Use the ISO country code'),
        [IssueCodes.InvalidCountry]: replaceRange('Use the ISO country code'),
        [IssueCodes.RankConflict]: replaceRange('Use the next free rank'),
        [IssueCodes.EmergencyDialString]: replaceRange('Remove the +'),
        [IssueCodes.MissingProperty]: addTrunkUsage,
        [IssueCodes.MissingEmergencyLocation]: addEmergencyLocation,
        [IssueCodes.DirectRoutingWithoutRoute]: addTrunk,
        [IssueCodes.UsageLocationMismatch]: setUsageLocation,
        [IssueCodes.EmergencyRoutingMismatch]: removeTrunk,
        [IssueCodes.TrunkWithoutPidfLo]: turnPidfLoOn,
        [IssueCodes.LegacyEmergencyAt]: replaceRange('Write'),
        [IssueCodes.InvalidNetworkId]: replaceRange('Use the network id')
    };

    /** Fixes a diagnostic names in its data, where its code has more than one. */
    private readonly namedFixes: Record<FixKind, FixBuilder> = {
        'remove-stray-characters': removeStrayCharacters,
        'remove-duplicate-grant': removeStatement('Remove the duplicate grant')
    };

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        const root = document.parseResult.value.$cstNode;
        if (!root) return actions;
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as VoiceDiagnosticData | undefined;
            const build = data?.fix ? this.namedFixes[data.fix] : data?.code ? this.fixes[data.code] : undefined;
            if (!build || !data) continue;
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
            if (!leaf) continue;
            const fix = build(diagnostic, data, leaf.astNode, document);
            if (!fix) continue;
            actions.push({
                title: fix.title,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.textDocument.uri]: fix.edits } }
            });
        }
        return actions;
    }
}

function replaceRange(title: string): FixBuilder {
    return (diagnostic, data) => data.replacement === undefined ? undefined
        : { title: `${title}: ${data.replacement}`, edits: [{ range: diagnostic.range, newText: data.replacement }] };
}

/** The whole lines a statement occupies, its doc comment included, with the line break after it. */
function statementLines(statement: AstNode): Range {
    const range = statement.$cstNode!.range;
    const comment = CstUtils.findCommentNode(statement.$cstNode, ['ML_COMMENT']);
    const startLine = comment && comment.range.end.line < range.start.line ? comment.range.start.line : range.start.line;
    return { start: { line: startLine, character: 0 }, end: { line: range.end.line + 1, character: 0 } };
}

/**
 * Where text goes on a new line after a statement: the end of its last line. The inserted
 * text starts with the line break, so this also works on a last line without one.
 */
function endOfLine(statement: AstNode, document: LangiumDocument): Position {
    const line = statement.$cstNode!.range.end.line;
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return { line, character: text.replace(/\r?\n$/, '').length };
}

/** An edit that puts `text` (one or more lines) on new lines right after `statement`. */
function insertLinesAfter(statement: AstNode, text: string, document: LangiumDocument): TextEdit {
    const position = endOfLine(statement, document);
    return { range: { start: position, end: position }, newText: `\n${text.replace(/\r?\n$/, '')}` };
}

/**
 * setup-order, resource-account-without-number: move the statement right below the last
 * statement of this file it uses. A policy also needs its account's number assigned first
 * [NEW-SCRP], so the first later `assign` to that account counts as used.
 */
const moveBelowDependencies: FixBuilder = (_diagnostic, _data, at, document) => {
    const statement = statementOf(at);
    if (!statement?.$cstNode) return undefined;
    const topLevel = topLevelOf(document.parseResult.value as Model);
    const position = topLevel.indexOf(statement);
    const laterThan = (target: TopLevel, than: TopLevel | undefined) => topLevel.indexOf(target) > Math.max(position, than ? topLevel.indexOf(than) : -1);
    let last: TopLevel | undefined;
    for (const ref of streamTargets(statement)) {
        const target = statementOf(ref);
        if (target && topLevel.includes(target) && laterThan(target, last)) last = target;
    }
    const assign = neededAssignment(statement, topLevel);
    const belowAssign = assign !== undefined && laterThan(assign, last);
    if (belowAssign) last = assign;
    if (!last?.$cstNode) return undefined;
    const lines = statementLines(statement);
    const text = document.textDocument.getText(lines);
    return {
        title: belowAssign
            ? `Move the policy below the assign it needs ('${assign.$cstNode!.text}')`
            : `Move this statement below '${(last as { name?: string }).name ?? 'the statement it uses'}'`,
        edits: [{ range: lines, newText: '' }, insertLinesAfter(last, text, document)]
    };
};

/** For a policy whose account has no number above it: the first assignment to that account further down this file. */
function neededAssignment(statement: TopLevel, topLevel: TopLevel[]): Assignment | undefined {
    const account = isSharedCallingPolicy(statement) ? statement.account?.ref : undefined;
    if (!account) return undefined;
    const position = topLevel.indexOf(statement);
    const assignments = topLevel.filter((s): s is Assignment => isAssignment(s) && s.account?.ref === account);
    if (assignments.some(a => topLevel.indexOf(a) < position)) return undefined;
    return assignments.find(a => topLevel.indexOf(a) > position);
}

/** Removes the whole statement the diagnostic is on (with its doc comment). */
function removeStatement(title: string): FixBuilder {
    return (_diagnostic, _data, at) => {
        const statement = statementOf(at);
        return statement?.$cstNode ? { title, edits: [{ range: statementLines(statement), newText: '' }] } : undefined;
    };
}

/** invalid-phone-number: the number without the characters that have no place in it. */
const removeStrayCharacters: FixBuilder = (diagnostic, data, at) => {
    if (data.replacement === undefined || !isPhoneNumber(at)) return undefined;
    const stray = strayCharacters(at.value).map(c => `'${c}'`);
    return {
        title: `Remove the stray character${stray.length > 1 ? 's' : ''} ${stray.join(' ')}: ${data.replacement}`,
        edits: [{ range: diagnostic.range, newText: data.replacement }]
    };
};

function* streamTargets(statement: TopLevel): Generator<AstNode> {
    for (const node of [statement, ...childrenOf(statement)]) {
        for (const value of Object.values(node)) {
            for (const item of Array.isArray(value) ? value : [value]) {
                if (item && typeof item === 'object' && '$refText' in item && item.ref) yield item.ref as AstNode;
            }
        }
    }
}

function childrenOf(node: AstNode): AstNode[] {
    return Object.entries(node)
        .filter(([key]) => !key.startsWith('$'))
        .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
        .filter((v): v is AstNode => !!v && typeof v === 'object' && '$type' in v);
}

/** Inserts ` <text>` after a property of a statement declared in this document. */
function appendAfterProperty(node: AstNode, property: string, text: string, document: LangiumDocument): TextEdit[] | undefined {
    if (!node.$cstNode || AstUtils.getDocument(node) !== document) return undefined;
    const after = GrammarUtils.findNodeForProperty(node.$cstNode, property) ?? node.$cstNode;
    return [{ range: { start: after.range.end, end: after.range.end }, newText: ` ${text}` }];
}

/** trunk-without-pidf-lo: `pidf-lo off` becomes `on`; a trunk without the line gets `pidf-lo on`. */
const turnPidfLoOn: FixBuilder = (diagnostic, data, at, document) => {
    const trunk = isTrunk(at) ? at : statementOf(at);
    if (!isTrunk(trunk)) return undefined;
    if (trunk.pidfLo === 'off') return replaceRange('Turn PIDF-LO')(diagnostic, data, at, document);
    return addTrunkUsage(diagnostic, data, at, document);
};

/** missing-property on a trunk: add the PSTN usage line (and any other property line). */
const addTrunkUsage: FixBuilder = (_diagnostic, data, at, document) => {
    const trunk = isTrunk(at) ? at : statementOf(at);
    if (!isTrunk(trunk) || !data.replacement || !trunk.$cstNode) return undefined;
    const close = GrammarUtils.findNodeForKeyword(trunk.$cstNode, '}');
    if (!close) return undefined;
    const line = close.range.start.line;
    const before = document.textDocument.getText({ start: { line, character: 0 }, end: close.range.start });
    if (before.trim() === '') {
        // `}` on its own line: add an indented line above it.
        const start = { line, character: 0 };
        return { title: `Add ${data.replacement}`, edits: [{ range: { start, end: start }, newText: `    ${data.replacement}\n` }] };
    }
    // A one-line block: add the property before the `}`.
    const newText = /\s$/.test(before) ? `${data.replacement} ` : ` ${data.replacement} `;
    return { title: `Add ${data.replacement}`, edits: [{ range: { start: close.range.start, end: close.range.start }, newText }] };
};

/** missing-emergency-location: give the number an address, or give the group emergency coverage. */
const addEmergencyLocation: FixBuilder = (_diagnostic, data, at, document) => {
    const statement = statementOf(at);
    if (!data.replacement || !statement) return undefined;
    if (isGrant(statement)) {
        return { title: `Add '${data.replacement}'`, edits: [insertLinesAfter(stepSixAnchor(statement, document), data.replacement, document)] };
    }
    const number = isAssignment(statement) ? statement.number.ref : undefined;
    if (!isPhoneNumber(number)) return undefined;
    const anchor = number.trunk ? 'trunk' : number.tollFree ? 'tollFree' : 'numberType';
    const edits = appendAfterProperty(number, anchor, `at ${data.replacement}`, document);
    return edits && { title: `Add 'at ${data.replacement}' to number '${number.name}'`, edits };
};

/**
 * Where new emergency coverage goes, in setup order: after the file's last emergency statement
 * below the grant (step 6), else after its last grant (step 5); the grant itself at least.
 */
function stepSixAnchor(grant: Grant, document: LangiumDocument): TopLevel {
    const below = topLevelOf(document.parseResult.value as Model).filter(s => s.$cstNode && s.$cstNode.offset >= grant.$cstNode!.offset);
    return below.findLast(isEmergencyCoverage) ?? below.findLast(isGrant) ?? grant;
}

/** direct-routing-without-route: route the number (or the emergency coverage) through the trunk. */
const addTrunk: FixBuilder = (_diagnostic, data, at, document) => {
    const statement = statementOf(at);
    if (!data.replacement || !statement) return undefined;
    if (isEmergencyCoverage(statement)) {
        const edits = appendAfterProperty(statement, 'address', `via ${data.replacement}`, document);
        return edits && { title: `Route emergency calls via ${data.replacement}`, edits };
    }
    const number = isAssignment(statement) ? statement.number.ref : undefined;
    if (!isPhoneNumber(number)) return undefined;
    const edits = appendAfterProperty(number, number.tollFree ? 'tollFree' : 'numberType', `via ${data.replacement}`, document);
    return edits && { title: `Route '${number.name}' via ${data.replacement}`, edits };
};

/** usage-location-mismatch: set the account's usage location to the number's country. */
const setUsageLocation: FixBuilder = (_diagnostic, data, at, document) => {
    const statement = statementOf(at);
    const account = isAssignment(statement) ? statement.account.ref : undefined;
    if (!data.replacement || !isResourceAccount(account) || AstUtils.getDocument(account) !== document || !account.$cstNode) return undefined;
    const value = GrammarUtils.findNodeForProperty(account.$cstNode, 'usageLocation');
    if (!value) return undefined;
    return { title: `Set usage-location to ${data.replacement}`, edits: [{ range: value.range, newText: data.replacement }] };
};

/** emergency-routing-mismatch: drop `via <trunk>` from the emergency statement. */
const removeTrunk: FixBuilder = (_diagnostic, _data, at) => {
    const statement = statementOf(at);
    if (!isEmergencyCoverage(statement) || !statement.$cstNode) return undefined;
    const via = GrammarUtils.findNodeForKeyword(statement.$cstNode, 'via');
    const trunk = GrammarUtils.findNodeForProperty(statement.$cstNode, 'trunk');
    const before = GrammarUtils.findNodeForProperty(statement.$cstNode, 'address');
    if (!via || !trunk || !before) return undefined;
    return { title: `Remove 'via ${trunk.text}'`, edits: [{ range: { start: before.range.end, end: trunk.range.end }, newText: '' }] };
};
