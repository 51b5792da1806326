/**
 * The setup-wide rules of emergency calling that is right (docs/emergency.md): which location
 * a covered group's calls carry (dynamic, else the shared number's [NEW-SCRP; SC-SETUP]),
 * network identifiers declared twice, and the carrier-database reminder outside North America.
 */
import type { Address, Assignment, EmergencyLocation, Grant, Group, PhoneNumber } from './generated/ast.js';
import { isEmergencyLocation, isNetworkSite, isTrustedIp } from './generated/ast.js';
import { IssueCodes } from './issue-codes.js';
import { canonicalMac, parseIpRange } from './network-ids.js';
import { canonicalNumber } from './phone-numbers.js';
import type { SetupContext } from './setup-context.js';
import type { FindingTarget, SetupFinding } from './setup-findings.js';
import { conflicts, placeOf, RuleSet } from './setup-findings.js';

export function emergencyLocationFindings(context: SetupContext): SetupFinding[] {
    return new EmergencyLocationRules(context).run();
}

class EmergencyLocationRules extends RuleSet {
    constructor(private readonly context: SetupContext) {
        super();
    }

    run(): SetupFinding[] {
        this.networkIdentifiers();
        this.emergencyLocations();
        this.carrierAddresses();
        return this.findings;
    }

    /**
     * One network identifier is one tenant object: a trusted IP is named by its address
     * [TRUSTIP-SET], a subnet belongs to one site [NETSUBNET-NEW], and a LIS subnet, access
     * point, switch or port maps to one location [LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET,
     * LISPORT-SET]. Declared twice, one declaration would silently win.
     */
    private networkIdentifiers(): void {
        interface Entry extends FindingTarget { key: string; what: string; owner: string }
        const entries: Entry[] = [];
        const ip = (text: string) => (parseIpRange(text)?.address ?? text).toLowerCase();
        for (const node of this.context.network) {
            if (isTrustedIp(node) && node.ip) entries.push({ node, property: 'ip', key: `trusted|${ip(node.ip)}`, what: `Trusted IP ${ip(node.ip)}`, owner: node.name });
            if (isNetworkSite(node)) {
                node.subnets.forEach((subnet, index) => entries.push({ node, property: 'subnets', index, key: `site|${ip(subnet)}`, what: `Subnet ${ip(subnet)}`, owner: `network site '${node.name}'` }));
            }
            if (isEmergencyLocation(node)) {
                const owner = `emergency location '${node.name}'`;
                node.subnets.forEach((subnet, index) => entries.push({ node, property: 'subnets', index, key: `lis|${ip(subnet)}`, what: `Subnet ${ip(subnet)}`, owner }));
                node.accessPoints.forEach((bssid, index) => entries.push({ node, property: 'accessPoints', index, key: `wap|${canonicalMac(bssid)}`, what: `Access point ${bssid}`, owner }));
                node.switches.forEach((chassis, index) => entries.push({ node, property: 'switches', index, key: `switch|${canonicalMac(chassis)}`, what: `Switch ${chassis}`, owner }));
                node.ports.forEach((port, index) => entries.push({
                    node, property: 'ports', index, key: `port|${canonicalMac(port.chassis ?? '')}|${(port.port ?? '').toLowerCase()}`, what: `Port ${port.port} of switch ${port.chassis}`, owner
                }));
            }
        }
        for (const members of conflicts(entries, e => e.key)) {
            for (const e of members) {
                const others = members.filter(m => m !== e);
                this.report(IssueCodes.DuplicateName,
                    `${e.what} is also declared by ${others.map(o => `${o.owner} (${placeOf(o.node)})`).join(', ')}; it is one object in Teams: declare it once.`,
                    { node: e.node, property: e.property, index: e.index }, undefined,
                    others.map(o => ({ node: o.node, property: o.property, index: o.index, message: 'the same network identifier' })));
            }
        }
    }

    /** Each group's first grant, built once: a scan per coverage would be quadratic in stores. */
    private grantOf?: Map<Group, Grant>;

    /** The policy's resource-account number of each covered group: where its calls come from without a dynamic location. */
    private sharedNumberOf(group: Group): { grant: Grant; number: PhoneNumber } | undefined {
        if (!this.grantOf) {
            this.grantOf = new Map();
            for (const g of this.context.grants) {
                const granted = g.group?.ref;
                if (granted && !this.grantOf.has(granted)) this.grantOf.set(granted, g);
            }
        }
        const grant = this.grantOf.get(group);
        const account = grant?.policy?.ref?.account?.ref;
        const number = account ? this.context.assignmentsOf(account)[0]?.number?.ref : undefined;
        return grant && number ? { grant, number } : undefined;
    }

