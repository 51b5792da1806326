/**
 * The fidelity table in docs/emulator.md stays true to the emulator: every refusal in the
 * Teams and Graph handlers, the OData options, the HTTP front and the directory changes names a row (`// rule: <id>` on its line or the line above), every
 * enforced row is named in each file it lists, every file exists, and every source key
 * resolves in docs/sources.md. The readers are tried on small texts first, so a pattern that
 * silently matches nothing cannot pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { citationsInText, entriesOfSources } from '../docs/citations.js';
import { REPO_ROOT } from '../support/cli.js';

interface FidelityRow {
    /** The rule id the code names, when the row is about refusals in code. */
    id: string | undefined;
    files: string[];
    keys: string[];
    enforced: string;
    note: string;
    line: number;
}

interface RefusalSite {
    line: number;
    /** The `// rule:` id on the call's line or the line above. */
    id: string | undefined;
    /** The keys that comment cites, if it cites any. */
    keys: string[];
}

/** Refusals in the Teams handlers: the error helpers, not their definition. */
const TEAMS_REFUSAL = /(?<!function )\bteamsError\(|\b(?:badRequest|notFound|conflict)\(/;
/** Graph handlers also answer errors as responses (`status: 424`). */
const GRAPH_REFUSAL = /\b(?:badRequest|notFound|conflict)\(|new EmulatorError\(|\bstatus: 4\d\d\b/;
const RULE_COMMENT = /\/\/ rule: ([a-z0-9-]+)(.*)$/;

/** The rows of the table under the "## Fidelity" heading. */
function fidelityRows(markdown: string): FidelityRow[] {
    const lines = markdown.split('\n');
    const start = lines.findIndex(line => /^## Fidelity\b/.test(line));
    if (start === -1) return [];
    const rows: FidelityRow[] = [];
    for (let i = start + 1; i < lines.length && !lines[i].startsWith('## '); i++) {
        const line = lines[i];
        if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line) || /^\| Rule \|/.test(line)) continue;
        const [rule, where, source, enforced, note] = line.slice(1, -1).split('|').map(cell => cell.trim());
        rows.push({
            id: /^`([a-z0-9-]+)`:/.exec(rule)?.[1],
            files: where === '—' ? [] : where.split(',').map(file => file.trim()),
            keys: citationsInText(source ?? '').map(c => c.key),
            enforced: enforced ?? '',
            note: note ?? '',
            line: i + 1
        });
    }
    return rows;
}

function refusalSites(text: string, pattern: RegExp): RefusalSite[] {
    const lines = text.split('\n');
    return lines.flatMap((line, index) => {
        if (!pattern.test(line) || /^\s*(?:\*|\/\/)/.test(line)) return [];
        const comment = RULE_COMMENT.exec(line) ?? (index > 0 ? RULE_COMMENT.exec(lines[index - 1]) : null);
        return [{ line: index + 1, id: comment?.[1], keys: comment ? citationsInText(comment[2]).map(c => c.key) : [] }];
    });
}

describe('fidelity readers', () => {
    test('reads rows with and without a rule id', () => {
        const markdown = [
            '## Fidelity', 'text', '| Rule | Where | Source | Enforced | Note |', '|---|---|---|---|---|',
            '| `sbc-fqdn-length`: at most 63 | tenant/a.ts, tenant/b.ts | [GW-NEW] | yes | |',
            '| Removing a policy | — | [REM-SCRP; CONFLICT] | no | not documented |',
            '## Faults', '| `other`: x | c.ts | [X-Y] | yes | |'
        ].join('\n');
        expect(fidelityRows(markdown)).toEqual([
            { id: 'sbc-fqdn-length', files: ['tenant/a.ts', 'tenant/b.ts'], keys: ['GW-NEW'], enforced: 'yes', note: '', line: 5 },
            { id: undefined, files: [], keys: ['REM-SCRP', 'CONFLICT'], enforced: 'no', note: 'not documented', line: 6 }
        ]);
    });

    test('finds each refusal and the rule comment next to it, not the helper it is built on', () => {
        const code = [
            'export function teamsError(message: string) {',
            '    // rule: sbc-fqdn-length [GW-NEW]',
            '    if (long) throw teamsError(`too long`);',
            '    if (x) throw teamsError(`no rule`);',
            '    if (y) throw notFound(`gone`); // rule: unknown-identity',
            '    // teamsError( in a comment is no refusal'
        ].join('\n');
        expect(refusalSites(code, TEAMS_REFUSAL)).toEqual([
            { line: 3, id: 'sbc-fqdn-length', keys: ['GW-NEW'] },
            { line: 4, id: undefined, keys: [] },
            { line: 5, id: 'unknown-identity', keys: [] }
        ]);
        expect(refusalSites('return { status: 424, body };', GRAPH_REFUSAL)).toHaveLength(1);
    });
});

/** Emulator files outside the handler folders that refuse requests. */
const SHARED_FILES = ['tenant/emulator/odata.ts', 'tenant/emulator/server.ts', 'tenant/emulator/directory-admin.ts'];

function handlerFiles(dir: string): string[] {
    return readdirSync(path.join(REPO_ROOT, dir)).filter(n => n.endsWith('.ts')).map(name => `${dir}/${name}`);
}

describe('the fidelity table in docs/emulator.md', () => {
    const rows = fidelityRows(readFileSync(path.join(REPO_ROOT, 'docs/emulator.md'), 'utf8'));
    const defined = new Set(entriesOfSources(readFileSync(path.join(REPO_ROOT, 'docs/sources.md'), 'utf8')).map(e => e.key));
    const byId = new Map(rows.filter(row => row.id !== undefined).map(row => [row.id, row]));
    const at = (row: FidelityRow): string => `docs/emulator.md:${row.line}`;

    test('gives every rule an existing place, a source that resolves and an answer', () => {
        expect(rows.length).toBeGreaterThan(60);
        const wrong: string[] = [];
        const ids = new Set<string>();
        for (const row of rows) {
            if (row.id !== undefined && ids.size === ids.add(row.id).size) wrong.push(`${at(row)} rule ${row.id} twice`);
            if (row.keys.length === 0) wrong.push(`${at(row)} has no source key`);
            for (const key of row.keys) if (!defined.has(key)) wrong.push(`${at(row)} [${key}] is not in docs/sources.md`);
            for (const file of row.files) if (!existsSync(path.join(REPO_ROOT, file))) wrong.push(`${at(row)} ${file} does not exist`);
            if (row.enforced !== 'yes' && row.enforced !== 'no') wrong.push(`${at(row)} enforced is '${row.enforced}', not yes or no`);
            // A guess, or a rule left out, says why.
            const guess = row.keys.every(key => key === 'UNCONFIRMED');
            if ((guess || row.enforced === 'no') && row.note === '') wrong.push(`${at(row)} needs a note saying why`);
        }
        expect(wrong).toEqual([]);
    });

    test('names a row for every refusal the emulator makes (handlers, OData, HTTP front, directory changes), and the row names the file', () => {
        const uncovered: string[] = [];
        let sites = 0;
        const files = [
            ...handlerFiles('tenant/emulator/teams').map(file => [file, TEAMS_REFUSAL] as const),
            ...handlerFiles('tenant/emulator/graph').map(file => [file, GRAPH_REFUSAL] as const),
            // The OData options, the HTTP front (authentication, unknown routes, the admin endpoints) and the directory changes.
            ...SHARED_FILES.map(file => [file, GRAPH_REFUSAL] as const)
        ];
        for (const [file, pattern] of files) {
            for (const site of refusalSites(readFileSync(path.join(REPO_ROOT, file), 'utf8'), pattern)) {
                sites++;
                const where = `${file}:${site.line}`;
                const row = site.id === undefined ? undefined : byId.get(site.id);
                if (site.id === undefined) uncovered.push(`${where} has no // rule: comment`);
                else if (!row) uncovered.push(`${where} rule ${site.id} is not in the table`);
                else if (!row.files.includes(file)) uncovered.push(`${where} rule ${site.id}: the row does not name ${file}`);
                else if (row.enforced !== 'yes') uncovered.push(`${where} rule ${site.id} is refused but the row says not enforced`);
                else if (site.keys.length > 0 && site.keys.join() !== row.keys.join()) {
                    uncovered.push(`${where} cites [${site.keys.join(', ')}], the row [${row.keys.join(', ')}]`);
                }
            }
        }
        // The scan must see the refusals the handlers are known to make, or it proves nothing.
        expect(sites).toBeGreaterThan(140);
        expect(uncovered).toEqual([]);
    });

    test('finds every enforced rule in each file its row names', () => {
        const stale: string[] = [];
        for (const row of rows) {
            if (row.id === undefined || row.enforced !== 'yes') continue;
            for (const file of row.files.filter(f => existsSync(path.join(REPO_ROOT, f)))) {
                const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
                if (!new RegExp(`// rule: ${row.id}\\b`).test(text)) stale.push(`${at(row)} rule ${row.id} is not in ${file}`);
            }
        }
        expect(stale).toEqual([]);
    });
});
