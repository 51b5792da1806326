/**
 * The look-ups an export needs over a TenantSnapshot: which tenant objects carry the names
 * the plan finds them by (`voice:<name>` addresses, `<Trunk>-Outbound` routes,
 * `SharedCalling-<Trunk>` and `SharedCalling-Emergency-<Group>` policies; language/plan/names.ts),
 * and how members, accounts and numbers hang together. Pure: reads the snapshot only.
 */
import { byLowestId, isGlobal, same, SnapshotIndex } from '../kinds/compare.js';
import { toolAddressDescription, toolAddressName } from '../kinds/civic-address.js';
import { AUTO_ATTENDANT_APP_ID, CALL_QUEUE_APP_ID } from '../kinds/resource-account.js';
import type {
    ObservedApplicationInstance, ObservedCivicAddress, ObservedEmergencyRoutingPolicy, ObservedGroup, ObservedNumber, TenantSnapshot
} from '../plan/snapshot.js';
import { isVoiceName } from './names.js';

/** Plain string order (not locale order): the same on every machine. */
export const byText = <T>(key: (item: T) => string) => (a: T, b: T): number => {
    const [x, y] = [key(a), key(b)];
    return x < y ? -1 : x > y ? 1 : 0;
};

const EMERGENCY_POLICY = /^SharedCalling-Emergency-(.+)$/i;

/** What a tenant object's name fixes: the `.voice` name, or why it cannot be written. */
export type FixedName = { name: string } | { problem: string };

/** How an export can declare a civic address: under its tool-made name, adopted by its Description, or not at all. */
export type AddressName = FixedName | { adopt: string };

export class TenantView {
    readonly index: SnapshotIndex;

    constructor(readonly snapshot: TenantSnapshot) {
        this.index = new SnapshotIndex(snapshot);
    }

    /**
     * How a civic address is declared: by the name its Description `voice:<name>` gives it, else
     * adopted by its Description (`identity`), the lowest id of duplicates either way. An address
     * without a Description cannot be found again.
     */
    addressName(address: ObservedCivicAddress): AddressName {
        const description = address.description ?? '';
        if (description.trim() === '' || description.trim() !== description) {
            // Whether Teams lets a validated address's Description change is disputed [CIVIC-SET, CONFLICT]: the message offers both ways.
            return { problem: `its Description ${description === '' ? 'is empty' : `"${description}" starts or ends with a space`}, and voice finds an address by its Description: give it one (Set-CsOnlineLisCivicAddress, where Teams allows it) or declare a new address` };
        }
        if (this.index.address(description) !== address) return { problem: `it duplicates civic address ${this.index.address(description)!.civicAddressId} (same Description)` };
        const name = toolAddressName(description);
        return name !== undefined && isVoiceName(name) && description === toolAddressDescription(name) ? { name } : { adopt: description };
    }

    /** The civic address (voice's own) whose default location or a place of which is this location id. */
    location(locationId: string | undefined): { address: ObservedCivicAddress; place?: string } | undefined {
        if (!locationId) return undefined;
        const own = this.snapshot.civicAddresses.find(a => same(a.defaultLocationId, locationId));
        if (own) return { address: own };
        const place = this.snapshot.lisLocations.find(l => same(l.locationId, locationId));
        const address = place && this.snapshot.civicAddresses.find(a => same(a.civicAddressId, place.civicAddressId));
        return address && place.location ? { address, place: place.location } : undefined;
    }

    /** Civic addresses by id, lowest first. */
    addresses(): ObservedCivicAddress[] {
        return byLowestId(this.snapshot.civicAddresses);
    }

    /** Auto attendant or call queue: the two kinds of resource account the language declares. */
    accountKind(account: ObservedApplicationInstance): 'auto-attendant' | 'call-queue' | undefined {
        if (same(account.applicationId, AUTO_ATTENDANT_APP_ID)) return 'auto-attendant';
        if (same(account.applicationId, CALL_QUEUE_APP_ID)) return 'call-queue';
        return undefined;
    }

    numbersOn(account: ObservedApplicationInstance): ObservedNumber[] {
        return this.snapshot.numbers.filter(n => same(n.assignedTo, account.objectId)).sort(byText(n => n.telephoneNumber));
    }

    number(telephoneNumber: string): ObservedNumber | undefined {
        const bare = telephoneNumber.split(';')[0];
        return this.snapshot.numbers.find(n => n.telephoneNumber === bare);
    }

    account(objectId: string | undefined): ObservedApplicationInstance | undefined {
        return objectId ? this.snapshot.applicationInstances.find(a => same(a.objectId, objectId)) : undefined;
    }

    /** Several groups with one display name: such a group is declared by its object id. */
    ambiguous(group: ObservedGroup): boolean {
        return this.snapshot.groups.filter(g => same(g.displayName, group.displayName)).length > 1;
    }

    /** Users who receive the shared calling policy through the group. */
    membersThrough(groupId: string) {
        return this.snapshot.userPolicies.filter(u => same(u.policies.TeamsSharedCallingRoutingPolicy?.groupId, groupId));
    }

    /** The group name an emergency call routing policy `SharedCalling-Emergency-<Group>` fixes. */
    coveredGroupName(policy: ObservedEmergencyRoutingPolicy): string | undefined {
        const match = EMERGENCY_POLICY.exec(policy.identity);
        return match && isVoiceName(match[1]!) ? match[1] : undefined;
    }

    /**
     * The emergency policy most of the group's members hold: one the tool names after a group
     * (`SharedCalling-Emergency-<Group>`) before one of another name (adopted with `identity`).
     */
    emergencyPolicyOfMembers(groupId: string): ObservedEmergencyRoutingPolicy | undefined {
        const counts = new Map<string, number>();
        for (const user of this.membersThrough(groupId)) {
            const name = user.policies.TeamsEmergencyCallRoutingPolicy?.name;
            if (name && EMERGENCY_POLICY.test(name)) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
        }
        if (counts.size === 0) {
            for (const user of this.membersThrough(groupId)) {
                const name = user.policies.TeamsEmergencyCallRoutingPolicy?.name;
                if (name && !isGlobal(name)) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
            }
        }
        const [best] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        return best ? this.snapshot.emergencyRoutingPolicies.find(p => same(p.identity, best[0])) : undefined;
    }

    sharedCallingPolicies() {
        return this.snapshot.sharedCallingPolicies.filter(p => !isGlobal(p.identity)).sort(byText(p => p.identity.toLowerCase()));
    }
}
