/**
 * Reads every command invocation of PowerShell scripts with the real pwsh parser: the
 * command name, and each element after it as written (a -Parameter, with its `-P:value`
 * argument if any, or an argument), with literal values kept and anything computed marked.
 */
import * as path from 'node:path';
import { runPwshForJson } from './pwsh-json.js';

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

// The AST walk is C# (compiled once by Add-Type): a generated 1,000-store script has ~80,000
// invocations, and a PowerShell-level walk with ConvertTo-Json takes about a minute for them.
const READ = `
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;
using System.Text;
using System.Text.Json;

public static class VoiceInvocationReader {
    static string Q(string s) { return JsonSerializer.Serialize(s); }
    static string Head(string s, int n) { return s.Length <= n ? s : s.Substring(0, n); }

    static string Value(Ast ast) {
        if (ast is StringConstantExpressionAst str) return "{\\"t\\":\\"string\\",\\"v\\":" + Q(str.Value) + "}";
        if (ast is ConstantExpressionAst num) return "{\\"t\\":\\"number\\",\\"v\\":" + Q(Convert.ToString(num.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "") + "}";
        if (ast is VariableExpressionAst v) {
            string name = v.VariablePath.UserPath;
            if (v.Splatted) return "{\\"t\\":\\"splat\\",\\"name\\":" + Q(name) + "}";
            if (name.Equals("true", StringComparison.OrdinalIgnoreCase) || name.Equals("false", StringComparison.OrdinalIgnoreCase))
                return "{\\"t\\":\\"bool\\",\\"v\\":" + (name.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false") + "}";
            if (name.Equals("null", StringComparison.OrdinalIgnoreCase)) return "{\\"t\\":\\"null\\"}";
            return "{\\"t\\":\\"variable\\",\\"name\\":" + Q(name) + "}";
        }
        if (ast is HashtableAst h) {
            var keys = h.KeyValuePairs.Select(kv => kv.Item1 is StringConstantExpressionAst k ? k.Value : kv.Item1.Extent.Text);
            return "{\\"t\\":\\"hashtable\\",\\"keys\\":[" + string.Join(",", keys.Select(Q)) + "]}";
        }
        if (ast is ArrayLiteralAst arr) return "{\\"t\\":\\"array\\",\\"items\\":[" + string.Join(",", arr.Elements.Select(Value)) + "]}";
        return "{\\"t\\":\\"expression\\",\\"text\\":" + Q(Head(ast.Extent.Text, 120)) + "}";
    }

    public static string Read(string file) {
        Token[] tokens; ParseError[] errors;
        var ast = Parser.ParseFile(file, out tokens, out errors);
        var sb = new StringBuilder();
        sb.Append("{\\"file\\":").Append(Q(file)).Append(",\\"errors\\":[");
        sb.Append(string.Join(",", errors.Select(e => Q(e.Extent.StartLineNumber + ": " + e.Message))));
        sb.Append("],\\"invocations\\":[");
        bool first = true;
        foreach (CommandAst c in ast.FindAll(n => n is CommandAst, true)) {
            string name = c.GetCommandName();
            if (name == null) continue;
            if (!first) sb.Append(',');
            first = false;
            sb.Append("{\\"command\\":").Append(Q(name)).Append(",\\"line\\":").Append(c.Extent.StartLineNumber);
            sb.Append(",\\"text\\":").Append(Q(Head(c.Extent.Text, 200))).Append(",\\"elements\\":[");
            sb.Append(string.Join(",", c.CommandElements.Skip(1).Select(e => {
                if (e is CommandParameterAst p) {
                    return "{\\"k\\":\\"param\\",\\"name\\":" + Q(p.ParameterName) + (p.Argument != null ? ",\\"arg\\":" + Value(p.Argument) : "") + "}";
                }
                string value = Value(e);
                return "{\\"k\\":\\"arg\\"," + value.Substring(1);
            })));
            sb.Append("]}");
        }
        sb.Append("]}");
        return sb.ToString();
    }
}
'@
$json = '[' + ((@($env:VOICE_SCRIPTS.Split([IO.Path]::PathSeparator)) | ForEach-Object { [VoiceInvocationReader]::Read($_) }) -join ',') + ']'
[System.IO.File]::WriteAllText($env:VOICE_OUT, $json, [System.Text.UTF8Encoding]::new($false))
`;

/** Parses the script files in one pwsh process (pwsh starts slowly and the machine is shared). */
export async function readInvocations(files: string[]): Promise<ReadScript[]> {
    return runPwshForJson<ReadScript[]>(READ, { VOICE_SCRIPTS: files.join(path.delimiter) }, 180_000);
}
