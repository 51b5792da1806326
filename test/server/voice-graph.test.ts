/**
 * `voice/graph`, the setup visualizer's request: real language server services, the frontline
 * example as the editor has it, Graphviz's layout; a 1,000-store setup is drawn as its
 * overview, and a filter draws one store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { setupGraphResult } from '../../server/voice-graph.js';
import { generateWorkspace } from '../support/generate-setup.js';
import { clearAll, services } from '../language/helpers.js';

afterEach(clearAll);

const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
const FRONTLINE = path.resolve(__dirname, '..', '..', 'examples', 'frontline');

async function load(folder: string, files: Record<string, string>): Promise<void> {
    for (const [name, text] of Object.entries(files)) LangiumDocuments.addDocument(LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${folder}/${name}`)));
    await DocumentBuilder.build([...LangiumDocuments.all], { validation: true });
}

const documentAt = (uri: string) => LangiumDocuments.getDocument(URI.parse(uri))!;

/** The ids of the SVG's `<g class="node">` (and edges), read by an XML parser: the picture is well-formed. */
function drawn(svg: string, cls: string): string[] {
    const document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(svg, 'image/svg+xml');
    return Array.from(document.getElementsByTagName('g')).filter(g => g.getAttribute('class') === cls).map(g => g.getAttribute('id')!);
}

describe('voice/graph', () => {
    test('draws the frontline setup: 21 nodes and 33 edges, each linked to its statement', async () => {
        const files = Object.fromEntries(readdirSync(FRONTLINE).filter(f => f.endsWith('.voice')).map(f => [f, readFileSync(path.join(FRONTLINE, f), 'utf8')]));
        await load('frontline', files);
        const result = await setupGraphResult(services.shared, documentAt('file:///ws/frontline/stores.voice'), '');
        expect(result.view).toBe('setup');
        expect([result.nodes, result.edges, result.setupNodes, result.setupEdges]).toEqual([21, 33, 21, 33]);
        const nodes = drawn(result.svg!, 'node');
        expect(nodes).toHaveLength(21);
        expect(drawn(result.svg!, 'edge')).toHaveLength(33);
        for (const id of nodes) expect(result.links[id], id).toBeDefined();
        const line = files['stores.voice']!.split('\n').findIndex(l => l.startsWith('group SpokaneAssociates')) + 1;
        expect(result.links['group_SpokaneAssociates']).toEqual({ uri: 'file:///ws/frontline/stores.voice', line, column: 1 });
    });

    test('marks what is missing: a granted group without coverage, an unassigned number', async () => {
        await load('marks', { 'a.voice': `tenant "contoso.onmicrosoft.com" domains "contoso.com"
address Shop { company "C" street "1 Main St" city "Seattle" region "WA" postal-code "98101" country US geo 47.6, -122.3 }
trunk Carrier { sbc "sbc1.contoso.com" usage "Carrier-US" pidf-lo on }
number Main "+1 206 555 0100" direct-routing via Carrier at Shop
number Spare "+1 206 555 0101" direct-routing via Carrier at Shop
resource-account Account { upn "sc-a@contoso.com" usage-location US }
assign Main to Account
shared-calling-policy Policy { resource-account Account }
group Staff "Staff"
grant Policy to Staff rank 1
` });
        const result = await setupGraphResult(services.shared, documentAt('file:///ws/marks/a.voice'), '');
        expect(result.marks).toMatchObject({ missingCoverage: 1, unassigned: 1 });
    });

    test('draws a 1,000-store setup as its overview, and one store with a filter', async () => {
        await load('big', generateWorkspace(1000, { coverage: 'all', storesPerFile: 100 }).files);
        const uri = 'file:///ws/big/network.voice';
        const overview = await setupGraphResult(services.shared, documentAt(uri), '');
        expect(overview.view).toBe('overview');
        expect(overview.setupNodes).toBeGreaterThan(6000);
        expect(overview.nodes).toBeLessThan(12);
        expect(drawn(overview.svg!, 'node')).toHaveLength(overview.nodes);
        expect(overview.message).toMatch(/one node per kind/);

        const store = await setupGraphResult(services.shared, documentAt(uri), '00042');
        expect(store.view).toBe('filtered');
        expect(store.nodes).toBeGreaterThan(3);
        expect(store.nodes).toBeLessThan(15);
        const none = await setupGraphResult(services.shared, documentAt(uri), 'nothing-like-this');
        expect(none).toMatchObject({ nodes: 0, message: "Nothing in the setup is named like 'nothing-like-this'." });
    }, 60_000);
});
