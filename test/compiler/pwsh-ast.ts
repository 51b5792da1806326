/**
 * Parses compiled scripts with real PowerShell and reports what the parser saw: syntax
 * errors, every command name, every string constant (kind, value, whether it sits inside
 * a `{ }` script block literal), and how many expandable ("...") strings there are.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPwsh } from '../support/pwsh.js';

export interface ParsedScript {
    file: string;
    errors: string[];
    commands: string[];
    constants: { value: string; kind: string; inScriptBlock: boolean }[];
    expandable: number;
    /** Every command call: its name, the named parameters given, and the keys of each hashtable passed as an argument. */
    calls: { command: string; parameters: string[]; hashtables: string[] }[];
    /** The keys of every hashtable literal in the script, wherever it stands. */
    hashtableKeys: string[];
}

const DUMP = `param([string[]]$Files)
$result = foreach ($file in $Files) {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref]$tokens, [ref]$errors)
    $commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() })
    $constants = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.StringConstantExpressionAst] }, $true) | ForEach-Object {
        $inBlock = $false
        for ($p = $_.Parent; $null -ne $p; $p = $p.Parent) { if ($p -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) { $inBlock = $true; break } }
        [pscustomobject]@{ value = $_.Value; kind = [string]$_.StringConstantType; inScriptBlock = $inBlock }
    })
    $calls = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object {
        $elements = $_.CommandElements
        [pscustomobject]@{
            command = $_.GetCommandName()
            parameters = @($elements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object { $_.ParameterName })
            hashtables = @($elements | Where-Object { $_ -is [System.Management.Automation.Language.HashtableAst] } | ForEach-Object { (@($_.KeyValuePairs | ForEach-Object { [string]$_.Item1.Extent.Text }) -join ',') })
        }
    })
    $hashtableKeys = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.HashtableAst] }, $true) | ForEach-Object { $_.KeyValuePairs | ForEach-Object { [string]$_.Item1.Extent.Text } })
    $expandable = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.ExpandableStringExpressionAst] }, $true)).Count
    [pscustomobject]@{ file = $file; errors = @($errors | ForEach-Object { $_.Extent.StartLineNumber.ToString() + ': ' + $_.Message }); commands = $commands; constants = $constants; expandable = $expandable; calls = $calls; hashtableKeys = $hashtableKeys }
}
$json = ConvertTo-Json -InputObject @($result) -Depth 6 -Compress
[System.IO.File]::WriteAllText($env:VOICE_AST_OUT, $json, [System.Text.UTF8Encoding]::new($false))
`;

/** One pwsh process for all files (pwsh starts slowly and the machine is shared). */
export async function parseScripts(files: string[]): Promise<ParsedScript[]> {
    const out = path.join(tmpdir(), `voice-ast-${process.pid}-${Date.now()}.json`);
    const list = files.map(f => `'${f.replace(/'/g, "''")}'`).join(', ');
    const run = await runPwsh(`${DUMP}\n`.replace('param([string[]]$Files)', `$Files = @(${list})`), { env: { VOICE_AST_OUT: out }, timeoutMs: 120_000 });
    if (run.exitCode !== 0) throw new Error(`pwsh failed (${run.exitCode}): ${run.stderr}`);
    const { readFileSync } = await import('node:fs');
    return JSON.parse(readFileSync(out, 'utf8')) as ParsedScript[];
}

export function writeScript(folder: string, name: string, text: string): string {
    const file = path.join(folder, name);
    writeFileSync(file, text, 'utf8');
    return file;
}
