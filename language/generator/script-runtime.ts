/**
 * The fixed part of every compiled script: sign-in that reuses existing sessions, and the
 * few helpers the blocks call. No user text ever appears here: helpers receive it only as
 * arguments, so a reviewer reads this part once and then only the per-statement blocks.
 * (Kept free of backticks and `${` so it can live in a template literal.)
 */

export const CONNECT_STEP = `# ---- Connect ---------------------------------------------------------------------------------
# Reuses the caller's Teams and Graph sessions; signs in to $TenantId only when there is none.
$teamsSession = $null
try { $teamsSession = Get-CsTenant } catch { $teamsSession = $null }
if ($null -eq $teamsSession) {
    $teamsSignIn = @{ TenantId = $TenantId }
    # App-only (certificate) and delegated sign-in are separate parameter sets [CONNECT]: device code is delegated only.
    if ($CertificateThumbprint) { $teamsSignIn.CertificateThumbprint = $CertificateThumbprint; $teamsSignIn.ApplicationId = $ApplicationId }
    else {
        if ($AccountId) { $teamsSignIn.AccountId = $AccountId }
        if ($UseDeviceAuthentication) { $teamsSignIn.UseDeviceAuthentication = $true }
    }
    Connect-MicrosoftTeams @teamsSignIn | Out-Null
}
if ($null -eq (Get-MgContext)) {
    $graphSignIn = @{ TenantId = $TenantId; NoWelcome = $true }
    if ($CertificateThumbprint) { $graphSignIn.ClientId = $ApplicationId; $graphSignIn.CertificateThumbprint = $CertificateThumbprint }
    else {
        $graphSignIn.Scopes = @('User.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All', 'LicenseAssignment.ReadWrite.All')
        if ($UseDeviceAuthentication) { $graphSignIn.UseDeviceCode = $true }
    }
    Connect-MgGraph @graphSignIn | Out-Null
}`;

/**
 * Sets properties of an object a read returned, for a cmdlet that takes a whole instance
 * (Set-CsAutoAttendant -Instance [AA-SET]); a hashtable value edits the property's own object.
 * Used by the compiled script and by apply's PowerShell session alike.
 */
export const EDIT_OBJECT = `function Edit-VoiceObject {
    param([Parameter(Mandatory)]$InputObject, [Parameter(Mandatory)][System.Collections.IDictionary]$Property)
    foreach ($key in $Property.Keys) {
        $value = $Property[$key]
        $known = $InputObject.PSObject.Properties[$key]
        if ($null -eq $known) { $InputObject.PSObject.Properties.Add([psnoteproperty]::new($key, $value)); continue }
        if ($value -is [System.Collections.IDictionary] -and $null -ne $known.Value) { Edit-VoiceObject -InputObject $known.Value -Property $value | Out-Null }
        else { $InputObject.$key = $value }
    }
    $InputObject
}`;

