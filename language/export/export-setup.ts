/**
 * `voice export`: a TenantSnapshot (the same bulk reads as plan) as `.voice` files. Pure: the
 * CLI reads the tenant, formats the text with the editor's formatter, checks and writes it.
 *
 * It reverses language/plan/desired-setup.ts: a statement is written when the tenant holds
 * the object it declares under the name the plan looks for (a trunk for each route
 * `<Trunk>-Outbound`, an address for each Description `voice:<Name>`, a group's coverage for
 * each `SharedCalling-Emergency-<Group>`), so that a plan of the export finds every object
 * unchanged. Objects under other Teams names (a policy `Retail-Stores`, an address with any
 * other Description) get a derived name and an `identity` clause with their Teams identity.
 * Values are written as the tenant has them, valid or not: the checker, not the
 * export, says what is wrong. What cannot be written is listed at the end of network.voice.
 */
import { toolAddressDescription, toolAddressName } from '../kinds/civic-address.js';
import { describedLocation } from '../kinds/emergency-call-routing-policy.js';
import { autoAttendantsNamed, type ObservedAutoAttendant } from '../kinds/auto-attendant.js';
import { ALWAYS_OPEN, holidaysText } from '../kinds/auto-attendant-schedule.js';
import { same } from '../kinds/compare.js';
import type { ObservedApplicationInstance, ObservedCivicAddress, ObservedLisNetworkId, TenantSnapshot } from '../plan/snapshot.js';
import type {
    ExportedAccount, ExportedAddress, ExportedCoverage, ExportedGroup, ExportedLocation, ExportedNotification, ExportedNumber, ExportedPolicy, ExportedRegion,
    ExportedSite, ExportedTrunk, ExportedTrustedIp, LeftOut
} from './model.js';
import { isVoiceName, NameBook, nameFrom } from './names.js';
import {
    addressStatement, locationStatement, regionStatement, siteStatement, tenantStatement, trunkStatement, trustedIpStatement
} from './network-statements.js';
import {
    accountStatement, assignStatements, autoAttendantStatement, coverageStatement, grantStatement, groupStatement, notificationStatement, numberStatement,
    policyStatement
} from './shared-calling-statements.js';
import { renderStatements, statement, voiceString, type ExportedStatement } from './text.js';
import { byText, TenantView } from './tenant-view.js';
import { findTrunkRouting, type TrunkRouting } from './trunk-routing.js';

export type ExportScope = 'shared-calling' | 'all-voice';
export const EXPORT_SCOPES: readonly ExportScope[] = ['shared-calling', 'all-voice'];

export interface ExportOptions {
    scope: ExportScope;
    /** The tenant's domain, for a `tenant` statement (none for the emulator or a tenant id). */
    tenantDomain?: string;
    /** Named in each file's first line. */
    source: string;
}

export interface ExportFile { name: string; text: string }

export interface ExportResult {
    /** network.voice first, then one file per shared calling policy (policies that share an account or number share a file). */
    files: ExportFile[];
    leftOut: LeftOut[];
}

export const NETWORK_FILE = 'network.voice';
const ACCOUNTS_FILE = 'accounts.voice';

export function exportSetup(snapshot: TenantSnapshot, options: ExportOptions): ExportResult {
    return new Exporter(new TenantView(snapshot), options).run();
}

class Exporter {
    private readonly names = new NameBook();
    /** Covered group names claimed before any group is named (reserveCoveredGroups). */
    private readonly reserved = new Set<string>();
    private readonly leftOut: LeftOut[] = [];
    private readonly addresses = new Map<string, ExportedAddress>();
    private readonly trunks = new Map<string, ExportedTrunk>();
    /** The tenant's routing, trunk by trunk, before the trunks are named. */
    private routing: TrunkRouting[] = [];
    private readonly accounts = new Map<string, ExportedAccount>();
    private readonly numbers = new Map<string, ExportedNumber>();
    private readonly groups = new Map<string, ExportedGroup>();
    private readonly notifications = new Map<string, ExportedNotification>();
    /** Auto attendants written as `auto-attendant` (by lowercase id), with the account they answer there. */
    private readonly writtenAttendants = new Map<string, string>();
    private policies: ExportedPolicy[] = [];
    private trustedIps: ExportedTrustedIp[] = [];
    private regions: ExportedRegion[] = [];
    private sites: ExportedSite[] = [];
    private locations: ExportedLocation[] = [];

