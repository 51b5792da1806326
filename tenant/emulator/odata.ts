/**
 * The OData query options the Graph surface supports: `$filter` (eq, ne, startswith,
 * joined with and/or), `$select`, `$top` and `$skiptoken` paging with `@odata.nextLink`.
 */
import { badRequest } from './errors.js';

type Row = Record<string, unknown>;
type Predicate = (row: Row) => boolean;

/** Parses `$filter`; only the listed properties may be filtered on, as Graph limits them per resource. */
export function parseFilter(expression: string | null, filterable: readonly string[]): Predicate {
    if (!expression) return () => true;
    const tokens = tokenize(expression);
    let pos = 0;
    const peek = (): string | undefined => tokens[pos];
    const take = (): string => {
        const t = tokens[pos++];
        if (t === undefined) throw invalid(expression);
        return t;
    };
    const property = (name: string): string => {
        const match = filterable.find(p => p.toLowerCase() === name.toLowerCase());
        // rule: odata-filter-subset
        if (!match) throw badRequest(`Invalid filter clause: property '${name}' is not supported in filter for this resource.`);
        return match;
    };
    const clause = (): Predicate => {
        const first = take();
        if (first.toLowerCase() === 'startswith') {
            if (take() !== '(') throw invalid(expression);
            const prop = property(take());
            if (take() !== ',') throw invalid(expression);
            const value = literal(take(), expression);
            if (take() !== ')') throw invalid(expression);
            return row => typeof row[prop] === 'string' && typeof value === 'string' && (row[prop] as string).toLowerCase().startsWith(value.toLowerCase());
        }
        const prop = property(first);
        const op = take().toLowerCase();
        const value = literal(take(), expression);
        if (op === 'eq') return row => same(row[prop], value);
        if (op === 'ne') return row => !same(row[prop], value);
        // rule: odata-filter-subset
        throw badRequest(`Invalid filter clause: operator '${op}' is not supported.`);
    };
    const conjunction = (): Predicate => {
        let left = clause();
        while (peek()?.toLowerCase() === 'and') {
            pos++;
            const l = left, r = clause();
            left = row => l(row) && r(row);
        }
        return left;
    };
    let result = conjunction();
    while (peek()?.toLowerCase() === 'or') {
        pos++;
        const l = result, r = conjunction();
        result = row => l(row) || r(row);
    }
    if (pos !== tokens.length) throw invalid(expression);
    return result;
}

function invalid(expression: string) {
    // rule: odata-filter-subset
    return badRequest(`Invalid filter clause: syntax error in '${expression}'.`);
}

function tokenize(text: string): string[] {
    const tokens: string[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i]!;
        if (/\s/.test(c)) { i++; continue; }
        if (c === '(' || c === ')' || c === ',') { tokens.push(c); i++; continue; }
        if (c === "'") {
            let j = i + 1, value = "'";
            for (;;) {
                if (j >= text.length) throw invalid(text);
                if (text[j] === "'" && text[j + 1] === "'") { value += "'"; j += 2; continue; }
                if (text[j] === "'") break;
                value += text[j++];
            }
            tokens.push(`${value}'`);
            i = j + 1;
            continue;
        }
        let j = i;
        while (j < text.length && !/[\s(),']/.test(text[j]!)) j++;
        tokens.push(text.slice(i, j));
        i = j;
    }
    return tokens;
}

function literal(token: string, expression: string): string | boolean | null {
    if (token.startsWith("'") && token.endsWith("'") && token.length >= 2) return token.slice(1, -1);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    throw invalid(expression);
}

function same(actual: unknown, expected: string | boolean | null): boolean {
    if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
    return (actual ?? null) === expected;
}

/** `$select` keeps the listed properties (plus `id`); without it the resource's default set is returned. */
export function applySelect(row: Row, select: string | null, defaults: readonly string[] | null): Row {
    const wanted = select ? select.split(',').map(s => s.trim()).filter(Boolean) : defaults;
    if (!wanted) return row;
    const out: Row = {};
    for (const key of ['id', ...wanted]) {
        const match = Object.keys(row).find(k => k.toLowerCase() === key.toLowerCase());
        if (match) out[match] = row[match];
    }
    return out;
}

export interface Page<T> { items: T[]; nextLink: string | null }

/** Pages with `$top` (1..999) and an opaque `$skiptoken`; the next link repeats the other query options. */
export function paginate<T>(items: T[], query: URLSearchParams, selfUrl: string, defaultPageSize: number): Page<T> {
    const topText = query.get('$top');
    const top = topText === null ? defaultPageSize : Number(topText);
    // rule: odata-top-range [G-QUERY, G-USER]
    if (!Number.isInteger(top) || top < 1 || top > 999) throw badRequest(`Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`, 'Request_UnsupportedQuery');
    const token = query.get('$skiptoken');
    const offset = token ? decodeSkipToken(token) : 0;
    const page = items.slice(offset, offset + top);
    if (offset + top >= items.length) return { items: page, nextLink: null };
    const next = new URLSearchParams(query);
    next.set('$skiptoken', Buffer.from(`offset:${offset + top}`).toString('base64url'));
    // Graph writes the `$` of query options literally in its links.
    return { items: page, nextLink: `${selfUrl}?${next.toString().replace(/%24/g, '$')}` };
}

function decodeSkipToken(token: string): number {
    const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    // rule: odata-skiptoken
    if (!match) throw badRequest('Invalid $skiptoken.', 'Request_UnsupportedQuery');
    return Number(match[1]);
}