    /**
     * A Shared Calling user's emergency call carries the client's dynamic location, else the
     * static location of the shared number [NEW-SCRP; SC-SETUP "Emergency location"]. Where
     * the members work elsewhere and nothing dynamic covers that address, say which address
     * their calls will carry.
     */
    private emergencyLocations(): void {
        const network = this.context.network;
        const trusted = network.some(isTrustedIp);
        const dynamic = new Map<Address, EmergencyLocation[]>();
        for (const location of network.filter(isEmergencyLocation)) {
            const address = location.address?.ref;
            if (address && findsClients(location)) dynamic.set(address, [...(dynamic.get(address) ?? []), location]);
        }
        for (const coverage of this.context.coverages) {
            const group = coverage.group?.ref;
            const worksAt = coverage.address?.ref;
            const shared = group ? this.sharedNumberOf(group) : undefined;
            const numberAddress = shared?.number.address?.ref;
            if (!group || !worksAt || !shared || !numberAddress || numberAddress === worksAt) continue;
            const locations = dynamic.get(worksAt) ?? [];
            if (locations.length > 0 && trusted) continue;
            const carried = `their emergency calls carry the location of the shared number ${shared.number.value} ('${shared.number.name}'): ${addressText(numberAddress)}`;
            const message = locations.length > 0
                ? `'${group.name}' work at ${worksAt.name}, which emergency location ${locations.map(l => `'${l.name}'`).join(', ')} maps, but no trusted-ip is declared: ` +
                  `Teams looks for a dynamic location only behind a trusted public IP, so ${carried}. Add 'trusted-ip <name> "<public IP>"'.`
                : `'${group.name}' work at ${worksAt.name}, but no emergency location maps it, so ${carried}. ` +
                  `Add an 'emergency-location' at ${worksAt.name} with the store's subnets or access points${trusted ? '' : ', and a trusted-ip for its public address'}.`;
            this.report(IssueCodes.EmergencyLocationMismatch, message, { node: coverage, property: 'address' }, undefined, [
                { node: shared.number, property: 'address', message: `the shared number's location: ${numberAddress.name}` },
                ...locations.map(l => ({ node: l, property: 'name', message: 'maps the address, but without a trusted IP' }))
            ]);
        }
    }

    /**
     * Outside North America, the addresses of the resource accounts' numbers must be uploaded
     * to the carrier's emergency calling database [SC-SETUP]; Teams does not do it.
     */
    private carrierAddresses(): void {
        const reported = new Set<Assignment>();
        for (const policy of this.context.policies) {
            const account = policy.account?.ref;
            const assignment = account ? this.context.assignmentsOf(account)[0] : undefined;
            const number = assignment?.number?.ref;
            if (!assignment || !number || reported.has(assignment)) continue;
            const canonical = canonicalNumber(number.value);
            // +1 is the North American Numbering Plan.
            if (!canonical || canonical.startsWith('+1')) continue;
            reported.add(assignment);
            const address = number.address?.ref;
            this.report(IssueCodes.CarrierEmergencyAddress,
                `${number.value} is outside North America: ask the carrier to upload ${address ? `its address, ${addressText(address)},` : 'its emergency address'} ` +
                `to their emergency calling database: it is the location that Shared Calling users' emergency calls carry when Teams finds no dynamic one.`,
                { node: assignment, property: 'number' });
        }
    }
}

/** "SeattleStore (1 Pike St, Seattle WA 98101, US)": an address as a message names it. */
function addressText(address: Address): string {
    const street = [address.houseNumber, address.street].filter(Boolean).join(' ');
    const city = [address.city, address.region, address.postalCode].filter(Boolean).join(' ');
    const parts = [street, city, address.country].filter(Boolean).join(', ');
    return parts ? `${address.name} (${parts})` : address.name;
}

/** An emergency location that can put a client somewhere: it names at least one network identifier. */
function findsClients(location: EmergencyLocation): boolean {
    return location.subnets.length + location.accessPoints.length + location.switches.length + location.ports.length > 0;
}
