/**
 * Reads every command invocation of PowerShell scripts with the real pwsh parser: the
 * command name, and each element after it as written (a -Parameter, with its `-P:value`
 * argument if any, or an argument), with literal values kept and anything computed marked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPwsh } from '../support/pwsh.js';

/** An argument as the parser sees it: a literal, a splatted variable, a hashtable's keys, a list, or something computed. */
export type ArgumentValue =
    | { t: 'string'; v: string }
    | { t: 'number'; v: string }
    | { t: 'bool'; v: boolean }
    | { t: 'null' }
    | { t: 'splat'; name: string }
    | { t: 'variable'; name: string }
    | { t: 'hashtable'; keys: string[] }
    | { t: 'array'; items: ArgumentValue[] }
    | { t: 'expression'; text: string };

export type CommandElement = { k: 'param'; name: string; arg?: ArgumentValue } | ({ k: 'arg' } & ArgumentValue);

export interface Invocation {
    command: string;
    line: number;
    text: string;
    elements: CommandElement[];
}

export interface ReadScript {
    file: string;
    errors: string[];
    invocations: Invocation[];
}

const READ = `
function Get-Value($ast) {
    $A = [System.Management.Automation.Language.Ast]
    switch ($ast) {
        { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] } { return @{ t = 'string'; v = $ast.Value } }
        { $_ -is [System.Management.Automation.Language.ConstantExpressionAst] } { return @{ t = 'number'; v = [string]$ast.Value } }
        { $_ -is [System.Management.Automation.Language.VariableExpressionAst] } {
            $name = $ast.VariablePath.UserPath
            if ($ast.Splatted) { return @{ t = 'splat'; name = $name } }
            if ($name -eq 'true' -or $name -eq 'false') { return @{ t = 'bool'; v = ($name -eq 'true') } }
            if ($name -eq 'null') { return @{ t = 'null' } }
            return @{ t = 'variable'; name = $name }
        }
        { $_ -is [System.Management.Automation.Language.HashtableAst] } {
            return @{ t = 'hashtable'; keys = @($ast.KeyValuePairs | ForEach-Object { if ($_.Item1 -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Item1.Value } else { $_.Item1.Extent.Text } }) }
        }
        { $_ -is [System.Management.Automation.Language.ArrayLiteralAst] } { return @{ t = 'array'; items = @($ast.Elements | ForEach-Object { Get-Value $_ }) } }
        default { return @{ t = 'expression'; text = $ast.Extent.Text.Substring(0, [Math]::Min(120, $ast.Extent.Text.Length)) } }
    }
}
$result = foreach ($file in $env:VOICE_SCRIPTS.Split([IO.Path]::PathSeparator)) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
    $invocations = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object {
        $elements = @($_.CommandElements | Select-Object -Skip 1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.Language.CommandParameterAst]) {
                $element = @{ k = 'param'; name = $_.ParameterName }
                if ($null -ne $_.Argument) { $element.arg = Get-Value $_.Argument }
                $element
            } else { (Get-Value $_) + @{ k = 'arg' } }
        })
        $text = $_.Extent.Text
        [pscustomobject]@{ command = $_.GetCommandName(); line = $_.Extent.StartLineNumber; text = $text.Substring(0, [Math]::Min(200, $text.Length)); elements = $elements }
    } | Where-Object { $_.command })
    [pscustomobject]@{ file = $file; errors = @($errors | ForEach-Object { $_.Extent.StartLineNumber.ToString() + ': ' + $_.Message }); invocations = $invocations }
}
$json = ConvertTo-Json -InputObject @($result) -Depth 12 -Compress
[System.IO.File]::WriteAllText($env:VOICE_OUT, $json, [System.Text.UTF8Encoding]::new($false))
`;

/** Parses the script files in one pwsh process (pwsh starts slowly and the machine is shared). */
export async function readInvocations(files: string[]): Promise<ReadScript[]> {
    const dir = mkdtempSync(path.join(tmpdir(), 'voice-invocations-'));
    const out = path.join(dir, 'invocations.json');
    try {
        const run = await runPwsh(READ, { env: { VOICE_SCRIPTS: files.join(path.delimiter), VOICE_OUT: out }, timeoutMs: 180_000 });
        if (run.exitCode !== 0) throw new Error(`pwsh failed (${run.exitCode}): ${run.stderr}`);
        return JSON.parse(readFileSync(out, 'utf8')) as ReadScript[];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
