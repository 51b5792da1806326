/**
 * Civic addresses (and places at them) have no unique name in Teams: a create never fails
 * with "already exists", so a second run that cannot read the first run's address yet
 * (replication) would make a twin [issue 14]. A compiled network script (an address of
 * examples/frontline and a place at it), run twice back to back by real pwsh against an
 * emulator whose reads lag far longer than the gap between the runs, must leave each address
 * and place once. Small on purpose: the first run must end well within the delay when it
 * does not wait for its creates, or the test could not fail.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { startEmulator } from '../../tenant/emulator/index.js';
import { runPwshFile } from '../support/pwsh.js';
import { compileSources, REPO } from './compile-helpers.js';

/** The Spokane store's address as examples/frontline/network.voice declares it. */
function spokaneAddress(): string {
    const network = readFileSync(path.join(REPO, 'examples', 'frontline', 'network.voice'), 'utf8');
    return network.match(/^address SpokaneStore \{[^}]*\}/m)![0];
}

const SETUP = () => `tenant "contoso.onmicrosoft.com" domains "contoso.com"

${spokaneAddress()}

emergency-location SpokaneSalesFloor {
    address SpokaneStore
    place   "Sales floor"
    subnet  "10.20.1.0"
}
`;

test('two runs of a compiled network script within the replication delay: the civic address and its place once', async () => {
    const compiled = await compileSources({ 'network.voice': SETUP() }, 'network.voice');
    const script = path.join(compiled.folder, 'network.ps1');
    writeFileSync(script, compiled.text, 'utf8');
    // Reads hide new objects for 25 s; without a wait after its creates, the first run ends within seconds of them.
    const slow = await startEmulator({ faults: { replicationDelayMs: 25_000 } });
    try {
        const once = async () => {
            const result = await runPwshFile(script, ['-ReplicationTimeoutSeconds', '90'], { emulator: slow, timeoutMs: 400_000 });
            if (result.exitCode !== 0) throw new Error(`pwsh exited ${result.exitCode}:\n${result.stdout}\n${result.stderr}`);
            return result;
        };
        const first = await once();
        expect(first.stdout).toMatch(/Created +civic address/);
        const second = await once();
        expect(slow.state.civicAddresses.filter(a => a.description === 'voice:SpokaneStore')).toHaveLength(1);
        expect(slow.state.locations.filter(l => l.location === 'Sales floor')).toHaveLength(1);
        expect(second.stdout).not.toMatch(/Created +(civic address|emergency location)/);
        expect(second.stdout).toMatch(/Unchanged +civic address: voice:SpokaneStore/);
    } finally {
        await slow.stop();
    }
}, 600_000);
