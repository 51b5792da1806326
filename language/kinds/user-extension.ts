/**
 * Extension dialing (optional, [SC-SETUP] "extension dialing"): a Shared Calling user gets a
 * Direct Routing number with a unique extension (`+12065550100;ext=1234`, the digits may be the
 * resource account's number), and keeps a voice routing policy without PSTN usages, else the
 * user stops using Shared Calling [SC-SETUP]. One object per row of the extension CSV.
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { compare, same, updateIfDiffers } from './compare.js';
import type { ObservedUserPolicies } from './emergency-members-grant.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import type { ObservedNumber } from './number-assignment.js';

export interface UserExtensionResource {
    kind: 'user-extension'; key: string; userPrincipalName: string;
    /** "+12065550100;ext=1234". */
    telephoneNumber: string;
    /** The voice routing policy without PSTN usages. */
    policy: string;
}

export function userExtensionFor(userPrincipalName: string, telephoneNumber: string, policy: string): UserExtensionResource {
    return { kind: 'user-extension', key: userPrincipalName.toLowerCase(), userPrincipalName, telephoneNumber, policy };
}

const ROUTING_POLICY = 'OnlineVoiceRoutingPolicy';

const assign = (r: UserExtensionResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsPhoneNumberAssignment',
    parameters: { Identity: r.userPrincipalName, PhoneNumber: r.telephoneNumber, PhoneNumberType: 'DirectRouting' }
});

const grant = (r: UserExtensionResource): TeamsCall => ({
    surface: 'teams', command: 'Grant-CsOnlineVoiceRoutingPolicy', parameters: { Identity: r.userPrincipalName, PolicyName: r.policy }
});

/**
 * Look-ups built once per collection, not per row: a setup may hold 50,000 rows. Keyed by the
 * array and its length, so a collection read again (or grown) is indexed again.
 */
interface Lookups { users: Map<string, ObservedUserPolicies>; numbers: Map<string, ObservedNumber> }
const indexes = new WeakMap<object, { length: number; map: Map<string, unknown> }>();

function indexOf<T>(rows: T[], key: (row: T) => string | undefined): Map<string, T> {
    const found = indexes.get(rows);
    if (found && found.length === rows.length) return found.map as Map<string, T>;
    const map = new Map(rows.flatMap(row => {
        const k = key(row);
        return k ? [[k.toLowerCase(), row] as const] : [];
    }));
    indexes.set(rows, { length: rows.length, map });
    return map;
}

function lookupsOf(snapshot: TenantSnapshot): Lookups {
    return { users: indexOf(snapshot.userPolicies, u => u.userPrincipalName), numbers: indexOf(snapshot.numbers, n => n.telephoneNumber) };
}

const bare = (telephoneNumber: string): string => telephoneNumber.split(';')[0]!;

export const userExtension: KindHandler<'user-extension'> = {
    kind: 'user-extension',
    label: 'user extension',
    step: 'step7',
    dependsOn: ['voice-routing-policy'],
    describe: r => `give \`${r.userPrincipalName}\` the Direct Routing number ${r.telephoneNumber} and the voice routing policy \`${r.policy}\` ` +
        '(Set-CsPhoneNumberAssignment, Grant-CsOnlineVoiceRoutingPolicy)',
    observed(r, { snapshot }) {
        const { users, numbers } = lookupsOf(snapshot);
        const number = numbers.get(r.telephoneNumber.toLowerCase());
        const user = users.get(r.key);
        return number || user ? { assignedTo: number?.assignedTo, policy: user?.policies[ROUTING_POLICY]?.name } : undefined;
    },
    // Numbers (number-assignment) and users' effective policies (emergency-members-grant) are read by their kinds.
    reads: [],
    comparesWith: ['number-assignment', 'emergency-members-grant'],
    commands: ['Set-CsPhoneNumberAssignment', 'Grant-CsOnlineVoiceRoutingPolicy'],
    diff(r, { snapshot, finding }) {
        const { users, numbers } = lookupsOf(snapshot);
        const base = numbers.get(bare(r.telephoneNumber).toLowerCase());
        if (base && base.numberType !== 'DirectRouting') {
            finding('extension-number-not-direct-routing',
                `${bare(r.telephoneNumber)} is a ${base.numberType} number in the tenant: extensions exist only on Direct Routing numbers [SET-PNA]; ` +
                `give ${r.userPrincipalName} a Direct Routing number.`);
            return { action: 'unchanged' };
        }
        const user = users.get(r.key);
        const number = numbers.get(r.telephoneNumber.toLowerCase());
        if (number?.assignedTo && !same(number.assignedTo, user?.userId)) {
            finding('number-assigned-elsewhere',
                `${r.telephoneNumber} is already assigned to another user or account (${number.assignedTo}); the tool never reassigns a number: unassign it first.`);
            return { action: 'unchanged' };
        }
        const policy = user?.policies[ROUTING_POLICY]?.name;
        if (!number?.assignedTo && !same(policy, r.policy)) return { action: 'create', note: `ext. ${r.telephoneNumber.split('=')[1]}` };
        return updateIfDiffers(compare([
            ['number', number?.assignedTo ? r.telephoneNumber : 'none', r.telephoneNumber],
            ['voice routing policy', policy ?? 'none', r.policy, 'ignoreCase']
        ]));
    },
    // A user's own number is the user's business: nothing is listed.
    notManaged: () => [],
    create: r => [assign(r), grant(r)],
    update(r, changes) {
        const changed = (field: string) => !changes || changes.some(c => c.field === field);
        return [...(changed('number') ? [assign(r)] : []), ...(changed('voice routing policy') ? [grant(r)] : [])];
    },
    script(r) {
        const upn = psString(r.userPrincipalName);
        const number = psString(r.telephoneNumber);
        const label = psString(this.label);
        return [
            `$user = Get-VoiceOnlineUser -Identity ${upn}`,
            `$current = Get-CsPhoneNumberAssignment -TelephoneNumber ${number}`,
            'if ($null -ne $user -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $user.Identity) {',
            [`throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f ${number}, $current.AssignedPstnTargetId, ${upn})`],
            '}',
            'if ($null -eq $user -or $null -eq $current -or $current.AssignedPstnTargetId -ne $user.Identity) {',
            guarded(upn, 'Assign Direct Routing number with extension to user', [psCall(assign(r))], 'Created', this.label),
            `} else { Add-VoiceResult Unchanged ${label} ${upn} }`,
            '# Without PSTN usages, or the user stops using Shared Calling [SC-SETUP].',
            `if ($null -ne $user -and (Test-VoiceIdentity $user.OnlineVoiceRoutingPolicy ${psString(r.policy)})) {`,
            [`Add-VoiceResult Unchanged 'user voice routing policy' ${upn}`],
            '} else {',
            guarded(upn, 'Grant voice routing policy without PSTN usages', [psCall(grant(r))], 'Changed', 'user voice routing policy'),
            '}'
        ];
    }
};
