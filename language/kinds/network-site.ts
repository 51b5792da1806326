/**
 * A network site in a region [NETSITE-NEW, NETSITE-SET]. Its subnets are their own kind
 * (network-subnet), since Teams names and changes each subnet on its own.
 */
import type { NetworkSite } from '../generated/ast.js';
import { networkRegionIdentity } from './network-region.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { str } from './read-rows.js';

export interface NetworkSiteResource { kind: 'network-site'; key: string; identity: string; region?: string; description?: string }

export interface ObservedNetworkSite { identity: string; region?: string; description?: string }

/** The site's Teams identity: its `identity` clause (a site made outside the tool), else its name. */
export const networkSiteIdentity = (site: NetworkSite): string => site.identity ?? site.name;

export function networkSiteFor(site: NetworkSite): NetworkSiteResource {
    const region = site.region?.ref;
    return {
        kind: 'network-site', key: site.name, identity: networkSiteIdentity(site), region: region && networkRegionIdentity(region), description: site.description
    };
}

const settings = (r: NetworkSiteResource) => ({
    ...(r.region !== undefined ? { NetworkRegionID: r.region } : {}), ...(r.description !== undefined ? { Description: r.description } : {})
});

const create = (r: NetworkSiteResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsTenantNetworkSite', parameters: { NetworkSiteID: r.identity, ...settings(r) }
});
const update = (r: NetworkSiteResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsTenantNetworkSite', parameters: { Identity: r.identity, ...settings(r) }
});

export const networkSite: KindHandler<'network-site'> = {
    kind: 'network-site',
    label: 'network site',
    step: 'prerequisites',
    dependsOn: ['network-region'],
    describe: r => `network site \`${r.identity}\`${r.region ? ` in region \`${r.region}\`` : ''} (New-CsTenantNetworkSite)`,
    observed: (r, { snapshot }) => snapshot.networkSites.find(s => same(s.identity, r.identity)),
    reads: [{
        field: 'networkSites', from: { surface: 'teams', command: 'Get-CsTenantNetworkSite' },
        rows: rows => rows.map(s => ({ identity: str(s.NetworkSiteID ?? s.Identity) ?? '', region: str(s.NetworkRegionID), description: str(s.Description) }))
    }],
    commands: ['New-CsTenantNetworkSite', 'Set-CsTenantNetworkSite'],
    diff(r, { snapshot }) {
        const found = snapshot.networkSites.find(s => same(s.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([['region', found.region, r.region, 'ignoreCase'], ['description', found.description, r.description]]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.networkSites.map(s => s.identity), declared.map(r => r.identity)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.identity);
        return createOrUpdate({
            read: `Get-CsTenantNetworkSite | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [
                ...(r.region !== undefined ? [`-not (Test-VoiceIdentity $current.NetworkRegionID ${psString(r.region)})`] : []),
                ...(r.description !== undefined ? [`[string]$current.Description -cne ${psString(r.description)}`] : [])
            ],
            update: [psCall(update(r))]
        });
    }
};
