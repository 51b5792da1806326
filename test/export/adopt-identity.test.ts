/**
 * Objects an admin made with names the tool would not give them (a policy `Retail-Stores`, a
 * region `North-West`, a site `Seattle Site 1`, an address described `Store 2 (Main St)`):
 * the export adopts them with `identity` clauses, and every way of carrying out the export
 * honours those identities. After drift, `voice apply` of the export (the real CLI) and the
 * compiled script (real pwsh) change the adopted objects in place, resolving an adopted
 * address's location ids by its Description; neither creates a second policy, region, site,
 * address or place, and a plan afterwards has no changes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { checkExport, exportFormatted, planChanges, writeExport } from '../../cli/export-files.js';
import { loadSetup } from '../../cli/setup-loader.js';
import type { TenantSnapshot } from '../../language/plan/snapshot.js';
import { readTenantState } from '../../tenant/read-state.js';
import { useBrownfieldTenant } from '../support/brownfield-tenant.js';
import { runVoiceAsync } from '../support/cli.js';
import { runPwshFile } from '../support/pwsh.js';
import { compileFile } from '../compiler/compile-helpers.js';

/** What an admin made in Teams Admin Center, written here as the .voice that makes the same objects under the same Teams names. */
const BROWNFIELD = `
address Place2 {
    company  "Contoso Retail"
    street   "Main St"
    city     "Seattle"
    region   "WA"
    country  US
    geo      47.6, -122.3
    identity "Store 2 (Main St)"
}
network-region Nw identity "North-West"
network-site Site1 { region Nw subnet "10.1.0.0/16" identity "Seattle Site 1" }
emergency-location Floor { address Place2 place "Back office" subnet "10.9.1.0" }
number Main0 "+14255550100" calling-plan at Place2
resource-account Account0 { upn "sc-store0@contoso.com" display-name "Store Line" usage-location US }
assign Main0 to Account0
shared-calling-policy Retail { resource-account Account0 description "Store 2" identity "Retail-Stores" }
`;

const t = useBrownfieldTenant('voice-adopt-');

const read = (): Promise<TenantSnapshot> => readTenantState(t.connection.graph, t.connection.teams);

/** How many of each adopted kind the tenant holds: carrying out the export must not add any. */
const counts = (s: TenantSnapshot) => ({
    policies: s.sharedCallingPolicies.length, regions: s.networkRegions.length, sites: s.networkSites.length,
    addresses: s.civicAddresses.length, places: s.lisLocations.filter(l => l.location === 'Back office').length
});

/** An t.admin moves things away from what the export says: the policy's description, the number's location, the LIS subnet. */
async function drift(): Promise<void> {
    const warehouse = await t.admin.cmdlet('New-CsOnlineLisCivicAddress', {
        CompanyName: 'Contoso Depot', StreetName: '9 Rail Ave', City: 'Kent', CountryOrRegion: 'US', Latitude: '47.38', Longitude: '-122.23', Description: `Depot ${Date.now()}`
    }) as { DefaultLocationId: string };
    await t.admin.cmdlet('Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Retail-Stores', Description: 'changed by hand' });
    await t.admin.cmdlet('Set-CsPhoneNumberAssignment', { TelephoneNumber: '+14255550100', LocationId: warehouse.DefaultLocationId });
    await t.admin.cmdlet('Set-CsOnlineLisSubnet', { Subnet: '10.9.1.0', LocationId: warehouse.DefaultLocationId });
}

it('adopts objects under their Teams names; apply and the compiled script change them in place and create nothing twice', async () => {
    const setupFile = path.join(t.scratch, 'brownfield.voice');
    writeFileSync(setupFile, BROWNFIELD);
    const setup = await loadSetup([setupFile]);
    if ('exitCode' in setup) throw new Error(setup.lines.join('\n'));
    await t.admin.build(setup.plans);
    const made = await read();
    expect(made.sharedCallingPolicies.map(p => p.identity)).toContain('Retail-Stores');

    // The export: every object declared, under a .voice name with the Teams identity beside it.
    const folder = path.join(t.scratch, 'export');
    const result = await exportFormatted(made, { scope: 'all-voice', source: 'emulator' });
    const files = writeExport(folder, result);
    const text = result.files.map(f => f.text).join('\n');
    expect(result.leftOut).toEqual([]);
    expect(text).toMatch(/shared-calling-policy RetailStores \{[^}]*identity\s+"Retail-Stores"/);
    expect(text).toMatch(/address Store2MainSt \{[^}]*identity\s+"Store 2 \(Main St\)"/);
    expect(text).toContain('network-region NorthWest identity "North-West"');
    expect(text).toMatch(/network-site SeattleSite1 \{[^}]*identity\s+"Seattle Site 1"/);
    const check = await checkExport(files, made);
    expect(check.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(planChanges(check.plan!)).toEqual([]);
    const before = counts(made);

    // voice apply of the export after drift: updates by the adopted identities.
    await drift();
    const target = ['--tenant', 'emulator', '--emulator-url', t.emulator.url];
    const apply = await runVoiceAsync(['apply', folder, ...target, '--auto-approve', '--state-dir', path.join(t.scratch, 'state')], { timeoutMs: 300_000 });
    expect(apply.status, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).not.toMatch(/\+ create/);
    expect(apply.stdout).toMatch(/update +shared-calling-policy RetailStores/);
    let after = await read();
    expect(planChanges((await checkExport(files, after)).plan!)).toEqual([]);
    expect({ ...counts(after), addresses: after.civicAddresses.length - 1 }).toEqual(before);

    // The compiled script (real pwsh) after drift again: the same.
    await drift();
    const main = readdirSync(folder).find(f => f !== 'network.voice' && f.endsWith('.voice'))!;
    const compiled = await compileFile(path.join(folder, main));
    expect(compiled.text).toContain("-Identity 'Retail-Stores'");
    expect(compiled.text).toContain("Find-VoiceCivicAddress -Description 'Store 2 (Main St)'");
    const script = path.join(t.scratch, 'export.ps1');
    writeFileSync(script, compiled.text, 'utf8');
    const run = await runPwshFile(script, ['-TenantId', 'contoso.onmicrosoft.com', '-ReplicationTimeoutSeconds', '60'], { emulator: t.emulator, timeoutMs: 400_000 });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).not.toMatch(/Created +/);
    expect(run.stdout).toMatch(/Changed +shared calling policy/);
    after = await read();
    expect(planChanges((await checkExport(files, after)).plan!)).toEqual([]);
    expect({ ...counts(after), addresses: after.civicAddresses.length - 2 }).toEqual(before);
    expect(readFileSync(path.join(folder, 'network.voice'), 'utf8')).not.toContain('Not written as it is');
}, 900_000);
