/**
 * The texts of the read-only plan documents (scheme `voice-plan`). Plain logic, no vscode:
 * the plan-apply feature serves them through a TextDocumentContentProvider.
 */

export const PLAN_SCHEME = 'voice-plan';

/** Where a plan document lives: `voice-plan:/stores.plan.md?3`. */
export interface PlanAddress {
    path: string;
    query: string;
}

export class PlanTexts {
    private readonly texts = new Map<string, string>();
    private count = 0;

    /** Stores a plan under a new address: an open plan document never shows stale text. */
    add(name: string, text: string): PlanAddress {
        const address = { path: `/${name}`, query: String(++this.count) };
        this.texts.set(keyOf(address), text);
        return address;
    }

    /** The text at an address; empty for one never stored (a document reopened after a restart). */
    text(address: PlanAddress): string {
        return this.texts.get(keyOf(address)) ?? '';
    }
}

function keyOf(address: PlanAddress): string {
    return `${address.path}?${address.query}`;
}

/** The setup's name from its path: `/ws/stores.voice` is `stores`. */
export function setupName(path: string): string {
    return (path.split('/').pop() || 'setup').replace(/\.voice$/, '');
}

/** The plan document's name for a setup: `stores.plan.md`. */
export function planDocumentName(path: string): string {
    return `${setupName(path)}.plan.md`;
}

/** Shown instead of a live plan when this build has no plan engine: what the setup declares. */
export function desiredStatePlan(desiredState: string): string {
    return `> Live plan (reading the tenant) is not available in this build yet: this is what the setup declares.\n\n${desiredState}`;
}
