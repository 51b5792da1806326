/**
 * The editor's saved plans: Plan writes one (`voice plan … --out <file>`, docs/apply.md
 * "Saved plans") into the extension's storage, and Apply confirms and applies exactly that
 * file (`voice apply <file>`). Plain logic, no vscode: which plan a document's Apply uses,
 * what the confirmation says about it, and what a refusal (the tenant or the files moved
 * since the plan) tells the user.
 */

/** The counts a saved plan's confirmation names: read from the plan file itself, not from a new plan. */
export interface PlanCounts {
    create: number;
    update: number;
    unchanged: number;
    /** Objects in the tenant that no file declares (`plan.not_managed`): left alone, never deleted. */
    notManaged: number;
}

/** Reads the counts from a plan file's text (`plan.summary`, `plan.not_managed`); the message names the file and what is wrong. */
export function readPlanCounts(text: string, file: string): PlanCounts {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch {
        throw new Error(`${file} is not a saved plan (not JSON). Plan again.`);
    }
    const record = data as { format?: unknown; plan?: { summary?: Record<string, unknown>; not_managed?: unknown } } | null;
    if (record?.format !== 'voice-plan-file') throw new Error(`${file} is not a saved plan (no "format": "voice-plan-file"). Plan again.`);
    const summary = record.plan?.summary ?? {};
    const count = (key: 'create' | 'update' | 'unchanged'): number => {
        const value = summary[key];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${file} is corrupt: plan.summary.${key} is not a count. Plan again.`);
        return value;
    };
    const notManaged = record.plan?.not_managed;
    if (!Array.isArray(notManaged)) throw new Error(`${file} is corrupt: plan.not_managed is not a list. Plan again.`);
    return { create: count('create'), update: count('update'), unchanged: count('unchanged'), notManaged: notManaged.length };
}

export function hasChangesToApply(counts: PlanCounts): boolean {
    return counts.create + counts.update > 0;
}

/** A modal question with one action button. */
export interface Prompt {
    message: string;
    detail: string;
    button: string;
}

/** The confirmation before applying a saved plan: the tenant, and the plan's counts. */
export function applyConfirmation(setup: string, target: string, counts: PlanCounts): Prompt {
    return {
        message: `Apply ${setup} to ${target}?`,
        detail: `The plan open beside the file: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ` +
            `${counts.notManaged} not managed (in the tenant, in no file: left alone). ` +
            'Nothing will be deleted. Exactly this plan is applied; if the tenant or the files changed since it was made, nothing is.',
        button: `Apply to ${target}`
    };
}

/** A saved plan `voice apply` refused: why, and what moved (one line per object or file). */
export interface ApplyRefusal {
    reason: string;
    moved: string[];
}

/**
 * The refusal in `voice apply <file>`'s error output (cli/commands/apply.ts): "Not applying
 * <file>: <reason>:" then the moved objects or files, indented, then "Nothing was applied…".
 * Undefined for any other failure.
 */
export function applyRefusal(stderr: string, file: string): ApplyRefusal | undefined {
    const lines = stderr.split(/\r?\n/);
    const prefix = `Not applying ${file}: `;
    const start = lines.findIndex(line => line.startsWith(prefix));
    if (start < 0) return undefined;
    const reason = lines[start]!.slice(prefix.length).replace(/\.? ?Nothing was applied.*$/, '').replace(/[:.]\s*$/, '');
    const moved: string[] = [];
    for (const line of lines.slice(start + 1)) {
        if (!/^\s/.test(line)) break;
        moved.push(line.trim());
    }
    return { reason, moved };
}

/** What the user is told when the saved plan was refused, with the offer to plan again. */
export function refusalPrompt(setup: string, target: string, refusal: ApplyRefusal): Prompt {
    return {
        message: `Nothing was applied to ${target}: ${refusal.reason}.`,
        detail: [...refusal.moved, '', `Plan ${setup} again to see and approve what applying would do now.`].join('\n').trim(),
        button: 'Plan again'
    };
}

/** The line under the plan document's text: where the saved plan is, and what Apply does with it. */
export function savedPlanNote(file: string): string {
    return `\n\nSaved plan: ${file}\nApply (the lens or "Shared Calling: Apply") applies exactly this plan, and nothing if the tenant or the files changed since.\n`;
}

/** A setup's saved plan: the file, and what it was made against. */
export interface SavedPlan {
    file: string;
    /** The document Plan ran on (its URI). */
    document: string;
    /** The target's CLI arguments when it was made: a plan for another tenant or emulator is not reused. */
    target: string;
    /** The document's version when it was made: an edit since means planning again. */
    version: number;
    /** The plan document showing it. */
    shown: string;
}

/**
 * The plan each setup's Apply uses: the last one Plan made for the setup (its folder), the one
 * its plan document shows, while it still describes the document Apply runs on and the target.
 */
export class SavedPlans {
    private readonly plans = new Map<string, SavedPlan>();

    /** Records a setup's new plan; returns the file of the one it replaces (never applied, so it can go). */
    remember(setup: string, plan: SavedPlan): string | undefined {
        const replaced = this.plans.get(setup);
        this.plans.set(setup, plan);
        return replaced && replaced.file !== plan.file ? replaced.file : undefined;
    }

    current(setup: string, document: string, target: string, version: number): SavedPlan | undefined {
        const plan = this.plans.get(setup);
        return plan && plan.document === document && plan.target === target && plan.version === version ? plan : undefined;
    }

    /** Once apply ran a plan (applied, refused or interrupted), it is not offered again. */
    forget(setup: string): void {
        this.plans.delete(setup);
    }
}

/**
 * What the user is told after cancelling an apply under way, in editor words: how many
 * changes were made (the CLI's "Interrupted after N change(s)", else its finished steps,
 * `[3/12] + … ... done`), and that applying again finishes (it plans afresh and converges).
 */
export function stoppedMessage(output: string): string {
    const interrupted = /Interrupted after (\d+) change\(s\)/.exec(output);
    const done = interrupted ? Number(interrupted[1]) : output.split('\n').filter(line => /\[\s*\d+\/\d+\] .* \.\.\. done$/.test(line.trim())).length;
    return `Stopped after ${done} change(s). Apply again to finish; nothing else was changed.`;
}

/** A new plan file's name for a setup: unique per plan, sortable by time. */
export function planFileName(setup: string, now: Date, count: number): string {
    return `${now.toISOString().replace(/[:.]/g, '-')}-${count}-${setup}.voiceplan`;
}

/** The saved plans to delete so that at most `keep` stay (the oldest first; names sort by time). */
export function plansToPrune(names: readonly string[], keep: number): string[] {
    const plans = names.filter(name => name.endsWith('.voiceplan')).sort();
    return plans.slice(0, Math.max(0, plans.length - keep));
}
