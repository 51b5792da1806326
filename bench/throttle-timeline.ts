/**
 * Where the time of a throttled apply goes, for the verbose log (VOICE_BENCH_VERBOSE=1): per
 * surface, the operations admitted and answered 429 in each slice of the run, set against the
 * bucket's refill.
 */
import type { CallRecord, TenantLimits } from '../tenant/emulator/index.js';

const isTeams = (e: CallRecord): boolean => e.route.startsWith('POST /teams/');

/**
 * One line per `sliceMs` from `startMs` (when the apply process started): per surface, operations
 * admitted a second (a $batch envelope is not one) and answers 429; '.' where nothing arrived.
 */
export function surfaceTimeline(entries: readonly CallRecord[], startMs: number, limits: TenantLimits | undefined, sliceMs = 5_000): string {
    const calls = entries.filter(e => e.route !== 'POST /v1.0/$batch');
    const end = Math.max(startMs, ...calls.map(e => e.at));
    const rate = (r: TenantLimits['graph']) => (r ? `${(r.requests / r.windowSeconds).toFixed(1)}/s` : 'unlimited');
    const lines = [`  from the apply's start, per ${sliceMs / 1000} s: admitted a second (429s); buckets refill Graph ${rate(limits?.graph)}, Teams ${rate(limits?.teams)}`];
    for (let from = startMs; from < end; from += sliceMs) {
        const slice = calls.filter(e => e.at >= from && e.at < from + sliceMs);
        const cell = (teams: boolean) => {
            const mine = slice.filter(e => isTeams(e) === teams);
            const refused = mine.filter(e => e.status === 429).length;
            const admitted = mine.length - refused;
            return mine.length === 0 ? '.'.padStart(12) : `${(admitted * 1000 / sliceMs).toFixed(1)}${refused ? ` (${refused})` : ''}`.padStart(12);
        };
        lines.push(`  ${String(Math.round((from - startMs) / 1000)).padStart(5)} s  graph ${cell(false)}  teams ${cell(true)}`);
    }
    return lines.join('\n');
}
