/** The Direct Routing SBC (PSTN gateway) [GW-NEW]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psInteger, psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Trunk } from '../generated/ast.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { num, str } from './read-rows.js';

export interface GatewayResource {
    kind: 'gateway'; key: string; fqdn: string; port: number; enabled: true;
    /** The SBC receives the caller's location (PIDF-LO) [GW-NEW]: as the trunk's `pidf-lo` says; not managed when it says nothing. */
    pidfLoSupported?: boolean;
}

export interface ObservedGateway { fqdn: string; port: number; enabled: boolean; pidfLoSupported?: boolean }

/** A trunk's SBC; Teams keys gateways by FQDN regardless of case. */
export function gatewayFor(trunk: Trunk): GatewayResource {
    const fqdn = (trunk.fqdn ?? '').toLowerCase();
    return {
        kind: 'gateway', key: fqdn, fqdn, port: trunk.port ?? 5061, enabled: true,
        ...(trunk.pidfLo !== undefined ? { pidfLoSupported: trunk.pidfLo === 'on' } : {})
    };
}

const settings = (r: GatewayResource) => ({
    SipSignalingPort: r.port, Enabled: r.enabled, ...(r.pidfLoSupported !== undefined ? { PidfLoSupported: r.pidfLoSupported } : {})
});

const create = (r: GatewayResource): TeamsCall => ({ surface: 'teams', command: 'New-CsOnlinePSTNGateway', parameters: { Fqdn: r.fqdn, ...settings(r) } });
const update = (r: GatewayResource): TeamsCall => ({ surface: 'teams', command: 'Set-CsOnlinePSTNGateway', parameters: { Identity: r.fqdn, ...settings(r) } });

export const gateway: KindHandler<'gateway'> = {
    kind: 'gateway',
    label: 'PSTN gateway',
    step: 'prerequisites',
    dependsOn: [],
    describe: r => `PSTN gateway \`${r.fqdn}:${r.port}\` (New-CsOnlinePSTNGateway)`,
    observed: (r, { snapshot }) => snapshot.gateways.find(g => same(g.fqdn, r.fqdn)),
    reads: [{
        field: 'gateways', from: { surface: 'teams', command: 'Get-CsOnlinePSTNGateway' },
        rows: rows => rows.map(g => ({
            fqdn: str(g.Fqdn ?? g.Identity) ?? '', port: num(g.SipSignalingPort) ?? 0, enabled: g.Enabled === true, pidfLoSupported: g.PidfLoSupported === true
        }))
    }],
    commands: ['New-CsOnlinePSTNGateway', 'Set-CsOnlinePSTNGateway'],
    diff(r, { snapshot }) {
        const found = snapshot.gateways.find(g => same(g.fqdn, r.fqdn));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['port', found.port, r.port], ['enabled', found.enabled, r.enabled], ['pidfLoSupported', found.pidfLoSupported ?? false, r.pidfLoSupported]
        ]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.gateways.map(g => g.fqdn), declared.map(r => r.key)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const fqdn = psString(r.fqdn);
        return createOrUpdate({
            read: `Get-CsOnlinePSTNGateway | Select-VoiceIdentity -Name ${fqdn}`, target: fqdn, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [
                `$current.SipSignalingPort -ne ${psInteger(r.port)}`, '$current.Enabled -ne $true',
                ...(r.pidfLoSupported !== undefined ? [`$current.PidfLoSupported -ne $${r.pidfLoSupported}`] : [])
            ],
            update: [psCall(update(r))]
        });
    }
};
