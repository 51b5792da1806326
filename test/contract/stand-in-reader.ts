/**
 * Reads the stand-in modules' parameter sets the way PowerShell itself sees them: real pwsh
 * imports the module and reports Get-Command's ParameterSets (common parameters left out).
 */
import * as path from 'node:path';
import { runPwshForJson } from './pwsh-json.js';

export interface StandInParameter {
    name: string;
    /** The .NET type name ("String", "Int32[]"; generic as "PSListModifier[String]"). */
    type: string;
    mandatory: boolean;
    position: number;
    aliases: string[];
}

export interface StandInCmdlet {
    name: string;
    supportsShouldProcess: boolean;
    parameterSets: { name: string; isDefault: boolean; parameters: StandInParameter[] }[];
}

const READ = `
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
function Get-TypeName([type]$t) {
    if ($t.IsArray) { return (Get-TypeName $t.GetElementType()) + '[]' }
    if ($t.IsGenericType) { return $t.Name.Split('\`')[0] + '[' + (($t.GenericTypeArguments | ForEach-Object { Get-TypeName $_ }) -join ',') + ']' }
    $t.Name
}
$result = foreach ($module in $env:VOICE_MODULES.Split([IO.Path]::PathSeparator)) {
    $imported = Import-Module $module -Force -PassThru
    foreach ($command in @(Get-Command -Module $imported.Name -CommandType Function, Cmdlet)) {
        [pscustomobject]@{
            name = $command.Name
            supportsShouldProcess = $command.Parameters.ContainsKey('WhatIf')
            parameterSets = @($command.ParameterSets | ForEach-Object {
                [pscustomobject]@{
                    name = $_.Name
                    isDefault = $_.IsDefault
                    parameters = @($_.Parameters | Where-Object { $common -notcontains $_.Name } | ForEach-Object {
                        [pscustomobject]@{ name = $_.Name; type = Get-TypeName $_.ParameterType; mandatory = $_.IsMandatory; position = $_.Position; aliases = @($_.Aliases) }
                    })
                }
            })
        }
    }
}
$json = ConvertTo-Json -InputObject @($result) -Depth 8 -Compress
[System.IO.File]::WriteAllText($env:VOICE_OUT, $json, [System.Text.UTF8Encoding]::new($false))
`;

/** Every exported command of the given module files (.psd1 or .psm1), read in one pwsh process. */
export async function readStandIns(modules: string[]): Promise<StandInCmdlet[]> {
    return runPwshForJson<StandInCmdlet[]>(READ, { VOICE_MODULES: modules.join(path.delimiter) }, 120_000);
}
