/**
 * Known defects the contract checks allow by name until their fix (on another branch of
 * issue 11) is merged. Delete an allowance at merge; the tests show the checker flags each.
 */
import type { Allowance } from './invocation-check.js';

/**
 * `-EmergencyNumbers @{ replace = ... }` on New-/Set-CsTeamsEmergencyCallRoutingPolicy, sent by
 * the compiled script and by live apply: the real module rejects it (list modifiers take only
 * Add or Remove since Teams PowerShell 4.2.0).
 */
export const EMERGENCY_NUMBERS_REPLACE: Allowance = {
    name: 'emergency-numbers-replace (issue 11, fixed on another branch)',
    matches: v => v.kind === 'list-modifier-key' && /^(New|Set)-CsTeamsEmergencyCallRoutingPolicy$/.test(v.cmdlet) && v.parameter === 'EmergencyNumbers' && /@\{ replace = /i.test(v.detail)
};