export const HELPERS = `# ---- Helpers (no tenant data in here: every value below arrives as an argument) ---------------
$ErrorActionPreference = 'Stop'
$VoiceResults = [System.Collections.Generic.List[object]]::new()
$GroupIds = @{}
# What this run created, by the key it is found by: a read may not show it yet (replication).
$VoiceCreated = @{}
# Objects built within one call that another part of it refers to by Id (an auto attendant's call flows).
$VoiceBound = @{}

# Records what one step did, for the summary; control characters are not echoed to the terminal.
function Add-VoiceResult {
    param(
        [Parameter(Mandatory)][ValidateSet('Created', 'Changed', 'Unchanged', 'Pending')][string]$Outcome,
        [Parameter(Mandatory)][string]$Kind,
        [Parameter(Mandatory)][AllowEmptyString()][string]$Name
    )
    $VoiceResults.Add([pscustomobject]@{ Outcome = $Outcome; Kind = $Kind; Name = $Name })
    Write-Host ('{0,-10} {1}: {2}' -f $Outcome, $Kind, ($Name -replace '\\p{C}', '?'))
}

# Teams Get-* cmdlets throw when an identity does not exist; here a missing object is an answer.
function Test-VoiceNotFound {
    param($ErrorRecord)
    $ErrorRecord.CategoryInfo.Category -eq 'ObjectNotFound' -or
        $ErrorRecord.FullyQualifiedErrorId -match 'NotFound' -or
        $ErrorRecord.Exception.Message -match 'not found|NotFound|does not exist|couldn.t be found'
}

# A write refused because an object it names is missing: just created and maybe not replicated yet.
# A misspelt parameter or command is a mistake, not a lag (its error id says NotFound too).
function Test-VoiceNotReplicated {
    param($ErrorRecord)
    if ($ErrorRecord.Exception -is [System.Management.Automation.ParameterBindingException] -or
        $ErrorRecord.Exception -is [System.Management.Automation.CommandNotFoundException]) { return $false }
    (Test-VoiceNotFound $ErrorRecord) -or $ErrorRecord.Exception.Message -match 'cannot find|could not find'
}

# Every write block runs in a loop of these two: a write refused "not found" changed nothing, so it
# goes again with back-off until -ReplicationTimeoutSeconds, then stops with the service's message,
# which names the object. Any other error stops at once.
function New-VoiceRetry {
    @{ Deadline = [datetime]::UtcNow.AddSeconds($ReplicationTimeoutSeconds); Delay = 1 }
}

function Wait-VoiceRetry {
    param([Parameter(Mandatory)][hashtable]$Retry, [Parameter(Mandatory)]$ErrorRecord)
    if (-not (Test-VoiceNotReplicated $ErrorRecord)) { throw $ErrorRecord }
    if ([datetime]::UtcNow -ge $Retry.Deadline) {
        throw ('{0} (still refused after {1} s: the object it names has not replicated yet, or does not exist)' -f $ErrorRecord.Exception.Message, $ReplicationTimeoutSeconds)
    }
    Write-Verbose ('Not found yet, trying again in {0} s: {1}' -f $Retry.Delay, $ErrorRecord.Exception.Message)
    Start-Sleep -Seconds $Retry.Delay
    $Retry.Delay = [math]::Min(2 * $Retry.Delay, 15)
}

function Get-VoiceOnlineUser {
    param([Parameter(Mandatory)][string]$Identity)
    try { Get-CsOnlineUser -Identity $Identity } catch { if (Test-VoiceNotFound $_) { $null } else { throw } }
}

function Get-VoiceApplicationInstance {
    param([Parameter(Mandatory)][string]$Identity)
    try { Get-CsOnlineApplicationInstance -Identity $Identity } catch { if (Test-VoiceNotFound $_) { $null } else { throw } }
}

# A new resource account reaches Teams after a replication delay: poll, bounded by -ReplicationTimeoutSeconds.
function Wait-VoiceOnlineUser {
    param([Parameter(Mandatory)][string]$Identity)
    $deadline = [datetime]::UtcNow.AddSeconds($ReplicationTimeoutSeconds)
    for ($delay = 1; ; $delay = [math]::Min(2 * $delay, 15)) {
        $user = Get-VoiceOnlineUser -Identity $Identity
        if ($null -ne $user) { return $user }
        if ([datetime]::UtcNow -ge $deadline) { throw ('{0} did not appear in Teams within {1} seconds.' -f $Identity, $ReplicationTimeoutSeconds) }
        Start-Sleep -Seconds $delay
    }
}

# A create refused because the object exists: an earlier run's object that reads do not show yet (replication), or a concurrent run's.
function Test-VoiceAlreadyExists {
    param($ErrorRecord)
    $ErrorRecord.Exception.Message -match 'already exists|already in use'
}

# Reads until the object is visible, bounded by -ReplicationTimeoutSeconds. With -Otherwise, a
# timeout is a warning and that value the answer (the create's own output) instead of an error.
function Wait-VoiceRead {
    param([Parameter(Mandatory)][string]$What, [Parameter(Mandatory)][scriptblock]$Read, $Otherwise)
    $deadline = [datetime]::UtcNow.AddSeconds($ReplicationTimeoutSeconds)
    for ($delay = 1; ; $delay = [math]::Min(2 * $delay, 15)) {
        $found = $Read.InvokeReturnAsIs()
        if ($null -ne $found) { return $found }
        if ([datetime]::UtcNow -ge $deadline) {
            if (-not $PSBoundParameters.ContainsKey('Otherwise')) { throw ('{0} exists but did not become readable within {1} seconds.' -f $What, $ReplicationTimeoutSeconds) }
            Write-Warning ('{0} was created but is not readable after {1} seconds: a run started before it is would create it again.' -f $What, $ReplicationTimeoutSeconds)
            return $Otherwise
        }
        Start-Sleep -Seconds $delay
    }
}

# Policies read back as 'Tag:<name>'; identities compare without case.
function Test-VoiceIdentity {
    param($Actual, [Parameter(Mandatory)][string]$Name)
    # Get-CsOnlineUser's policies are objects ({Authority, Name}) [CSUSER-GET]; a plain name is read too.
    if ($null -ne $Actual -and $Actual -isnot [string] -and $null -ne $Actual.PSObject.Properties['Name']) { $Actual = $Actual.Name }
    $null -ne $Actual -and ([string]$Actual -eq $Name -or [string]$Actual -eq ('Tag:' + $Name))
}

# Where a group grant of the setup stands among every group's assignments of its policy type,
# other teams' included (docs/apply.md, "Ranks"; language/kinds/grant-order.ts does the same for
# live apply). In order: it stands above each later grant of the setup. Rank: where to grant
# it (after removing its own assignment): where it stood if in order, else right above the
# highest-placed later grant, else last. Other teams' assignments are never touched [GPA-NEW].
function Get-VoiceGrantPlace {
    param([Parameter(Mandatory)][string]$PolicyType, $GroupId, [AllowEmptyCollection()][object[]]$Later = @())
    $all = @(Get-CsGroupPolicyAssignment -PolicyType $PolicyType | Sort-Object { [int]$_.Rank })
    $later = @($Later | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() })
    $ids = @($all | ForEach-Object { ([string]$_.GroupId).ToLowerInvariant() })
    $self = ([string]$GroupId).ToLowerInvariant()
    $at = [array]::IndexOf($ids, $self)
    $inOrder = $at -ge 0
    for ($i = 0; $i -lt $at; $i++) { if ($later -contains $ids[$i]) { $inOrder = $false } }
    $rest = @($ids | Where-Object { $_ -ne $self })
    $rank = $rest.Count + 1
    if ($inOrder) { $rank = $at + 1 }
    else { for ($i = $rest.Count - 1; $i -ge 0; $i--) { if ($later -contains $rest[$i]) { $rank = $i + 1 } } }
    [pscustomobject]@{ Current = $(if ($at -ge 0) { $all[$at] } else { $null }); InOrder = $inOrder; Rank = $rank }
}

function Select-VoiceIdentity {
    param([Parameter(ValueFromPipeline)]$InputObject, [Parameter(Mandatory)][string]$Name)
    process { if (Test-VoiceIdentity $InputObject.Identity $Name) { $InputObject } }
}

# Order and case do not matter in Teams lists (usages, gateways, numbers).
function Test-VoiceSameSet {
    param($Actual, $Wanted)
    $a = @($Actual | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)
    $w = @($Wanted | Where-Object { $null -ne $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)
    ($a -join [char]10) -ceq ($w -join [char]10)
}

function Test-VoiceEmergencyNumbers {
    param($Actual, [string[]]$DialStrings, [AllowEmptyString()][string]$Usage)
    $a = @($Actual | ForEach-Object { [string]$_.EmergencyDialString + [char]10 + [string]$_.OnlinePSTNUsage })
    $w = @($DialStrings | ForEach-Object { $_ + [char]10 + $Usage })
    Test-VoiceSameSet $a $w
}

function Get-VoiceHttpStatus {
    param($ErrorRecord)
    $response = $ErrorRecord.Exception.Response
    if ($null -ne $response -and $null -ne $response.StatusCode) { return [int]$response.StatusCode }
    if ($ErrorRecord.Exception.Message -match '\\b([45]\\d\\d)\\b') { return [int]$Matches[1] }
    0
}

# Graph with the retries the facts describe: 429 waits for Retry-After; the codes in -RetryOn
# (a new account not yet in Graph, a licence refused while the usage location replicates)
# back off and retry until -ReplicationTimeoutSeconds.
function Invoke-VoiceGraph {
    param(
        [Parameter(Mandatory)][string]$Method,
        [Parameter(Mandatory)][string]$Uri,
        [hashtable]$Body,
        [int[]]$RetryOn = @()
    )
    $deadline = [datetime]::UtcNow.AddSeconds($ReplicationTimeoutSeconds)
    $request = @{ Method = $Method; Uri = $Uri; OutputType = 'PSObject' }
    if ($null -ne $Body) { $request.Body = ConvertTo-Json -InputObject $Body -Depth 8 -Compress; $request.ContentType = 'application/json' }
    for ($delay = 1; ; $delay = [math]::Min(2 * $delay, 15)) {
        try {
            return Invoke-MgGraphRequest @request
        } catch {
            $status = Get-VoiceHttpStatus $_
            if (($status -ne 429 -and $status -notin $RetryOn) -or [datetime]::UtcNow -ge $deadline) { throw }
            $wait = $delay
            $retryAfter = $_.Exception.Response.Headers.RetryAfter.Delta
            if ($status -eq 429 -and $null -ne $retryAfter) { $wait = [math]::Ceiling($retryAfter.TotalSeconds) }
            Write-Verbose ('Graph answered {0}; retrying in {1} s.' -f $status, $wait)
            Start-Sleep -Seconds $wait
        }
    }
}

function Get-VoiceUserUri {
    param([Parameter(Mandatory)][string]$UserPrincipalName, [string]$Rest = '')
    '/v1.0/users/' + [uri]::EscapeDataString($UserPrincipalName) + $Rest
}

# Groups are found by object id, or by display name through an OData filter (quotes doubled, then URL-encoded).
function Find-VoiceGroup {
    param([string]$DisplayName, [string]$ObjectId)
    if ($ObjectId) { return Invoke-VoiceGraph -Method GET -Uri ('/v1.0/groups/' + [uri]::EscapeDataString($ObjectId) + '?$select=id,displayName') }
    $filter = 'displayName eq ''' + $DisplayName.Replace('''', '''''') + ''''
    $found = @((Invoke-VoiceGraph -Method GET -Uri ('/v1.0/groups?$select=id,displayName&$filter=' + [uri]::EscapeDataString($filter))).value)
    if ($found.Count -ne 1) { throw ('Expected exactly one Entra group named {0}, found {1}.' -f $DisplayName, $found.Count) }
    $found[0]
}

# Direct members only: Teams group policy reaches direct members only [GPA-NEW].
function Get-VoiceGroupUsers {
    param([Parameter(Mandatory)][string]$GroupId)
    $uri = '/v1.0/groups/' + [uri]::EscapeDataString($GroupId) + '/members?$select=id,userPrincipalName'
    while ($uri) {
        $page = Invoke-VoiceGraph -Method GET -Uri $uri
        $page.value | Where-Object { -not $_.'@odata.type' -or $_.'@odata.type' -eq '#microsoft.graph.user' }
        $uri = $page.'@odata.nextLink'
    }
}

# The tool finds its civic addresses again by their description, 'voice:<name>'. Teams lets two
# addresses share one (two runs at once): the lowest id, compared ordinally without case, is the
# one used, the rule plan and apply follow too (language/kinds/compare.ts byLowestId).
function Find-VoiceCivicAddress {
    param([Parameter(Mandatory)][string]$Description)
    $found = @(Get-CsOnlineLisCivicAddress | Where-Object Description -EQ $Description)
    if ($found.Count -eq 0) { return $null }
    $lowest = $found[0]
    foreach ($address in $found) {
        if ([string]::CompareOrdinal(([string]$address.CivicAddressId).ToLowerInvariant(), ([string]$lowest.CivicAddressId).ToLowerInvariant()) -lt 0) { $lowest = $address }
    }
    if ($found.Count -gt 1) {
        Write-Warning ('Civic address {0} exists {1} times (another run made a twin): using {2}, the lowest id; remove the others once nothing uses them.' -f $Description, $found.Count, $lowest.CivicAddressId)
    }
    $lowest
}

# A civic address this run created comes from its create's output until reads show it.
function Get-VoiceCivicAddress {
    param([Parameter(Mandatory)][string]$Description)
    if ($VoiceCreated.ContainsKey($Description)) { return $VoiceCreated[$Description] }
    Find-VoiceCivicAddress -Description $Description
}

# Auto attendants have no unique name [AA-NEW]: the one this run made, else the lowest id of that name (as plan and apply).
function Find-VoiceAutoAttendant {
    param([Parameter(Mandatory)][string]$Name)
    $key = 'auto-attendant:' + $Name
    if ($VoiceCreated.ContainsKey($key)) { return $VoiceCreated[$key] }
    @(Get-CsAutoAttendant -NameFilter $Name | Where-Object Name -EQ $Name | Sort-Object { ([string]$_.Id).ToLowerInvariant() }) | Select-Object -First 1
}

# What a closed call flow does: its menu's first option [AA-MENUOPT], as the compiler writes it.
function Get-VoiceFlowAction {
    param($Flows, $FlowId)
    $flow = @($Flows | Where-Object { ([string]$_.Id) -eq ([string]$FlowId) })[0]
    $option = if ($null -ne $flow) { @($flow.Menu.MenuOptions)[0] } else { $null }
    switch ([string]$option.Action) {
        'DisconnectCall' { 'disconnect' }
        'TransferCallToOperator' { 'operator' }
        'TransferCallToTarget' { 'transfer ' + ([string]$option.CallTarget.Id).ToLowerInvariant() }
        '' { 'none' }
        default { ([string]$option.Action).ToLowerInvariant() }
    }
}

# A date-time range bound as a day: ISO text, or the "d/m/yyyy" the cmdlet takes [AA-DATERANGE].
function ConvertTo-VoiceDay {
    param($Value)
    # ConvertFrom-Json makes ISO texts DateTime values; [string] of one would read month first.
    if ($Value -is [datetime]) { return $Value.Date }
    if ([string]$Value -match '^(\\d{4})-(\\d{2})-(\\d{2})') { return [datetime]::new([int]$Matches[1], [int]$Matches[2], [int]$Matches[3]) }
    if ([string]$Value -match '^(\\d{1,2})/(\\d{1,2})/(\\d{4})') { return [datetime]::new([int]$Matches[3], [int]$Matches[2], [int]$Matches[1]) }
    ([datetime]$Value).Date
}

# A weekly schedule's days as "mon 09:00-17:00; sat 10:00-14:00" [AA-SCHEDULE].
function Get-VoiceWeekText {
    param($Weekly)
    $days = foreach ($name in 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday') {
        $ranges = @($Weekly.($name + 'Hours') | Where-Object { $null -ne $_ } |
            ForEach-Object { [pscustomobject]@{ Start = [int]([timespan][string]$_.Start).TotalMinutes; End = [int]([timespan][string]$_.End).TotalMinutes } } | Sort-Object Start)
        if ($ranges.Count -gt 0) {
            $name.Substring(0, 3).ToLowerInvariant() + ' ' + (($ranges | ForEach-Object { '{0:00}:{1:00}-{2:00}:{3:00}' -f [math]::Floor($_.Start / 60), ($_.Start % 60), [math]::Floor($_.End / 60), ($_.End % 60) }) -join ' ')
        }
    }
    $text = if (@($days).Count -gt 0) { @($days) -join '; ' } else { 'never open' }
    if ($Weekly.ComplementEnabled -eq $false) { $text = 'closed ' + $text }
    $text
}

# Texts sorted ordinally (as JavaScript sorts them, so plan and script agree) and joined with '; '.
function Join-VoiceOrdinal {
    param([string[]]$Items)
    $sorted = [string[]]@($Items)
    [Array]::Sort($sorted, [System.StringComparer]::Ordinal)
    $sorted -join '; '
}

# An auto attendant's hours, after-hours action and holidays as the texts the file's compare with
# (language/kinds/auto-attendant-schedule.ts reads them the same way for plan) [AA-GET].
function Get-VoiceAutoAttendantSchedule {
    param($AutoAttendant)
    $flows = @($AutoAttendant.CallFlows | Where-Object { $null -ne $_ })
    $schedules = @($AutoAttendant.Schedules | Where-Object { $null -ne $_ })
    $associations = @($AutoAttendant.CallHandlingAssociations | Where-Object { $null -ne $_ })
    $afterHours = @($associations | Where-Object { $_.Type -eq 'AfterHours' -and $_.Enabled -ne $false })[0]
    $hours = 'always open'
    if ($null -ne $afterHours) {
        $hours = Get-VoiceWeekText @($schedules | Where-Object { ([string]$_.Id) -eq ([string]$afterHours.ScheduleId) })[0].WeeklyRecurrentSchedule
    }
    $holidays = @($associations | Where-Object { $_.Type -eq 'Holiday' } | ForEach-Object {
        $association = $_
        $schedule = @($schedules | Where-Object { ([string]$_.Id) -eq ([string]$association.ScheduleId) })[0]
        $range = @($schedule.FixedSchedule.DateTimeRanges)[0]
        $first = (ConvertTo-VoiceDay $range.Start).ToString('yyyy-MM-dd')
        $last = (ConvertTo-VoiceDay $range.End).AddDays(-1).ToString('yyyy-MM-dd')
        [string]$schedule.Name + ' ' + $first + $(if ($last -ne $first) { '..' + $last } else { '' }) + ' ' + (Get-VoiceFlowAction $flows $association.CallFlowId)
    })
    [pscustomobject]@{
        Hours = $hours
        AfterHours = if ($null -ne $afterHours) { Get-VoiceFlowAction $flows $afterHours.CallFlowId } else { $null }
        Holidays = if ($holidays.Count -gt 0) { Join-VoiceOrdinal $holidays } else { 'none' }
    }
}

# A call queue by its exact name, the lowest Identity of several; Get-CsCallQueue takes -NameFilter and -Sort as mandatory [CQ-GET].
function Find-VoiceCallQueue {
    param([Parameter(Mandatory)][string]$Name)
    @(Get-CsCallQueue -NameFilter $Name -Sort Name | Where-Object Name -EQ $Name | Sort-Object { ([string]$_.Identity).ToLowerInvariant() }) | Select-Object -First 1
}

${EDIT_OBJECT}

function Find-VoiceLisPlace {
    param([Parameter(Mandatory)][string]$Description, [Parameter(Mandatory)][string]$Place)
    $key = $Description + '|' + $Place
    if ($VoiceCreated.ContainsKey($key)) { return $VoiceCreated[$key] }
    $address = Get-VoiceCivicAddress -Description $Description
    if ($null -eq $address) { return $null }
    @(Get-CsOnlineLisLocation -CivicAddressId $address.CivicAddressId | Where-Object Location -CEQ $Place) | Select-Object -First 1
}

function Assert-VoiceTenant {
    param([Parameter(Mandatory)][string[]]$Domains)
    $verified = @((Get-CsTenant).VerifiedDomains | ForEach-Object { if ($_.Name) { $_.Name } else { $_ } })
    foreach ($domain in $Domains) {
        if ($verified -notcontains $domain) { throw ('The signed-in tenant has no verified domain {0}: this script is for another tenant.' -f $domain) }
    }
}

function Write-VoiceSummary {
    param([Parameter(Mandatory)][string]$Source)
    Write-Host ''
    Write-Host ('Summary for {0}:' -f $Source)
    foreach ($outcome in 'Created', 'Changed', 'Pending', 'Unchanged') {
        $items = @($VoiceResults | Where-Object Outcome -EQ $outcome)
        $label = @{ Created = 'Created'; Changed = 'Changed'; Pending = 'Not done (-WhatIf or declined)'; Unchanged = 'Already in place' }[$outcome]
        Write-Host ('  {0}: {1}' -f $label, $items.Count)
        if ($outcome -ne 'Unchanged') { foreach ($item in $items) { Write-Host ('    {0}: {1}' -f $item.Kind, ($item.Name -replace '\\p{C}', '?')) } }
    }
    $changes = @($VoiceResults | Where-Object Outcome -In 'Created', 'Changed').Count
    $pending = @($VoiceResults | Where-Object Outcome -EQ 'Pending').Count
    if ($changes -eq 0 -and $pending -eq 0) { Write-Host 'Nothing changed: the tenant already matches the setup.' }
    elseif ($pending -gt 0 -and $changes -eq 0) { Write-Host ('{0} change(s) not made.' -f $pending) }
}`;
