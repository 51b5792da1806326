/** Small numeric helpers for the benchmark. */
import { performance } from 'node:perf_hooks';

export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank]!;
}

export interface Distribution {
    p50: number;
    p95: number;
    max: number;
    samples: number;
}

export function distribution(values: number[]): Distribution {
    return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), samples: values.length };
}

export async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started };
}

export const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
export const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
export const count = (n: number): string => n.toLocaleString('en-US');

