/**
 * Apply compares an object again with a fresh read of the tenant before it makes it (a
 * create that may already exist, tenant/apply/live-snapshot.ts): what it reads again is
 * `readsFor(kind)`. Every snapshot collection a kind's `diff` and `observed` look at must be
 * among those reads, or the re-check compares with a stale copy. Checked on an object of every
 * kind, with a snapshot that records which collections are looked at.
 */
import { describe, expect, test } from 'vitest';
import { SnapshotIndex } from '../../language/kinds/compare.js';
import { handlerOf } from '../../language/kinds/index.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { emptySnapshot } from '../../language/plan/snapshot.js';
import { readsFor } from '../../tenant/apply/live-snapshot.js';
import { FULL, parse } from '../language/helpers.js';

/** An empty snapshot that notes each collection read from it. */
function recording(): { snapshot: TenantSnapshot; looked: Set<string> } {
    const looked = new Set<string>();
    const snapshot = new Proxy(emptySnapshot(), {
        get(target, field, receiver) {
            if (typeof field === 'string') looked.add(field);
            return Reflect.get(target, field, receiver) as unknown;
        }
    });
    return { snapshot, looked };
}

describe('readsFor(kind) covers what the kind compares with', () => {
    test('for an object of every kind of the full setup', async () => {
        const document = await parse(FULL, { validation: true });
        const resources = planSetup([document.parseResult.value]).flatMap(p => p.resources);
        const kinds = new Set(resources.map(r => r.kind));
        expect(kinds.size).toBeGreaterThan(20);
        const missing: string[] = [];
        for (const resource of resources) {
            const { snapshot, looked } = recording();
            const index = new SnapshotIndex(snapshot);
            const handler = handlerOf(resource);
            handler.diff(resource, { snapshot, index, groupIds: new Map(), createdHere: () => false, finding: () => undefined });
            handler.observed(resource, { snapshot, index, groupId: () => undefined });
            const read = new Set(readsFor(resource.kind).map(r => r.field as string));
            for (const field of looked) if (!read.has(field)) missing.push(`${resource.kind} looks at ${field}`);
        }
        expect([...new Set(missing)]).toEqual([]);
    });
});
