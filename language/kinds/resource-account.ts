/**
 * A resource account: the application instance through Teams [NEW-APPINST], then its usage
 * location and the Teams Phone Resource Account licence through Graph [G-USER, G-ASSIGNLIC].
 */
import { guarded, type Lines } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall, psGraphCall } from '../generator/render-call.js';
import type { ResourceAccount } from '../generated/ast.js';
import type { TenantFinding } from '../plan/diff.js';
import { compare, undeclared, updateIfDiffers, type Field } from './compare.js';
import type { GraphCall, KindHandler, TeamsCall } from './kind-handler.js';
import { list, num, str, type Row } from './read-rows.js';

export const AUTO_ATTENDANT_APP_ID = 'ce933385-9390-45d1-9512-c8d228074e07';
export const CALL_QUEUE_APP_ID = '11cd3e2e-fccb-42ad-ad00-878b93575e07';
/** Microsoft Teams Phone Resource Account (PHONESYSTEM_VIRTUALUSER) [SKU-REF]. */
export const RESOURCE_ACCOUNT_SKU_ID = '440eaaa8-b3e0-484b-a8be-62870b9ba70a';
export const RESOURCE_ACCOUNT_SKU = 'PHONESYSTEM_VIRTUALUSER';
/**
 * Microsoft Teams Calling Plan pay-as-you-go (country zone 1 - US) [SKU-REF]: what a resource
 * account with a Calling Plan service number needs besides its own licence [SC-SETUP step 5].
 * Only this zone's id is in the sources; other zones are left to the admin (docs/apply.md).
 */
export const CALLING_PLAN_PAYG_SKU_ID = '9b196e97-5830-4c2e-adc2-1e10ebf5dee5';
export const CALLING_PLAN_PAYG_SKU = 'Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)';
/** Communications Credits [SKU-REF]: one of the two ways to fund a pay-as-you-go Calling Plan [SC-SETUP step 5]. */
export const COMMUNICATIONS_CREDITS_SKU_ID = '47794cd0-f0e5-45c5-9033-2eb6b5fc84e0';
export const COMMUNICATIONS_CREDITS_SKU = 'MCOPSTNC';
/** Graph's `department` on resource accounts [RA-MANAGE-OLD]. */
const RESOURCE_ACCOUNT_DEPARTMENT = 'Microsoft Communication Application Instance';

export interface ResourceAccountResource {
    kind: 'resource-account'; key: string; userPrincipalName: string; displayName: string; applicationId: string;
    usageLocation: string; licenseSkuId: string;
    /** The pay-as-you-go Calling Plan, when the account has a Calling Plan service number [SC-SETUP step 5]. */
    callingPlanSkuId?: string;
}

export interface ObservedUser {
    id: string; userPrincipalName: string; displayName?: string; department?: string; usageLocation?: string;
    licenseSkuIds: string[];
}
export interface ObservedApplicationInstance { objectId: string; userPrincipalName: string; displayName?: string; applicationId?: string }
export interface ObservedSku {
    skuId: string; skuPartNumber: string; enabled: number; consumed: number;
    /** The SKU's service plans [G-SKUS]; undefined when the answer has none to read (then Teams Phone is not judged). */
    servicePlanIds?: string[];
}

/** `callingPlan`: a Calling Plan service number is assigned to the account somewhere in the setup. */
export function resourceAccountFor(account: ResourceAccount, callingPlan = false): ResourceAccountResource {
    return {
        kind: 'resource-account', key: (account.upn ?? '').toLowerCase(), userPrincipalName: account.upn ?? '',
        displayName: account.displayName ?? account.name,
        applicationId: account.kind === 'call-queue' ? CALL_QUEUE_APP_ID : AUTO_ATTENDANT_APP_ID,
        usageLocation: account.usageLocation ?? '', licenseSkuId: RESOURCE_ACCOUNT_SKU_ID,
        ...(callingPlan ? { callingPlanSkuId: CALLING_PLAN_PAYG_SKU_ID } : {})
    };
}

const newInstance = (r: ResourceAccountResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineApplicationInstance',
    parameters: { UserPrincipalName: r.userPrincipalName, ApplicationId: r.applicationId, DisplayName: r.displayName }
});

