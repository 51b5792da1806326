/**
 * A service number on a resource account, with the emergency location of its civic address
 * [SET-PNA]. The tool never reassigns a number that is assigned elsewhere.
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { PhoneNumber } from '../generated/ast.js';
import { NUMBER_TYPES, telephoneNumber } from '../plan/names.js';
import type { TeamsNumberType } from '../plan/resources.js';
import { addressLabel, civicAddressIdentity } from './civic-address.js';
import { compare, same, undeclared, updateIfDiffers } from './compare.js';
import type { CallValue, KindHandler, TeamsCall } from './kind-handler.js';
import { list, str, unlessZeroGuid } from './read-rows.js';

/** Get-CsPhoneNumberAssignment returns at most 1000 per call [GET-PNA]. */
const NUMBER_PAGE = 1000;

export interface NumberAssignmentResource {
    kind: 'number-assignment'; key: string; telephoneNumber: string; numberType: TeamsNumberType;
    /** The resource account's UPN. */
    account: string;
    /** The Description of the civic address whose default location the number gets (civicAddressIdentity). */
    address?: string;
}

export interface ObservedNumber {
    telephoneNumber: string; numberType: TeamsNumberType;
    /** Object id of the user or resource account the number is assigned to. */
    assignedTo?: string; locationId?: string; isoCountryCode?: string;
    /** What the number may be assigned to (UserAssignment: a subscriber number; VoiceApplicationAssignment: a service number) [GET-PNA]. */
    capabilities?: string[];
}

export function numberAssignmentFor(number: PhoneNumber, accountUpn: string): NumberAssignmentResource {
    return {
        kind: 'number-assignment', key: telephoneNumber(number), telephoneNumber: telephoneNumber(number),
        numberType: NUMBER_TYPES[number.numberType], account: accountUpn, address: number.address?.ref && civicAddressIdentity(number.address.ref)
    };
}

const location = (r: NumberAssignmentResource): Record<string, CallValue> => (r.address ? { LocationId: { $ref: 'location-id', key: r.address } } : {});

const assign = (r: NumberAssignmentResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsPhoneNumberAssignment',
    parameters: { Identity: r.account, PhoneNumber: r.telephoneNumber, PhoneNumberType: r.numberType, ...location(r) }
});

/** Only the location can drift on a number that is already on the account. */
const relocate = (r: NumberAssignmentResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsPhoneNumberAssignment', parameters: { PhoneNumber: r.telephoneNumber, ...location(r) }
});

/** A number as Teams keys it (the part before any `;ext=`). */
const bare = (telephoneNumber: string): string => telephoneNumber.split(';')[0]!;

export const numberAssignment: KindHandler<'number-assignment'> = {
    kind: 'number-assignment',
    label: 'number assignment',
    step: 'step3',
    dependsOn: ['civic-address', 'resource-account'],
    describe: r => `assign ${r.telephoneNumber} (${r.numberType}) to \`${r.account}\`${r.address ? ` at ${addressLabel(r.address)}` : ''} (Set-CsPhoneNumberAssignment)`,
    observed: (r, { snapshot }) => snapshot.numbers.find(n => n.telephoneNumber === bare(r.telephoneNumber)),
    reads: [{
        field: 'numbers', from: { surface: 'teams', command: 'Get-CsPhoneNumberAssignment', pageSize: NUMBER_PAGE },
        rows: rows => rows.map(n => ({
            telephoneNumber: str(n.TelephoneNumber) ?? '', numberType: str(n.NumberType) as TeamsNumberType,
            // An unset location reads back as the zero GUID (or, defensively, null) [GET-PNA].
            assignedTo: str(n.AssignedPstnTargetId), locationId: unlessZeroGuid(str(n.LocationId)), isoCountryCode: str(n.IsoCountryCode),
            ...(Array.isArray(n.Capability) ? { capabilities: list(n.Capability).flatMap(c => str(c) ?? []) } : {})
        }))
    }],
    commands: ['Set-CsPhoneNumberAssignment'],
    diff(r, { snapshot, index, finding }) {
        const number = snapshot.numbers.find(n => n.telephoneNumber === bare(r.telephoneNumber));
        const accountId = index.accountId(r.account);
        if (number?.assignedTo && (!accountId || !same(number.assignedTo, accountId))) {
            finding('number-assigned-elsewhere',
                `${r.telephoneNumber} is already assigned to another user or account (${number.assignedTo}); the tool never reassigns a number: unassign it first.`);
            return { action: 'unchanged' };
        }
        if (!number?.assignedTo) return { action: 'create', note: `to ${r.account}` };
        const address = r.address ? index.address(r.address) : undefined;
        const wantedLocation = r.address ? (address?.defaultLocationId ?? '(new address)') : undefined;
        return updateIfDiffers(compare([['location', number.locationId, wantedLocation, 'ignoreCase']]));
    },
    // Numbers on resource accounts: the kind's objects (numbers of users are the users' business).
    notManaged(declared, { snapshot }) {
        const accounts = new Set(snapshot.applicationInstances.map(a => a.objectId.toLowerCase()));
        const onAccounts = snapshot.numbers.filter(n => n.assignedTo && accounts.has(n.assignedTo.toLowerCase())).map(n => n.telephoneNumber);
        return undeclared(onAccounts, declared.map(r => bare(r.key)));
    },
    create: r => [assign(r)],
    update: r => (r.address ? [relocate(r)] : []),
    script(r) {
        const number = psString(r.telephoneNumber);
        const upn = psString(r.account);
        const label = psString(this.label);
        const bound = { 'location-id': '$address.DefaultLocationId' };
        return [
            `$account = Get-VoiceOnlineUser -Identity ${upn}`,
            r.address ? `$address = Find-VoiceCivicAddress -Description ${psString(r.address)}` : '$address = $null',
            `$current = Get-CsPhoneNumberAssignment -TelephoneNumber ${number}`,
            'if ($null -ne $account -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $account.Identity) {',
            [`throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f ${number}, $current.AssignedPstnTargetId, ${upn})`],
            '}',
            'if ($null -eq $account -or $null -eq $current -or $current.AssignedPstnTargetId -ne $account.Identity) {',
            guarded(number, 'Assign number to resource account', [psCall(assign(r), bound)], 'Created', this.label),
            ...(r.address ? [
                '} elseif ($null -ne $address -and $current.LocationId -ne $address.DefaultLocationId) {',
                guarded(number, 'Set emergency location of number', [psCall(relocate(r), bound)], 'Changed', 'number location')
            ] : []),
            `} else { Add-VoiceResult Unchanged ${label} ${number} }`
        ];
    }
};
