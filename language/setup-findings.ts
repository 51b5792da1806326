/** What a rule across statements reports (setup-rules.ts, emergency-location-rules.ts), and the helpers both use. */
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import type { FixKind, IssueCode } from './issue-codes.js';

/** Where a finding points: a node and, optionally, one of its properties. */
export interface FindingTarget {
    node: AstNode;
    property?: string;
    index?: number;
}

export interface SetupFinding extends FindingTarget {
    code: IssueCode;
    message: string;
    /** Text a quick fix inserts or substitutes. */
    replacement?: string;
    /** The quick fix, where the code has more than one. */
    fix?: FixKind;
    /** The other statements of a conflict. */
    related: (FindingTarget & { message: string })[];
}

/** "stores-a.voice:12": how a message names another statement, in any file. */
export function placeOf(node: AstNode): string {
    const file = AstUtils.getDocument(node).uri.path.split('/').pop();
    return `${file}:${(node.$cstNode?.range.start.line ?? 0) + 1}`;
}

/** Groups `items` by `keyOf`, keeping the groups with more than one member. */
export function conflicts<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): T[][] {
    // Conflicts are rare: a key's first item is kept as its index, and a list made only for a second.
    const first = new Map<K, number>();
    const groups = new Map<K, { at: number; members: T[] }>();
    items.forEach((item, index) => {
        const k = keyOf(item);
        if (k === undefined) return;
        const at = first.get(k);
        if (at === undefined) {
            first.set(k, index);
            return;
        }
        const group = groups.get(k);
        if (group) group.members.push(item);
        else groups.set(k, { at, members: [items[at]!, item] });
    });
    // In the order of each group's first member, as the findings have always been reported.
    return [...groups.values()].sort((a, b) => a.at - b.at).map(group => group.members);
}

/** A set of rules run over one setup: it collects their findings. */
export abstract class RuleSet {
    protected readonly findings: SetupFinding[] = [];

    protected report(code: IssueCode, message: string, target: FindingTarget, replacement?: string,
        related: (FindingTarget & { message: string })[] = [], fix?: FixKind): void {
        this.findings.push({ code, message, ...target, replacement, related, ...(fix ? { fix } : {}) });
    }
}