const setInstance = (r: ResourceAccountResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsOnlineApplicationInstance',
    parameters: { Identity: r.userPrincipalName, ApplicationId: r.applicationId, DisplayName: r.displayName }
});

/** A new account reaches Graph after a while: 404 until then. */
const usageLocation = (r: ResourceAccountResource): GraphCall => ({
    surface: 'graph', method: 'PATCH', path: ['/users/', { $ref: 'user', key: r.userPrincipalName }],
    body: { usageLocation: r.usageLocation }, retryOn: [{ status: 404 }]
});

/** Graph refuses a licence without a usage location [G-USER]: 400 until the usage location has replicated. */
const licence = (r: ResourceAccountResource, skuId = r.licenseSkuId): GraphCall => ({
    surface: 'graph', method: 'POST', path: ['/users/', { $ref: 'user', key: r.userPrincipalName }, '/assignLicense'],
    body: { addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] },
    retryOn: [{ status: 404 }, { status: 400, message: 'usage ?location' }]
});

/** The pay-as-you-go Calling Plan, in its own call so that either licence can be added alone. */
const callingPlanLicence = (r: ResourceAccountResource): GraphCall[] => (r.callingPlanSkuId ? [licence(r, r.callingPlanSkuId)] : []);

/** The account's licences in words: what plan and describe show. */
const licenceNames = (r: ResourceAccountResource): string => (r.callingPlanSkuId ? `${RESOURCE_ACCOUNT_SKU} + ${CALLING_PLAN_PAYG_SKU}` : RESOURCE_ACCOUNT_SKU);

const TEAMS_FIELDS = new Set(['displayName', 'applicationId']);

