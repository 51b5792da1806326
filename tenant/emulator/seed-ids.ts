/** Stable ids for seeded objects. */
import { createHash } from 'node:crypto';

/** A stable GUID derived from a name, so seeded objects keep their ids across runs. */
export function stableId(kind: string, name: string): string {
    const h = createHash('sha1').update(`${kind}:${name.toLowerCase()}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
