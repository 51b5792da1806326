/**
 * The tenant checks of the number types: a Calling Plan resource account needs a free
 * pay-as-you-go Calling Plan and funding [SC-SETUP step 5]; its callback numbers must be
 * Calling Plan subscriber numbers [SC-SETUP]; a Direct Routing account needs neither.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
    CALLING_PLAN_PAYG_SKU_ID, COMMUNICATIONS_CREDITS_SKU_ID, RESOURCE_ACCOUNT_SKU_ID, type ObservedSku
} from '../../language/kinds/resource-account.js';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup, type StatementPlan } from '../../language/plan/desired-setup.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';
import { URI } from 'langium';
import { BASE, clearAll, parse, services } from '../language/helpers.js';

const SETUP = (type: string) => `tenant "contoso.onmicrosoft.com" domains "contoso.com"
address Store { company "Contoso" street "1 Main St" city "Chicago" region "IL" postal-code "60611" country US geo 41.89, -87.62 }
number Main "+1 312 555 0100" ${type} at Store
number Callback "+1 312 555 0110" ${type} at Store
resource-account RA { upn "sc-chicago@contoso.com" usage-location US }
assign Main to RA
shared-calling-policy Stores { resource-account RA emergency-callback Callback }
`;

const sku = (skuId: string, enabled: number, consumed = 0): ObservedSku => ({ skuId, skuPartNumber: skuId, enabled, consumed });

let callingPlan: StatementPlan[];
let operatorConnect: StatementPlan[];

beforeAll(async () => {
    await clearAll();
    callingPlan = planSetup([(await parse(SETUP('calling-plan'))).parseResult.value]);
    await clearAll();
    operatorConnect = planSetup([(await parse(SETUP('operator-connect'))).parseResult.value]);
});

/** The numbers are in the inventory (Calling Plan and Operator Connect numbers must be). */
const tenant = (skus: ObservedSku[], numberType: 'CallingPlan' | 'OperatorConnect' = 'CallingPlan'): TenantSnapshot => ({
    ...emptySnapshot(), skus, numbers: [{ telephoneNumber: '+13125550100', numberType }, { telephoneNumber: '+13125550110', numberType }]
});
const codes = (plans: StatementPlan[], snapshot: TenantSnapshot) => diffSetup(plans, snapshot).findings.map(f => `${f.code}:${f.severity}`);

describe('pay-as-you-go Calling Plan', () => {
    test('a Calling Plan account asks for it; an Operator Connect account does not', () => {
        const account = (plans: StatementPlan[]) => plans.flatMap(p => p.resources).find(r => r.kind === 'resource-account');
        expect(account(callingPlan)).toMatchObject({ callingPlanSkuId: CALLING_PLAN_PAYG_SKU_ID });
        expect(account(operatorConnect)).not.toHaveProperty('callingPlanSkuId');
    });

    test('a free licence and Communications Credits: no finding', () => {
        expect(codes(callingPlan, tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1), sku(CALLING_PLAN_PAYG_SKU_ID, 1), sku(COMMUNICATIONS_CREDITS_SKU_ID, 1)]))).toEqual([]);
    });

    test('none free: calling-plan-licence-unavailable; no credits: calling-plan-unfunded', () => {
        expect(codes(callingPlan, tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1), sku(CALLING_PLAN_PAYG_SKU_ID, 2, 2)])))
            .toEqual(['calling-plan-licence-unavailable:error', 'calling-plan-unfunded:warning']);
    });

    test('Operator Connect needs only the resource account licence', () => {
        expect(codes(operatorConnect, tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1)], 'OperatorConnect'))).toEqual([]);
    });

    test('an existing account without the pay-as-you-go plan is updated to get it', () => {
        const snapshot = tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1), sku(CALLING_PLAN_PAYG_SKU_ID, 1), sku(COMMUNICATIONS_CREDITS_SKU_ID, 1)]);
        snapshot.applicationInstances.push({ objectId: 'ra', userPrincipalName: 'sc-chicago@contoso.com', displayName: 'RA', applicationId: 'ce933385-9390-45d1-9512-c8d228074e07' });
        snapshot.users.push({ id: 'ra', userPrincipalName: 'sc-chicago@contoso.com', usageLocation: 'US', licenseSkuIds: [RESOURCE_ACCOUNT_SKU_ID] });
        const change = diffSetup(callingPlan, snapshot).changes.find(c => c.resource.kind === 'resource-account')!;
        expect(change.action).toBe('update');
        expect(change.changes.map(c => c.field)).toEqual(['calling plan licence']);
    });
});

describe('callback numbers of a Calling Plan service number', () => {
    const withNumbers = (callbackCapabilities: string[]): TenantSnapshot => {
        const snapshot = tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1), sku(CALLING_PLAN_PAYG_SKU_ID, 1), sku(COMMUNICATIONS_CREDITS_SKU_ID, 1)]);
        snapshot.applicationInstances.push({ objectId: 'ra', userPrincipalName: 'sc-chicago@contoso.com' });
        snapshot.users.push({ id: 'ra', userPrincipalName: 'sc-chicago@contoso.com', usageLocation: 'US', licenseSkuIds: [RESOURCE_ACCOUNT_SKU_ID, CALLING_PLAN_PAYG_SKU_ID] });
        snapshot.numbers = [
            { telephoneNumber: '+13125550100', numberType: 'CallingPlan', assignedTo: 'ra', capabilities: ['VoiceApplicationAssignment'] },
            { telephoneNumber: '+13125550110', numberType: 'CallingPlan', capabilities: callbackCapabilities }
        ];
        return snapshot;
    };
    test('a subscriber number (UserAssignment) is fine', () => {
        expect(codes(callingPlan, withNumbers(['UserAssignment']))).toEqual([]);
    });
    test('a service number is callback-not-subscriber-number, on the policy', () => {
        const plan = diffSetup(callingPlan, withNumbers(['VoiceApplicationAssignment', 'ConferenceAssignment']));
        expect(plan.findings.map(f => [f.code, f.statement.$type])).toEqual([['callback-not-subscriber-number', 'SharedCallingPolicy']]);
        expect(plan.findings[0]!.message).toContain('+13125550110');
    });
});

describe('extension numbers in the tenant', () => {
    test('a row whose number the tenant holds as Calling Plan is extension-number-not-direct-routing, and not applied', async () => {
        await clearAll();
        services.shared.voice.ExtensionSources.set(URI.parse('file:///cp-ext.csv'), { text: 'upn,number,extension\navery.chen@contoso.com,+1 425 555 0100,7\n' });
        const plans = planSetup([(await parse(`${BASE}\nextensions from "cp-ext.csv"\n`, { validation: true })).parseResult.value]);
        const snapshot = tenant([sku(RESOURCE_ACCOUNT_SKU_ID, 1)]);
        snapshot.numbers.push({ telephoneNumber: '+14255550100', numberType: 'CallingPlan' });
        const plan = diffSetup(plans, snapshot);
        expect(plan.findings.filter(f => f.code === 'extension-number-not-direct-routing').map(f => f.statement.$type)).toEqual(['Extensions']);
        expect(plan.changes.find(c => c.resource.kind === 'user-extension')?.action).toBe('unchanged');
        snapshot.numbers.pop();
        expect(diffSetup(plans, snapshot).changes.find(c => c.resource.kind === 'user-extension')?.action).toBe('create');
    });
});