    constructor(private readonly view: TenantView, private readonly options: ExportOptions) {}

    run(): ExportResult {
        const all = this.options.scope === 'all-voice';
        // Names the tenant fixes come first, so a free name never takes one of them: tool-made addresses,
        // trunks and covered groups, which no `identity` clause can rename. Objects whose Teams identity is
        // a .voice name then get it when free; the others (and those whose name is taken) a derived name
        // and an `identity` clause.
        this.findAddresses();
        this.findTrunks();
        this.reserveCoveredGroups();
        this.adoptTrunks();
        this.findNetwork();
        const policies = this.findPolicies();
        this.adoptAddresses();
        this.findCoverage(policies);
        this.findNotifications();
        // Free names, each kind in the order of its Teams identity.
        const accounts = this.accountsInScope(policies, all);
        for (const instance of accounts) this.addAccount(instance);
        for (const policy of policies) this.linkPolicy(policy);
        this.findLocations();
        this.nameGroups();
        this.policies = policies;
        return this.write(all);
    }

    private skip(object: string, reason: string): void {
        this.leftOut.push({ object, reason });
    }

    private claim(name: string, object: string): string {
        if (!this.names.claim(name)) this.skip(object, `its name ${name} is taken by another exported object (the export keeps it: duplicate-name)`);
        return name;
    }

    private findAddresses(): void {
        for (const address of this.view.addresses()) {
            const fixed = this.view.addressName(address);
            if ('name' in fixed) this.addresses.set(address.civicAddressId.toLowerCase(), { name: this.claim(fixed.name, `civic address ${address.civicAddressId}`), address });
        }
    }

    /** Addresses made outside the tool, adopted by their Description (`identity`): a derived name. */
    private adoptAddresses(): void {
        for (const address of this.view.addresses()) {
            const fixed = this.view.addressName(address);
            if (!('adopt' in fixed)) {
                if ('problem' in fixed) this.skip(`civic address ${address.civicAddressId}${describeAddress(address)}`, fixed.problem);
                continue;
            }
            const wanted = nameFrom(toolAddressName(fixed.adopt) ?? fixed.adopt, 'Address');
            this.addresses.set(address.civicAddressId.toLowerCase(), { name: this.names.unique(wanted), address });
        }
    }

    /** A name for an object whose Teams identity is this: the identity itself when it is a free .voice name, else a derived one. */
    private adopted(identity: string, fallback: string): string {
        return this.names.unique(isVoiceName(identity) ? identity : nameFrom(identity, fallback));
    }

    /** The names `SharedCalling-Emergency-<Group>` policies give their groups, kept for the groups (findCoverage). */
    private reserveCoveredGroups(): void {
        for (const policy of [...this.view.snapshot.emergencyRoutingPolicies].sort(byText(p => p.identity.toLowerCase()))) {
            const name = this.view.coveredGroupName(policy);
            if (!name || !this.names.claim(name)) continue;
            this.reserved.add(name.toLowerCase());
        }
    }

    /**
     * Trunks whose names the tool's routing names fix (`<Trunk>-Outbound`, which no clause renames, then
     * `SharedCalling-<Trunk>` or `<Trunk>-Emergency`); the others are named in adoptTrunks.
     */
    private findTrunks(): void {
        const { trunks, leftOut } = findTrunkRouting(this.view);
        this.leftOut.push(...leftOut);
        this.routing = trunks;
        for (const routing of trunks) {
            if (!routing.fixed) continue;
            const { fixed, byRoute, ...trunk } = routing;
            // The route's own name is kept even when taken (duplicate-name); another fixed name gives way to a derived one.
            if (byRoute) this.addTrunk(this.claim(fixed, `voice route ${trunk.route.identity}`), trunk);
            else if (this.names.claim(fixed)) this.addTrunk(fixed, trunk);
        }
        const used = new Set(trunks.map(t => t.route.gateways[0]!.toLowerCase()));
        for (const gateway of this.view.snapshot.gateways) {
            if (!used.has(gateway.fqdn.toLowerCase())) this.skip(`PSTN gateway ${gateway.fqdn}`, 'no voice route with it as its one gateway and one usage routes through it, so no trunk declares it');
        }
    }

