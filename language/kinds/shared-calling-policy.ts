/** The Shared Calling routing policy: the resource account whose number users share, and callback numbers [NEW-SCRP, SET-SCRP]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { SharedCallingPolicy } from '../generated/ast.js';
import { telephoneNumber } from '../plan/names.js';
import type { TenantSnapshot } from '../plan/snapshot.js';
import { compare, isGlobal, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { identityOf, list, str } from './read-rows.js';

export interface SharedCallingPolicyResource {
    kind: 'shared-calling-policy'; key: string; identity: string;
    /** UPN of the resource account; resolved to its Identity (object id) when applied. */
    resourceAccount: string; emergencyNumbers: string[]; description?: string;
}

export interface ObservedSharedCallingPolicy { identity: string; resourceAccount?: string; emergencyNumbers: string[]; description?: string }

/** The policy's Teams identity: its `identity` clause (a policy made outside the tool), else its name. */
export const sharedCallingPolicyIdentity = (policy: SharedCallingPolicy): string => policy.identity ?? policy.name;

export function sharedCallingPolicyFor(policy: SharedCallingPolicy): SharedCallingPolicyResource {
    return {
        kind: 'shared-calling-policy', key: policy.name, identity: sharedCallingPolicyIdentity(policy),
        resourceAccount: policy.account?.ref?.upn ?? '',
        emergencyNumbers: policy.callbacks.flatMap(c => (c.ref ? [telephoneNumber(c.ref)] : [])),
        description: policy.description
    };
}

/** -ResourceAccount takes the account's Identity (object id), not its UPN [NEW-SCRP]. */
const account = (r: SharedCallingPolicyResource) => ({ $ref: 'account-id' as const, key: r.resourceAccount });

const create = (r: SharedCallingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsTeamsSharedCallingRoutingPolicy', parameters: {
        Identity: r.identity, ResourceAccount: account(r),
        ...(r.emergencyNumbers.length > 0 ? { EmergencyNumbers: { $modify: { add: r.emergencyNumbers } } } : {}),
        Description: r.description ?? ''
    }
});

/** The whole list of callback numbers, passed directly: that sets it [teams-facts Corrections 2]. */
const update = (r: SharedCallingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsTeamsSharedCallingRoutingPolicy', parameters: {
        Identity: r.identity, ResourceAccount: account(r), EmergencyNumbers: r.emergencyNumbers, Description: r.description ?? ''
    }
});

/**
 * Callback numbers that are Calling Plan service numbers while the account's number is a Calling Plan service
 * number: those must be subscriber numbers [SC-SETUP]. A subscriber number is one Teams lets be assigned to a user
 * (capability UserAssignment [GET-PNA]); a number whose capabilities were not read is not judged.
 */
function nonSubscriberCallbacks(r: SharedCallingPolicyResource, snapshot: TenantSnapshot, accountId: string | undefined): string[] {
    const own = accountId ? snapshot.numbers.find(n => same(n.assignedTo, accountId)) : undefined;
    if (own?.numberType !== 'CallingPlan') return [];
    return r.emergencyNumbers.filter(e => {
        const number = snapshot.numbers.find(n => n.telephoneNumber === e);
        return number?.numberType === 'CallingPlan' && number.capabilities !== undefined && !number.capabilities.some(c => same(c, 'UserAssignment'));
    });
}

export const sharedCallingPolicy: KindHandler<'shared-calling-policy'> = {
    kind: 'shared-calling-policy',
    label: 'shared calling policy',
    step: 'step4',
    dependsOn: ['resource-account', 'number-assignment'],
    describe: r => `Shared Calling policy \`${r.identity}\` sharing \`${r.resourceAccount}\`${r.emergencyNumbers.length ? `, callback ${r.emergencyNumbers.join(', ')}` : ''} (New-CsTeamsSharedCallingRoutingPolicy)`,
    observed: (r, { snapshot }) => snapshot.sharedCallingPolicies.find(p => same(p.identity, r.identity)),
    reads: [{
        field: 'sharedCallingPolicies', from: { surface: 'teams', command: 'Get-CsTeamsSharedCallingRoutingPolicy' },
        rows: rows => rows.map(p => ({
            identity: identityOf(p), resourceAccount: str(p.ResourceAccount), emergencyNumbers: list(p.EmergencyNumbers).map(String), description: str(p.Description)
        }))
    }],
    commands: ['New-CsTeamsSharedCallingRoutingPolicy', 'Set-CsTeamsSharedCallingRoutingPolicy'],
    diff(r, { snapshot, index, finding }) {
        for (const number of nonSubscriberCallbacks(r, snapshot, index.accountId(r.resourceAccount))) {
            finding('callback-not-subscriber-number',
                `${number} is a Calling Plan service number (its capabilities lack UserAssignment), but '${r.resourceAccount}' has a Calling Plan service number: ` +
                `its emergency callback numbers must be Calling Plan subscriber numbers.`);
        }
        const found = snapshot.sharedCallingPolicies.find(p => same(p.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['resourceAccount', found.resourceAccount, index.accountId(r.resourceAccount) ?? r.resourceAccount, 'ignoreCase'],
            ['emergencyNumbers', sorted(found.emergencyNumbers), sorted(r.emergencyNumbers)],
            ['description', found.description ?? '', r.description ?? '']
        ]));
    },
    notManaged: (declared, { snapshot }) =>
        undeclared(snapshot.sharedCallingPolicies.map(p => p.identity).filter(id => !isGlobal(id)), declared.map(r => r.identity)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.identity);
        const upn = psString(r.resourceAccount);
        return [
            `$account = Get-VoiceOnlineUser -Identity ${upn}`,
            ...createOrUpdate({
                read: `Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
                create: [
                    '# -ResourceAccount takes the account\'s Identity (object id), not its UPN [NEW-SCRP].',
                    `${psCall(create(r))} | Out-Null`
                ],
                differs: [
                    '$null -eq $account', '$current.ResourceAccount -ne $account.Identity',
                    `-not (Test-VoiceSameSet $current.EmergencyNumbers ${psStringArray(r.emergencyNumbers)})`,
                    `[string]$current.Description -cne ${psString(r.description ?? '')}`
                ],
                update: [psCall(update(r))]
            })
        ];
    }
};
