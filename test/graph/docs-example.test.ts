/** docs/graph.md shows real output: its Mermaid block is what `voice graph --filter` prints today. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { focusGraph } from '../../language/graph/focus.js';
import { toMermaid } from '../../language/graph/mermaid.js';
import { graphOf } from '../support/graph.js';

const REPO = path.resolve(__dirname, '..', '..');

describe('docs/graph.md', () => {
    it('shows the Mermaid the frontline example draws for --filter SpokaneAssociates', async () => {
        const page = readFileSync(path.join(REPO, 'docs', 'graph.md'), 'utf8');
        const block = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1];
        const graph = focusGraph(await graphOf([path.join(REPO, 'examples', 'frontline')]), 'SpokaneAssociates');
        expect(block).toBe(toMermaid(graph));
    });
});