    /** Trunks adopted by their routes' Teams identities: a name derived from the outbound route's. */
    private adoptTrunks(): void {
        for (const { fixed: _fixed, byRoute: _byRoute, ...trunk } of this.routing) {
            if ([...this.trunks.values()].some(t => t.route === trunk.route)) continue;
            this.addTrunk(this.adopted(trunk.route.identity, 'Trunk'), trunk);
        }
    }

    private addTrunk(name: string, trunk: Omit<ExportedTrunk, 'name'>): void {
        this.trunks.set(name.toLowerCase(), { name, ...trunk });
    }

    private trunkByUsage(usage: string | undefined): ExportedTrunk | undefined {
        return usage ? [...this.trunks.values()].find(t => same(t.usage, usage)) : undefined;
    }

    private findNetwork(): void {
        const { snapshot } = this.view;
        for (const region of [...snapshot.networkRegions].sort(byText(r => r.identity.toLowerCase()))) {
            this.regions.push({ name: this.adopted(region.identity, 'Region'), region });
        }
        for (const site of [...snapshot.networkSites].sort(byText(s => s.identity.toLowerCase()))) {
            const region = site.region ? this.regions.find(r => same(r.region.identity, site.region))?.name ?? site.region : undefined;
            const subnets = snapshot.networkSubnets.filter(s => same(s.site, site.identity)).sort(byText(s => s.subnetId.toLowerCase()));
            this.sites.push({ name: this.adopted(site.identity, 'Site'), site, region, subnets });
        }
        for (const subnet of snapshot.networkSubnets) {
            if (!this.sites.some(s => same(s.site.identity, subnet.site))) this.skip(`network subnet ${subnet.subnetId}`, 'it belongs to no exported network site');
        }
    }

    private findPolicies(): ExportedPolicy[] {
        return this.view.sharedCallingPolicies().map(policy => ({ name: this.adopted(policy.identity, 'Policy'), policy, callbacks: [], grants: [] }));
    }

    /** The grants of the exported policies, and the coverage each granted group's members hold (which fixes the group's name). */
    private findCoverage(policies: ExportedPolicy[]): void {
        const { snapshot } = this.view;
        const assignments = snapshot.groupAssignments.filter(a => a.policyType === 'TeamsSharedCallingRoutingPolicy')
            .sort((a, b) => a.rank - b.rank || byText<typeof a>(x => x.groupId.toLowerCase())(a, b));
        const linked = new Set<string>();
        for (const assignment of assignments) {
            const policy = policies.find(p => same(p.policy.identity, assignment.policyName));
            if (!policy) continue;
            const group = this.groupFor(assignment.groupId);
            policy.grants.push({ group, rank: assignment.rank });
            const emergency = this.view.emergencyPolicyOfMembers(group.id);
            if (emergency && !this.view.coveredGroupName(emergency) && linked.has(emergency.identity.toLowerCase())) {
                this.skip(`emergency coverage of group ${group.id}`, `its members hold ${emergency.identity}, which an earlier group's coverage adopts: the language gives each group its own emergency call routing policy`);
            } else if (emergency) {
                linked.add(emergency.identity.toLowerCase());
                group.coverage = this.coverage(emergency, policy, group);
            }
        }
        // A group without members shows no policy: its coverage is the policy named after it, found by the
        // group's display name (its derived name, else the one policy whose name's words are all in it).
        const unlinked = () => snapshot.emergencyRoutingPolicies.filter(p => !linked.has(p.identity.toLowerCase()) && this.view.coveredGroupName(p));
        const open = [...this.groups.values()].filter(g => !g.coverage && g.group).sort(byText(g => g.id.toLowerCase()));
        for (const match of [sameName, wordsOf] as const) {
            for (const group of open.filter(g => !g.coverage)) {
                const candidates = unlinked().filter(p => match(this.view.coveredGroupName(p)!, group.group!.displayName));
                const rivals = candidates.length === 1 ? open.filter(g => !g.coverage && match(this.view.coveredGroupName(candidates[0]!)!, g.group!.displayName)) : [];
                if (candidates.length !== 1 || rivals.length !== 1) continue;
                linked.add(candidates[0]!.identity.toLowerCase());
                group.coverage = this.coverage(candidates[0]!, policies.find(p => p.grants.some(g => g.group === group))!, group);
            }
        }
        for (const policy of snapshot.emergencyRoutingPolicies) {
            if (this.view.coveredGroupName(policy) && !linked.has(policy.identity.toLowerCase())) {
                this.skip(`emergency call routing policy ${policy.identity}`, 'no exported group (granted a shared calling policy) holds it');
            }
        }
    }

