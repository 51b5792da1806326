/**
 * Drift for the frontline example (examples/frontline) after it has been set up: the changes
 * an admin might make by hand in the tenant, made through the emulator's Teams surface (the
 * same cmdlets the stand-in module sends), so the emulator's own rules apply to them.
 */
import type { EmulatorHandle } from '../../tenant/emulator/index.js';

/** One Teams cmdlet against the emulator's HTTP surface, as an admin working by hand would run it; its output. */
export async function teams(emulator: Pick<EmulatorHandle, 'url' | 'token'>, cmdlet: string, params: Record<string, unknown>): Promise<unknown> {
    return (await send(emulator, 'POST', `/teams/${cmdlet}`, params) as { value: unknown }).value;
}

/** One Graph request against the emulator, as an admin in the Entra admin center would make it. */
export async function graph(emulator: Pick<EmulatorHandle, 'url' | 'token'>, method: 'PATCH' | 'POST', path: string, body: Record<string, unknown>): Promise<void> {
    await send(emulator, method, `/v1.0${path}`, body);
}

async function send(emulator: Pick<EmulatorHandle, 'url' | 'token'>, method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(`${emulator.url}${path}`, {
        method, headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
}

/** What the drift changes, and what the file says instead (field: tenant after drift -> file). */
export const FRONTLINE_DRIFT = {
    gatewayPort: { from: 5067, to: 5061 },
    routePattern: { from: '^\\+?1\\d{9}$', to: '^\\+?1\\d{10}$' },
    usersPolicyUsages: { from: ['Ctelo-US'], to: [] as string[] },
    seattleEmergencyDial: { from: ['911@Ctelo-US', '912@Ctelo-US'], to: ['911@Ctelo-US', '933@Ctelo-US'] },
    washingtonDescription: { from: 'Edited in the admin center', to: 'Washington store associates share the state main line' },
    washingtonNumbers: { from: ['+12065550111', '+12065550112'], to: ['+12065550111', '+15095550111'] },
    seattleGrant: { from: 'OregonStores', to: 'WashingtonStores' }
} as const;

type Emulator = Pick<EmulatorHandle, 'url' | 'token'>;

/** Per kind, the hand edit of the frontline drift: a gateway port, a route pattern, an OVRP's usages, an ECRP's dial strings, an SC policy, a group grant. */
export const FRONTLINE_KIND_DRIFTS = {
    'gateway': (emulator: Emulator) => teams(emulator, 'Set-CsOnlinePSTNGateway', { Identity: 'sbc1.contoso.com', SipSignalingPort: FRONTLINE_DRIFT.gatewayPort.from }),
    'voice-route': (emulator: Emulator) => teams(emulator, 'Set-CsOnlineVoiceRoute', { Identity: 'CteloUS-Outbound', NumberPattern: FRONTLINE_DRIFT.routePattern.from }),
    // PSTN usages on the users' policy: the users would stop using Shared Calling [SC-SETUP].
    'voice-routing-policy': (emulator: Emulator) =>
        teams(emulator, 'Set-CsOnlineVoiceRoutingPolicy', { Identity: 'SharedCalling-Users-NoPstn', OnlinePstnUsages: { add: ['Ctelo-US'] } }),
    'emergency-call-routing-policy': (emulator: Emulator) => teams(emulator, 'Set-CsTeamsEmergencyCallRoutingPolicy', {
        Identity: 'SharedCalling-Emergency-SeattleAssociates',
        EmergencyNumbers: { remove: [{ EmergencyDialString: '933' }], add: [{ EmergencyDialString: '912', OnlinePSTNUsage: 'Ctelo-US' }] }
    }),
    'shared-calling-policy': (emulator: Emulator) => teams(emulator, 'Set-CsTeamsSharedCallingRoutingPolicy', {
        Identity: 'WashingtonStores', Description: FRONTLINE_DRIFT.washingtonDescription.from,
        EmergencyNumbers: { remove: ['+15095550111'], add: ['+12065550112'] }
    }),
    'group-grant': (emulator: Emulator) =>
        teams(emulator, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Group: 'store-associates-seattle@contoso.com', PolicyName: 'OregonStores', Rank: 1 })
} as const;

/** Changes a gateway port, a route pattern, an OVRP's usages, an ECRP's dial strings, an SC policy, and a group grant. */
export async function driftFrontline(emulator: Emulator): Promise<void> {
    for (const drift of Object.values(FRONTLINE_KIND_DRIFTS)) await drift(emulator);
}
