/** Direct Routing: gateways, the Global PSTN usage list, voice routes, voice routing policies [GW-NEW, DR-CONNECT, USAGE-SET, VROUTE-NEW, OVRP-NEW]. */
import type { PstnGateway, VoiceRoute, VoiceRoutingPolicy } from '../model.js';
import { stripTag, type Tenant } from '../tenant.js';
import { teamsError, type CmdletHandler } from './cmdlet.js';
import { applyModifier, has, listModifier, optionalBool, optionalInt, optionalString, requiredString, type ListModifier } from './params.js';

function gatewayView(g: PstnGateway): Record<string, unknown> {
    return {
        Identity: g.identity, Fqdn: g.fqdn, SipSignalingPort: g.sipSignalingPort, Enabled: g.enabled,
        MaxConcurrentSessions: g.maxConcurrentSessions, Description: g.description, ForwardCallHistory: false, SendSipOptions: true,
        PidfLoSupported: g.pidfLoSupported ?? false
    };
}

function routeView(r: VoiceRoute): Record<string, unknown> {
    return {
        Identity: r.identity, Name: r.identity, Priority: r.priority, Description: r.description, NumberPattern: r.numberPattern,
        OnlinePstnUsages: [...r.onlinePstnUsages], OnlinePstnGatewayList: [...r.onlinePstnGatewayList]
    };
}

export function policyIdentity(name: string): string {
    return name === 'Global' ? 'Global' : `Tag:${name}`;
}

function ovrpView(p: VoiceRoutingPolicy): Record<string, unknown> {
    return { Identity: policyIdentity(p.identity), OnlinePstnUsages: [...p.onlinePstnUsages], Description: p.description, RouteType: 'BYOT' };
}

/** SBC rules: FQDN ≤ 63 characters, not *.onmicrosoft.com, on a verified tenant domain [GW-NEW, DR-CONNECT]. */
function checkSbcFqdn(tenant: Tenant, fqdn: string): void {
    // rule: sbc-fqdn-length [GW-NEW]
    if (fqdn.length > 63) throw teamsError(`The FQDN '${fqdn}' is ${fqdn.length} characters long; the limit is 63 characters.`);
    const lower = fqdn.toLowerCase();
    const verified = tenant.state.verifiedDomains.some(d => !d.endsWith('.onmicrosoft.com') && lower.endsWith(`.${d}`));
    if (lower.endsWith('.onmicrosoft.com') || !verified) {
        // rule: sbc-fqdn-domain [GW-NEW, DR-CONNECT]
        throw teamsError(`Can not use the "${fqdn}" domain as it was not configured for this tenant`);
    }
}

export function requireUsages(tenant: Tenant, usages: string[]): void {
    for (const usage of usages) {
        if (!tenant.state.pstnUsages.some(u => u.toLowerCase() === usage.toLowerCase())) {
            // rule: usage-exists [VROUTE-NEW, OVRP-NEW, USAGE-SET]
            throw teamsError(`The PSTN usage '${usage}' does not exist in the Global PSTN usage list. Add it with Set-CsOnlinePstnUsage -Identity Global -Usage @{add='${usage}'} first.`);
        }
    }
}

function usageList(current: string[], modifier: ListModifier | null): string[] {
    return applyModifier(current, modifier, String, s => s);
}

function findOvrp(tenant: Tenant, identity: string): VoiceRoutingPolicy | undefined {
    const key = stripTag(identity).toLowerCase();
    return tenant.state.voiceRoutingPolicies.find(p => p.identity.toLowerCase() === key);
}

function checkPort(port: number | null): number | null {
    // rule: sbc-port-range [GW-NEW]
    if (port !== null && (port < 1 || port > 65535)) throw teamsError(`SipSignalingPort must be between 1 and 65535.`);
    return port;
}

function checkPattern(numberPattern: string): string {
    try {
        new RegExp(numberPattern);
    } catch {
        // rule: route-pattern-regex [VROUTE-NEW, VROUTE-SET]
        throw teamsError(`NumberPattern '${numberPattern}' is not a valid regular expression.`);
    }
    return numberPattern;
}

/** Gateways named in a route must exist [VROUTE-NEW]. */
function requireGateways(tenant: Tenant, gateways: string[]): void {
    for (const gw of gateways) {
        // rule: route-gateway-exists [VROUTE-NEW, VROUTE-SET]
        if (!tenant.state.pstnGateways.some(g => g.identity.toLowerCase() === gw.toLowerCase() && tenant.seenByWrites(`gateway:${g.fqdn}`))) throw teamsError(`The PSTN gateway '${gw}' does not exist. Create it with New-CsOnlinePSTNGateway first.`);
    }
}

