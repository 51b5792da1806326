/**
 * One PowerShell fragment per planned tenant resource, written by the resource's kind module
 * (language/kinds/): read the current object, create it when absent, change it when it
 * differs, and say which of these happened. Every write is wrapped in $PSCmdlet.ShouldProcess,
 * so -WhatIf and -Confirm cover all of them. User text goes through powershell-quote.ts only.
 */
import { handlerOf } from '../kinds/index.js';
import type { Resource, TeamsNumberType } from '../plan/resources.js';
import { psString } from './powershell-quote.js';
import type { Lines } from './script-blocks.js';

export { flattenLines, type Lines } from './script-blocks.js';

/** Numbers are never bought by the script: Calling Plan and Operator Connect numbers must already be in the inventory. */
export function requiredNumber(n: { telephoneNumber: string; numberType: TeamsNumberType }): Lines {
    const number = psString(n.telephoneNumber);
    const type = psString(n.numberType);
    const missing: Lines = n.numberType === 'DirectRouting'
        ? [`Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f ${number})`]
        : [`throw ('{0} is not in the tenant''s {1} number inventory; acquire it before running this script.' -f ${number}, ${type})`];
    return [
        `$current = Get-CsPhoneNumberAssignment -TelephoneNumber ${number}`,
        'if ($null -eq $current) {', missing,
        `} elseif ($current.NumberType -ne ${type}) {`,
        [`throw ('{0} is a {1} number, not {2}.' -f ${number}, $current.NumberType, ${type})`],
        `} else { Add-VoiceResult Unchanged 'number in inventory' ${number} }`
    ];
}

/** The PowerShell for one planned resource. */
export function resourceBlock(resource: Resource): Lines {
    return handlerOf(resource).script(resource);
}
