import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sourceNamer } from '../../language/compile-setup.js';
import { toDot } from '../../language/graph/dot.js';
import { focusGraph } from '../../language/graph/focus.js';
import { toMermaid } from '../../language/graph/mermaid.js';
import type { SetupGraph } from '../../language/graph/setup-graph.js';
import { buildSetupGraph } from '../../language/graph/setup-graph.js';
import type { Command } from './command.js';
import { flattenDiagnostics } from '../diagnostics.js';
import { formatText } from '../formats.js';
import { renderSvg } from '../render-svg.js';
import { inputRefusal, oneSetup } from '../setup-loader.js';
import { UsageError } from '../usage-error.js';
import { collectVoiceFiles, loadWorkspace } from '../workspace.js';

const FORMATS = ['mermaid', 'dot', 'svg', 'json'] as const;
type GraphFormat = typeof FORMATS[number];

/** Past this many nodes a whole-setup picture is a wall; the command says how to focus it. */
const READABLE_NODES = 300;

const HELP = `voice graph <files or folders> [--format mermaid|dot|svg|json] [--filter <name>] [-o <file>]

Draws one setup: trunks, addresses, emergency locations, numbers, resource accounts, shared
calling policies, groups and emergency coverage, and how they connect (docs/graph.md).
Marks groups without emergency coverage, numbers without an address or never used, and
statements with diagnostics. A setup with errors is drawn too; its diagnostics are printed.

  --format   mermaid (default; for Markdown), dot (Graphviz), svg (laid out by Graphviz), json (the graph model)
  --filter   only what the nodes named like <name> lead to and what leads to them, e.g. a store's number
             '00042' or a group; case-insensitive, matched against names and display names
  -o, --out  write to <file> instead of stdout

Exit codes: 0 drawn, 1 drawn but the setup has errors, 2 usage or I/O problems.`;

export const graphCommand: Command = {
    summary: 'draw a setup as a graph (mermaid, dot, svg; --filter <name> for a part)',
    async run(args) {
        const { values, positionals } = parseArgs({
            args, allowPositionals: true, strict: true,
            options: {
                format: { type: 'string', default: 'mermaid' }, filter: { type: 'string' }, out: { type: 'string', short: 'o' },
                help: { type: 'boolean', short: 'h' }
            }
        });
        if (values.help) {
            console.log(HELP);
            return 0;
        }
        const format = values.format as GraphFormat;
        if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMATS.join(', ')})`);
        if (positionals.length === 0) throw new UsageError(`no files or folders given\n\n${HELP}`);
        if (values.filter !== undefined && values.filter.trim() === '') throw new UsageError('--filter needs a name (part of a node\'s name or display name)');

        const { files, problems } = collectVoiceFiles(positionals);
        const workspace = await loadWorkspace(files);
        const refusal = inputRefusal([...problems, ...workspace.problems]);
        const setup = refusal ?? oneSetup(workspace, positionals);
        if ('exitCode' in setup) {
            for (const line of setup.lines) console.error(line);
            return setup.exitCode;
        }
        const diagnostics = flattenDiagnostics(workspace.documents);
        if (diagnostics.length > 0) console.error(formatText(diagnostics));

        const whole = buildSetupGraph(setup.documents, { sourceName: sourceNamer(setup.folder) });
        const graph = values.filter === undefined ? whole : focusGraph(whole, values.filter);
        if (graph.nodes.length === 0 && values.filter !== undefined) {
            throw new UsageError(`--filter '${values.filter}' matches no node of the setup (${whole.nodes.length} nodes)`);
        }
        if (values.filter === undefined && graph.nodes.length > READABLE_NODES) {
            console.error(`${graph.nodes.length} nodes: too many to read at once; --filter <name> draws one store, group or policy.`);
        }
        const text = await render(graph, format);
        if (values.out === undefined) process.stdout.write(text);
        else writeOut(values.out, text);
        console.error(summary(graph, values.out));
        return diagnostics.some(d => d.severity === 'error') ? 1 : 0;
    }
};

function writeOut(file: string, text: string): void {
    try {
        writeFileSync(file, text, 'utf8');
    } catch (error) {
        throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}`);
    }
}

async function render(graph: SetupGraph, format: GraphFormat): Promise<string> {
    switch (format) {
        case 'mermaid': return toMermaid(graph);
        case 'dot': return toDot(graph);
        case 'svg': return renderSvg(toDot(graph));
        case 'json': return `${JSON.stringify(graph, null, 2)}\n`;
    }
}

function summary(graph: SetupGraph, out: string | undefined): string {
    const count = (mark: string): number => graph.nodes.filter(n => n.marks.some(m => m === mark)).length;
    const notes = [
        [count('missing-emergency-coverage'), 'group(s) without emergency coverage'],
        [count('number-without-address'), 'number(s) without an emergency address'],
        [count('unassigned-number'), 'unused number(s)'],
        [graph.nodes.filter(n => n.kind === 'undeclared').length, 'name(s) used but not declared'],
        [graph.nodes.filter(n => n.diagnostics.length > 0).length + graph.edges.filter(e => e.diagnostics.length > 0).length, 'node(s) or edge(s) with diagnostics'],
        [graph.unplaced.length, 'diagnostic(s) on nothing drawn (imports, tenant, network statements, unreadable text)']
    ].filter(([n]) => Number(n) > 0).map(([n, what]) => `${n} ${what}`);
    return `${graph.nodes.length} nodes, ${graph.edges.length} edges${out ? ` -> ${out}` : ''}${notes.length > 0 ? `; ${notes.join(', ')}` : ''}.`;
}
