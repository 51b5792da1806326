/**
 * The rules that span statements, run once over a whole setup (setups.ts): duplicates,
 * number assignment, callback reuse, ranks and limits, coverage. A conflict is reported on
 * every statement involved, in whichever file it sits, each pointing at the others.
 * Findings are recorded here and handed to each file's validation (voice-validator.ts).
 * Emergency locations have their own module (emergency-location-rules.ts).
 */
import type { AstNode } from 'langium';
import { AstUtils } from 'langium';
import type { Assignment, EmergencyCoverage, Grant, Group, Model, PhoneNumber, ResourceAccount, SharedCallingPolicy, Trunk } from './generated/ast.js';
import { isEmergencyCoverage } from './generated/ast.js';
import { ConflictIndex } from './conflict-index.js';
import { emergencyLocationFindings } from './emergency-location-rules.js';
import { inboundFindings } from './inbound-rules.js';
import type { FindingTarget, SetupFinding } from './setup-findings.js';
import { conflicts, placeOf, RuleSet } from './setup-findings.js';
import { isIsoCountry } from './countries.js';
import type { IssueCode } from './issue-codes.js';
import { IssueCodes } from './issue-codes.js';
import { canonicalOf } from './phone-numbers.js';
import type { Declaration } from './setup-context.js';
import { partsOf, SetupContext } from './setup-context.js';
import type { Setup } from './setups.js';
import type { TeamsIdentity } from './kinds/identities.js';
import { KINDS_WITH_IDENTITIES, teamsIdentitiesOf } from './kinds/identities.js';
import { numberCountries, parsedNumberOf } from './number-countries.js';
import { FQDN, UPN } from './patterns.js';

/** Microsoft's limit on groups per policy type in group policy assignment [GPA-NEW]. */
export const MAX_GROUPS_PER_POLICY_TYPE = 64;

export type { FindingTarget, SetupFinding } from './setup-findings.js';
export { placeOf } from './setup-findings.js';

/** A number's canonical form, kept per node: the setup's rules key 10,000 numbers at each edit of a 5,000-store setup. */
const numberKeys = new WeakMap<PhoneNumber, string>();

function key(number: PhoneNumber): string {
    let result = numberKeys.get(number);
    if (result === undefined) numberKeys.set(number, result = canonicalOf(parsedNumberOf(number)) ?? number.value);
    return result;
}

/** A Teams identity a statement stands for, with the key two of one tenant object share. */
interface IdentityClause {
    node: AstNode;
    id: TeamsIdentity;
    /** Kind and identity without case (Teams compares identities without case); undefined when there is none. */
    key: string | undefined;
}

/**
 * A declaration's Teams identities follow from its own text, so they are kept per node (an
 * edit re-parses its file into new nodes; the rest of the setup's are reused). A coverage's
 * follow from the group it references, so they are derived each time.
 */
const ownIdentityClauses = new WeakMap<AstNode, IdentityClause[]>();

const NO_CLAUSES: IdentityClause[] = [];

function identityClausesOf(node: AstNode): IdentityClause[] {
    if (!KINDS_WITH_IDENTITIES.has(node.$type)) return NO_CLAUSES;
    const cached = ownIdentityClauses.get(node);
    if (cached) return cached;
    const clauses = teamsIdentitiesOf(node).map(id => ({ node, id, key: id.identity ? `${id.label}|${id.identity.toLowerCase()}` : undefined }));
    if (!isEmergencyCoverage(node)) ownIdentityClauses.set(node, clauses);
    return clauses;
}

/** A policy's emergency callback number, by its place in the policy's list. */
interface Callback {
    policy: SharedCallingPolicy;
    index: number;
    number: PhoneNumber;
}

function callbacksOf(policies: readonly SharedCallingPolicy[]): Callback[] {
    const callbacks: Callback[] = [];
    for (const policy of policies) {
        policy.callbacks.forEach((ref, index) => { if (ref.ref) callbacks.push({ policy, index, number: ref.ref }); });
    }
    return callbacks;
}

