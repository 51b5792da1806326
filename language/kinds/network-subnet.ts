/**
 * An internal subnet of a network site [NETSUBNET-NEW, NETSUBNET-SET]: named by its network
 * address, with its prefix length as -MaskBits. A subnet belongs to one site.
 */
import type { NetworkSite } from '../generated/ast.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psInteger, psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { parseIpRange } from '../network-ids.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { networkSiteIdentity } from './network-site.js';
import { num, str } from './read-rows.js';

export interface NetworkSubnetResource { kind: 'network-subnet'; key: string; subnetId: string; maskBits: number; site: string }

export interface ObservedNetworkSubnet { subnetId: string; maskBits?: number; site?: string }

/** A site's subnets, as the validator requires them: "10.1.0.0/16". */
export function networkSubnetsFor(site: NetworkSite): NetworkSubnetResource[] {
    return site.subnets.flatMap(text => {
        const range = parseIpRange(text);
        if (!range || range.prefix === undefined) return [];
        return [{ kind: 'network-subnet', key: range.address.toLowerCase(), subnetId: range.address, maskBits: range.prefix, site: networkSiteIdentity(site) }];
    });
}

const create = (r: NetworkSubnetResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsTenantNetworkSubnet', parameters: { SubnetID: r.subnetId, MaskBits: r.maskBits, NetworkSiteID: r.site }
});
const update = (r: NetworkSubnetResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsTenantNetworkSubnet', parameters: { Identity: r.subnetId, MaskBits: r.maskBits, NetworkSiteID: r.site }
});

export const networkSubnet: KindHandler<'network-subnet'> = {
    kind: 'network-subnet',
    label: 'network subnet',
    step: 'prerequisites',
    dependsOn: ['network-site'],
    describe: r => `network subnet \`${r.subnetId}/${r.maskBits}\` of site \`${r.site}\` (New-CsTenantNetworkSubnet)`,
    observed: (r, { snapshot }) => snapshot.networkSubnets.find(s => same(s.subnetId, r.subnetId)),
    reads: [{
        field: 'networkSubnets', from: { surface: 'teams', command: 'Get-CsTenantNetworkSubnet' },
        rows: rows => rows.map(s => ({ subnetId: str(s.SubnetID ?? s.Identity) ?? '', maskBits: num(s.MaskBits), site: str(s.NetworkSiteID) }))
    }],
    commands: ['New-CsTenantNetworkSubnet', 'Set-CsTenantNetworkSubnet'],
    diff(r, { snapshot }) {
        const found = snapshot.networkSubnets.find(s => same(s.subnetId, r.subnetId));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([['maskBits', found.maskBits, r.maskBits], ['site', found.site, r.site, 'ignoreCase']]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.networkSubnets.map(s => s.subnetId), declared.map(r => r.key)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.subnetId);
        return createOrUpdate({
            read: `@(Get-CsTenantNetworkSubnet | Where-Object { $_.SubnetID -eq ${id} -or $_.Identity -eq ${id} }) | Select-Object -First 1`,
            target: id, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [`$current.MaskBits -ne ${psInteger(r.maskBits)}`, `-not (Test-VoiceIdentity $current.NetworkSiteID ${psString(r.site)})`],
            update: [psCall(update(r))]
        });
    }
};
