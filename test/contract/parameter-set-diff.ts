/**
 * Compares a stand-in command's parameter sets with the documented contract: nothing
 * missing, nothing extra, the same mandatory flags, the same types, the same default set,
 * and -WhatIf/-Confirm exactly where Microsoft's cmdlet has them.
 */
import type { ContractCmdlet } from './contract.js';
import type { StandInCmdlet } from './stand-in-reader.js';

/**
 * Types that exist only in Microsoft's assemblies, and the public type the stand-in declares
 * instead: each accepts what a script writes for the real one (a string, a hashtable, a number).
 */
export const MODULE_PRIVATE_TYPES: Record<string, string> = {
    UserIdParameter: 'String',
    XdsGlobalRelativeIdentity: 'String',
    OUIdParameter: 'String',
    Fqdn: 'String',
    LogLevel: 'String',
    'SendAsyncStep[]': 'Object[]',
    // Get-CsOnlineUser -ResultSize takes a number or 'Unlimited'.
    Unlimited: 'Object',
    // A PSListModifier converts from @{ Add = ...; Remove = ... } or from a plain list.
    'PSListModifier[String]': 'Object',
    PSListModifier: 'Object',
    // [CONFLICT] New-CsAutoAttendantCallHandlingAssociation's SYNTAX writes the accepted values where the type goes; its table says Object [AA-CHA].
    'AfterHours | Holiday': 'Object',
    IIc3AdminConfigRpPolicyIdentity: 'Object',
    'PSListModifier[TeamsEmergencyCallingExtendedNotification]': 'Object',
    // Enums of the emergency calling policy; the stand-in validates their documented values instead.
    ExternalLocationLookupMode: 'String',
    NotificationMode: 'String',
    // Auto attendant lists (System.Collections.Generic.List) take any array a script writes.
    List: 'Object[]',
    // Auto attendant enums; the stand-in validates their documented values instead.
    DirectorySearchMethod: 'String',
    'User | ApplicationEndpoint | ConfigurationEndpoint | ExternalPstn | SharedVoicemail': 'String'
};

/** A parameter left out of the comparison, and why. */
export interface PendingParameter {
    cmdlet: string;
    parameter: string;
    why: string;
}

function standInType(documented: string): string {
    return MODULE_PRIVATE_TYPES[documented] ?? documented;
}

export function parameterSetDifferences(name: string, contract: ContractCmdlet, standIn: StandInCmdlet, pending: PendingParameter[] = []): string[] {
    const differences: string[] = [];
    const skipped = new Set(pending.filter(p => p.cmdlet.toLowerCase() === name.toLowerCase()).map(p => p.parameter.toLowerCase()));
    if (contract.supportsShouldProcess !== standIn.supportsShouldProcess) {
        differences.push(`${name}: -WhatIf/-Confirm ${contract.supportsShouldProcess ? 'documented but missing' : 'not documented but present'}`);
    }
    const pairs: [ContractCmdlet['parameterSets'][number], StandInCmdlet['parameterSets'][number]][] = [];
    if (contract.parameterSets.length === 1 && standIn.parameterSets.length === 1) {
        pairs.push([contract.parameterSets[0]!, standIn.parameterSets[0]!]);
    } else {
        for (const set of contract.parameterSets) {
            const match = standIn.parameterSets.find(s => s.name.toLowerCase() === set.name.toLowerCase());
            if (match) pairs.push([set, match]);
            else differences.push(`${name}: parameter set ${set.name} missing`);
        }
        for (const set of standIn.parameterSets) {
            if (!contract.parameterSets.some(s => s.name.toLowerCase() === set.name.toLowerCase())) differences.push(`${name}: parameter set ${set.name} not documented`);
        }
        const documentedDefault = contract.parameterSets.find(s => s.isDefault)?.name;
        const standInDefault = standIn.parameterSets.find(s => s.isDefault)?.name;
        if (documentedDefault && documentedDefault.toLowerCase() !== standInDefault?.toLowerCase()) {
            differences.push(`${name}: default parameter set is ${standInDefault}, documented ${documentedDefault}`);
        }
    }
    for (const [documented, actual] of pairs) {
        const where = `${name} [${documented.name}]`;
        for (const p of documented.parameters) {
            if (skipped.has(p.name.toLowerCase())) continue;
            const q = actual.parameters.find(x => x.name.toLowerCase() === p.name.toLowerCase());
            if (!q) { differences.push(`${where}: -${p.name} missing`); continue; }
            if (p.mandatory !== q.mandatory) differences.push(`${where}: -${p.name} is ${q.mandatory ? 'mandatory' : 'optional'}, documented ${p.mandatory ? 'mandatory' : 'optional'}`);
            if (p.type && standInType(p.type).toLowerCase() !== q.type.toLowerCase()) differences.push(`${where}: -${p.name} is [${q.type}], documented [${p.type}]${MODULE_PRIVATE_TYPES[p.type] ? ` (declare [${standInType(p.type)}])` : ''}`);
        }
        for (const q of actual.parameters) {
            if (skipped.has(q.name.toLowerCase())) continue;
            if (!documented.parameters.some(p => p.name.toLowerCase() === q.name.toLowerCase())) differences.push(`${where}: -${q.name} not documented`);
        }
    }
    return differences;
}
