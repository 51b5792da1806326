/**
 * The texts of the read-only plan documents (scheme `voice-plan`) and the source links in
 * them. Plain logic, no vscode: the plan-apply feature serves them through a
 * TextDocumentContentProvider and a DocumentLinkProvider.
 */

export const PLAN_SCHEME = 'voice-plan';

/** The folder of a document's URI path: a setup is its folder's .voice files (docs/language.md, "Setups"). */
export function setupFolder(path: string): string {
    const slash = path.lastIndexOf('/');
    return slash > 0 ? path.slice(0, slash) : '';
}

/** The one plan document of a setup: `voice-plan:/ws/frontline/frontline.plan.md`. */
export function planDocumentPath(folder: string): string {
    return `${folder}/${folder.split('/').pop() || 'setup'}.plan.md`;
}

interface SetupPlan {
    text: string;
    /** The URI paths of the setup's files: what the plan's `[stores.voice:12]` links resolve to. */
    files: readonly string[];
}

/** One plan text per setup, replaced by each new plan, so the setup's plan document is reused and refreshed in place. */
export class PlanTexts {
    private readonly plans = new Map<string, SetupPlan>();

    /** Stores the setup's latest plan at its document path; returns that path. */
    set(folder: string, text: string, files: readonly string[]): string {
        const path = planDocumentPath(folder);
        this.plans.set(path, { text, files });
        return path;
    }

    /** The text at a document path; empty for one never stored (a document reopened after a restart). */
    text(path: string): string {
        return this.plans.get(path)?.text ?? '';
    }

    files(path: string): readonly string[] {
        return this.plans.get(path)?.files ?? [];
    }
}

/** A `stores.voice:12` in a plan's text, as a link to that statement. */
export interface PlanLink {
    /** 0-based line of the plan text, and the link's columns on it. */
    line: number;
    start: number;
    end: number;
    /** The statement's file (URI path) and its 1-based line. */
    file: string;
    target: number;
}

/**
 * The source references in a plan's text (`[stores.voice:12]` after each change, `stores.voice:12`
 * before each tenant check; language/plan/render.ts names files by their last segment). A
 * name resolves to the setup's file of that name, else the file of that name in the setup's folder.
 */
export function planLinks(text: string, files: readonly string[], folder: string): PlanLink[] {
    const links: PlanLink[] = [];
    text.split('\n').forEach((lineText, line) => {
        for (const match of lineText.matchAll(/(?<![\w./-])([\w.-]+\.voice):(\d+)\b/g)) {
            const name = match[1]!;
            const file = files.find(f => f.split('/').pop() === name) ?? `${folder}/${name}`;
            links.push({ line, start: match.index, end: match.index + match[0].length, file, target: Number(match[2]) });
        }
    });
    return links;
}

/** The setup's name from its path: `/ws/stores.voice` is `stores`. */
export function setupName(path: string): string {
    return (path.split('/').pop() || 'setup').replace(/\.voice$/, '');
}

/** Shown instead of a live plan when this build has no plan engine: what the setup declares. */
export function desiredStatePlan(desiredState: string): string {
    return `> Live plan (reading the tenant) is not available in this build yet: this is what the setup declares.\n\n${desiredState}`;
}
