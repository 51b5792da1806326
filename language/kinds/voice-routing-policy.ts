/** An online voice routing policy: the PSTN usages a user or resource account may route through [OVRP-NEW]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import { compare, isGlobal, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import type { VoiceRoutingPolicyResource } from '../plan/resources.js';

const create = (r: VoiceRoutingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineVoiceRoutingPolicy', parameters: {
        Identity: r.identity, ...(r.usages.length > 0 ? { OnlinePstnUsages: { $modify: { add: r.usages } } } : {}), Description: r.description
    }
});

const update = (r: VoiceRoutingPolicyResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsOnlineVoiceRoutingPolicy', parameters: { Identity: r.identity, OnlinePstnUsages: r.usages, Description: r.description }
});

export const voiceRoutingPolicy: KindHandler<'voice-routing-policy'> = {
    kind: 'voice-routing-policy',
    label: 'voice routing policy',
    step: 'prerequisites',
    dependsOn: ['pstn-usage'],
    diff(r, { snapshot }) {
        const found = snapshot.voiceRoutingPolicies.find(p => same(p.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['usages', sorted(found.usages), sorted(r.usages)],
            ['description', found.description ?? '', r.description]
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
            differs: [`-not (Test-VoiceSameSet $current.OnlinePstnUsages ${psStringArray(r.usages)})`, `$current.Description -cne ${psString(r.description)}`],
            update: [psCall(update(r))]
        });
    }
};