/** The numbers a file's assignments assign and its policies list as callbacks. */
function usedNumbersIn(model: Model): PhoneNumber[] {
    const { assignments, policies } = partsOf(model);
    const used: PhoneNumber[] = [];
    for (const assignment of assignments) if (assignment.number?.ref) used.push(assignment.number.ref);
    for (const policy of policies) for (const callback of policy.callbacks) if (callback.ref) used.push(callback.ref);
    return used;
}

const groupIdentity = (g: Group): string | undefined =>
    g.objectId ? `id:${g.objectId.toLowerCase()}` : g.displayName !== undefined ? `name:${g.displayName.toLowerCase()}` : undefined;

function declared<T extends Declaration>(model: Model, type: T['$type']): T[] {
    return partsOf(model).declarations.filter(d => d.$type === type) as T[];
}

/**
 * What a setup's rules keep from one run to the next: the statements each rule compares,
 * keyed file by file (conflict-index.ts), so that an edit re-keys only the edited file.
 * The language server keeps one per setup; a one-off run (the command line) makes one that is
 * not kept, which keys the setup once, without per-file maps.
 */
export class SetupMemory {
    readonly names: ConflictIndex<Declaration, string>;
    readonly groups: ConflictIndex<Group, string>;
    readonly accounts: ConflictIndex<ResourceAccount, string>;
    readonly trunks: ConflictIndex<Trunk, string>;
    /** Declarations' identities first, then coverages' (theirs follow the group they reference). */
    readonly identities: ConflictIndex<IdentityClause, string>;
    readonly numbers: ConflictIndex<Assignment, string>;
    readonly accountNumbers: ConflictIndex<Assignment, ResourceAccount>;
    readonly callbacks: ConflictIndex<Callback, string>;
    readonly coverages: ConflictIndex<EmergencyCoverage, Group>;
    /** The numbers the setup uses: assigned to an account, or an emergency callback number. */
    readonly usedNumbers: ConflictIndex<PhoneNumber, PhoneNumber>;

    /** @param kept whether it is kept for the next run (the editor's builds); a one-off run keys the setup once. */
    constructor(kept: boolean) {
        this.names = new ConflictIndex(m => [partsOf(m).declarations], d => d.name || undefined, false, kept);
        this.groups = new ConflictIndex(m => [declared<Group>(m, 'Group')], groupIdentity, false, kept);
        this.accounts = new ConflictIndex(m => [declared<ResourceAccount>(m, 'ResourceAccount')], a => a.upn?.toLowerCase(), false, kept);
        this.trunks = new ConflictIndex(m => [declared<Trunk>(m, 'Trunk')], t => t.fqdn?.toLowerCase(), false, kept);
        this.identities = new ConflictIndex(
            m => [partsOf(m).declarations.flatMap(identityClausesOf), partsOf(m).coverages.flatMap(identityClausesOf)], c => c.key, true, kept);
        this.numbers = new ConflictIndex(m => [partsOf(m).assignments.filter(a => a.number?.ref)], a => key(a.number.ref!), true, kept);
        this.accountNumbers = new ConflictIndex(m => [partsOf(m).assignments.filter(a => a.number?.ref && a.account?.ref)], a => a.account.ref, true, kept);
        this.callbacks = new ConflictIndex(m => [callbacksOf(partsOf(m).policies)], c => key(c.number), true, kept);
        this.coverages = new ConflictIndex(m => [partsOf(m).coverages.filter(c => c.group?.ref)], c => c.group.ref, true, kept);
        this.usedNumbers = new ConflictIndex(m => [usedNumbersIn(m)], n => n, true, kept);
    }
}

export function checkSetupRules(setup: Setup, memory = new SetupMemory(false)): SetupFinding[] {
    return new SetupRules(new SetupContext([...setup.models]), memory).run();
}

class SetupRules extends RuleSet {
    constructor(private readonly context: SetupContext, private readonly memory: SetupMemory) {
        super();
    }

    run(): SetupFinding[] {
        this.duplicateNames();
        this.sameTenantObject();
        this.identities();
        this.tenants();
        this.assignments();
        this.policies();
        this.grants();
        this.coverages();
        this.findings.push(...inboundFindings(this.context));
        this.findings.push(...emergencyLocationFindings(this.context));
        return this.findings;
    }

