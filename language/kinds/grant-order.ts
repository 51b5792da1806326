/**
 * Where the setup's group grants of one policy type stand among every group assignment of
 * that type in the tenant, other teams' included. Teams keeps ranks as positions 1, 2, 3…
 * and renumbers them whenever any group's assignment comes or goes [GPA-NEW], so a file's
 * `rank` is an order among the setup's own grants, never an absolute number:
 *
 * - a grant is in place when it stands above each later grant of the setup that the tenant
 *   has, whatever the numbers (another team's grant between them, or above them, is fine);
 * - a grant the tenant lacks, or one standing below a later grant of the setup, is granted
 *   right above the highest-placed of those later grants, or last when the tenant has none:
 *   as low as the setup's own order allows, so no other team's group loses priority to it;
 * - a grant whose policy changed is granted again at the position it had.
 *
 * Other teams' assignments are never removed or granted, so their relative order never
 * changes (docs/apply.md, "Ranks"). The compiled script's Get-VoiceGrantPlace does the same.
 */

export interface GrantPlace {
    /** Whether the group's assignment exists and stands above every later grant of the setup. */
    inOrder: boolean;
    /** The 1-based rank to grant at, once the group's own assignment (if any) is removed. */
    rank: number;
}

const lower = (ids: readonly string[]) => ids.map(id => id.toLowerCase());

/**
 * `order`: the group ids of the type's assignments in rank order; `group`: the grant's group;
 * `later`: the groups of the setup's grants of the type that come after it.
 */
export function placeOf(order: readonly string[], group: string, later: readonly string[]): GrantPlace {
    const all = lower(order);
    const self = group.toLowerCase();
    const after = new Set(lower(later));
    const at = all.indexOf(self);
    const inOrder = at >= 0 && all.every((id, i) => !after.has(id) || i > at);
    const rest = all.filter(id => id !== self);
    if (inOrder) return { inOrder, rank: at + 1 };
    const firstLater = rest.findIndex(id => after.has(id));
    return { inOrder, rank: (firstLater >= 0 ? firstLater : rest.length) + 1 };
}

/** The order after granting `group` at `rank` (its own assignment removed first): how Teams renumbers [GPA-NEW]. */
export function grantedAt(order: readonly string[], group: string, rank: number): string[] {
    const rest = order.filter(id => id.toLowerCase() !== group.toLowerCase());
    const at = Math.max(0, Math.min(rank - 1, rest.length));
    return [...rest.slice(0, at), group, ...rest.slice(at)];
}