    /** The emergency calling policy each covered group is granted (its `notify`), under its Teams name. */
    private findNotifications(): void {
        const { snapshot } = this.view;
        for (const group of [...this.groups.values()].filter(g => g.coverage).sort(byText(g => g.id.toLowerCase()))) {
            const grant = snapshot.groupAssignments.find(a => same(a.groupId, group.id) && a.policyType === 'TeamsEmergencyCallingPolicy');
            const policy = grant && snapshot.emergencyCallingPolicies.find(p => same(p.identity, grant.policyName));
            if (!grant || !policy) continue;
            const key = policy.identity.toLowerCase();
            if (!this.notifications.has(key)) this.notifications.set(key, { name: this.adopted(policy.identity, 'EmergencyCallingPolicy'), policy });
            group.coverage!.notify = this.notifications.get(key)!.name;
        }
    }

    private groupFor(groupId: string): ExportedGroup {
        const key = groupId.toLowerCase();
        let group = this.groups.get(key);
        if (!group) {
            const observed = this.view.index.group(groupId);
            group = { name: '', id: observed?.id ?? groupId, group: observed, byId: !observed || this.view.ambiguous(observed) };
            this.groups.set(key, group);
        }
        return group;
    }

    private coverage(policy: ExportedCoverage['policy'], granted: ExportedPolicy, group: ExportedGroup): ExportedCoverage | undefined {
        const fixed = this.view.coveredGroupName(policy);
        // Reserved for it (reserveCoveredGroups); a second group holding one policy would be a duplicate.
        // A policy of another name is adopted (`identity`), and the group named from its display name (nameGroups).
        if (fixed === undefined) group.name = '';
        else if (this.reserved.delete(fixed.toLowerCase())) group.name = fixed;
        else group.name = this.claim(fixed, `group ${group.id}`);
        const described = describedLocation(policy.description);
        const address = described && [...this.addresses.values()]
            .find(a => same(a.address.description, 'name' in described ? toolAddressDescription(described.name) : described.identity))?.name;
        const usage = policy.emergencyNumbers.find(n => n.usage)?.usage;
        const trunk = this.trunkByUsage(usage);
        if (usage && !trunk) this.skip(`emergency call routing policy ${policy.identity}`, `its PSTN usage ${usage} belongs to no exported trunk: written without 'via'`);
        return {
            policy, address: address ?? this.sharedNumberAddress(granted) ?? '', trunk: trunk?.name, ...(fixed === undefined ? { identity: policy.identity } : {}),
            dialStrings: [...new Set(policy.emergencyNumbers.map(n => n.dialString))], members: this.view.membersThrough(group.id).length
        };
    }

    /** The address of the policy's shared number: where its users' calls are located without a dynamic location. */
    private sharedNumberAddress(policy: ExportedPolicy): string | undefined {
        const instance = this.view.account(policy.policy.resourceAccount);
        const number = instance && this.view.numbersOn(instance)[0];
        const location = this.view.location(number?.locationId);
        return location && !location.place ? this.addresses.get(location.address.civicAddressId.toLowerCase())?.name : undefined;
    }

