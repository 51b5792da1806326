/** The machine a bench run measured on, read from the OS (cores, load, memory), not written down by hand. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
    cores: number;
    cpuModel: string;
    totalMemoryMb: number;
    /** 1, 5 and 15 minute load averages when the run started. */
    loadBefore: number[];
    /** The same when it ended. */
    loadAfter?: number[];
}

export function machineNow(): MachineInfo {
    const list = cpus();
    return { cores: list.length, cpuModel: list[0]?.model.trim() ?? 'unknown', totalMemoryMb: Math.round(totalmem() / 2 ** 20), loadBefore: loadavg() };
}

export const loadNow = (): number[] => loadavg();
