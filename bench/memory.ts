/**
 * Peak resident memory while a figure is measured, sampled from /proc (Linux): of this
 * process (the language server services and the emulator run in it) and of all its
 * descendants together (a `voice apply` with its pwsh sessions, the script's pwsh). A
 * child's exact peak comes from its own resource usage (processes.ts); this covers the rest.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_KB = 4;
// Often enough for processes that live seconds; rare enough not to steal the CPU being measured.
const INTERVAL_MS = 250;

export interface MemoryPeak {
    /** Peak RSS of the bench process itself. */
    selfKb: number;
    /** Peak of the summed RSS of every descendant process at one sample. */
    descendantsKb: number;
    /** CPU time (user + system) of every descendant seen, at its last sample (one that ends between samples loses its last 250 ms). */
    descendantsCpuMs?: number;
}

/** A process's CPU time so far (utime + stime, clock ticks of 10 ms). */
function cpuMs(pid: number): number | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

function rssKb(pid: number | 'self'): number {
    try {
        return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
    } catch {
        return 0;
    }
}

function descendants(root: number): number[] {
    const children = new Map<number, number[]>();
    let entries: string[];
    try {
        entries = readdirSync('/proc');
    } catch {
        return [];
    }
    for (const name of entries) {
        if (!/^\d+$/.test(name)) continue;
        try {
            // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
            const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            const list = children.get(ppid) ?? [];
            list.push(Number(name));
            children.set(ppid, list);
        } catch {
            // The process ended while we looked.
        }
    }
    const out: number[] = [];
    const queue = [...(children.get(root) ?? [])];
    while (queue.length > 0) {
        const pid = queue.pop()!;
        out.push(pid);
        queue.push(...(children.get(pid) ?? []));
    }
    return out;
}

/** Samples until stopped; `peak()` can be read at any time. */
export class PeakMemorySampler {
    private current: MemoryPeak = { selfKb: 0, descendantsKb: 0 };
    private readonly cpu = new Map<number, number>();
    private timer: NodeJS.Timeout;

    /** tree: also walk /proc for the descendants (not needed when only this process works). */
    constructor(private readonly tree = true) {
        this.sample();
        this.timer = setInterval(() => this.sample(), INTERVAL_MS);
        this.timer.unref();
    }

    private sample(): void {
        const self = rssKb('self');
        const pids = this.tree ? descendants(process.pid) : [];
        const tree = pids.reduce((sum, pid) => sum + rssKb(pid), 0);
        for (const pid of pids) {
            const used = cpuMs(pid);
            if (used !== undefined) this.cpu.set(pid, used);
        }
        this.current = { selfKb: Math.max(this.current.selfKb, self), descendantsKb: Math.max(this.current.descendantsKb, tree) };
    }

    peak(): MemoryPeak {
        this.sample();
        return { ...this.current, descendantsCpuMs: [...this.cpu.values()].reduce((a, b) => a + b, 0) };
    }

    stop(): MemoryPeak {
        clearInterval(this.timer);
        return this.peak();
    }
}

/** Runs `work` with a sampler and returns its value with the peak seen meanwhile. */
export async function withPeakMemory<T>(work: (sampler: PeakMemorySampler) => Promise<T>, tree = true): Promise<{ value: T; memory: MemoryPeak }> {
    const sampler = new PeakMemorySampler(tree);
    try {
        const value = await work(sampler);
        return { value, memory: sampler.stop() };
    } finally {
        sampler.stop();
    }
}