    private accountsInScope(policies: ExportedPolicy[], all: boolean): ObservedApplicationInstance[] {
        const { snapshot } = this.view;
        const used = new Set(policies.map(p => (p.policy.resourceAccount ?? '').toLowerCase()));
        return snapshot.applicationInstances.filter(a => all || used.has(a.objectId.toLowerCase())).sort(byText(a => a.userPrincipalName.toLowerCase()));
    }

    private addAccount(instance: ObservedApplicationInstance): void {
        const kind = this.view.accountKind(instance);
        if (!kind) this.skip(`application instance ${instance.userPrincipalName}`, `application id ${instance.applicationId ?? '(none)'} is neither an auto attendant's nor a call queue's: written without 'kind'`);
        const name = this.names.unique(nameFrom(instance.displayName ?? instance.userPrincipalName.split('@')[0], 'Account'));
        const trunk = this.accountTrunk(instance);
        const numbers = this.view.numbersOn(instance).map(n => this.addNumber(n.telephoneNumber, `${name}Line`, {
            type: n.numberType, trunk: n.numberType === 'DirectRouting' ? trunk?.name : undefined,
            address: this.addressOf(n.locationId, n.telephoneNumber), origin: `assigned to ${instance.userPrincipalName}`
        }));
        this.accounts.set(instance.objectId.toLowerCase(), { name, instance, user: this.view.index.user(instance.userPrincipalName), kind, numbers });
    }

    /** The trunk whose account routing policy (its own, else `SharedCalling-<Trunk>`) the account holds. */
    private accountTrunk(instance: ObservedApplicationInstance): ExportedTrunk | undefined {
        const policy = this.view.index.policiesOf(instance.objectId)?.OnlineVoiceRoutingPolicy?.name;
        return policy ? [...this.trunks.values()].find(t => same(t.accountPolicy?.identity ?? `SharedCalling-${t.name}`, policy)) : undefined;
    }

    private addressOf(locationId: string | undefined, number: string): string | undefined {
        if (!locationId) return undefined;
        const location = this.view.location(locationId);
        const address = location && this.addresses.get(location.address.civicAddressId.toLowerCase());
        if (address && !location.place) return address.name;
        this.skip(`emergency location of ${number}`, address
            ? `it is the place "${location!.place}" of ${address.name}; a number's 'at' names an address (its default location)`
            : `location ${locationId} is not at an exported civic address: written without 'at'`);
        return undefined;
    }

    private addNumber(telephoneNumber: string, wanted: string, fields: Omit<ExportedNumber, 'name' | 'telephoneNumber'>): ExportedNumber {
        const key = telephoneNumber.split(';')[0]!;
        let number = this.numbers.get(key);
        if (!number) {
            number = { name: this.names.unique(wanted), telephoneNumber, ...fields };
            this.numbers.set(key, number);
        }
        return number;
    }

    private linkPolicy(policy: ExportedPolicy): void {
        const instance = this.view.account(policy.policy.resourceAccount);
        policy.account = instance && this.accounts.get(instance.objectId.toLowerCase());
        if (!policy.account) {
            this.skip(`resource account ${policy.policy.resourceAccount ?? '(none)'} of policy ${policy.name}`, 'it is not an application instance of the tenant: the policy is written without it');
        }
        const shared = policy.account?.numbers[0];
        policy.callbacks = policy.policy.emergencyNumbers.map(telephoneNumber => {
            const inventory = this.view.number(telephoneNumber);
            const type = inventory?.numberType ?? shared?.type ?? 'DirectRouting';
            return this.addNumber(telephoneNumber, `${policy.name}Callback`, {
                type, trunk: type === 'DirectRouting' ? shared?.trunk : undefined,
                origin: `emergency callback of ${policy.policy.identity}${inventory ? '' : ' (not in the number inventory)'}`
            });
        });
        for (const grant of policy.grants) {
            if (grant.group.coverage?.address === '') {
                this.skip(`emergency call routing policy ${grant.group.coverage.policy.identity}`, 'neither its description nor the shared number names an exported address: no coverage written');
                grant.group.coverage = undefined;
            }
        }
    }