    /** Reports each member of a conflict, pointing at the others. */
    private reportEach<T extends AstNode>(code: IssueCode, members: T[], message: (member: T, others: T[]) => string,
        target: (member: T) => FindingTarget = node => ({ node }), relatedMessage = 'conflicting statement'): void {
        for (const member of members) {
            const others = members.filter(m => m !== member);
            this.report(code, message(member, others), target(member), undefined,
                others.map(o => ({ ...target(o), message: relatedMessage })));
        }
    }

    private duplicateNames(): void {
        for (const members of this.memory.names.conflicts(this.context.models)) {
            this.reportEach<Declaration>(IssueCodes.DuplicateName, members,
                (_, others) => `'${members[0]!.name}' is also declared at ${others.map(placeOf).join(', ')}; give each declaration its own name.`,
                node => ({ node, property: 'name' }), 'also declared here');
        }
    }

    /** Two declarations under different names that are one object in the tenant. */
    private sameTenantObject(): void {
        for (const members of this.memory.groups.conflicts(this.context.models)) {
            const identity = members[0]!.objectId ?? `"${members[0]!.displayName}"`;
            this.reportEach(IssueCodes.DuplicateName, members,
                (_, others) => `Entra group ${identity} is also declared as ${others.map(o => `'${o.name}' (${placeOf(o)})`).join(', ')}; declare each group once.`,
                node => ({ node, property: 'name' }), 'the same group');
        }
        for (const members of this.memory.accounts.conflicts(this.context.models)) {
            this.reportEach(IssueCodes.DuplicateName, members,
                (_, others) => `Resource account ${members[0]!.upn} is also declared as ${others.map(o => `'${o.name}' (${placeOf(o)})`).join(', ')}; declare each account once.`,
                node => ({ node, property: 'upn' }), 'the same resource account');
        }
        for (const members of this.memory.trunks.conflicts(this.context.models)) {
            this.reportEach(IssueCodes.DuplicateName, members,
                (_, others) => `SBC ${members[0]!.fqdn} is also declared by trunk ${others.map(o => `'${o.name}' (${placeOf(o)})`).join(', ')}; declare each SBC once.`,
                node => ({ node, property: 'fqdn' }), 'the same SBC');
        }
    }

    /**
     * Two declarations of one kind that find one tenant object (a name against another's
     * `identity`, two `identity` clauses, a trunk's route or policy clauses, an `emergency`
     * statement's `identity`), and identities Teams cannot hold.
     */
    private identities(): void {
        const clauses = this.memory.identities.items(this.context.models);
        const target = ({ node, id }: IdentityClause): FindingTarget => ({ node, property: id.written ? id.clause : isEmergencyCoverage(node) ? 'group' : 'name' });
        for (const clause of clauses) {
            const { identity } = clause.id;
            if (!clause.id.written || (identity.trim() !== '' && identity.trim() === identity)) continue;
            this.report(IssueCodes.InvalidIdentity, `The identity "${identity}" is empty or starts or ends with a space: write the Teams identity exactly as Teams shows it.`, target(clause));
        }
        const named = ({ node }: IdentityClause) => `'${isEmergencyCoverage(node) ? `emergency ${node.group.$refText}` : (node as Declaration).name}' (${placeOf(node)})`;
        for (const members of this.memory.identities.conflicts(this.context.models)) {
            // Two coverages of one group are duplicate-coverage's finding.
            const groups = new Set(members.map(m => (isEmergencyCoverage(m.node) ? m.node.group.ref : m)));
            if (groups.size === 1) continue;
            const id = members[0]!.id;
            for (const member of members) {
                const others = members.filter(m => m !== member);
                this.report(IssueCodes.DuplicateIdentity, `The ${id.label} with ${id.property} "${id.identity}" is also declared as ${others.map(named).join(', ')}; ` +
                    `Teams has one object under it (${id.property}s compare without case): declare it once.`,
                target(member), undefined, others.map(o => ({ ...target(o), message: 'the same tenant object' })));
            }
        }
    }

