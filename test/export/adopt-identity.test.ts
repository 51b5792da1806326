/**
 * Objects an admin made with names the tool would not give them (a policy `Retail-Stores`, a
 * region `North-West`, a site `Seattle Site 1`, an address described `Store 2 (Main St)`, a
 * trunk's routes `Carrier PSTN` and `Carrier 911` and routing policy `Carrier-Service-Numbers`,
 * an emergency call routing policy `US Emergency`): the export adopts them with `identity`
 * (and a trunk's `outbound-route`, `emergency-route`, `routing-policy`) clauses, and every way
 * of carrying out the export honours those identities. After drift, `voice apply` of the
 * export (the real CLI) and the compiled script (real pwsh) change the adopted objects in
 * place, resolving an adopted address's location ids by its Description, and leave the
 * descriptions an admin gave adopted policies; neither creates a second policy, region, site,
 * address, place, route or routing policy, and a plan afterwards has no changes.
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
trunk Carrier {
    sbc             "sbc1.contoso.com"
    usage           "Carrier-PSTN"
    pidf-lo         on
    outbound-route  "Carrier PSTN"
    emergency-route "Carrier 911"
    routing-policy  "Carrier-Service-Numbers"
}
number Main1 "+12065550100" direct-routing via Carrier at Place2
resource-account Account1 { upn "sc-store1@contoso.com" display-name "Store One" usage-location US }
assign Main1 to Account1
shared-calling-policy Stores1 { resource-account Account1 }
group Team01 "Store Team 01"
grant Stores1 to Team01 rank 1
emergency Team01 works-at Place2 via Carrier dial "911" identity "US Emergency"
`;

const t = useBrownfieldTenant('voice-adopt-');

const read = (): Promise<TenantSnapshot> => readTenantState(t.connection.graph, t.connection.teams);

/** How many of each adopted kind the tenant holds: carrying out the export must not add any. */
const counts = (s: TenantSnapshot) => ({
    policies: s.sharedCallingPolicies.length, regions: s.networkRegions.length, sites: s.networkSites.length,
    addresses: s.civicAddresses.length, places: s.lisLocations.filter(l => l.location === 'Back office').length,
    routes: s.voiceRoutes.length, routingPolicies: s.voiceRoutingPolicies.length, emergencyPolicies: s.emergencyRoutingPolicies.length
});

/** The descriptions an admin gives the adopted routing and emergency policies: carrying out the export leaves them. */
const ADMIN_DESCRIPTIONS = { routing: 'Service numbers on Carrier (TAC)', emergency: 'US stores (TAC)' };

const descriptions = (s: TenantSnapshot) => ({
    routing: s.voiceRoutingPolicies.find(p => p.identity === 'Carrier-Service-Numbers')?.description,
    emergency: s.emergencyRoutingPolicies.find(p => p.identity === 'US Emergency')?.description
});

/** An t.admin moves things away from what the export says: the policy's description, the number's location, the LIS subnet. */
async function drift(): Promise<void> {
    const warehouse = await t.admin.cmdlet('New-CsOnlineLisCivicAddress', {
        CompanyName: 'Contoso Depot', StreetName: '9 Rail Ave', City: 'Kent', CountryOrRegion: 'US', Latitude: '47.38', Longitude: '-122.23', Description: `Depot ${Date.now()}`
    }) as { DefaultLocationId: string };
    await t.admin.cmdlet('Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Retail-Stores', Description: 'changed by hand' });
    await t.admin.cmdlet('Set-CsPhoneNumberAssignment', { TelephoneNumber: '+14255550100', LocationId: warehouse.DefaultLocationId });
    await t.admin.cmdlet('Set-CsOnlineLisSubnet', { Subnet: '10.9.1.0', LocationId: warehouse.DefaultLocationId });
    await t.admin.cmdlet('Set-CsOnlineVoiceRoute', { Identity: 'Carrier PSTN', NumberPattern: '^\\+1\\d+$' });
    await t.admin.cmdlet('Set-CsOnlineVoiceRoutingPolicy', { Identity: 'Carrier-Service-Numbers', OnlinePstnUsages: [], Description: ADMIN_DESCRIPTIONS.routing });
    await t.admin.cmdlet('Set-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'US Emergency', Description: ADMIN_DESCRIPTIONS.emergency });
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
    expect(text).toMatch(/trunk CarrierPSTN \{[^}]*outbound-route\s+"Carrier PSTN"\s+emergency-route\s+"Carrier 911"\s+routing-policy\s+"Carrier-Service-Numbers"/);
    expect(text).toMatch(/number \w+ "\+12065550100" direct-routing via CarrierPSTN/);
    expect(text).toContain('emergency StoreTeam01 works-at Store2MainSt via CarrierPSTN dial "911" identity "US Emergency"');
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
    expect(apply.stdout).toMatch(/update +voice-route Carrier PSTN/);
    expect(apply.stdout).toMatch(/update +voice-routing-policy Carrier-Service-Numbers/);
    let after = await read();
    expect(planChanges((await checkExport(files, after)).plan!)).toEqual([]);
    expect({ ...counts(after), addresses: after.civicAddresses.length - 1 }).toEqual(before);
    expect(descriptions(after)).toEqual(ADMIN_DESCRIPTIONS);

    // The compiled script (real pwsh) after drift again: the same.
    await drift();
    // One script for every file of the export: a file beside the folder imports them all.
    const main = path.join(t.scratch, 'all.voice');
    writeFileSync(main, readdirSync(folder).filter(f => f.endsWith('.voice')).map(f => `import "export/${f}"\n`).join(''));
    const compiled = await compileFile(main);
    expect(compiled.text).toContain("Select-VoiceIdentity -Name 'Carrier PSTN'");
    expect(compiled.text).toContain("-PolicyName 'US Emergency'");
    expect(compiled.text).toContain("-Identity 'Retail-Stores'");
    expect(compiled.text).toContain("Find-VoiceCivicAddress -Description 'Store 2 (Main St)'");
    const script = path.join(t.scratch, 'export.ps1');
    writeFileSync(script, compiled.text, 'utf8');
    const run = await runPwshFile(script, ['-TenantId', 'contoso.onmicrosoft.com', '-ReplicationTimeoutSeconds', '60'], { emulator: t.emulator, timeoutMs: 400_000 });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).not.toMatch(/Created +/);
    expect(run.stdout).toMatch(/Changed +shared calling policy/);
    expect(run.stdout).toMatch(/Changed +voice route: Carrier PSTN/);
    expect(run.stdout).toMatch(/Changed +voice routing policy: Carrier-Service-Numbers/);
    after = await read();
    expect(planChanges((await checkExport(files, after)).plan!)).toEqual([]);
    expect({ ...counts(after), addresses: after.civicAddresses.length - 2 }).toEqual(before);
    expect(descriptions(after)).toEqual(ADMIN_DESCRIPTIONS);
    expect(readFileSync(path.join(folder, 'network.voice'), 'utf8')).not.toContain('Not written as it is');
}, 900_000);
