/** A network region, which groups network sites [NETREGION-NEW, NETREGION-SET]. */
import type { NetworkRegion } from '../generated/ast.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { CallValue, KindHandler, TeamsCall } from './kind-handler.js';
import { str } from './read-rows.js';

export interface NetworkRegionResource { kind: 'network-region'; key: string; identity: string; description?: string }

export interface ObservedNetworkRegion { identity: string; description?: string }

/** The region's Teams identity: its `identity` clause (a region made outside the tool), else its name. */
export const networkRegionIdentity = (region: NetworkRegion): string => region.identity ?? region.name;

export function networkRegionFor(region: NetworkRegion): NetworkRegionResource {
    return { kind: 'network-region', key: region.name, identity: networkRegionIdentity(region), description: region.description };
}

const described = (r: NetworkRegionResource): Record<string, CallValue> => (r.description !== undefined ? { Description: r.description } : {});

const create = (r: NetworkRegionResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsTenantNetworkRegion', parameters: { NetworkRegionID: r.identity, ...described(r) }
});
const update = (r: NetworkRegionResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsTenantNetworkRegion', parameters: { Identity: r.identity, ...described(r) }
});

export const networkRegion: KindHandler<'network-region'> = {
    kind: 'network-region',
    label: 'network region',
    step: 'prerequisites',
    dependsOn: [],
    describe: r => `network region \`${r.identity}\` (New-CsTenantNetworkRegion)`,
    observed: (r, { snapshot }) => snapshot.networkRegions.find(n => same(n.identity, r.identity)),
    reads: [{
        field: 'networkRegions', from: { surface: 'teams', command: 'Get-CsTenantNetworkRegion' },
        rows: rows => rows.map(n => ({ identity: str(n.NetworkRegionID ?? n.Identity) ?? '', description: str(n.Description) }))
    }],
    commands: ['New-CsTenantNetworkRegion', 'Set-CsTenantNetworkRegion'],
    diff(r, { snapshot }) {
        const found = snapshot.networkRegions.find(n => same(n.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([['description', found.description, r.description]]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.networkRegions.map(n => n.identity), declared.map(r => r.identity)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.identity);
        return createOrUpdate({
            read: `Get-CsTenantNetworkRegion | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: r.description !== undefined ? [`[string]$current.Description -cne ${psString(r.description)}`] : [],
            update: [psCall(update(r))]
        });
    }
};
