/** An online voice routing policy: the PSTN usages a user or resource account may route through [OVRP-NEW]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Trunk } from '../generated/ast.js';
import { names } from '../plan/names.js';
import { compare, isGlobal, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { identityOf, list, str } from './read-rows.js';

export interface VoiceRoutingPolicyResource {
    kind: 'voice-routing-policy'; key: string; identity: string; usages: string[]; description: string;
    /** Adopted by a trunk's `routing-policy`: the policy keeps the description its admin gave it (set only on create). */
    keepDescription?: true;
}

export interface ObservedVoiceRoutingPolicy { identity: string; usages: string[]; description?: string }

/** Voice routing policy without PSTN usages, granted to Shared Calling users [SC-SETUP]. */
export const USERS_VOICE_ROUTING_POLICY = 'SharedCalling-Users-NoPstn';

/** The policy that lets a trunk's resource accounts route their shared numbers. */
export function accountRoutingPolicyFor(trunk: Trunk): VoiceRoutingPolicyResource {
    const identity = names.accountRoutingPolicy(trunk);
    return {
        kind: 'voice-routing-policy', key: identity, identity, usages: [trunk.usage ?? ''],
        description: `Routes the shared numbers on ${trunk.name} (resource accounts only)`,
        ...(trunk.routingPolicy !== undefined ? { keepDescription: true as const } : {})
    };
}

/** Shared Calling users must not route calls themselves: their policy has no usages [SC-SETUP]. */
export function usersRoutingPolicy(): VoiceRoutingPolicyResource {
    return {
        kind: 'voice-routing-policy', key: USERS_VOICE_ROUTING_POLICY, identity: USERS_VOICE_ROUTING_POLICY, usages: [],
        description: 'No PSTN usages: Shared Calling users must not route calls themselves'
    };
}

const create = (r: VoiceRoutingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineVoiceRoutingPolicy', parameters: {
        Identity: r.identity, ...(r.usages.length > 0 ? { OnlinePstnUsages: { $modify: { add: r.usages } } } : {}), Description: r.description
    }
});

const update = (r: VoiceRoutingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsOnlineVoiceRoutingPolicy', parameters: {
        Identity: r.identity, OnlinePstnUsages: r.usages, ...(r.keepDescription ? {} : { Description: r.description })
    }
});

export const voiceRoutingPolicy: KindHandler<'voice-routing-policy'> = {
    kind: 'voice-routing-policy',
    label: 'voice routing policy',
    step: 'prerequisites',
    dependsOn: ['pstn-usage'],
    describe: r => `voice routing policy \`${r.identity}\`${r.usages.length ? ` with usages ${r.usages.join(', ')}` : ' without PSTN usages'} (New-CsOnlineVoiceRoutingPolicy)`,
    observed: (r, { snapshot }) => snapshot.voiceRoutingPolicies.find(p => same(p.identity, r.identity)),
    reads: [{
        field: 'voiceRoutingPolicies', from: { surface: 'teams', command: 'Get-CsOnlineVoiceRoutingPolicy' },
        rows: rows => rows.map(p => ({ identity: identityOf(p), usages: list(p.OnlinePstnUsages).map(String), description: str(p.Description) }))
    }],
    commands: ['New-CsOnlineVoiceRoutingPolicy', 'Set-CsOnlineVoiceRoutingPolicy'],
    diff(r, { snapshot }) {
        const found = snapshot.voiceRoutingPolicies.find(p => same(p.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['usages', sorted(found.usages), sorted(r.usages)],
            ['description', found.description ?? '', r.keepDescription ? undefined : r.description]
        ]));
    },
    notManaged: (declared, { snapshot }) =>
        undeclared(snapshot.voiceRoutingPolicies.map(p => p.identity).filter(id => !isGlobal(id)), declared.map(r => r.key)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.identity);
        return createOrUpdate({
            read: `Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [
                `-not (Test-VoiceSameSet $current.OnlinePstnUsages ${psStringArray(r.usages)})`,
                ...(r.keepDescription ? [] : [`$current.Description -cne ${psString(r.description)}`])
            ],
            update: [psCall(update(r))]
        });
    }
};
