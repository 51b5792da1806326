/**
 * Generated brownfield tenants for the export round trip: a seeded random mix of what a
 * tenant that already uses Shared Calling holds (trunks, addresses, dynamic emergency
 * locations, resource accounts with Direct Routing or Calling Plan numbers, policies with
 * callbacks, grants to groups with and without members, emergency coverage), made by an
 * admin's cmdlets (tenant-admin.ts), plus objects the language does not declare (a legacy
 * SBC, an international route, a hand-made routing policy, a civic address without a
 * Description, a region whose name is no .voice name). Some objects have Teams names the tool
 * would not give them (`Retail-Stores 3`, a region `North-West`, an address described
 * `Store 2 (Main St)` instead of `voice:Place2`, a route `CteloUS PSTN`, a routing policy
 * `Lumen-Service-Numbers`, an emergency call routing policy `Emergency Store Team 05`): the
 * setup makes them through `identity` (and a trunk's route and policy) clauses, which create
 * them under exactly that name, as an admin would have.
 */
import { createRandom, type RandomSource } from '../../tenant/emulator/random.js';
import type { SeedFile } from '../../tenant/emulator/seed.js';
import type { TenantAdmin } from './tenant-admin.js';

export const BROWNFIELD_GROUPS = 30;

/** The emulator's starting tenant: users, groups of 0 to 3 members (disjoint), Direct Routing and Calling Plan numbers. */
export function brownfieldSeed(): SeedFile {
    const users = Array.from({ length: BROWNFIELD_GROUPS * 3 }, (_, i) => ({
        userPrincipalName: `user${String(i).padStart(3, '0')}@contoso.com`, displayName: `User ${i}`, usageLocation: 'US', licenses: ['MCOEV']
    }));
    return {
        tenant: { domain: 'contoso.onmicrosoft.com', verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'] },
        skus: [
            { skuId: '440eaaa8-b3e0-484b-a8be-62870b9ba70a', skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', prepaidUnits: 200 },
            { skuId: 'e43b5b99-8dfb-405f-9987-dc307f34bcbd', skuPartNumber: 'MCOEV', prepaidUnits: 200 },
            // The Calling Plan accounts' pay-as-you-go plan and its funding [SC-SETUP step 5].
            { skuId: '9b196e97-5830-4c2e-adc2-1e10ebf5dee5', skuPartNumber: 'Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)', prepaidUnits: 50 },
            { skuId: '47794cd0-f0e5-45c5-9033-2eb6b5fc84e0', skuPartNumber: 'MCOPSTNC', prepaidUnits: 1 }
        ],
        users,
        groups: Array.from({ length: BROWNFIELD_GROUPS }, (_, g) => ({
            displayName: groupDisplayName(g),
            members: Array.from({ length: g % 4 }, (_, m) => users[g * 3 + m]!.userPrincipalName)
        })),
        phoneNumbers: [
            { from: '+12065550100', to: '+12065550399', numberType: 'DirectRouting', isoCountryCode: 'US', city: 'Seattle' },
            { from: '+14255550100', to: '+14255550199', numberType: 'CallingPlan', isoCountryCode: 'US', city: 'Redmond' }
        ]
    };
}

export const groupDisplayName = (g: number): string => `Store Team ${String(g).padStart(2, '0')}`;
const hasMembers = (g: number): boolean => g % 4 !== 0;

export interface Brownfield {
    /** The part of the tenant a .voice setup could have made (made here by an admin's cmdlets). */
    setup: string;
    /** Objects outside the language, made after it; `notManaged` lists how a plan names them. */
    foreign: {
        make(admin: TenantAdmin): Promise<void>; notManaged: string[];
        /** Text of the export's "left out" entry for the object, when the export cannot declare it. */
        leftOut?: string[];
    }[];
    scope: 'shared-calling' | 'all-voice';
}

const pick = <T>(rng: RandomSource, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: RandomSource, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));
const CARRIERS = ['CteloUS', 'Lumen', 'Bandwidth_2', 'Colt'];
const CITIES: [string, string, string][] = [['Seattle', 'WA', '98101'], ['Spokane', 'WA', '99201'], ['Portland', 'OR', '97204'], ['Boise', 'ID', '83702']];
const DISPLAY_NAMES = ['Contoso Frontline', 'Store Line', 'Store Line', 'Café Main', 'Help Desk', '24/7 Support', 'Main'];

/** One generated tenant, reproducible from its seed. */
export function brownfield(seed: number): Brownfield {
    const rng = createRandom(seed);
    const lines: string[] = [];
    const trunks = CARRIERS.slice(0, int(rng, 1, 2));
    trunks.forEach((name, k) => {
        const pidf = pick(rng, ['on', 'off', undefined]);
        // Routing an admin made under names of their own: adopted by the trunk's clauses.
        const adopted = [
            rng() < 0.3 ? ` outbound-route "${name} PSTN"` : '', rng() < 0.3 ? ` emergency-route "${name} 911"` : '',
            rng() < 0.3 ? ` routing-policy "${name}-Service-Numbers"` : ''
        ].join('');
        lines.push(`trunk ${name} { sbc "sbc${k + 1}.contoso.com" port ${pick(rng, [5061, 5067])} usage "${name}-Usage"` +
            `${rng() < 0.5 ? ' pattern "^\\\\+?1\\\\d{10}$"' : ''}${pidf ? ` pidf-lo ${pidf}` : ''}${adopted} }`);
    });
    const addresses = Array.from({ length: int(rng, 1, 4) }, (_, k) => `Place${k}`);
    addresses.forEach((name, k) => {
        const [city, region, postal] = pick(rng, CITIES);
        // An address made in Teams Admin Center has the Description its admin gave it, or a voice: one that is no .voice name.
        const identity = pick(rng, [undefined, undefined, `Store ${k} (Main St)`, `voice:Store-${k}`]);
        lines.push(`address ${name} { company "Contoso Retail" ${rng() < 0.5 ? `house-number "${k + 1}" ` : ''}street "Main St ${k}" city "${city}" ` +
            `region "${region}" postal-code "${postal}" country US geo ${(47 + rng()).toFixed(4)}, ${(-122 - rng()).toFixed(4)}` +
            `${identity ? ` identity "${identity}"` : ''} }`);
    });
    // A security desk some groups notify (the export declares an emergency calling policy with the groups that notify it).
    const notifications: string[] = [];
    const desk = rng() < 0.4
        ? `emergency-calling-policy SecurityDesk { notify "security@contoso.com" mode notification-only${rng() < 0.5 ? ' identity "Security-Desk"' : ''} }` : undefined;
    const deskAt = lines.length;
    if (desk) notifications.push('SecurityDesk');
    let notified = false;
    if (rng() < 0.5) {
        lines.push(`trusted-ip Egress "198.51.${int(rng, 0, 200)}.0/24"${rng() < 0.5 ? ' description "Store egress"' : ''}`);
        lines.push(`network-region Northwest${rng() < 0.5 ? ' identity "North-West"' : ''}`);
        lines.push(`network-site NorthwestSite { region Northwest subnet "10.${int(rng, 1, 200)}.0.0/16"${rng() < 0.5 ? ' identity "Seattle Site 1"' : ''} }`);
        const place = rng() < 0.5 ? ' place "Back office"' : '';
        lines.push(`emergency-location Floor { address ${pick(rng, addresses)}${place} subnet "10.9.${int(rng, 0, 200)}.0" access-point "00-11-22-33-44-${String(int(rng, 10, 99))}" }`);
    }
    const numbers = { DirectRouting: 100, CallingPlan: 100 };
    const next = (type: keyof typeof numbers) => (type === 'DirectRouting' ? `+1206555${String(numbers[type]++).padStart(4, '0')}` : `+1425555${String(numbers[type]++).padStart(4, '0')}`);
    const groups = [...Array(BROWNFIELD_GROUPS).keys()].sort(() => rng() - 0.5);
    const stores = rng() < 0.1 ? int(rng, 8, 15) : int(rng, 1, 6);
    let rank = 0;
    for (let s = 0; s < stores; s++) {
        const dr = rng() < 0.75;
        const type = dr ? 'DirectRouting' : 'CallingPlan';
        const via = dr ? ` via ${pick(rng, trunks)}` : '';
        const where = pick(rng, addresses);
        lines.push(`number Main${s} "${next(type)}" ${dr ? 'direct-routing' : 'calling-plan'}${via} at ${where}`);
        const callbacks = Array.from({ length: int(rng, 0, 2) }, (_, c) => `Callback${s}_${c}`);
        for (const c of callbacks) lines.push(`number ${c} "${next(type)}" ${dr ? 'direct-routing' : 'calling-plan'}${via}`);
        lines.push(`resource-account Account${s} { upn "sc-store${s}@contoso.com" display-name "${pick(rng, DISPLAY_NAMES)}" usage-location US` +
            `${rng() < 0.3 ? ' kind call-queue' : ''} }`);
        lines.push(`assign Main${s} to Account${s}`);
        if (rng() < 0.15) continue;
        const policy = `${pick(rng, ['Frontline', 'Stores', 'Retail'])}${s}`;
        const identity = pick(rng, [undefined, undefined, `Retail-Stores ${s}`, `${policy}-Legacy`]);
        lines.push(`shared-calling-policy ${policy} { resource-account Account${s}` +
            `${callbacks.length ? ` emergency-callback ${callbacks.join(', ')}` : ''}${rng() < 0.5 ? ` description "Store ${s} shares its main line"` : ''}` +
            `${identity ? ` identity "${identity}"` : ''} }`);
        for (let n = rng() < 0.8 ? int(rng, 1, 2) : 0; n > 0; n--) {
            const g = groups.pop()!;
            // A group without members shows no emergency policy: its name is made of words of its display name (docs/export.md).
            const name = hasMembers(g) ? `Associates${String(g).padStart(2, '0')}` : `${pick(rng, ['StoreTeam', 'Team'])}${String(g).padStart(2, '0')}`;
            lines.push(`group ${name} "${groupDisplayName(g)}"`);
            lines.push(`grant ${policy} to ${name} rank ${++rank}`);
            const dial = pick(rng, ['', ' dial "911"', ' dial "911", "933"']);
            const notify = notifications.length > 0 && rng() < 0.5 ? ` notify ${notifications[0]}` : '';
            notified ||= notify !== '';
            // An emergency call routing policy of another name, which the export finds through the members who hold it.
            const identity = hasMembers(g) && rng() < 0.3 ? ` identity "Emergency ${groupDisplayName(g)}"` : '';
            lines.push(`emergency ${name} works-at ${rng() < 0.8 ? where : pick(rng, addresses)}${via}${dial}${notify}${identity}`);
        }
    }
    if (desk && notified) lines.splice(deskAt, 0, desk);
    const foreign: Brownfield['foreign'] = [];
    if (rng() < 0.3) {
        foreign.push({
            make: admin => admin.cmdlet('New-CsOnlinePSTNGateway', { Fqdn: 'legacy-sbc.contoso.com', SipSignalingPort: 5068, Enabled: true }).then(() => undefined),
            notManaged: ['gateway legacy-sbc.contoso.com'], leftOut: ['PSTN gateway legacy-sbc.contoso.com']
        });
    }
    if (rng() < 0.3) {
        foreign.push({
            make: async admin => {
                await admin.cmdlet('Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['International'] } });
                await admin.cmdlet('New-CsOnlineVoiceRoute', {
                    Identity: 'International-Calls', NumberPattern: '^\\+\\d+$', OnlinePstnGatewayList: { add: ['sbc1.contoso.com'] },
                    OnlinePstnUsages: { add: ['International'] }, Priority: 10
                });
                await admin.cmdlet('New-CsOnlineVoiceRoutingPolicy', { Identity: 'Intl-Callers', OnlinePstnUsages: { add: ['International'] } });
            },
            notManaged: ['pstn-usage International', 'voice-route International-Calls', 'voice-routing-policy Intl-Callers'],
            // A second route on a trunk's gateway: a trunk declares one outbound route.
            leftOut: ['voice route International-Calls']
        });
    }
    if (rng() < 0.3) {
        // A branch trunk an admin made by hand, every name their own: the export adopts it (outbound-route, routing-policy,
        // emergency-route). Only the all-voice scope declares it; no coverage routes through it, so its emergency route stays not managed.
        foreign.push({
            make: async admin => {
                await admin.cmdlet('New-CsOnlinePSTNGateway', { Fqdn: 'sbc9.contoso.com', SipSignalingPort: 5061, Enabled: true, PidfLoSupported: true });
                await admin.cmdlet('Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['Branch Calls'] } });
                for (const [identity, pattern, priority] of [['Branch 911', '^(911)$', 0], ['Branch PSTN', '^\\+?\\d+$', 1]] as const) {
                    await admin.cmdlet('New-CsOnlineVoiceRoute', {
                        Identity: identity, NumberPattern: pattern, OnlinePstnGatewayList: { add: ['sbc9.contoso.com'] }, OnlinePstnUsages: { add: ['Branch Calls'] }, Priority: priority
                    });
                }
                await admin.cmdlet('New-CsOnlineVoiceRoutingPolicy', { Identity: 'Branch-Numbers', OnlinePstnUsages: { add: ['Branch Calls'] }, Description: 'Branch service numbers' });
            },
            notManaged: ['voice-route Branch 911']
        });
    }
    if (rng() < 0.3) {
        foreign.push({
            make: admin => admin.cmdlet('New-CsOnlineLisCivicAddress', {
                CompanyName: 'Contoso Warehouse', StreetName: '1 Dock Rd', City: 'Tacoma', CountryOrRegion: 'US', Latitude: '47.25', Longitude: '-122.44', Description: 'Warehouse'
            }).then(() => undefined),
            notManaged: []
        });
    }
    if (rng() < 0.3) {
        foreign.push({
            // Not a .voice name: the export adopts it under a derived name with `identity "Pacific-NW"`.
            make: admin => admin.cmdlet('New-CsTenantNetworkRegion', { NetworkRegionID: 'Pacific-NW' }).then(() => undefined),
            notManaged: []
        });
    }
    if (rng() < 0.3) {
        // No Description: nothing finds it again, so the export leaves it out (and says so).
        foreign.push({
            make: admin => admin.cmdlet('New-CsOnlineLisCivicAddress', {
                CompanyName: 'Contoso Depot', StreetName: '9 Rail Ave', City: 'Kent', CountryOrRegion: 'US', Latitude: '47.38', Longitude: '-122.23'
            }).then(() => undefined),
            notManaged: [], leftOut: ['(Contoso Depot, 9 Rail Ave, Kent, US)']
        });
    }
    return { setup: `${lines.join('\n')}\n`, foreign, scope: rng() < 0.5 ? 'shared-calling' : 'all-voice' };
}