    private tenants(): void {
        const tenants = this.context.tenants;
        const domains = new Set(tenants.map(t => t.domain?.toLowerCase()));
        if (domains.size > 1) {
            this.reportEach(IssueCodes.DuplicateTenant, tenants.filter(t => t.domain !== undefined),
                (t, others) => `This setup targets tenant '${t.domain}' here and ${others.map(o => `'${o.domain}' (${placeOf(o)})`).join(', ')}; a setup applies to one tenant.`,
                node => ({ node, property: 'domain' }), 'another tenant');
        }
        const tenantDomains = this.context.tenantDomains();
        if (!tenantDomains) return;
        for (const statement of this.context.statements) {
            if (statement.$type === 'ResourceAccount' && statement.upn && UPN.test(statement.upn)) {
                const domain = statement.upn.split('@')[1]!.toLowerCase();
                if (!tenantDomains.includes(domain)) {
                    this.report(IssueCodes.InvalidUpn,
                        `'${domain}' is not a domain of the tenant (${tenantDomains.join(', ')}); use one of them or add it to 'domains' on the tenant statement.`,
                        { node: statement, property: 'upn' });
                }
            }
            if (statement.$type === 'Trunk' && statement.fqdn && FQDN.test(statement.fqdn)) {
                const fqdn = statement.fqdn.toLowerCase();
                const onTenantDomain = tenantDomains.some(d => !d.endsWith('.onmicrosoft.com') && (fqdn === d || fqdn.endsWith(`.${d}`)));
                if (!onTenantDomain && !fqdn.endsWith('.onmicrosoft.com')) {
                    this.report(IssueCodes.InvalidSbc,
                        `The SBC's domain must be registered in the tenant (${tenantDomains.join(', ')}), else Teams answers "Can not use the domain as it was not configured for this tenant".`,
                        { node: statement, property: 'fqdn' });
                }
            }
        }
    }

    private assignments(): void {
        const assignments = this.memory.numbers.items(this.context.models);
        for (const members of this.memory.numbers.conflicts(this.context.models)) {
            const accounts = new Set(members.map(a => a.account?.ref));
            this.reportEach(IssueCodes.NumberAssignedTwice, members, (a, others) => accounts.size > 1
                ? `${a.number.ref!.value} is also assigned to ${others.map(o => `'${o.account?.$refText}' (${placeOf(o)})`).join(', ')}; a number can be assigned to one account only.`
                : `${a.number.ref!.value} is assigned to '${a.account?.$refText}' again at ${others.map(placeOf).join(', ')}; remove the repeat.`,
            node => ({ node, property: 'number' }), 'the other assignment');
        }
        for (const members of this.memory.accountNumbers.conflicts(this.context.models)) {
            if (new Set(members.map(a => key(a.number.ref!))).size < 2) continue;
            this.reportEach(IssueCodes.NumberAssignedTwice, members,
                (a, others) => `'${a.account.ref!.name}' also gets ${others.map(o => `${o.number.ref?.value} (${placeOf(o)})`).join(', ')}; a resource account shares one number: give each number its own resource account.`,
                node => ({ node, property: 'account' }), 'another number for the same account');
        }
        const trunks = this.context.declarations.filter(d => d.$type === 'Trunk');
        const addresses = this.context.declarations.filter(d => d.$type === 'Address');
        for (const assignment of assignments) this.assignmentDetails(assignment, trunks, addresses);
    }

    private assignmentDetails(assignment: Assignment, trunks: Declaration[], addresses: Declaration[]): void {
        const number = assignment.number.ref!;
        const account = assignment.account?.ref;
        if (!number.address) {
            const only = addresses.length === 1 ? addresses[0]!.name : undefined;
            this.report(IssueCodes.MissingEmergencyLocation,
                `Number '${number.name}' has no emergency address: add 'at <address>' to it, so Shared Calling users get a location for emergency calls.`,
                { node: assignment, property: 'number' }, only);
        }
        if (number.numberType === 'direct-routing') {
            const trunk = number.trunk?.ref;
            if (!trunk) {
                const only = trunks.length === 1 ? trunks[0]!.name : undefined;
                this.report(IssueCodes.DirectRoutingWithoutRoute,
                    `Direct Routing number '${number.name}' has no trunk: add 'via <trunk>' so the resource account gets a voice routing policy with a PSTN usage.`,
                    { node: assignment, property: 'number' }, only);
            } else if (!trunk.usage || !trunk.fqdn) {
                this.report(IssueCodes.DirectRoutingWithoutRoute,
                    `Trunk '${trunk.name}' has no ${trunk.fqdn ? 'PSTN usage' : 'SBC'}, so it cannot route number '${number.name}'.`,
                    { node: assignment, property: 'number' });
            }
        }
        if (account?.usageLocation && isIsoCountry(account.usageLocation)) {
            const countries = numberCountries(number);
            if (countries.length > 0 && !countries.includes(account.usageLocation)) {
                const fix = countries.length === 1 ? countries[0] : undefined;
                this.report(IssueCodes.UsageLocationMismatch,
                    `'${account.name}' has usage location ${account.usageLocation} but number ${number.value} is in ${countries.slice(0, 3).join('/')}; the licence's usage location should match the number's country.`,
                    { node: assignment, property: 'account' }, fix);
            }
        }
    }