    private nameGroups(): void {
        for (const group of [...this.groups.values()].sort(byText(g => g.id.toLowerCase()))) {
            if (!group.name) group.name = this.names.unique(nameFrom(group.group?.displayName, 'Group'));
        }
    }

    private findLocations(): void {
        const { snapshot } = this.view;
        const types: [keyof Pick<ExportedLocation, 'subnets' | 'accessPoints' | 'switches' | 'ports'>, ObservedLisNetworkId[], string][] = [
            ['subnets', snapshot.lisSubnets, 'subnet'], ['accessPoints', snapshot.lisAccessPoints, 'access point'],
            ['switches', snapshot.lisSwitches, 'switch'], ['ports', snapshot.lisPorts, 'switch port']
        ];
        const byKey = new Map<string, ExportedLocation>();
        for (const [field, entries, label] of types) {
            for (const entry of [...entries].sort(byText(e => `${e.id.toLowerCase()}|${e.port ?? ''}`))) {
                const location = this.view.location(entry.locationId);
                const address = location && this.addresses.get(location.address.civicAddressId.toLowerCase());
                if (!address) {
                    this.skip(`LIS ${label} ${entry.id}${entry.port ? ` ${entry.port}` : ''}`, `its location ${entry.locationId ?? '(none)'} is not at an exported civic address`);
                    continue;
                }
                const key = `${address.name}|${location!.place ?? ''}|${entry.description ?? ''}`;
                let exported = byKey.get(key);
                if (!exported) {
                    exported = { name: '', address: address.name, place: location!.place, description: entry.description, subnets: [], accessPoints: [], switches: [], ports: [] };
                    byKey.set(key, exported);
                }
                exported[field].push(entry);
            }
        }
        this.locations = [...byKey.entries()].sort(byText(([key]) => key.toLowerCase())).map(([, l]) => ({
            ...l, name: this.names.unique(`${l.address}${l.place !== undefined ? nameFrom(l.place, '') : 'Network'}`)
        }));
    }

    private write(all: boolean): ExportResult {
        const policyFiles = this.policyFiles();
        const used = this.usedPrerequisites(all);
        const network: ExportedStatement[] = [];
        if (this.options.tenantDomain) network.push(tenantStatement(this.options.tenantDomain, this.accountDomains()));
        network.push(...[...this.addresses.values()].filter(a => used.addresses.has(a.name)).sort(byText(a => a.name.toLowerCase())).map(addressStatement));
        network.push(...[...this.trunks.values()].filter(t => used.trunks.has(t.name)).map(trunkStatement));
        network.push(...this.trustedIpsInOrder().map(trustedIpStatement), ...this.regions.map(regionStatement), ...this.sites.map(siteStatement));
        network.push(...this.locations.map(locationStatement));
        const files: ExportFile[] = [{ name: NETWORK_FILE, text: this.fileText(network, [], this.leftOutLines()) }];
        for (const [name, policies] of policyFiles) files.push({ name, text: this.fileText(this.policyStatements(policies), [NETWORK_FILE]) });
        const loose = [...this.accounts.values()].filter(a => !this.policies.some(p => p.account === a));
        if (loose.length > 0) files.push({ name: ACCOUNTS_FILE, text: this.fileText(this.accountStatements(loose), [NETWORK_FILE]) });
        return { files, leftOut: this.leftOut };
    }

    private trustedIpsInOrder(): ExportedTrustedIp[] {
        if (this.trustedIps.length === 0) {
            this.trustedIps = [...this.view.snapshot.trustedIps].sort(byText(t => t.ipAddress.toLowerCase()))
                .map(ip => ({ name: this.names.unique(ip.description ? nameFrom(ip.description, 'TrustedIp') : `TrustedIp_${ip.ipAddress.replace(/[^0-9a-zA-Z]/g, '_')}`), ip }));
        }
        return this.trustedIps;
    }

