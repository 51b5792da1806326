/** Apply progress on stderr: a line per finished step, with a bar when stderr is a terminal. */
import type { ApplyProgress } from '../tenant/apply/executor.js';

const SYMBOL: Record<string, string> = { create: '+', update: '~' };

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: ApplyProgress) => void {
    return progress => {
        const width = String(progress.total).length;
        const counter = `[${String(progress.done + (progress.outcome === 'failed' ? 1 : 0)).padStart(width)}/${progress.total}]`;
        const bar = stream.isTTY ? `${renderBar(progress.done, progress.total)} ` : '';
        const outcome = progress.outcome === 'done' ? 'done' : `FAILED: ${progress.error}`;
        stream.write(`${bar}${counter} ${SYMBOL[progress.action] ?? '.'} ${progress.step} ... ${outcome}\n`);
    };
}

function renderBar(done: number, total: number, width = 20): string {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/**
 * Read progress of a report on stderr: one line rewritten in place on a terminal; elsewhere
 * (a pipeline's log) only the totals, once, when `done` is called.
 */
export function readProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(what: string, count: number): void; done(): void } {
    const counts = new Map<string, number>();
    const line = () => [...counts].map(([what, count]) => `${count.toLocaleString('en-US')} ${what}`).join(', ');
    let shown = false;
    return {
        update(what, count) {
            counts.set(what, count);
            if (!stream.isTTY) return;
            stream.write(`\rReading the tenant: ${line()}...\x1b[K`);
            shown = true;
        },
        done() {
            if (shown) stream.write('\r\x1b[K');
            if (counts.size > 0) stream.write(`Read ${line()}.\n`);
        }
    };
}