    private policies(): void {
        const context = this.context;
        // By the canonical number: one number may be declared twice under two names. The first assignment of one, in setup order.
        const assignedKeys = this.memory.numbers.keys(context.models);
        const assignedTo = (number: PhoneNumber) => assignedKeys.has(key(number))
            ? this.memory.numbers.items(context.models).find(a => key(a.number.ref!) === key(number)) : undefined;
        const callbacks = this.memory.callbacks.items(context.models);
        for (const members of this.memory.callbacks.conflicts(context.models)) {
            const policies = new Set(members.map(m => m.policy));
            if (policies.size < 2) continue; // listed twice in one policy: checkPolicy reports it
            for (const member of members) {
                const others = members.filter(m => m.policy !== member.policy);
                this.report(IssueCodes.EmergencyNumberReused,
                    `${member.number.value} is also an emergency callback number of ${others.map(o => `'${o.policy.name}' (${placeOf(o.policy)})`).join(', ')}; each can be used by one policy only.`,
                    { node: member.policy, property: 'callbacks', index: member.index }, undefined,
                    others.map(o => ({ node: o.policy, property: 'callbacks', index: o.index, message: 'the other policy' })));
            }
        }
        for (const callback of callbacks) {
            const assignment = assignedTo(callback.number);
            if (!assignment) continue;
            const message = `${callback.number.value} is an emergency callback number of '${callback.policy.name}' (${placeOf(callback.policy)}) ` +
                `and is assigned to '${assignment.account?.$refText}' (${placeOf(assignment)}); an emergency callback number cannot also be assigned to an account.`;
            this.report(IssueCodes.EmergencyNumberReused, message, { node: callback.policy, property: 'callbacks', index: callback.index }, undefined,
                [{ node: assignment, property: 'number', message: 'the assignment' }]);
            this.report(IssueCodes.EmergencyNumberReused, message, { node: assignment, property: 'number' }, undefined,
                [{ node: callback.policy, property: 'callbacks', index: callback.index, message: 'the policy' }]);
        }
        for (const policy of context.policies) this.policyDetails(policy);
    }

    private policyDetails(policy: SharedCallingPolicy): void {
        const context = this.context;
        const account = policy.account?.ref;
        const position = context.orderOf(policy) ?? 0;
        // The account's first assignment, if it comes before the policy (assignmentsOf is in setup order).
        const firstAssignment = account ? context.assignmentsOf(account)[0] : undefined;
        const accountNumber = firstAssignment && (context.orderOf(firstAssignment) ?? 0) < position ? firstAssignment.number.ref : undefined;
        if (account && !accountNumber) {
            this.report(IssueCodes.ResourceAccountWithoutNumber,
                `Resource account '${account.name}' has no number assigned before this policy; add 'assign <number> to ${account.name}' above it (in this file or a file it imports).`,
                { node: policy, property: 'account' });
        }
        policy.callbacks.forEach((ref, index) => {
            const callback = ref.ref;
            if (!callback || !accountNumber) return;
            const sameType = callback.numberType === accountNumber.numberType;
            const a = numberCountries(callback);
            const b = numberCountries(accountNumber);
            const sameCountry = a.length === 0 || b.length === 0 || a.some(c => b.includes(c));
            if (!sameType || !sameCountry) {
                this.report(IssueCodes.EmergencyNumberMismatch,
                    `Callback number ${callback.value} (${callback.numberType}, ${a.slice(0, 2).join('/') || '?'}) must have the same type and country as ` +
                    `the resource account's number ${accountNumber.value} (${accountNumber.numberType}, ${b.slice(0, 2).join('/') || '?'}).`,
                    { node: policy, property: 'callbacks', index });
            } else if (callback.tollFree && accountNumber.numberType === 'calling-plan') {
                this.report(IssueCodes.EmergencyNumberMismatch,
                    `Callback number ${callback.value} is toll-free: when the resource account has a Calling Plan service number, ` +
                    `emergency callback numbers must be Calling Plan subscriber numbers; use a geographic number.`,
                    { node: policy, property: 'callbacks', index });
            }
        });
        if (accountNumber?.numberType === 'calling-plan' && accountNumber.tollFree && policy.callbacks.length === 0) {
            this.report(IssueCodes.TollFreeWithoutCallback,
                `'${account!.name}' shares a toll-free Calling Plan number: Teams requires emergency callback numbers (Calling Plan subscriber numbers) in this policy.`,
                { node: policy, property: 'name' });
        }
    }

