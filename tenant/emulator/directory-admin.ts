/**
 * Emulator-only changes to the directory after a setup was applied: a new user, and a user
 * added to or removed from a group's direct members. Tests use them (through `/emulator/*`)
 * to see what plan and the readiness report make of a member who joined a granted group later.
 * They stand in for changes an admin makes in Entra ID, not for any Teams or Graph call.
 */
import { badRequest, EmulatorError, notFound } from './errors.js';
import type { Group, User } from './model.js';
import { toUser, type SeedUser } from './seed.js';
import type { Tenant } from './tenant.js';

/** A group by object id, mail address or exact display name. */
function requireGroup(tenant: Tenant, identity: string): Group {
    const key = identity.toLowerCase();
    const group = tenant.findGroup(identity) ?? tenant.state.groups.find(g => g.displayName.toLowerCase() === key);
    // rule: emulator-admin
    if (!group) throw notFound(`No group '${identity}' (give its id, mail address or display name).`);
    return group;
}

/** A user, or a group (nested groups are members too), by id, UPN or display name. */
function requireMember(tenant: Tenant, identity: string): { id: string } {
    const member = tenant.findUser(identity) ?? tenant.state.groups.find(g => g.id.toLowerCase() === identity.toLowerCase() || g.displayName.toLowerCase() === identity.toLowerCase());
    // rule: emulator-admin
    if (!member) throw notFound(`No user or group '${identity}'.`);
    return member;
}

export function addUser(tenant: Tenant, body: unknown): User {
    const u = (body && typeof body === 'object' ? body : {}) as Partial<SeedUser>;
    // rule: emulator-admin
    if (typeof u.userPrincipalName !== 'string' || !u.userPrincipalName.includes('@')) throw badRequest('A user needs a "userPrincipalName".');
    // rule: emulator-admin
    if (tenant.findUser(u.userPrincipalName)) throw new EmulatorError(409, 'Conflict', `The user ${u.userPrincipalName} already exists.`);
    let user: User;
    try {
        user = toUser({ ...u, userPrincipalName: u.userPrincipalName, displayName: u.displayName ?? u.userPrincipalName }, tenant.state, new Date().toISOString());
    } catch (error) {
        // rule: emulator-admin
        throw badRequest(error instanceof Error ? error.message : String(error));
    }
    tenant.state.users.push(user);
    return user;
}

export function addGroupMember(tenant: Tenant, groupIdentity: string, memberIdentity: string): void {
    const group = requireGroup(tenant, groupIdentity);
    const member = requireMember(tenant, memberIdentity);
    // rule: emulator-admin
    if (member.id === group.id) throw badRequest('A group cannot be a member of itself.');
    if (!group.memberIds.includes(member.id)) group.memberIds.push(member.id);
}

export function removeGroupMember(tenant: Tenant, groupIdentity: string, memberIdentity: string): void {
    const group = requireGroup(tenant, groupIdentity);
    const member = requireMember(tenant, memberIdentity);
    // rule: emulator-admin
    if (!group.memberIds.includes(member.id)) throw notFound(`'${memberIdentity}' is not a direct member of '${group.displayName}'.`);
    group.memberIds = group.memberIds.filter(id => id !== member.id);
}
