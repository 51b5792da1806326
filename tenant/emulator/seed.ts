/**
 * Seed files: the tenant as it exists before a setup (verified domains, SKUs, licensed
 * users, groups with direct members, the number inventory a carrier delivered).
 */
import { readFileSync } from 'node:fs';
import {
    emptyTenant, NUMBER_TYPES, PLAN_TEAMS_PHONE, RESOURCE_ACCOUNT_DEPARTMENT, SKU_MCOEV, SKU_PHONESYSTEM_VIRTUALUSER, SKU_SPE_E5,
    type NumberType, type PhoneNumber, type ServicePlan, type SubscribedSku, type TenantState, type User
} from './model.js';
import { stableId } from './seed-ids.js';
import { seedTeams, seedUserNumbers, type SeedTeams } from './seed-teams.js';

export { stableId } from './seed-ids.js';

export interface SeedFile {
    /** `civicAddressesValidated`: new civic addresses read back Validated at once (the reading of issue #9770) instead of NotValidated. */
    tenant: { id?: string; domain: string; verifiedDomains?: string[]; civicAddressesValidated?: boolean };
    skus?: { skuId: string; skuPartNumber: string; prepaidUnits: number }[];
    users?: SeedUser[];
    groups?: { id?: string; displayName: string; mail?: string; description?: string; members?: string[]; nestedGroups?: string[] }[];
    phoneNumbers?: SeedNumbers[];
    /** What other teams configured in Teams already (seed-teams.ts). */
    teams?: SeedTeams;
}

export interface SeedUser {
    userPrincipalName: string;
    displayName: string;
    id?: string;
    givenName?: string;
    surname?: string;
    jobTitle?: string;
    department?: string;
    usageLocation?: string;
    accountEnabled?: boolean;
    /** skuPartNumber or skuId of each licence. */
    licenses?: string[];
    enterpriseVoiceEnabled?: boolean;
    /** A number of the seed's inventory assigned to the user (a user with a number of their own). */
    phoneNumber?: string;
}

/** One number (`telephoneNumber`) or an inclusive range (`from`..`to`, same length). */
export interface SeedNumbers {
    telephoneNumber?: string;
    from?: string;
    to?: string;
    numberType: NumberType;
    isoCountryCode: string;
    city?: string;
    capabilities?: string[];
}

const KNOWN_SERVICE_PLANS: Record<string, ServicePlan[]> = {
    [SKU_PHONESYSTEM_VIRTUALUSER]: [plan('f47330e9-c134-43b3-9993-e7f004506889', 'MCOEV_VIRTUALUSER')],
    [SKU_MCOEV]: [plan(PLAN_TEAMS_PHONE, 'MCOEV')],
    [SKU_SPE_E5]: [plan(PLAN_TEAMS_PHONE, 'MCOEV')]
};

function plan(servicePlanId: string, servicePlanName: string): ServicePlan {
    return { servicePlanId, servicePlanName, provisioningStatus: 'Success', appliesTo: 'User' };
}


