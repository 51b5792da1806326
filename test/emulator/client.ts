/** A small HTTP client for emulator tests: real fetch against the real server. */
import type { EmulatorHandle } from '../../tenant/emulator/index.js';

export interface Reply {
    status: number;
    headers: Headers;
    // Tests read arbitrary JSON shapes; `any` keeps assertions short.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: any;
}

export async function call(emulator: Pick<EmulatorHandle, 'url' | 'token'>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(emulator.url + path, {
        method,
        headers: { Authorization: `Bearer ${emulator.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Calls one cmdlet on the Teams admin surface, as the stand-in module does. */
export function teams(emulator: Pick<EmulatorHandle, 'url' | 'token'>, cmdlet: string, params: Record<string, unknown> = {}): Promise<Reply> {
    return call(emulator, 'POST', `/teams/${cmdlet}`, params);
}

export const SKU_RA = '440eaaa8-b3e0-484b-a8be-62870b9ba70a';
export const SKU_MCOEV = 'e43b5b99-8dfb-405f-9987-dc307f34bcbd';
export const AA_APP_ID = 'ce933385-9390-45d1-9512-c8d228074e07';

export interface ResourceAccountSetup {
    raId: string;
    locationId: string;
}

/** Direct Routing basics and a resource account, as far as `upTo` says (each later step needs the earlier ones). */
export async function prepareResourceAccount(
    emulator: Pick<EmulatorHandle, 'url' | 'token'>,
    upn: string,
    number: string,
    upTo: 'created' | 'licensed' | 'numbered' | 'routed' = 'routed'
): Promise<ResourceAccountSetup> {
    const ok = (r: Reply, what: string) => {
        if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
        return r;
    };
    const gateways = await teams(emulator, 'Get-CsOnlinePSTNGateway');
    if (gateways.body.value.length === 0) {
        ok(await teams(emulator, 'New-CsOnlinePSTNGateway', { Fqdn: 'sbc.contoso.com', SipSignalingPort: 5061, Enabled: true }), 'gateway');
        ok(await teams(emulator, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: { add: ['SC-DR'] } }), 'usage');
        ok(await teams(emulator, 'New-CsOnlineVoiceRoute', { Identity: 'SC-DR-Out', NumberPattern: '^\\+?\\d+$', OnlinePstnGatewayList: { add: ['sbc.contoso.com'] }, OnlinePstnUsages: { add: ['SC-DR'] }, Priority: 1 }), 'route');
        ok(await teams(emulator, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'SC-RA-DR', OnlinePstnUsages: 'SC-DR' }), 'ovrp');
        ok(await teams(emulator, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'SC-Users-NoPSTN' }), 'ovrp users');
    }
    const ra = ok(await teams(emulator, 'New-CsOnlineApplicationInstance', { UserPrincipalName: upn, ApplicationId: AA_APP_ID, DisplayName: upn }), 'app instance').body.value;
    const address = ok(await teams(emulator, 'New-CsOnlineLisCivicAddress', {
        CompanyName: 'Contoso', CountryOrRegion: 'US', HouseNumber: '1', StreetName: 'Pike St', City: 'Seattle', StateOrProvince: 'WA', PostalCode: '98101', Latitude: '47.61', Longitude: '-122.33'
    }), 'address').body.value;
    const result = { raId: ra.ObjectId as string, locationId: address.DefaultLocationId as string };
    if (upTo === 'created') return result;
    ok(await call(emulator, 'PATCH', `/v1.0/users/${upn}`, { usageLocation: 'US' }), 'usage location');
    ok(await call(emulator, 'POST', `/v1.0/users/${upn}/assignLicense`, { addLicenses: [{ skuId: SKU_RA, disabledPlans: [] }], removeLicenses: [] }), 'licence');
    if (upTo === 'licensed') return result;
    ok(await teams(emulator, 'Set-CsPhoneNumberAssignment', { Identity: upn, TelephoneNumber: number, NumberType: 'DirectRouting', LocationId: result.locationId }), 'number');
    if (upTo === 'numbered') return result;
    ok(await teams(emulator, 'Grant-CsOnlineVoiceRoutingPolicy', { Identity: upn, PolicyName: 'SC-RA-DR' }), 'grant ovrp');
    return result;
}
