/**
 * PowerShell that the persistent session loads once. Calls arrive as base64-encoded JSON
 * (data, never command text): a command from an allow-list and its parameters, splatted.
 * A nested `{"$invoke": {...}}` value is itself a call whose output becomes the argument
 * (New-CsTeamsEmergencyNumber objects for -EmergencyNumbers), kept under its `as` label for a later
 * `{"$idOf": ...}` (the Id of an auto attendant's call flow); a `{"$patch": {...}, "set": {...}}`
 * value is a read's output with properties set (Set-CsAutoAttendant -Instance). Results go back as JSON.
 */
import { EDIT_OBJECT } from '../../language/generator/script-runtime.js';
import { KIND_COMMANDS } from '../../language/kinds/index.js';
import { READINESS_TEAMS_READS } from '../report/readiness-reads.js';

/**
 * The session's own cmdlets (Get-CsTenant: which tenant a saved plan is applied to); every
 * other allowed cmdlet is one a kind reads with or calls.
 */
const SESSION_COMMANDS = ['Connect-MicrosoftTeams', 'Disconnect-MicrosoftTeams', 'Get-CsTenant'];

/**
 * Least privilege: the session runs only what the kind table uses (language/kinds/, `reads` and
 * `commands`) and the readiness report's reads (all Get-*).
 */
export const ALLOWED_COMMANDS: readonly string[] = [...new Set([...SESSION_COMMANDS, ...KIND_COMMANDS, ...READINESS_TEAMS_READS])];

/** A cmdlet name; the session refuses any not in ALLOWED_COMMANDS. */
export type AllowedCommand = string;

export const BEGIN_MARKER = '<<<VOICE-JSON';
export const END_MARKER = 'VOICE-JSON>>>';
/** Printed instead of a result when the batch was stopped (Ctrl-C reached pwsh). */
export const STOPPED_MARKER = '<<<VOICE-STOPPED>>>';

/** A throttled cmdlet's message (the MicrosoftTeams module's wording is not documented: any of these). */
export const THROTTLED_PATTERN = 'HTTP 429|TooManyRequests|throttl';
/** Starts the answer of a call a batch did not send because an earlier one was throttled. */
export const NOT_SENT_PREFIX = 'Not sent: an earlier call of this batch was throttled:';
/**
 * The answer of a call an ordered batch held back because an earlier call failed: a lane's
 * calls (Teams ranks group grants by arrival) must reach the tenant in plan order, so nothing
 * after a failed call is sent until it has gone through or failed for good (executor.ts).
 */
export const HELD_PREFIX = 'Not sent: an earlier call of this ordered batch failed:';
export const HELD_ERROR_ID = 'VoiceHeld';

export const SESSION_SCRIPT = `
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$script:VoiceBound = @{}
# Tenant objects made by a nested call (New-CsOnlineSchedule writes to the tenant; the other nested
# cmdlets build in memory) for a call that then failed: its retry in this session takes them
# instead of making them again. Dropped once the call they were made for has gone through.
$script:VoiceNestedWrites = @('New-CsOnlineSchedule')
$script:VoiceMade = @{}
$script:VoiceMadeNow = [System.Collections.Generic.List[string]]::new()
$script:VoiceAllowed = @(${ALLOWED_COMMANDS.map(c => `'${c}'`).join(', ')})

function ConvertTo-VoiceArgument($Value) {
    if ($Value -is [System.Collections.IDictionary]) {
        if ($Value.Contains('$invoke')) {
            $output = Invoke-VoiceNestedCall $Value['$invoke']
            if ($Value.Contains('as')) { $script:VoiceBound[[string]$Value['as']] = $output }
            return $output
        }
        if ($Value.Contains('$idOf')) {
            $of = $Value['$idOf']
            if ($of -is [string]) { return $script:VoiceBound[$of].Id }
            return (ConvertTo-VoiceArgument $of).Id
        }
        if ($Value.Contains('$patch')) { return Edit-VoiceObject -InputObject (Invoke-VoiceCall $Value['$patch']) -Property (ConvertTo-VoiceArgument $Value['set']) }
        $table = @{}
        foreach ($key in $Value.Keys) { $table[$key] = ConvertTo-VoiceArgument $Value[$key] }
        return $table
    }
    if ($Value -is [System.Collections.IList]) {
        $items = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Value) { $items.Add((ConvertTo-VoiceArgument $item)) }
        return ,$items.ToArray()
    }
    return $Value
}

${EDIT_OBJECT}

function Invoke-VoiceCall($Call) {
    $name = [string]$Call['command']
    if ($script:VoiceAllowed -notcontains $name) { throw "Command '$name' is not allowed in this session." }
    $parameters = @{}
    if ($Call['parameters']) {
        foreach ($key in $Call['parameters'].Keys) { $parameters[$key] = ConvertTo-VoiceArgument $Call['parameters'][$key] }
    }
    & $name @parameters
}

function Invoke-VoiceNestedCall($Call) {
    if ($script:VoiceNestedWrites -notcontains [string]$Call['command']) { return Invoke-VoiceCall $Call }
    $key = ConvertTo-Json -InputObject $Call -Depth 32 -Compress
    # Made for an earlier, failed try of this call: taken again (never one made for this very call: each is its own object).
    if ($script:VoiceMade.ContainsKey($key) -and -not $script:VoiceMadeNow.Contains($key)) { $output = $script:VoiceMade[$key] }
    else { $output = Invoke-VoiceCall $Call; $script:VoiceMade[$key] = $output }
    $script:VoiceMadeNow.Add($key)
    $output
}

function Invoke-VoiceBatch([string]$Payload, [switch]$Ordered) {
    $finished = $false
    try {
        $calls = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($Payload)) | ConvertFrom-Json -AsHashtable -Depth 32
        $results = [System.Collections.Generic.List[object]]::new()
        $throttled = $null
        $failed = $null
        foreach ($call in @($calls)) {
            # Once the tenant has throttled a call, the rest wait for its Retry-After: not sent, answered with its message.
            if ($throttled) { $results.Add(@{ ok = $false; error = "${NOT_SENT_PREFIX} $throttled"; errorId = 'VoiceNotSent' }); continue }
            if ($failed) { $results.Add(@{ ok = $false; error = "${HELD_PREFIX} $failed"; errorId = '${HELD_ERROR_ID}' }); continue }
            $script:VoiceMadeNow.Clear()
            try {
                $output = @(Invoke-VoiceCall $call)
                $results.Add(@{ ok = $true; value = $output })
                foreach ($key in $script:VoiceMadeNow) { $script:VoiceMade.Remove($key) }
            } catch {
                $results.Add(@{ ok = $false; error = $_.Exception.Message; errorId = [string]$_.FullyQualifiedErrorId })
                if ($_.Exception.Message -match '${THROTTLED_PATTERN}') { $throttled = $_.Exception.Message }
                elseif ($Ordered) { $failed = $_.Exception.Message }
            }
        }
        '${BEGIN_MARKER}'
        ConvertTo-Json -InputObject $results.ToArray() -Depth 16 -Compress
        '${END_MARKER}'
        $finished = $true
    } catch {
        # An error of the batch itself (not of a call): reported as no result, as before.
        $finished = $true
        throw
    } finally {
        # A batch stopped by Ctrl-C (which no catch sees) never finishes; the console still takes a line, so say so.
        if (-not $finished) { [Console]::Out.WriteLine('${STOPPED_MARKER}') }
    }
}
`;
