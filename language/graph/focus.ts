/**
 * A readable part of a large graph: the nodes a name matches, what they lead to and what
 * leads to them. On the 1,000-store workspace `--filter 00042` is one store: its group, the
 * group's coverage, its policy, account, numbers, address and the shared trunk.
 */
import type { GraphNode, SetupGraph } from './setup-graph.js';

/**
 * Keeps the nodes whose name or detail contains `pattern` (ignoring case), every node they
 * reach along the edges (downstream: group → policy → account → number → address, trunk)
 * and every node that reaches them (upstream: the coverage of a group, the groups granted a
 * policy). Downstream and upstream are followed separately, so a shared trunk or address
 * does not pull in every store that uses it. Edges are kept between kept nodes; order is
 * the graph's.
 */
export function focusGraph(graph: SetupGraph, pattern: string): SetupGraph {
    const needle = pattern.toLowerCase();
    const matches = (node: GraphNode): boolean =>
        node.name.toLowerCase().includes(needle) || (node.detail?.toLowerCase().includes(needle) ?? false);
    const seeds = graph.nodes.filter(matches).map(n => n.id);
    const downstream = new Map<string, string[]>();
    const upstream = new Map<string, string[]>();
    for (const edge of graph.edges) {
        append(downstream, edge.from, edge.to);
        append(upstream, edge.to, edge.from);
    }
    const kept = new Set([...reach(seeds, downstream), ...reach(seeds, upstream)]);
    return {
        nodes: graph.nodes.filter(n => kept.has(n.id)),
        edges: graph.edges.filter(e => kept.has(e.from) && kept.has(e.to)),
        unplaced: graph.unplaced
    };
}

function append(map: Map<string, string[]>, key: string, value: string): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

function reach(seeds: string[], next: Map<string, string[]>): Set<string> {
    const seen = new Set(seeds);
    const queue = [...seeds];
    while (queue.length > 0) {
        for (const id of next.get(queue.pop()!) ?? []) {
            if (!seen.has(id)) {
                seen.add(id);
                queue.push(id);
            }
        }
    }
    return seen;
}
