import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneSetup } from '../../cli/setup-loader.js';
import { collectVoiceFiles, loadWorkspace } from '../../cli/workspace.js';
import { focusGraph } from '../../language/graph/focus.js';
import { buildSetupGraph } from '../../language/graph/setup-graph.js';
import type { SetupGraph } from '../../language/graph/setup-graph.js';
import { generateWorkspace } from '../support/generate-setup.js';
import { AWKWARD_NAME, AWKWARD_SETUP, graphOf, setupFolder } from '../support/graph.js';

const FRONTLINE = path.resolve(__dirname, '..', '..', 'examples', 'frontline');

const count = (graph: SetupGraph, kind: string): number => graph.nodes.filter(n => n.kind === kind).length;
const node = (graph: SetupGraph, id: string) => {
    const found = graph.nodes.find(n => n.id === id);
    if (!found) throw new Error(`no node ${id} among ${graph.nodes.map(n => n.id).join(', ')}`);
    return found;
};
const lineOf = (file: string, text: string): number => readFileSync(path.join(FRONTLINE, file), 'utf8').split('\n').findIndex(l => l.startsWith(text)) + 1;

describe('the setup graph of the frontline example', () => {
    it('has a node per trunk, address, emergency location, number, account, policy, group, coverage and notification', async () => {
        const graph = await graphOf([FRONTLINE]);
        const kinds = ['trunk', 'address', 'location', 'number', 'resource-account', 'policy', 'group', 'coverage', 'notification'];
        expect(Object.fromEntries(kinds.map(k => [k, count(graph, k)])))
            .toEqual({ trunk: 1, address: 3, location: 1, number: 5, 'resource-account': 2, policy: 2, group: 3, coverage: 3, notification: 1 });
        expect(graph.edges).toHaveLength(33);
        expect(graph.nodes.every(n => n.marks.length === 0 && n.diagnostics.length === 0)).toBe(true);
    });

    it('connects group -> policy -> resource account -> number -> address, and coverage -> group', async () => {
        const graph = await graphOf([FRONTLINE]);
        const edges = graph.edges.map(e => `${e.from} ${e.kind}${e.label ? ` (${e.label})` : ''} ${e.to}`);
        expect(edges).toEqual(expect.arrayContaining([
            'group_SpokaneAssociates grant (rank 2) policy_WashingtonStores',
            'policy_WashingtonStores account account_WashingtonRA',
            'policy_WashingtonStores callback number_SpokaneCallback',
            'account_WashingtonRA assigned number_WashingtonMain',
            'number_WashingtonMain located-at address_SeattleStore',
            'number_WashingtonMain via trunk_CteloUS',
            'coverage_SpokaneAssociates covers group_SpokaneAssociates',
            'coverage_SpokaneAssociates works-at address_SpokaneStore',
            'location_SpokaneSalesFloor place-of address_SpokaneStore',
            'coverage_SpokaneAssociates notifies notification_StoresSecurityDesk'
        ]));
    });

    it('gives every node and edge the file and line of its statement', async () => {
        const graph = await graphOf([FRONTLINE]);
        expect(node(graph, 'group_SpokaneAssociates').source).toMatchObject({ file: 'stores.voice', line: lineOf('stores.voice', 'group SpokaneAssociates'), column: 1 });
        expect(node(graph, 'trunk_CteloUS').source).toMatchObject({ file: 'network.voice', line: lineOf('network.voice', 'trunk CteloUS') });
        const grant = graph.edges.find(e => e.kind === 'grant' && e.from === 'group_PortlandAssociates')!;
        expect(grant.source).toMatchObject({ file: 'stores.voice', line: lineOf('stores.voice', 'grant OregonStores') });
        for (const item of [...graph.nodes, ...graph.edges]) expect(item.source.line).toBeGreaterThan(0);
    });

    it('is the same, ids and order, on every build', async () => {
        const first = JSON.stringify(await graphOf([FRONTLINE]));
        expect(JSON.stringify(await graphOf([FRONTLINE]))).toBe(first);
        const ids = JSON.parse(first).nodes.map((n: { id: string }) => n.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[a-z]+_[A-Za-z0-9_]+$/);
    });

    it('focuses on what a name leads to and what leads to it', async () => {
        const graph = focusGraph(await graphOf([FRONTLINE]), 'spokaneassoc');
        expect(graph.nodes.map(n => n.id)).toEqual([
            'trunk_CteloUS', 'address_SeattleStore', 'address_SpokaneStore', 'number_WashingtonMain', 'number_SeattleCallback',
            'number_SpokaneCallback', 'account_WashingtonRA', 'policy_WashingtonStores', 'group_SpokaneAssociates', 'notification_StoresSecurityDesk', 'coverage_SpokaneAssociates'
        ]);
        expect(graph.edges.every(e => graph.nodes.some(n => n.id === e.from) && graph.nodes.some(n => n.id === e.to))).toBe(true);
        expect(focusGraph(await graphOf([FRONTLINE]), 'nothing like this').nodes).toEqual([]);
    });
});

