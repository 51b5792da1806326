/**
 * The walks that replace Langium's (language/batched-interrupts.ts) look at cancellation every
 * few hundred nodes instead of at each: a build an edit cancels still stops in them.
 */
import { readFileSync } from 'node:fs';
import type { AstNode, AstNodeDescription, LocalSymbols, MultiMap } from 'langium';
import { Cancellation, DefaultReferenceDescriptionProvider, DefaultScopeComputation, OperationCancelled } from 'langium';
import { afterEach, expect, test } from 'vitest';
import { BASE, clearAll, parse, services } from './helpers.js';

afterEach(clearAll);

test('linking, local symbols and reference descriptions stop when their build is cancelled', async () => {
    const document = await parse(BASE);
    const cancelled = new Cancellation.CancellationTokenSource();
    cancelled.cancel();
    const { references, workspace } = services.Voice;
    await expect(references.Linker.link(document, cancelled.token)).rejects.toBe(OperationCancelled);
    await expect(references.ScopeComputation.collectLocalSymbols(document, cancelled.token)).rejects.toBe(OperationCancelled);
    await expect(workspace.ReferenceDescriptionProvider.createDescriptions(document, cancelled.token)).rejects.toBe(OperationCancelled);
    // Not cancelled, the same walks finish: every reference of the base setup resolves.
    await references.Linker.link(document);
    expect(document.references.length).toBeGreaterThan(10);
    expect(document.references.every(ref => ref.error === undefined)).toBe(true);
    expect((await workspace.ReferenceDescriptionProvider.createDescriptions(document)).length).toBe(document.references.length);
});

test('they visit what Langium\'s walks visit, in the same order', async () => {
    const document = await parse(readFileSync('examples/frontline/stores.voice', 'utf8').replace('import "network.voice"\n', ''));
    const { references, workspace } = services.Voice;
    const ours = await workspace.ReferenceDescriptionProvider.createDescriptions(document);
    const langiums = await new DefaultReferenceDescriptionProvider(services.Voice).createDescriptions(document);
    expect(ours.length).toBeGreaterThan(20);
    expect(ours).toEqual(langiums);
    // LocalSymbols is a MultiMap (Langium's own and ours).
    const symbols = (map: LocalSymbols) => {
        const multi = map as MultiMap<AstNode, AstNodeDescription>;
        return [...multi.keys()].map(container => [container.$type, multi.get(container).map(d => `${d.type}:${d.name}`)]);
    };
    const local = symbols(await references.ScopeComputation.collectLocalSymbols(document));
    expect(local.length).toBeGreaterThan(0);
    expect(local).toEqual(symbols(await new DefaultScopeComputation(services.Voice).collectLocalSymbols(document)));
});
