/**
 * `voice report emergency` at scale: examples/frontline's tenant with thousands of members
 * in its three granted groups, every call (Graph, $batch item, Teams cmdlet) delayed by the
 * bench's latency. The report's reads are the same whether or not the setup was applied, so
 * the seeded tenant is read as it is (the report then finds gaps and exits 2).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type SeedFile } from '../tenant/emulator/index.js';
import { findPwsh } from '../test/support/pwsh.js';
import { runMeasured } from './processes.js';
import { counted, type CallCount } from './tenant.js';

export interface ReadinessMeasure {
    members: number;
    groups: number;
    wallMs: number;
    calls: CallCount;
    maxRssKb: number;
}

const GROUPS = ['Store Associates Seattle', 'Store Associates Spokane', 'Store Associates Portland'];

/** The frontline seed with `members` more licensed users, dealt round the three groups. */
function seedWith(members: number): SeedFile {
    const seed = JSON.parse(readFileSync(path.join('examples', 'seeds', 'frontline.json'), 'utf8')) as SeedFile;
    const extra = Array.from({ length: members }, (_, i) => ({
        userPrincipalName: `member${i}@contoso.com`, displayName: `Member ${i}`, usageLocation: 'US', licenses: ['MCOEV']
    }));
    seed.users = [...(seed.users ?? []), ...extra];
    seed.skus = (seed.skus ?? []).map(s => (s.skuPartNumber === 'MCOEV' ? { ...s, prepaidUnits: s.prepaidUnits + members } : s));
    seed.groups = (seed.groups ?? []).map(g => {
        const index = GROUPS.indexOf(g.displayName);
        return index < 0 ? g : { ...g, members: [...(g.members ?? []), ...extra.filter((_, i) => i % GROUPS.length === index).map(u => u.userPrincipalName)] };
    });
    return seed;
}

export async function benchReadiness(members: number, latencyMs: number): Promise<ReadinessMeasure> {
    process.env.VOICE_PWSH ??= findPwsh();
    const emulator = await startEmulator({ port: 0, seed: seedWith(members), faults: { latencyMs } });
    try {
        const run = await runMeasured(['report', 'emergency', 'examples/frontline', '--tenant', 'emulator', '--emulator-url', emulator.url, '--format', 'json']);
        if (run.status !== 2 && run.status !== 0) throw new Error(`bench: the readiness report of ${members} members failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
        const summary = (JSON.parse(run.stdout) as { summary: { members: number; groups: number } }).summary;
        return { members: summary.members, groups: summary.groups, wallMs: run.wallMs, calls: counted(emulator), maxRssKb: run.maxRssKb };
    } finally {
        await emulator.stop();
    }
}