export const routingCmdlets: Record<string, CmdletHandler> = {
    'New-CsOnlinePSTNGateway': (tenant, params) => {
        const fqdn = optionalString(params, 'Fqdn') ?? requiredString(params, 'Identity');
        checkSbcFqdn(tenant, fqdn);
        // rule: duplicate-identity
        if (tenant.state.pstnGateways.some(g => g.fqdn.toLowerCase() === fqdn.toLowerCase())) throw teamsError(`A PSTN gateway with FQDN '${fqdn}' already exists.`, 'Conflict', 409);
        const port = checkPort(optionalInt(params, 'SipSignalingPort'));
        // rule: sbc-port-range [GW-NEW]
        if (port === null) throw teamsError(`SipSignalingPort must be between 1 and 65535.`);
        // Created disabled unless -Enabled $true is given [GW-NEW].
        const gateway: PstnGateway = {
            identity: fqdn, fqdn, sipSignalingPort: port, enabled: optionalBool(params, 'Enabled') ?? false,
            maxConcurrentSessions: optionalInt(params, 'MaxConcurrentSessions'), description: optionalString(params, 'Description'),
            pidfLoSupported: optionalBool(params, 'PidfLoSupported') ?? false
        };
        tenant.state.pstnGateways.push(gateway);
        tenant.created(`gateway:${fqdn}`);
        return gatewayView(gateway);
    },

    // Only the parameters given change; the rest keep their values (office-docs-powershell Set-CsOnlinePSTNGateway.md).
    'Set-CsOnlinePSTNGateway': (tenant, params) => {
        const id = requiredString(params, 'Identity');
        const gateway = tenant.state.pstnGateways.find(g => g.identity.toLowerCase() === id.toLowerCase());
        // rule: unknown-identity
        if (!gateway) throw teamsError(`Cannot find PSTN gateway '${id}' because it does not exist.`, 'NotFound', 404);
        const port = checkPort(optionalInt(params, 'SipSignalingPort'));
        const enabled = optionalBool(params, 'Enabled');
        const maxSessions = optionalInt(params, 'MaxConcurrentSessions');
        // rule: sbc-max-sessions [GW-SET; UNCONFIRMED]
        if (maxSessions !== null && maxSessions < 1) throw teamsError(`MaxConcurrentSessions must be 1 or greater.`);
        if (port !== null) gateway.sipSignalingPort = port;
        if (enabled !== null) gateway.enabled = enabled;
        if (maxSessions !== null) gateway.maxConcurrentSessions = maxSessions;
        if (has(params, 'Description')) gateway.description = optionalString(params, 'Description');
        const pidfLo = optionalBool(params, 'PidfLoSupported');
        if (pidfLo !== null) gateway.pidfLoSupported = pidfLo;
        return null;
    },

    'Get-CsOnlinePSTNGateway': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const list = tenant.state.pstnGateways.filter(g => tenant.isVisible(`gateway:${g.fqdn}`) && (id === null || g.identity.toLowerCase() === id.toLowerCase()));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get PSTN gateway '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(gatewayView);
    },

    'Get-CsOnlinePstnUsage': tenant => [{ Identity: 'Global', Usage: [...tenant.state.pstnUsages] }],

    'Set-CsOnlinePstnUsage': (tenant, params) => {
        const identity = optionalString(params, 'Identity') ?? 'Global';
        // rule: usage-global-only [USAGE-SET]
        if (identity.toLowerCase() !== 'global') throw teamsError(`Only the Global PSTN usage list exists; -Identity must be Global.`);
        // Removing a usage that routes or policies still name is not refused: Microsoft documents no such
        // refusal (Set-CsOnlinePstnUsage), and the emulator refuses only what a source documents.
        tenant.state.pstnUsages = usageList(tenant.state.pstnUsages, listModifier(params, 'Usage'));
        return null;
    },

    'New-CsOnlineVoiceRoute': (tenant, params) => {
        const identity = requiredString(params, 'Identity');
        // rule: duplicate-identity
        if (tenant.state.voiceRoutes.some(r => r.identity.toLowerCase() === identity.toLowerCase())) throw teamsError(`A voice route named '${identity}' already exists.`, 'Conflict', 409);
        const numberPattern = checkPattern(optionalString(params, 'NumberPattern') ?? '[0-9]{10}');
        const usages = usageList([], listModifier(params, 'OnlinePstnUsages'));
        const gateways = usageList([], listModifier(params, 'OnlinePstnGatewayList'));
        // Usages and gateways must exist [VROUTE-NEW].
        requireUsages(tenant, usages);
        requireGateways(tenant, gateways);
        const route: VoiceRoute = {
            identity, numberPattern, onlinePstnGatewayList: gateways, onlinePstnUsages: usages,
            priority: optionalInt(params, 'Priority') ?? tenant.state.voiceRoutes.length, description: optionalString(params, 'Description')
        };
        tenant.state.voiceRoutes.push(route);
        tenant.created(`route:${identity}`);
        return routeView(route);
    },

    // PSListModifier lists: @{add/remove}, a plain list sets the whole list [TPS-RN] (the page's replace example predates 4.2.0).
    'Set-CsOnlineVoiceRoute': (tenant, params) => {
        const id = requiredString(params, 'Identity');
        const route = tenant.state.voiceRoutes.find(r => r.identity.toLowerCase() === id.toLowerCase());
        // rule: unknown-identity
        if (!route) throw teamsError(`Cannot find voice route '${id}' because it does not exist.`, 'NotFound', 404);
        const numberPattern = optionalString(params, 'NumberPattern');
        if (numberPattern !== null) checkPattern(numberPattern);
        const usages = usageList(route.onlinePstnUsages, listModifier(params, 'OnlinePstnUsages'));
        const gateways = usageList(route.onlinePstnGatewayList, listModifier(params, 'OnlinePstnGatewayList'));
        requireUsages(tenant, usages);
        requireGateways(tenant, gateways);
        // Validated first, then written: a refused call changes nothing.
        if (numberPattern !== null) route.numberPattern = numberPattern;
        route.onlinePstnUsages = usages;
        route.onlinePstnGatewayList = gateways;
        route.priority = optionalInt(params, 'Priority') ?? route.priority;
        if (has(params, 'Description')) route.description = optionalString(params, 'Description');
        return null;
    },

    'Get-CsOnlineVoiceRoute': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const list = tenant.state.voiceRoutes.filter(r => tenant.isVisible(`route:${r.identity}`) && (id === null || r.identity.toLowerCase() === id.toLowerCase()));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get voice route '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(routeView);
    },

    'New-CsOnlineVoiceRoutingPolicy': (tenant, params) => {
        const identity = stripTag(requiredString(params, 'Identity'));
        // rule: duplicate-identity
        if (findOvrp(tenant, identity)) throw teamsError(`An online voice routing policy named '${identity}' already exists.`, 'Conflict', 409);
        const usages = usageList([], listModifier(params, 'OnlinePstnUsages'));
        requireUsages(tenant, usages);
        const policy: VoiceRoutingPolicy = { identity, policyId: tenant.newId(), onlinePstnUsages: usages, description: optionalString(params, 'Description') };
        tenant.state.voiceRoutingPolicies.push(policy);
        tenant.created(policy.policyId);
        return ovrpView(policy);
    },

    'Set-CsOnlineVoiceRoutingPolicy': (tenant, params) => {
        const id = requiredString(params, 'Identity');
        const policy = findOvrp(tenant, id);
        // rule: unknown-identity
        if (!policy) throw teamsError(`Cannot get policy '${id}' because it does not exist.`, 'NotFound', 404);
        const usages = usageList(policy.onlinePstnUsages, listModifier(params, 'OnlinePstnUsages'));
        requireUsages(tenant, usages);
        policy.onlinePstnUsages = usages;
        if (has(params, 'Description')) policy.description = optionalString(params, 'Description');
        return null;
    },

    'Get-CsOnlineVoiceRoutingPolicy': (tenant, params) => {
        const id = optionalString(params, 'Identity');
        const list = tenant.state.voiceRoutingPolicies.filter(p => tenant.isVisible(p.policyId) && (id === null || p.identity.toLowerCase() === stripTag(id).toLowerCase()));
        // rule: unknown-identity
        if (id !== null && list.length === 0) throw teamsError(`Cannot get policy '${id}' because it does not exist.`, 'NotFound', 404);
        return list.map(ovrpView);
    }
};