describe('marks', () => {
    it('marks a granted group without coverage, an assigned number without address and an unused number', async () => {
        const folder = setupFolder({
            'setup.voice': AWKWARD_SETUP
                .replace('emergency o works-at Shop via Carrier\n', '')
                .replace('direct-routing via Carrier at Shop', 'direct-routing via Carrier')
                .concat('number Spare "+1 206 555 0199" direct-routing via Carrier at Shop\n')
        });
        const graph = await graphOf([folder]);
        expect(node(graph, 'group_o').marks).toEqual(['missing-emergency-coverage']);
        expect(node(graph, 'number_Main').marks).toEqual(['number-without-address']);
        expect(node(graph, 'number_Spare').marks).toEqual(['unassigned-number']);
        expect(graph.nodes.filter(n => n.marks.length > 0)).toHaveLength(3);
        // The validator agrees: the same statements carry its findings.
        expect(node(graph, 'number_Spare').diagnostics.map(d => d.code)).toContain('unassigned-number');
        const grant = graph.edges.find(e => e.kind === 'grant')!;
        expect(grant.diagnostics.map(d => d.code)).toContain('missing-emergency-location');
    });
});

describe('a setup with errors', () => {
    it('still draws, with diagnostics on the statements and a node for a name nothing declares', async () => {
        const folder = setupFolder({
            'setup.voice': AWKWARD_SETUP
                .replace('grant end to o rank 1', 'grant end to o rank 1\ngroup p "P"\ngrant end to p rank 1\nemergency p works-at Shop')
                .replace('assign Main to Account', 'assign Main to Acount')
        });
        const graph = await graphOf([folder]);
        const grants = graph.edges.filter(e => e.kind === 'grant');
        expect(grants).toHaveLength(2);
        for (const grant of grants) expect(grant.diagnostics.map(d => `${d.severity} ${d.code}`)).toContain('error rank-conflict');
        const assigned = graph.edges.find(e => e.kind === 'assigned')!;
        expect(assigned).toMatchObject({ from: 'undeclared_Acount', to: 'number_Main' });
        expect(assigned.diagnostics.map(d => d.code)).toEqual(['unresolved-reference']);
        expect(node(graph, 'undeclared_Acount')).toMatchObject({ kind: 'undeclared', name: 'Acount', source: { file: 'setup.voice', line: 6, column: 16 } });
        expect(graph.nodes.length).toBe(10);
        expect(graph.unplaced).toEqual([]);
    });

    it('keeps the diagnostics of what it does not draw', async () => {
        const folder = setupFolder({ 'setup.voice': `${AWKWARD_SETUP}tenant "other.onmicrosoft.com"\nwhat is this\n` });
        const graph = await graphOf([folder]);
        expect(graph.unplaced.map(d => `${d.file}:${d.line} ${d.code}`)).toEqual([
            'setup.voice:1 duplicate-tenant', 'setup.voice:11 duplicate-tenant', 'setup.voice:12 syntax-error'
        ]);
    });

    it('keeps ids unique when a name is declared twice', async () => {
        const folder = setupFolder({ 'setup.voice': `${AWKWARD_SETUP}group o "Again"\ngroup o_2 "Taken"\n` });
        const ids = (await graphOf([folder])).nodes.filter(n => n.kind === 'group').map(n => n.id);
        expect(ids).toEqual(['group_o', 'group_o_2', 'group_o_2_2']);
    });

    it('keeps display names as written', async () => {
        const graph = await graphOf([setupFolder({ 'setup.voice': AWKWARD_SETUP })]);
        expect(node(graph, 'group_o').detail).toBe(AWKWARD_NAME);
        expect(node(graph, 'policy_end').detail).toBe(AWKWARD_NAME);
    });
});

describe('the 1,000-store workspace', () => {
    it('focuses on one store with --filter', async () => {
        const folder = setupFolder(generateWorkspace(1000).files);
        const whole = await graphOf([folder]);
        // 1,000 stores of address, 2 numbers, account, policy, group; the first 64 granted and covered; one trunk.
        expect(whole.nodes).toHaveLength(1000 * 6 + 64 + 1);
        const store = focusGraph(whole, '00042');
        expect(store.nodes.map(n => n.kind).sort()).toEqual(['address', 'coverage', 'group', 'number', 'number', 'policy', 'resource-account', 'trunk']);
        expect(store.edges).toHaveLength(11);
    });
});

describe('every diagnostics example', () => {
    const root = path.resolve(__dirname, '..', '..', 'examples', 'diagnostics');
    const folders = [
        ...readdirSync(root).filter(name => !['_base', 'across-files'].includes(name)).map(name => path.join(root, name)),
        ...readdirSync(path.join(root, 'across-files')).flatMap(name => ['one-folder', 'imports'].map(case_ => path.join(root, 'across-files', name, case_)))
    ];

    it('draws, losing no diagnostic: each is on a node, an edge or listed as unplaced', async () => {
        expect(folders.length).toBeGreaterThan(30);
        for (const folder of folders) {
            const workspace = await loadWorkspace(collectVoiceFiles([folder]).files);
            const setup = oneSetup(workspace, [folder]);
            if ('exitCode' in setup) throw new Error(`${folder}: ${setup.lines.join(' ')}`);
            const graph = buildSetupGraph(setup.documents);
            const total = setup.documents.reduce((sum, d) => sum + (d.diagnostics?.length ?? 0), 0);
            const drawn = [...graph.nodes, ...graph.edges].reduce((sum, item) => sum + item.diagnostics.length, 0);
            expect(drawn + graph.unplaced.length, path.relative(root, folder)).toBe(total);
            expect(total, path.relative(root, folder)).toBeGreaterThan(0);
        }
    });
});