    private grants(): void {
        const grants = this.context.grants.filter(g => typeof g.rank === 'number');
        const ranks = new Set(grants.map(g => g.rank));
        let free = 1;
        while (ranks.has(free)) free++;
        for (const members of conflicts(grants, g => String(g.rank))) {
            for (const grant of members) {
                const others = members.filter(m => m !== grant);
                // The fix moves the later grants (the first keeps its rank), or drops a later copy of the same grant.
                const later = grant !== members[0];
                const duplicate = later && isDuplicateGrant(grant, members);
                this.report(IssueCodes.RankConflict,
                    `Rank ${grant.rank} is also used by the grant to ${others.map(o => `'${o.group?.$refText}' (${placeOf(o)})`).join(', ')}; group ranks must be unique per policy type.`,
                    { node: grant, property: 'rank' }, later && !duplicate ? String(free) : undefined,
                    others.map(o => ({ node: o, property: 'rank', message: 'the same rank' })), duplicate ? 'remove-duplicate-grant' : undefined);
            }
        }
        for (const members of conflicts(grants.filter(g => g.group?.ref), g => g.group.ref)) {
            for (const grant of members) {
                const others = members.filter(m => m !== grant);
                this.report(IssueCodes.RankConflict,
                    `Group '${grant.group?.$refText}' is also granted ${others.map(o => `'${o.policy?.$refText}' (${placeOf(o)})`).join(', ')}; a group gets one shared calling policy.`,
                    { node: grant, property: 'group' }, undefined, others.map(o => ({ node: o, property: 'group', message: 'the other grant' })),
                    isDuplicateGrant(grant, members) ? 'remove-duplicate-grant' : undefined);
            }
        }
        if (grants.length > MAX_GROUPS_PER_POLICY_TYPE) this.grantLimit(grants);
        const covered = new Set(this.context.coverages.map(c => c.group?.ref).filter(g => g !== undefined));
        for (const grant of grants) {
            const group = grant.group?.ref;
            if (group && !covered.has(group)) {
                this.report(IssueCodes.MissingEmergencyLocation,
                    `Group '${group.name}' has no emergency coverage: every Shared Calling user needs emergency routing and a location; add 'emergency ${group.name} works-at <where they work>'.`,
                    { node: grant, property: 'group' }, coverageFor(grant, this.context));
            }
        }
    }

