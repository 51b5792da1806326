/**
 * The live tenant: the persisted state plus what is only true at run time (which objects
 * are still "replicating"), and the look-ups both surfaces share.
 */
import { randomUUID } from 'node:crypto';
import { isResourceAccount, policiesOfType, type Group, type PhoneNumber, type PolicyType, type TenantState, type User } from './model.js';

export interface EffectivePolicy {
    policyName: string;
    assignmentType: 'direct' | 'group' | 'tenant' | 'global';
    groupId: string | null;
}

export class Tenant {
    /** Object id → epoch ms before which reads do not see the object (replication delay). */
    private readonly visibleAt = new Map<string, number>();

    /**
     * @param replicationDelayMs how long a new object stays hidden from reads
     * @param writesWait whether the look-ups writes make of other objects are hidden too (FaultOptions.replicationAppliesToWrites)
     */
    constructor(public state: TenantState, private readonly replicationDelayMs: () => number, private readonly writesWait: () => boolean = () => false) {}

    newId(): string {
        return randomUUID();
    }

    /** While held, objects created stay invisible to reads until released (see holdReplication). */
    private held = false;

    /**
     * For tests that need "not replicated yet" to last exactly until a step of theirs: a
     * delay in milliseconds races the machine's load (a slow second run can start after the
     * delay is over), a hold does not.
     */
    holdReplication(): void {
        this.held = true;
    }

    /** As if these existing objects had just been created during a hold: reads miss them until the release. */
    hideUntilReleased(ids: Iterable<string>): void {
        for (const id of ids) this.visibleAt.set(id.toLowerCase(), Number.POSITIVE_INFINITY);
    }

    /** Ends a hold: everything created (or hidden) during it becomes readable now. */
    releaseReplication(): void {
        this.held = false;
        for (const [id, at] of this.visibleAt) if (at === Number.POSITIVE_INFINITY) this.visibleAt.set(id, Date.now());
    }

    /** Call after creating an object: it stays invisible to reads for the replication delay. */
    created(id: string): void {
        if (this.held) {
            this.visibleAt.set(id.toLowerCase(), Number.POSITIVE_INFINITY);
            return;
        }
        const delay = this.replicationDelayMs();
        if (delay > 0) this.visibleAt.set(id.toLowerCase(), Date.now() + delay);
    }

    isVisible(id: string): boolean {
        const at = this.visibleAt.get(id.toLowerCase());
        if (at === undefined) return true;
        if (Date.now() >= at) {
            this.visibleAt.delete(id.toLowerCase());
            return true;
        }
        return false;
    }

    /**
     * Whether a write may use an object it refers to (a grant's policy, a route's gateway, a
     * number's location): always, unless the knob routes write look-ups through the same
     * visibility rule as reads. Users and groups always go through it (findUser, findGroup).
     */
    seenByWrites(id: string): boolean {
        return !this.writesWait() || this.isVisible(id);
    }

    visibleUsers(): User[] {
        return this.state.users.filter(u => this.isVisible(u.id));
    }

    /** By object id, UPN, or SIP address (`sip:upn`), as Teams and Graph accept them. */
    findUser(identity: string): User | undefined {
        const key = identity.replace(/^sip:/i, '').toLowerCase();
        return this.visibleUsers().find(u => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
    }

    /** By object id or mail address (Teams accepts both for -Group/-GroupId). */
    findGroup(identity: string): Group | undefined {
        const key = identity.toLowerCase();
        return this.state.groups.filter(g => this.isVisible(g.id)).find(g => g.id.toLowerCase() === key || g.mail?.toLowerCase() === key);
    }

    numbersAssignedTo(userId: string): PhoneNumber[] {
        return this.state.phoneNumbers.filter(n => n.assignedPstnTargetId === userId);
    }

    findNumber(telephoneNumber: string): PhoneNumber | undefined {
        const key = normaliseNumber(telephoneNumber);
        return this.state.phoneNumbers.find(n => n.telephoneNumber.toLowerCase() === key);
    }

    /** Direct assignment wins, then the best-ranked group the user is a direct member of, then -Global, then the Global instance [GPA-NEW]. */
    effectivePolicy(user: User, policyType: PolicyType): EffectivePolicy | null {
        const direct = this.state.userPolicyAssignments.find(a => a.userId === user.id && a.policyType === policyType);
        if (direct) return { policyName: direct.policyName, assignmentType: 'direct', groupId: null };
        const viaGroup = this.state.groupPolicyAssignments
            .filter(a => a.policyType === policyType && this.state.groups.find(g => g.id === a.groupId)?.memberIds.includes(user.id))
            .sort((a, b) => a.rank - b.rank)[0];
        if (viaGroup) return { policyName: viaGroup.policyName, assignmentType: 'group', groupId: viaGroup.groupId };
        const tenantWide = this.state.tenantPolicyAssignments[policyType];
        if (tenantWide) return { policyName: tenantWide, assignmentType: 'tenant', groupId: null };
        return this.policyExists(policyType, 'Global') ? { policyName: 'Global', assignmentType: 'global', groupId: null } : null;
    }

    policyExists(policyType: PolicyType, name: string): boolean {
        return this.policyId(policyType, name) !== null;
    }

    /** A policy a write names (a grant): it exists and, under the write look-up knob, has replicated. */
    policyExistsForWrite(policyType: PolicyType, name: string): boolean {
        const id = this.policyId(policyType, name);
        return id !== null && this.seenByWrites(id);
    }

    policyId(policyType: PolicyType, name: string): string | null {
        const key = stripTag(name).toLowerCase();
        return policiesOfType(this.state, policyType).find(p => p.identity.toLowerCase() === key)?.policyId ?? null;
    }

    accountType(user: User): 'resourceAccount' | 'user' {
        return isResourceAccount(user) ? 'resourceAccount' : 'user';
    }
}

/** Teams writes policy identities as `Tag:<name>` for per-user instances. */
export function stripTag(name: string): string {
    return name.replace(/^tag:/i, '');
}

/** `tel:` is not accepted by Teams [SET-PNA]; a leading `+` is optional on input. */
export function normaliseNumber(value: string): string {
    const trimmed = value.trim().toLowerCase();
    return trimmed.startsWith('+') ? trimmed : `+${trimmed}`;
}
