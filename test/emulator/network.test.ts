/**
 * Dynamic emergency calling in the emulator: the documented rules over real HTTP, and the
 * PowerShell of docs/emergency.md ("What the tool creates in the tenant") run in real pwsh
 * through the stand-in module's documented parameter sets.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { findPwsh, runPwsh } from '../support/pwsh.js';
import { teams, type Reply } from './client.js';

let emulator: EmulatorHandle;

beforeEach(async () => {
    if (!emulator) emulator = await startEmulator({ port: 0 });
    emulator.reset();
});
afterAll(async () => { await emulator?.stop(); });

const message = (reply: Reply): string => reply.body.error?.message ?? '';

async function ok(reply: Promise<Reply>): Promise<Reply> {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
}

/** A civic address and its default location id. */
async function location(): Promise<string> {
    const address = await ok(teams(emulator, 'New-CsOnlineLisCivicAddress', {
        CompanyName: 'Contoso', CountryOrRegion: 'US', StreetName: '808 W Main Ave', City: 'Spokane', Latitude: '47.6588', Longitude: '-117.4260', Description: 'voice:SpokaneStore'
    }));
    return address.body.value.DefaultLocationId as string;
}

describe('trusted IPs [TRUSTIP-NEW]', () => {
    test('-MaskBits defaults to 32 (IPv4) and 128 (IPv6); out of range and a second entry for one address are refused', async () => {
        await ok(teams(emulator, 'New-CsTenantTrustedIPAddress', { IPAddress: '198.51.100.7' }));
        await ok(teams(emulator, 'New-CsTenantTrustedIPAddress', { Identity: '2001:db8::1', Description: 'v6' }));
        await ok(teams(emulator, 'New-CsTenantTrustedIPAddress', { IPAddress: '198.51.100.0', MaskBits: 24 }));
        const all = (await ok(teams(emulator, 'Get-CsTenantTrustedIPAddress'))).body.value;
        expect(all.map((ip: { IPAddress: string; MaskBits: number }) => `${ip.IPAddress}/${ip.MaskBits}`)).toEqual(['198.51.100.7/32', '2001:db8::1/128', '198.51.100.0/24']);
        const tooWide = await teams(emulator, 'New-CsTenantTrustedIPAddress', { IPAddress: '203.0.113.0', MaskBits: 33 });
        expect(tooWide.status).toBe(400);
        expect(message(tooWide)).toContain('IPv4 accepts 0 to 32');
        expect((await teams(emulator, 'New-CsTenantTrustedIPAddress', { IPAddress: '198.51.100.7' })).status).toBe(409);
        expect((await teams(emulator, 'New-CsTenantTrustedIPAddress', { IPAddress: 'not-an-ip' })).status).toBe(400);
        expect((await teams(emulator, 'Get-CsTenantTrustedIPAddress', { Identity: '192.0.2.1' })).status).toBe(404);
    });
});

describe('network regions, sites and subnets [NETREGION-NEW, NETSITE-NEW, NETSUBNET-NEW]', () => {
    test('a site in a region, subnets in a site; unknown region or site, duplicates and a missing mask are refused', async () => {
        await ok(teams(emulator, 'New-CsTenantNetworkRegion', { NetworkRegionID: 'Washington' }));
        expect((await teams(emulator, 'New-CsTenantNetworkRegion', { Identity: 'washington' })).status).toBe(409);
        expect((await teams(emulator, 'New-CsTenantNetworkSite', { NetworkSiteID: 'Spokane', NetworkRegionID: 'Nowhere' })).status).toBe(404);
        await ok(teams(emulator, 'New-CsTenantNetworkSite', { NetworkSiteID: 'Spokane', NetworkRegionID: 'Washington' }));
        await ok(teams(emulator, 'New-CsTenantNetworkSubnet', { SubnetID: '10.20.0.0', MaskBits: 16, NetworkSiteID: 'Spokane' }));
        expect((await teams(emulator, 'New-CsTenantNetworkSubnet', { SubnetID: '10.20.0.0', MaskBits: 16, NetworkSiteID: 'Spokane' })).status).toBe(409);
        expect((await teams(emulator, 'New-CsTenantNetworkSubnet', { SubnetID: '10.30.0.0', MaskBits: 16, NetworkSiteID: 'Tacoma' })).status).toBe(404);
        expect(message(await teams(emulator, 'New-CsTenantNetworkSubnet', { SubnetID: '10.40.0.0' }))).toContain("'MaskBits'");
        expect((await ok(teams(emulator, 'Get-CsTenantNetworkSite', { Identity: 'Spokane' }))).body.value).toEqual([
            expect.objectContaining({ NetworkSiteID: 'Spokane', NetworkRegionID: 'Washington' })
        ]);
        expect((await ok(teams(emulator, 'Get-CsTenantNetworkSubnet'))).body.value).toEqual([
            expect.objectContaining({ SubnetID: '10.20.0.0', MaskBits: 16, NetworkSiteID: 'Spokane' })
        ]);
    });
});