    /**
     * Past the limit, every grant after the 64th is an error; so that each file taking part
     * sees it, the first grant of every other file says how the total comes about.
     */
    private grantLimit(grants: Grant[]): void {
        const excess = grants.slice(MAX_GROUPS_PER_POLICY_TYPE);
        const byFile = new Map<string, Grant[]>();
        for (const grant of grants) {
            const file = AstUtils.getDocument(grant).uri.toString();
            byFile.set(file, [...(byFile.get(file) ?? []), grant]);
        }
        const shares = [...byFile.values()].map(list => `${placeOf(list[0]!).split(':')[0]}: ${list.length}`).join(', ');
        const first = { node: grants[0]!, property: 'group', message: 'the first grant of this setup' };
        excess.forEach((grant, i) => {
            this.report(IssueCodes.RankConflict,
                `This is grant ${MAX_GROUPS_PER_POLICY_TYPE + i + 1} of ${grants.length} in this setup (${shares}): Teams allows at most ${MAX_GROUPS_PER_POLICY_TYPE} groups per policy type.`,
                { node: grant, property: 'group' }, undefined, [first]);
        });
        for (const list of byFile.values()) {
            if (excess.includes(list[0]!)) continue;
            this.report(IssueCodes.RankConflict,
                `This setup grants ${grants.length} groups in all (${shares}): Teams allows at most ${MAX_GROUPS_PER_POLICY_TYPE} groups per policy type.`,
                { node: list[0]!, property: 'group' }, undefined, [{ node: excess[0]!, property: 'group', message: `grant ${MAX_GROUPS_PER_POLICY_TYPE + 1}, the first over the limit` }]);
        }
    }

    private coverages(): void {
        const context = this.context;
        for (const members of this.memory.coverages.conflicts(context.models)) {
            this.reportEach<EmergencyCoverage>(IssueCodes.DuplicateCoverage, members,
                (c, others) => `Group '${c.group.$refText}' also has emergency coverage at ${others.map(placeOf).join(', ')}; a group gets one emergency call routing policy: keep one statement.`,
                node => ({ node, property: 'group' }), 'the other coverage');
        }
        const grantOf = new Map<Group, Grant>();
        for (const g of context.grants) {
            const group = g.group?.ref;
            if (group && !grantOf.has(group)) grantOf.set(group, g);
        }
        for (const coverage of context.coverages) {
            const group = coverage.group?.ref;
            const grant = group ? grantOf.get(group) : undefined;
            const account = grant?.policy?.ref?.account?.ref;
            const number = account ? context.assignmentsOf(account)[0]?.number?.ref : undefined;
            if (coverage.trunk) {
                if (number && number.numberType !== 'direct-routing') {
                    this.report(IssueCodes.EmergencyRoutingMismatch,
                        `'${coverage.group?.$refText}' shares ${number.numberType === 'calling-plan' ? 'a Calling Plan' : 'an Operator Connect'} number, ` +
                        `so its emergency call routing should have no PSTN usages: remove 'via ${coverage.trunk.$refText}'.`,
                        { node: coverage, property: 'trunk' }, '');
                }
                continue;
            }
            if (number?.numberType === 'direct-routing') {
                this.report(IssueCodes.DirectRoutingWithoutRoute,
                    `'${coverage.group?.$refText}' shares a Direct Routing number, so its emergency calls must route through a trunk: add 'via <trunk>'.`,
                    { node: coverage, property: 'group' }, number.trunk?.ref?.name);
            }
        }
    }
}

/**
 * Whether an earlier grant (in setup order) grants the same policy to the same group: then this
 * one adds nothing and can go. Grants of different policies are a choice the fix leaves to people.
 */
function isDuplicateGrant(grant: Grant, members: readonly Grant[]): boolean {
    return members.slice(0, members.indexOf(grant)).some(o => o.group?.ref === grant.group?.ref && o.policy?.ref !== undefined && o.policy.ref === grant.policy?.ref);
}

/** The emergency statement a quick fix adds for a granted group: the shared number's address and trunk. */
function coverageFor(grant: Grant, context: SetupContext): string | undefined {
    const account = grant.policy?.ref?.account?.ref;
    const number = account ? context.assignmentsOf(account)[0]?.number?.ref : undefined;
    const address = number?.address?.$refText;
    if (!address || !grant.group?.ref) return undefined;
    const via = number?.numberType === 'direct-routing' && number.trunk ? ` via ${number.trunk.$refText}` : '';
    // The dial strings the setup already uses at that address, so the new coverage keeps them.
    const dial = context.coverages.find(c => c.address?.ref === number?.address?.ref && c.dialStrings.length > 0)?.dialStrings;
    return `emergency ${grant.group.ref.name} works-at ${address}${via}${dial ? ` dial ${dial.map(d => `"${d}"`).join(', ')}` : ''}`;
}
