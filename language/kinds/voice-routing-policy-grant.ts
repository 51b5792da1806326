/** The voice routing policy on a Direct Routing resource account: its PSTN usages [OVRP-GRANT, SC-SETUP]. */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Trunk } from '../generated/ast.js';
import { names } from '../plan/names.js';
import { compare, isGlobal, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';

export interface PolicyGrantToAccountResource {
    kind: 'voice-routing-policy-grant'; key: string; account: string; policy: string;
}

/** A Direct Routing resource account routes through its trunk's policy. */
export function accountRoutingGrantFor(accountUpn: string, trunk: Trunk): PolicyGrantToAccountResource {
    return { kind: 'voice-routing-policy-grant', key: accountUpn.toLowerCase(), account: accountUpn, policy: names.accountRoutingPolicy(trunk) };
}

const grant = (r: PolicyGrantToAccountResource): TeamsCall => ({
    surface: 'teams', command: 'Grant-CsOnlineVoiceRoutingPolicy', parameters: { Identity: r.account, PolicyName: r.policy }
});

export const voiceRoutingPolicyGrant: KindHandler<'voice-routing-policy-grant'> = {
    kind: 'voice-routing-policy-grant',
    label: 'voice routing policy grant',
    step: 'step3',
    dependsOn: ['voice-routing-policy', 'resource-account'],
    describe: r => `grant voice routing policy \`${r.policy}\` to \`${r.account}\` (Grant-CsOnlineVoiceRoutingPolicy)`,
    observed: (r, { index }) => index.policiesOf(index.accountId(r.account))?.OnlineVoiceRoutingPolicy,
    // Compares with the accounts' effective policies, which the emergency members grant reads.
    reads: [],
    commands: ['Grant-CsOnlineVoiceRoutingPolicy'],
    diff(r, { index }) {
        const current = index.policiesOf(index.accountId(r.account))?.OnlineVoiceRoutingPolicy;
        if (!current) return { action: 'create', note: `grant ${r.policy}` };
        return updateIfDiffers(compare([['policy', current.name, r.policy, 'ignoreCase']]));
    },
    // Resource accounts with a voice routing policy of their own (not through a group) that no file grants.
    notManaged(declared, { snapshot, index }) {
        const granted = new Set(declared.map(r => r.key.toLowerCase()));
        return snapshot.applicationInstances.flatMap(a => {
            const policy = index.policiesOf(a.objectId)?.OnlineVoiceRoutingPolicy;
            // The Global instance is the tenant's default, not a grant anyone made.
            return policy?.assignmentType === 'direct' && !isGlobal(policy.name) && !granted.has(a.userPrincipalName.toLowerCase())
                ? [`${a.userPrincipalName} (${policy.name})`] : [];
        });
    },
    create: r => [grant(r)],
    update: r => [grant(r)],
    script(r) {
        const upn = psString(r.account);
        return [
            `$account = Get-VoiceOnlineUser -Identity ${upn}`,
            `if ($null -ne $account -and (Test-VoiceIdentity $account.OnlineVoiceRoutingPolicy ${psString(r.policy)})) {`,
            [`Add-VoiceResult Unchanged ${psString(this.label)} ${upn}`],
            '} else {',
            guarded(upn, 'Grant voice routing policy (Direct Routing needs PSTN usages on the resource account)', [psCall(grant(r))], 'Changed', this.label),
            '}'
        ];
    }
};