describe('the LIS map [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET]', () => {
    test('Set creates or moves an entry; the location must exist', async () => {
        const spokane = await location();
        const other = await location();
        await ok(teams(emulator, 'Set-CsOnlineLisSubnet', { Subnet: '10.20.1.0', LocationId: spokane }));
        await ok(teams(emulator, 'Set-CsOnlineLisSubnet', { Subnet: '10.20.1.0', LocationId: other, Description: 'moved' }));
        expect((await ok(teams(emulator, 'Get-CsOnlineLisSubnet'))).body.value).toEqual([{ Subnet: '10.20.1.0', LocationId: other, Description: 'moved' }]);
        const unknown = await teams(emulator, 'Set-CsOnlineLisSwitch', { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: '00000000-0000-4000-8000-000000000000' });
        expect(unknown.status).toBe(404);
        await ok(teams(emulator, 'Set-CsOnlineLisSwitch', { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: spokane }));
        await ok(teams(emulator, 'Set-CsOnlineLisPort', { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: 'G1/0/30', LocationId: spokane }));
        await ok(teams(emulator, 'Set-CsOnlineLisPort', { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: 'G1/0/31', LocationId: other }));
        expect((await ok(teams(emulator, 'Get-CsOnlineLisPort', { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: 'G1/0/31' }))).body.value)
            .toEqual([{ ChassisID: 'B8-BE-BF-4A-A3-00', PortID: 'G1/0/31', LocationId: other, Description: null }]);
        expect((await ok(teams(emulator, 'Get-CsOnlineLisSwitch', { ChassisID: 'b8-be-bf-4a-a3-00' }))).body.value).toHaveLength(1);
        expect((await teams(emulator, 'Set-CsOnlineLisSubnet', { Subnet: '10.20.1.0/24', LocationId: spokane })).status).toBe(400);
    });

    test('a BSSID inside an existing wildcard range with the same location is refused; with another location it is accepted', async () => {
        const spokane = await location();
        const other = await location();
        await ok(teams(emulator, 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-04-*', LocationId: spokane }));
        const inside = await teams(emulator, 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-04-23', LocationId: spokane });
        expect(inside.status).toBe(400);
        expect(message(inside)).toContain("within the range of 'F0-6E-0B-C2-04-*'");
        await ok(teams(emulator, 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-04-23', LocationId: other }));
        await ok(teams(emulator, 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-05-23', LocationId: spokane }));
        expect((await ok(teams(emulator, 'Get-CsOnlineLisWirelessAccessPoint'))).body.value.map((p: { BSSID: string }) => p.BSSID))
            .toEqual(['F0-6E-0B-C2-04-*', 'F0-6E-0B-C2-04-23', 'F0-6E-0B-C2-05-23']);
    });
});

describe('docs/emergency.md in real pwsh', () => {
    test('the PowerShell of "What the tool creates in the tenant" runs against the emulator and the network reads back', async () => {
        findPwsh();
        await location();
        await ok(teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc1.contoso.com', SipSignalingPort: 5061, Enabled: true }));
        const docs = readFileSync('docs/emergency.md', 'utf8');
        const block = docs.split('## What the tool creates in the tenant')[1]!.split('```powershell\n')[1]!.split('```')[0]!;
        const script = `$ErrorActionPreference = 'Stop'
Connect-MicrosoftTeams | Out-Null
${block}
$r = [ordered]@{
    trusted = @(Get-CsTenantTrustedIPAddress | ForEach-Object { "$($_.IPAddress)/$($_.MaskBits)" })
    site = (Get-CsTenantNetworkSite -Identity SpokaneSite).NetworkRegionID
    subnet = @(Get-CsTenantNetworkSubnet | ForEach-Object { "$($_.SubnetID)/$($_.MaskBits) $($_.NetworkSiteID)" })
    lisSubnet = (Get-CsOnlineLisSubnet -Subnet 10.20.1.0).LocationId
    wap = (Get-CsOnlineLisWirelessAccessPoint -BSSID 00-11-22-33-44-55).LocationId
    port = (Get-CsOnlineLisPort -ChassisID B8-BE-BF-4A-A3-00 -PortID G1/0/30).LocationId
    place = $floor.LocationId
    placeAddress = $floor.CivicAddressId
    civicAddress = $spokane.CivicAddressId
    defaultLocation = $spokane.DefaultLocationId
}
try { Set-CsOnlineLisPort -ChassisID B8-BE-BF-4A-A3-00 -LocationId $spokane.DefaultLocationId; $r.portWithoutId = 'no error' } catch { $r.portWithoutId = $_.FullyQualifiedErrorId }
'### RESULT'
$r | ConvertTo-Json -Depth 5`;
        const run = await runPwsh(script, { emulator, timeoutMs: 90_000 });
        const marker = run.stdout.indexOf('### RESULT');
        expect(marker, `${run.stdout}\n${run.stderr}`).toBeGreaterThan(0);
        const r = JSON.parse(run.stdout.slice(marker + '### RESULT'.length));
        expect(r).toMatchObject({ trusted: ['198.51.100.0/24'], site: 'Washington', subnet: ['10.20.0.0/16 SpokaneSite'] });
        expect(r.place).not.toBe(r.defaultLocation);
        expect(r.placeAddress).toBe(r.civicAddress);
        expect([r.lisSubnet, r.wap, r.port]).toEqual([r.place, r.place, r.place]);
        // -PortID is mandatory, as in Microsoft's module: without it pwsh cannot bind (non-interactive).
        expect(r.portWithoutId).toMatch(/MissingMandatoryParameter|ParameterBindingException|NonInteractive/i);
    }, 120_000);
});