export const resourceAccount: KindHandler<'resource-account'> = {
    kind: 'resource-account',
    label: 'resource account',
    step: 'step2',
    dependsOn: [],
    describe: r => `resource account \`${r.userPrincipalName}\` in ${r.usageLocation || '?'}, licensed Teams Phone Resource Account` +
        `${r.callingPlanSkuId ? ' and pay-as-you-go Calling Plan' : ''} (New-CsOnlineApplicationInstance, Graph assignLicense)`,
    observed(r, { index }) {
        const found = { instance: index.appInstance(r.userPrincipalName), user: index.user(r.userPrincipalName) };
        return found.instance || found.user ? found : undefined;
    },
    learns: [{ ref: 'account-id', property: 'ObjectId' }],
    // The Teams side (application instances), and the Entra side (users: usage location, licences) with the licence pool.
    reads: [
        {
            field: 'applicationInstances', from: { surface: 'teams', command: 'Get-CsOnlineApplicationInstance' },
            rows: rows => rows.map(i => ({
                objectId: str(i.ObjectId) ?? '', userPrincipalName: str(i.UserPrincipalName) ?? '', displayName: str(i.DisplayName), applicationId: str(i.ApplicationId)
            }))
        },
        {
            field: 'users', from: {
                surface: 'graph', paged: true,
                path: `/users?$filter=department eq '${RESOURCE_ACCOUNT_DEPARTMENT}'&$select=id,userPrincipalName,displayName,department,usageLocation,assignedLicenses&$top=999`
            },
            rows: rows => rows.map(u => ({
                id: str(u.id) ?? '', userPrincipalName: str(u.userPrincipalName) ?? '', displayName: str(u.displayName),
                department: str(u.department), usageLocation: str(u.usageLocation),
                licenseSkuIds: list(u.assignedLicenses).flatMap(l => str((l as Row | null)?.skuId) ?? [])
            }))
        },
        {
            field: 'skus', from: { surface: 'graph', paged: false, path: '/subscribedSkus?$select=skuId,skuPartNumber,consumedUnits,prepaidUnits,servicePlans' },
            rows: rows => rows.map(s => ({
                skuId: str(s.skuId) ?? '', skuPartNumber: str(s.skuPartNumber) ?? '', consumed: num(s.consumedUnits) ?? 0,
                enabled: num((s.prepaidUnits as Row | undefined)?.enabled) ?? 0,
                ...(Array.isArray(s.servicePlans) ? { servicePlanIds: list(s.servicePlans).flatMap(p => str((p as Row | null)?.servicePlanId) ?? []) } : {})
            }))
        }
    ],
    commands: ['New-CsOnlineApplicationInstance', 'Set-CsOnlineApplicationInstance'],
    diff(r, { index }) {
        const instance = index.appInstance(r.userPrincipalName);
        if (!instance) return { action: 'create', note: `licence ${licenceNames(r)}, usage location ${r.usageLocation}` };
        const user = index.user(r.userPrincipalName);
        const licensed = user?.licenseSkuIds.includes(r.licenseSkuId) ?? false;
        return updateIfDiffers(compare([
            ['displayName', instance.displayName, r.displayName],
            ['applicationId', instance.applicationId, r.applicationId, 'ignoreCase'],
            ['usageLocation', user?.usageLocation, r.usageLocation, 'ignoreCase'],
            ['licence', licensed ? RESOURCE_ACCOUNT_SKU : 'none', RESOURCE_ACCOUNT_SKU],
            // A Calling Plan account lacking pay-as-you-go is told; an account without a Calling Plan number is not asked.
            ...(r.callingPlanSkuId ? [['calling plan licence', user?.licenseSkuIds.includes(r.callingPlanSkuId) ? CALLING_PLAN_PAYG_SKU : 'none', CALLING_PLAN_PAYG_SKU] satisfies Field] : [])
        ]));
    },
    /** Every new or unlicensed account takes one licence from each pool it needs (the Calling Plan ones also need funding). */
    settle(changes, { snapshot, index }): TenantFinding[] {
        const lacking = (skuId: string) => changes.filter(c => {
            const r = c.resource as ResourceAccountResource;
            return (skuId === r.licenseSkuId || skuId === r.callingPlanSkuId)
                && (c.action === 'create' || !(index.user(r.userPrincipalName)?.licenseSkuIds.includes(skuId) ?? false));
        });
        const free = (skuId: string) => {
            const sku = snapshot.skus.find(s => s.skuId === skuId);
            return sku ? sku.enabled - sku.consumed : 0;
        };
        const findings: TenantFinding[] = [];
        const accounts = lacking(RESOURCE_ACCOUNT_SKU_ID);
        if (accounts.length > free(RESOURCE_ACCOUNT_SKU_ID)) {
            findings.push({
                code: 'licences-exhausted', severity: 'error', statement: accounts[0]!.statement,
                message: `${accounts.length} resource account licence(s) (${RESOURCE_ACCOUNT_SKU}) are needed but ${Math.max(0, free(RESOURCE_ACCOUNT_SKU_ID))} are free; ` +
                    `get more Teams Phone Resource Account licences (they are free, but must be "purchased").`
            });
        }
        const callingPlan = lacking(CALLING_PLAN_PAYG_SKU_ID);
        if (callingPlan.length > free(CALLING_PLAN_PAYG_SKU_ID)) {
            findings.push({
                code: 'calling-plan-licence-unavailable', severity: 'error', statement: callingPlan[0]!.statement,
                message: `${callingPlan.length} resource account(s) with a Calling Plan service number need a pay-as-you-go Calling Plan (${CALLING_PLAN_PAYG_SKU}) ` +
                    `but ${Math.max(0, free(CALLING_PLAN_PAYG_SKU_ID))} are free; buy them first, or outbound Shared Calling calls fail.`
            });
        }
        const callingPlanAccounts = changes.filter(c => (c.resource as ResourceAccountResource).callingPlanSkuId);
        if (callingPlanAccounts.length > 0 && !snapshot.skus.some(s => s.skuId === COMMUNICATIONS_CREDITS_SKU_ID && s.enabled > 0)) {
            findings.push({
                code: 'calling-plan-unfunded', severity: 'warning', statement: callingPlanAccounts[0]!.statement,
                message: `The tenant has no Communications Credits (${COMMUNICATIONS_CREDITS_SKU}): fund the pay-as-you-go Calling Plan with Communications Credits ` +
                    `or pay-as-you-go billing of the subscription, or callers hear "You are not setup to use this calling feature". The tool cannot see either balance.`
            });
        }
        return findings;
    },
    notManaged: (declared, { snapshot }) => undeclared(snapshot.applicationInstances.map(a => a.userPrincipalName), declared.map(r => r.key)),
    create: r => [newInstance(r), usageLocation(r), licence(r), ...callingPlanLicence(r)],
    update(r, changes) {
        const changed = (field: string) => !changes || changes.some(c => c.field === field);
        return [
            ...(!changes || changes.some(c => TEAMS_FIELDS.has(c.field)) ? [setInstance(r)] : []),
            ...(changed('usageLocation') ? [usageLocation(r)] : []),
            ...(changed('licence') ? [licence(r)] : []),
            ...(changed('calling plan licence') ? callingPlanLicence(r) : [])
        ];
    },
    script(r) {
        const upn = psString(r.userPrincipalName);
        const label = psString(this.label);
        const licenceLabel = `licence ${RESOURCE_ACCOUNT_SKU}`;
        return [
            `$current = Get-VoiceApplicationInstance -Identity ${upn}`,
            '$accountExists = $null -ne $current',
            'if (-not $accountExists) {',
            [
                `if ($PSCmdlet.ShouldProcess(${upn}, 'Create resource account')) {`,
                [`${psCall(newInstance(r))} | Out-Null`, '$accountExists = $true', `Add-VoiceResult Created ${label} ${upn}`],
                `} else { Add-VoiceResult Pending ${label} ${upn} }`
            ],
            `} elseif ($current.ApplicationId -ne ${psString(r.applicationId)} -or $current.DisplayName -cne ${psString(r.displayName)}) {`,
            guarded(upn, 'Update resource account (application id, display name)', [`${psCall(setInstance(r))} | Out-Null`], 'Changed', this.label),
            `} else { Add-VoiceResult Unchanged ${label} ${upn} }`,
            'if ($accountExists) {',
            [
                '# Usage location first: Graph refuses a licence without one [G-USER]; a new account may take a while to reach Graph.',
                `$graphUser = Invoke-VoiceGraph -Method GET -Uri (Get-VoiceUserUri -UserPrincipalName ${upn} -Rest '?$select=id,usageLocation,assignedLicenses') -RetryOn 404`,
                `if ($graphUser.usageLocation -ne ${psString(r.usageLocation)}) {`,
                guarded(upn, 'Set usage location', [`${psGraphCall(usageLocation(r))} | Out-Null`], 'Changed', 'usage location'),
                `} else { Add-VoiceResult Unchanged 'usage location' ${upn} }`,
                `# ${RESOURCE_ACCOUNT_SKU}; assignLicense answers 400 until the usage location has replicated, so it is retried.`,
                `if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains ${psString(r.licenseSkuId)}) {`,
                guarded(upn, `Assign ${licenceLabel}`, [`${psGraphCall(licence(r))} | Out-Null`], 'Created', licenceLabel),
                `} else { Add-VoiceResult Unchanged ${psString(licenceLabel)} ${upn} }`,
                ...payg(r, upn),
                `Wait-VoiceOnlineUser -Identity ${upn} | Out-Null`
            ],
            '}'
        ];
    }
};

/** The pay-as-you-go Calling Plan block of the script, for an account with a Calling Plan service number [SC-SETUP step 5]. */
function payg(r: ResourceAccountResource, upn: string): Lines {
    if (!r.callingPlanSkuId) return [];
    const label = `licence ${CALLING_PLAN_PAYG_SKU}`;
    return [
        `# ${CALLING_PLAN_PAYG_SKU}: a Calling Plan service number needs it, and funding (Communications Credits or pay-as-you-go billing) [SC-SETUP].`,
        `if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains ${psString(r.callingPlanSkuId)}) {`,
        guarded(upn, `Assign ${label}`, [`${psGraphCall(licence(r, r.callingPlanSkuId))} | Out-Null`], 'Created', label),
        `} else { Add-VoiceResult Unchanged ${psString(label)} ${upn} }`
    ];
}
