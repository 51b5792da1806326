/**
 * Tenant checks on the users a Shared Calling grant reaches (warnings: the grant works, but
 * these members will not use Shared Calling, or receive nothing):
 * - `member-with-phone-number`: "Don't assign a phone number to any Shared Calling enabled
 *   user"; a Direct Routing `;ext=` number is extension dialing, which is allowed [SC-SETUP];
 * - `member-with-routing-usages`: a voice routing policy with PSTN usages assigned to the
 *   member directly beats the group's no-usage policy (direct assignment counts as rank 0
 *   [GPA-NEW]), and the user "won't use Shared Calling" [SC-SETUP];
 * - `nested-group-member`: only direct members receive group policies [GPA-NEW].
 * The members are the direct members the plan read for groups it is about to grant, and the
 * users Teams already gives the group's Shared Calling policy to (userConfigurations [G-UCONF]).
 */
import type { TenantFinding } from '../plan/diff.js';
import type { ObservedUserPolicies } from '../plan/snapshot.js';
import { same } from './compare.js';
import type { GroupGrantResource } from './group-grant.js';
import type { DiffContext } from './kind-handler.js';

/** Members a finding names one by one; it counts them all. */
const NAMED = 10;

type GrantChange = { resource: unknown; statement: TenantFinding['statement'] };

function listed(names: string[]): string {
    return `${names.slice(0, NAMED).join('; ')}${names.length > NAMED ? `, and ${names.length - NAMED} more` : ''}`;
}

/** The group's users as Teams describes them: read members first, then those Teams gives the group's policy to. */
function usersOf(groupId: string, ctx: DiffContext): ObservedUserPolicies[] {
    const read = ctx.snapshot.groupMembers.find(g => same(g.groupId, groupId));
    const ids = new Set((read && !read.error ? read.members.filter(m => m.type === 'user').map(m => m.id) : []).map(id => id.toLowerCase()));
    return ctx.snapshot.userPolicies.filter(u => ids.has(u.userId.toLowerCase()) || same(u.policies.TeamsSharedCallingRoutingPolicy?.groupId, groupId));
}

const nameOf = (u: ObservedUserPolicies) => u.userPrincipalName ?? u.userId;

export function memberFindings(changes: readonly GrantChange[], ctx: DiffContext): TenantFinding[] {
    return changes.flatMap(change => {
        const r = change.resource as GroupGrantResource;
        const groupId = ctx.groupIds.get(r.group);
        if (r.policyType !== 'TeamsSharedCallingRoutingPolicy' || !groupId) return [];
        const findings: TenantFinding[] = [];
        const finding = (code: TenantFinding['code'], message: string) => findings.push({ code, severity: 'warning', statement: change.statement, message });
        const users = usersOf(groupId, ctx);

        // Read defensively: a number the answer does not carry as text is not judged.
        const withNumber = users.flatMap(u => {
            const own = (u.telephoneNumbers ?? []).filter(n => !n.includes(';ext='));
            return own.length > 0 ? [`${nameOf(u)} (${own.join(', ')})`] : [];
        });
        if (withNumber.length > 0) {
            finding('member-with-phone-number', `${withNumber.length} member(s) of group ${r.group} have a phone number of their own: ${listed(withNumber)}. ` +
                '"Don\'t assign a phone number to any Shared Calling enabled user" [SC-SETUP]; a Direct Routing ;ext= number (extension dialing) is the exception.');
        }

        const withUsages = users.flatMap(u => {
            const policy = u.policies.OnlineVoiceRoutingPolicy;
            if (policy?.assignmentType !== 'direct') return [];
            const usages = ctx.snapshot.voiceRoutingPolicies.find(p => same(p.identity, policy.name))?.usages ?? [];
            return usages.length > 0 ? [`${nameOf(u)} (${policy.name}: ${usages.join(', ')})`] : [];
        });
        if (withUsages.length > 0) {
            finding('member-with-routing-usages', `${withUsages.length} member(s) of group ${r.group} hold a voice routing policy with PSTN usages of their own: ${listed(withUsages)}. ` +
                'A direct assignment beats the group\'s (rank 0 [GPA-NEW]), so they "won\'t use Shared Calling" [SC-SETUP].');
        }

        const read = ctx.snapshot.groupMembers.find(g => same(g.groupId, groupId));
        const nested = (read && !read.error ? read.members : []).filter(m => m.type === 'group').map(m => ctx.index.group(m.id)?.displayName ?? m.id);
        if (nested.length > 0) {
            finding('nested-group-member', `Group ${r.group} has ${nested.length} nested group(s) among its members: ${listed(nested)}. ` +
                'Only direct members receive group policies, so their members get no Shared Calling [GPA-NEW].');
        }
        return findings;
    });
}