    /** Addresses and trunks the written statements use; every one in the all-voice scope. */
    private usedPrerequisites(all: boolean): { addresses: Set<string>; trunks: Set<string> } {
        const addresses = new Set<string>(all ? [...this.addresses.values()].map(a => a.name) : []);
        const trunks = new Set<string>(all ? [...this.trunks.values()].map(t => t.name) : []);
        for (const n of this.numbers.values()) {
            if (n.address) addresses.add(n.address);
            if (n.trunk) trunks.add(n.trunk);
        }
        for (const g of this.groups.values()) {
            if (g.coverage?.address) addresses.add(g.coverage.address);
            if (g.coverage?.trunk) trunks.add(g.coverage.trunk);
        }
        for (const l of this.locations) addresses.add(l.address);
        return { addresses, trunks };
    }

    private accountDomains(): string[] {
        const domains = new Set([...this.accounts.values()].map(a => a.instance.userPrincipalName.split('@')[1]?.toLowerCase() ?? '').filter(Boolean));
        domains.delete(this.options.tenantDomain!.toLowerCase());
        return [...domains].sort();
    }

    /** One file per policy, except that policies sharing an account or a number share the file of the first of them. */
    private policyFiles(): Map<string, ExportedPolicy[]> {
        const fileOf = new Map<ExportedPolicy, ExportedPolicy>();
        const root = (p: ExportedPolicy): ExportedPolicy => {
            const parent = fileOf.get(p) ?? p;
            return parent === p ? p : root(parent);
        };
        const owner = new Map<unknown, ExportedPolicy>();
        for (const policy of this.policies) {
            // A notification policy shared by groups of two policies is declared once: one file for both.
            const notified = policy.grants.flatMap(g => (g.group.coverage?.notify ? [`notify:${g.group.coverage.notify}`] : []));
            for (const shared of [policy.account, ...policy.callbacks, ...notified]) {
                if (!shared) continue;
                const first = owner.get(shared);
                if (first) fileOf.set(root(policy), root(first));
                else owner.set(shared, policy);
            }
        }
        const files = new Map<string, ExportedPolicy[]>();
        const reserved = new Set([NETWORK_FILE, ACCOUNTS_FILE]);
        const nameOf = new Map<ExportedPolicy, string>();
        for (const policy of this.policies) {
            const first = root(policy);
            let name = nameOf.get(first);
            if (!name) {
                name = reserved.has(`${first.name.toLowerCase()}.voice`) ? `${first.name}-policy.voice` : `${first.name}.voice`;
                nameOf.set(first, name);
            }
            files.set(name, [...(files.get(name) ?? []), policy]);
        }
        return files;
    }

    private policyStatements(policies: ExportedPolicy[]): ExportedStatement[] {
        const accounts = [...new Set(policies.flatMap(p => (p.account ? [p.account] : [])))];
        const callbacks = [...new Set(policies.flatMap(p => p.callbacks))].filter(n => !accounts.some(a => a.numbers.includes(n)));
        const grants = policies.flatMap(p => p.grants.map(g => ({ policy: p, grant: g }))).sort((a, b) => a.grant.rank - b.grant.rank);
        const groups = [...new Set(grants.map(g => g.grant.group))];
        const notifications = [...new Set(groups.flatMap(g => (g.coverage?.notify ? [g.coverage.notify] : [])))]
            .map(name => [...this.notifications.values()].find(n => n.name === name)!);
        return [
            ...accounts.flatMap(a => a.numbers.map(numberStatement)), ...callbacks.map(numberStatement),
            ...accounts.map(accountStatement), ...accounts.flatMap(assignStatements),
            ...policies.map(policyStatement),
            ...groups.map(groupStatement), ...grants.map(g => grantStatement(g.policy, g.grant)),
            ...accounts.flatMap(a => this.inboundStatement(a)),
            ...notifications.map(notificationStatement), ...groups.flatMap(coverageStatement)
        ];
    }

