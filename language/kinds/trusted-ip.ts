/**
 * A trusted IP address (the corporate network's public egress) [TRUSTIP-NEW, TRUSTIP-SET]:
 * Teams looks for a dynamic emergency location only for clients behind one [DYN-EMERG].
 * Named by its address; only the mask and the description change.
 */
import type { TrustedIp } from '../generated/ast.js';
import { createOrUpdate } from '../generator/script-blocks.js';
import { psInteger, psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { parseIpRange } from '../network-ids.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { CallValue, KindHandler, TeamsCall } from './kind-handler.js';
import { num, str } from './read-rows.js';

export interface TrustedIpResource { kind: 'trusted-ip'; key: string; ipAddress: string; maskBits: number; description?: string }

export interface ObservedTrustedIp { ipAddress: string; maskBits?: number; description?: string }

/** Without a prefix length, the whole address: 32 bits for IPv4, 128 for IPv6 [TRUSTIP-NEW]. */
export function trustedIpFor(ip: TrustedIp): TrustedIpResource {
    const range = parseIpRange(ip.ip);
    const ipAddress = range?.address ?? ip.ip;
    return {
        kind: 'trusted-ip', key: ipAddress.toLowerCase(), ipAddress,
        maskBits: range?.prefix ?? (range?.version === 6 ? 128 : 32), description: ip.description
    };
}

const described = (r: TrustedIpResource): Record<string, CallValue> => (r.description !== undefined ? { Description: r.description } : {});

const create = (r: TrustedIpResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsTenantTrustedIPAddress', parameters: { IPAddress: r.ipAddress, MaskBits: r.maskBits, ...described(r) }
});
const update = (r: TrustedIpResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsTenantTrustedIPAddress', parameters: { Identity: r.ipAddress, MaskBits: r.maskBits, ...described(r) }
});

export const trustedIp: KindHandler<'trusted-ip'> = {
    kind: 'trusted-ip',
    label: 'trusted IP address',
    step: 'prerequisites',
    dependsOn: [],
    describe: r => `trusted IP address \`${r.ipAddress}/${r.maskBits}\` (New-CsTenantTrustedIPAddress)`,
    observed: (r, { snapshot }) => snapshot.trustedIps.find(t => same(t.ipAddress, r.ipAddress)),
    reads: [{
        field: 'trustedIps', from: { surface: 'teams', command: 'Get-CsTenantTrustedIPAddress' },
        rows: rows => rows.map(t => ({ ipAddress: str(t.IPAddress ?? t.Identity) ?? '', maskBits: num(t.MaskBits), description: str(t.Description) }))
    }],
    commands: ['New-CsTenantTrustedIPAddress', 'Set-CsTenantTrustedIPAddress'],
    diff(r, { snapshot }) {
        const found = snapshot.trustedIps.find(t => same(t.ipAddress, r.ipAddress));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([['maskBits', found.maskBits, r.maskBits], ['description', found.description, r.description]]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.trustedIps.map(t => t.ipAddress), declared.map(r => r.key)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const ip = psString(r.ipAddress);
        return createOrUpdate({
            read: `@(Get-CsTenantTrustedIPAddress | Where-Object { $_.IPAddress -eq ${ip} -or $_.Identity -eq ${ip} }) | Select-Object -First 1`,
            target: ip, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [
                `$current.MaskBits -ne ${psInteger(r.maskBits)}`,
                ...(r.description !== undefined ? [`[string]$current.Description -cne ${psString(r.description)}`] : [])
            ],
            update: [psCall(update(r))]
        });
    }
};