export function readSeedFile(path: string): SeedFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
        throw new Error(`cannot read seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!parsed || typeof parsed !== 'object' || !('tenant' in parsed)) {
        throw new Error(`seed file ${path} has no "tenant" object`);
    }
    return parsed as SeedFile;
}

export function tenantFromSeed(seed: SeedFile): TenantState {
    const domain = seed.tenant.domain;
    const state = emptyTenant(seed.tenant.id ?? stableId('tenant', domain), domain);
    state.verifiedDomains = unique([domain, ...(seed.tenant.verifiedDomains ?? [])]);
    if (seed.tenant.civicAddressesValidated) state.newCivicAddressStatus = 'Validated';
    state.subscribedSkus = (seed.skus ?? []).map(toSku);
    const now = new Date().toISOString();
    for (const u of seed.users ?? []) state.users.push(toUser(u, state, now));
    for (const g of seed.groups ?? []) {
        const memberIds = (g.members ?? []).map(upn => {
            const user = state.users.find(x => x.userPrincipalName.toLowerCase() === upn.toLowerCase());
            if (!user) throw new Error(`seed group "${g.displayName}" lists unknown member ${upn}`);
            return user.id;
        });
        const nickname = (g.mail ?? g.displayName).split('@')[0]!.replace(/[^A-Za-z0-9]/g, '');
        state.groups.push({
            id: g.id ?? stableId('group', g.displayName), displayName: g.displayName, mail: g.mail ?? null,
            mailNickname: nickname, description: g.description ?? null, securityEnabled: true, mailEnabled: g.mail !== undefined, memberIds
        });
    }
    // Nested groups are members too (by display name), once every group exists.
    for (const g of seed.groups ?? []) {
        const group = state.groups.find(x => x.displayName === g.displayName)!;
        for (const name of g.nestedGroups ?? []) {
            const nested = state.groups.find(x => x.displayName.toLowerCase() === name.toLowerCase());
            if (!nested) throw new Error(`seed group "${g.displayName}" nests unknown group ${name}`);
            group.memberIds.push(nested.id);
        }
    }
    for (const n of seed.phoneNumbers ?? []) state.phoneNumbers.push(...expandNumbers(n));
    seedUserNumbers(state, seed.users ?? []);
    if (seed.teams) seedTeams(state, seed.teams, now);
    return state;
}

function toSku(s: { skuId: string; skuPartNumber: string; prepaidUnits: number }): SubscribedSku {
    return {
        id: `${stableId('tenant-sku', s.skuId)}_${s.skuId}`, skuId: s.skuId, skuPartNumber: s.skuPartNumber,
        capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 0,
        prepaidUnits: { enabled: s.prepaidUnits, suspended: 0, warning: 0, lockedOut: 0 },
        servicePlans: KNOWN_SERVICE_PLANS[s.skuId] ?? []
    };
}

/** A seed user as the tenant's user (its licences taken from the pool); also how the admin API adds one. */
export function toUser(u: SeedUser, state: TenantState, now: string): User {
    const assignedLicenses = (u.licenses ?? []).map(name => {
        const sku = state.subscribedSkus.find(s => s.skuPartNumber === name || s.skuId === name);
        if (!sku) throw new Error(`seed user ${u.userPrincipalName} has licence ${name}, which is not among the seed's skus`);
        if (!u.usageLocation) throw new Error(`seed user ${u.userPrincipalName} has a licence but no usageLocation`);
        sku.consumedUnits++;
        return { skuId: sku.skuId, disabledPlans: [] };
    });
    return {
        id: u.id ?? stableId('user', u.userPrincipalName), userPrincipalName: u.userPrincipalName, displayName: u.displayName,
        mail: u.department === RESOURCE_ACCOUNT_DEPARTMENT ? null : u.userPrincipalName,
        givenName: u.givenName ?? null, surname: u.surname ?? null, jobTitle: u.jobTitle ?? null,
        department: u.department ?? null, usageLocation: u.usageLocation ?? null, accountEnabled: u.accountEnabled ?? true,
        assignedLicenses, enterpriseVoiceEnabled: u.enterpriseVoiceEnabled ?? false, applicationId: null,
        createdDateTime: now, modifiedDateTime: now
    };
}

function expandNumbers(n: SeedNumbers): PhoneNumber[] {
    if (!NUMBER_TYPES.includes(n.numberType)) throw new Error(`seed number type "${n.numberType}" is not one of ${NUMBER_TYPES.join(', ')}`);
    const make = (telephoneNumber: string): PhoneNumber => ({
        telephoneNumber, numberType: n.numberType, isoCountryCode: n.isoCountryCode, city: n.city ?? null,
        assignedPstnTargetId: null, locationId: null, capabilities: n.capabilities ?? ['UserAssignment', 'VoiceApplicationAssignment', 'SharedCalling'],
        activationState: 'Activated'
    });
    if (n.telephoneNumber) return [make(n.telephoneNumber)];
    if (!n.from || !n.to || n.from.length !== n.to.length || !/^\+\d+$/.test(n.from) || !/^\+\d+$/.test(n.to)) {
        throw new Error(`seed number range needs "from" and "to" E.164 numbers of the same length (got ${n.from}..${n.to})`);
    }
    const from = BigInt(n.from.slice(1));
    const to = BigInt(n.to.slice(1));
    if (to < from || to - from > 100_000n) throw new Error(`seed number range ${n.from}..${n.to} is empty or too large`);
    const out: PhoneNumber[] = [];
    for (let v = from; v <= to; v++) out.push(make(`+${v.toString().padStart(n.from.length - 1, '0')}`));
    return out;
}

function unique(values: string[]): string[] {
    return [...new Set(values.map(v => v.toLowerCase()))];
}