    /**
     * Who answers an account: the auto attendant associated with it (the lowest id of several).
     * It is written as the setup's own (`auto-attendant`, which a plan then keeps as the file says)
     * only where the file says what it is: once, with the dial scope the language gives it (the
     * groups granted the account's policy). Otherwise the account just answers with it by name
     * (`answer`), and the attendant stays as its admin made it. Hours and holidays are not
     * written: a file without them leaves the tenant's as they are (auto-attendant.ts).
     */
    private inboundStatement(account: ExportedAccount): ExportedStatement[] {
        const attendant = [...this.view.snapshot.autoAttendants].sort(byText(a => a.id.toLowerCase()))
            .find(a => a.applicationInstances.some(id => same(id, account.instance.objectId)));
        if (!attendant) return [];
        const kept = this.keptAsItIs(attendant, account);
        if (kept) {
            return [statement([`Teams: auto attendant ${attendant.id}, answering as it is: ${kept}`],
                [`answer ${account.name} with auto-attendant ${voiceString(attendant.name)}`])];
        }
        this.writtenAttendants.set(attendant.id.toLowerCase(), account.name);
        const operatorAccount = attendant.operatorType === 'ApplicationEndpoint'
            ? [...this.accounts.values()].find(a => same(a.instance.objectId, attendant.operatorId))?.name : undefined;
        const operatorNumber = attendant.operatorType === 'ExternalPstn' && attendant.operatorId?.startsWith('tel:') ? voiceString(attendant.operatorId.slice(4)) : undefined;
        return [autoAttendantStatement(this.names.unique(nameFrom(attendant.name, 'AutoAttendant')), account, attendant, operatorAccount ?? operatorNumber, hasSchedule(attendant))];
    }

    /** Why an attendant cannot be written as the setup's own, if it cannot. */
    private keptAsItIs(attendant: ObservedAutoAttendant, account: ExportedAccount): string | undefined {
        const writtenFor = this.writtenAttendants.get(attendant.id.toLowerCase());
        if (writtenFor) return `it also answers ${writtenFor}, where it is written`;
        const twins = autoAttendantsNamed(this.view.snapshot.autoAttendants, attendant.name);
        if (twins[0]?.id !== attendant.id) return `another auto attendant of its name has a lower id (${twins[0]?.id}), and a name finds that one`;
        const granted = sortedIds(this.policies.filter(p => p.account === account).flatMap(p => p.grants.map(g => g.group.id)));
        if (sortedIds(attendant.groupIds).join() !== granted.join()) return 'its dial scope is not the groups granted the policy that shares the account';
        return undefined;
    }

    private accountStatements(accounts: ExportedAccount[]): ExportedStatement[] {
        return [...accounts.flatMap(a => a.numbers.map(numberStatement)), ...accounts.map(accountStatement), ...accounts.flatMap(assignStatements)];
    }

    private fileText(statements: ExportedStatement[], imports: string[], trailer: string[] = []): string {
        const head = [`// Exported by voice export from ${this.options.source} (scope ${this.options.scope}).`, ''];
        const lines = [...head, ...imports.map(i => `import "${i}"`), ...(imports.length > 0 ? [''] : []), ...renderStatements(statements), ...trailer];
        while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
        return `${lines.join('\n')}\n`;
    }

    private leftOutLines(): string[] {
        if (this.leftOut.length === 0) return [];
        return ['// Not written as it is in the tenant (plan lists what no statement declares as not managed, and never deletes it):',
            ...this.leftOut.map(l => `//   ${l.object}: ${l.reason}`)];
    }
}

const sortedIds = (ids: readonly string[]): string[] => ids.map(id => id.toLowerCase()).sort();

const hasSchedule = (a: ObservedAutoAttendant): boolean => !!a.schedule && (a.schedule.hours !== ALWAYS_OPEN || a.schedule.holidays !== holidaysText([]));

/** The group's derived name is the covered group's name. */
function sameName(covered: string, displayName: string): boolean {
    return nameFrom(displayName, 'Group').toLowerCase() === covered.toLowerCase();
}

/** Every word of the covered group's name (SeattleAssociates: seattle, associates) is a word of the display name. */
function wordsOf(covered: string, displayName: string): boolean {
    const words = (text: string) => text.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/).filter(Boolean).map(w => w.toLowerCase());
    const available = new Set(words(nameFrom(displayName, '')).concat(words(displayName)));
    return words(covered).every(w => available.has(w));
}

function describeAddress(a: ObservedCivicAddress): string {
    const parts = [a.companyName, a.streetName, a.city, a.countryOrRegion].filter(Boolean);
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
