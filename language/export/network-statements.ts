/**
 * The prerequisites of an export as `.voice` statements: civic addresses, trunks and the
 * dynamic emergency locations (network.voice). Each writes back exactly the fields the kind
 * modules compare (language/kinds/), so a plan of the export finds them unchanged.
 */
import { toolAddressDescription } from '../kinds/civic-address.js';
import type { ExportedAddress, ExportedLocation, ExportedRegion, ExportedSite, ExportedTrunk, ExportedTrustedIp } from './model.js';
import { block, statement, voiceNumber, voiceString, type ExportedStatement } from './text.js';

/** A route pattern the trunk statement need not write: outboundRouteFor's default. */
const DEFAULT_PATTERN = '^\\+?\\d+$';

const text = (value: string | undefined) => (value === undefined ? undefined : voiceString(value));

/** An `identity` clause's value, where the Teams identity is not the one the name gives. */
export const identityUnless = (identity: string, fromName: string): string | undefined => (identity === fromName ? undefined : voiceString(identity));

export function tenantStatement(domain: string, domains: readonly string[]): ExportedStatement {
    return statement(['The tenant (from --tenant) and the domains of its resource accounts.'],
        [`tenant ${voiceString(domain)}${domains.length > 0 ? ` domains ${domains.map(voiceString).join(', ')}` : ''}`]);
}

export function addressStatement({ name, address: a }: ExportedAddress): ExportedStatement {
    const geo = a.latitude !== undefined && a.longitude !== undefined ? `${voiceNumber(a.latitude)}, ${voiceNumber(a.longitude)}` : undefined;
    return statement([`Teams: civic address ${a.civicAddressId} (Description ${a.description})`], block(`address ${name}`, [
        ['company', text(a.companyName)], ['house-number', text(a.houseNumber)], ['street', text(a.streetName)], ['city', text(a.city)],
        ['region', text(a.stateOrProvince)], ['postal-code', text(a.postalCode)], ['country', a.countryOrRegion], ['geo', geo], ['elin', text(a.elin)],
        ['identity', identityUnless(a.description ?? '', toolAddressDescription(name))]
    ]));
}

/** A trunk; routing under other names than its name gives is adopted with `outbound-route`, `emergency-route`, `routing-policy`. */
export function trunkStatement(t: ExportedTrunk): ExportedStatement {
    const fqdn = t.route.gateways[0] ?? '';
    const port = t.gateway ? ` port ${t.gateway.port}` : '';
    const parts = [`PSTN gateway ${fqdn}`, `PSTN usage ${t.usage}`, `voice route ${t.route.identity}`];
    if (t.emergencyRoute) parts.push(`emergency route ${t.emergencyRoute.identity}`);
    if (t.accountPolicy) parts.push(`voice routing policy ${t.accountPolicy.identity}`);
    return statement([`Teams: ${parts.join(', ')}`], block(`trunk ${t.name}`, [
        ['sbc', `${voiceString(fqdn)}${port}`], ['usage', voiceString(t.usage)],
        ['pattern', t.route.numberPattern === DEFAULT_PATTERN ? undefined : voiceString(t.route.numberPattern)],
        ['pidf-lo', t.gateway ? (t.gateway.pidfLoSupported ? 'on' : 'off') : undefined],
        ['outbound-route', identityUnless(t.route.identity, `${t.name}-Outbound`)],
        ['emergency-route', t.emergencyRoute ? identityUnless(t.emergencyRoute.identity, `${t.name}-Emergency`) : undefined],
        ['routing-policy', t.accountPolicy ? identityUnless(t.accountPolicy.identity, `SharedCalling-${t.name}`) : undefined]
    ]));
}

export function trustedIpStatement({ name, ip }: ExportedTrustedIp): ExportedStatement {
    const range = ip.maskBits !== undefined ? `${ip.ipAddress}/${ip.maskBits}` : ip.ipAddress;
    const description = ip.description !== undefined ? ` description ${voiceString(ip.description)}` : '';
    return statement([`Teams: trusted IP address ${ip.ipAddress}`], [`trusted-ip ${name} ${voiceString(range)}${description}`]);
}

export function regionStatement({ name, region }: ExportedRegion): ExportedStatement {
    const description = region.description !== undefined ? ` description ${voiceString(region.description)}` : '';
    const identity = identityUnless(region.identity, name);
    return statement([`Teams: network region ${region.identity}`], [`network-region ${name}${identity ? ` identity ${identity}` : ''}${description}`]);
}

export function siteStatement({ name, site, region, subnets }: ExportedSite): ExportedStatement {
    const ranges = subnets.map(s => voiceString(s.maskBits !== undefined ? `${s.subnetId}/${s.maskBits}` : s.subnetId));
    return statement([`Teams: network site ${site.identity}${subnets.length > 0 ? ` and its ${subnets.length} subnet(s)` : ''}`], block(`network-site ${name}`, [
        ['region', region], ['subnet', ranges.length > 0 ? ranges.join(', ') : undefined], ['description', text(site.description)],
        ['identity', identityUnless(site.identity, name)]
    ]));
}

export function locationStatement(l: ExportedLocation): ExportedStatement {
    const list = (values: string[]) => (values.length > 0 ? values.join(', ') : undefined);
    const count = l.subnets.length + l.accessPoints.length + l.switches.length + l.ports.length;
    return statement([`Teams: ${count} LIS entr${count === 1 ? 'y' : 'ies'} at ${l.place !== undefined ? `place "${l.place}" of ` : ''}${l.address}`],
        block(`emergency-location ${l.name}`, [
            ['address', l.address], ['place', text(l.place)],
            ['subnet', list(l.subnets.map(s => voiceString(s.id)))],
            ['access-point', list(l.accessPoints.map(s => voiceString(s.id)))],
            ['switch', list(l.switches.map(s => voiceString(s.id)))],
            ['switch-port', list(l.ports.map(s => `${voiceString(s.id)} ${voiceString(s.port ?? '')}`))],
            ['description', text(l.description)]
        ]));
}
