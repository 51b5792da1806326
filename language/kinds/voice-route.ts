/** An online voice route: number pattern, gateways, usages, priority [VROUTE-NEW]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psInteger, psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Trunk } from '../generated/ast.js';
import { names } from '../plan/names.js';
import { compare, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { identityOf, list, num, str } from './read-rows.js';

export interface VoiceRouteResource {
    kind: 'voice-route'; key: string; identity: string; numberPattern: string; gateways: string[]; usages: string[]; priority: number;
}

export interface ObservedVoiceRoute { identity: string; numberPattern: string; gateways: string[]; usages: string[]; priority: number }

/** The route for a trunk's ordinary calls; emergency calls get their own route, ahead of it. */
export function outboundRouteFor(trunk: Trunk): VoiceRouteResource {
    const identity = names.outboundRoute(trunk);
    return {
        kind: 'voice-route', key: identity, identity, numberPattern: trunk.pattern ?? '^\\+?\\d+$',
        gateways: [(trunk.fqdn ?? '').toLowerCase()], usages: [trunk.usage ?? ''], priority: 1
    };
}

/** One emergency route per trunk, matching every dial string the setup routes through it. */
export function emergencyRouteFor(trunk: Trunk, dialStrings: readonly string[]): VoiceRouteResource {
    const identity = names.emergencyRoute(trunk);
    return {
        kind: 'voice-route', key: identity, identity, numberPattern: `^(${dialStrings.join('|')})$`,
        gateways: [(trunk.fqdn ?? '').toLowerCase()], usages: [trunk.usage ?? ''], priority: 0
    };
}

const create = (r: VoiceRouteResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineVoiceRoute', parameters: {
        Identity: r.identity, NumberPattern: r.numberPattern, OnlinePstnGatewayList: { $modify: { add: r.gateways } },
        OnlinePstnUsages: { $modify: { add: r.usages } }, Priority: r.priority
    }
});

/** Whole lists are set by passing the values directly. */
const update = (r: VoiceRouteResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsOnlineVoiceRoute', parameters: {
        Identity: r.identity, NumberPattern: r.numberPattern, OnlinePstnGatewayList: r.gateways, OnlinePstnUsages: r.usages, Priority: r.priority
    }
});

export const voiceRoute: KindHandler<'voice-route'> = {
    kind: 'voice-route',
    label: 'voice route',
    step: 'prerequisites',
    dependsOn: ['gateway', 'pstn-usage'],
    describe: r => `voice route \`${r.identity}\` for \`${r.numberPattern}\` (New-CsOnlineVoiceRoute)`,
    observed: (r, { snapshot }) => snapshot.voiceRoutes.find(x => same(x.identity, r.identity)),
    // Teams renumbers route priorities as routes are added: one after another.
    lane: () => 'routes',
    reads: [{
        field: 'voiceRoutes', from: { surface: 'teams', command: 'Get-CsOnlineVoiceRoute' },
        rows: rows => rows.map(r => ({
            identity: identityOf(r), numberPattern: str(r.NumberPattern) ?? '', gateways: list(r.OnlinePstnGatewayList).map(String),
            usages: list(r.OnlinePstnUsages).map(String), priority: num(r.Priority) ?? 0
        }))
    }],
    commands: ['New-CsOnlineVoiceRoute', 'Set-CsOnlineVoiceRoute'],
    diff(r, { snapshot }) {
        const found = snapshot.voiceRoutes.find(x => same(x.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['numberPattern', found.numberPattern, r.numberPattern],
            ['gateways', sorted(found.gateways), sorted(r.gateways)],
            ['usages', sorted(found.usages), sorted(r.usages)],
            ['priority', found.priority, r.priority]
        ]));
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.voiceRoutes.map(x => x.identity), declared.map(r => r.key)),
    create: r => [create(r)],
    update: r => [update(r)],
    script(r) {
        const id = psString(r.identity);
        const pattern = psString(r.numberPattern);
        const gateways = psStringArray(r.gateways);
        const usages = psStringArray(r.usages);
        return createOrUpdate({
            read: `Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [`${psCall(create(r))} | Out-Null`],
            differs: [
                `$current.NumberPattern -cne ${pattern}`, `$current.Priority -ne ${psInteger(r.priority)}`,
                `-not (Test-VoiceSameSet $current.OnlinePstnGatewayList ${gateways})`, `-not (Test-VoiceSameSet $current.OnlinePstnUsages ${usages})`
            ],
            update: [psCall(update(r))]
        });
    }
};
