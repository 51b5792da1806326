<#
.SYNOPSIS
    Applies the Shared Calling setup declared in stores.voice to a Microsoft Teams tenant.
.DESCRIPTION
    Compiled by voice 0.1.0 from stores.voice and the files it imports. Do not edit:
    change the .voice files and compile again (voice compile). One block per .voice statement,
    in setup order, each headed by the seed step and the file and line it came from.
    Every create is guarded by a read and every change by a comparison, so a second run
    changes nothing and says so. -WhatIf shows what would change; -Confirm asks before each change.
.PARAMETER TenantId
    Tenant to sign in to when there is no session yet (default: the tenant statement).
.PARAMETER AccountId
    Delegated sign-in as this account (User Administrator and a Teams admin role).
.PARAMETER ApplicationId
    App-only sign-in: the application (client) id, with -CertificateThumbprint.
.PARAMETER CertificateThumbprint
    App-only sign-in: the certificate in the current user store.
.PARAMETER UseDeviceAuthentication
    Sign in with a device code.
.PARAMETER ReplicationTimeoutSeconds
    How long to wait for a new resource account to reach Graph and Teams.
#>
#Requires -Version 7.0
#Requires -Modules @{ ModuleName = 'MicrosoftTeams'; ModuleVersion = '5.5.0' }
#Requires -Modules Microsoft.Graph.Authentication
[CmdletBinding(SupportsShouldProcess)]
param(
    [string]$TenantId = 'contoso.onmicrosoft.com',
    [string]$AccountId,
    [string]$ApplicationId,
    [string]$CertificateThumbprint,
    [switch]$UseDeviceAuthentication,
    [ValidateRange(10, 3600)][int]$ReplicationTimeoutSeconds = 300
)

# ---- Connect ---------------------------------------------------------------------------------
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
}

# ---- Helpers (no tenant data in here: every value below arrives as an argument) ---------------
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
    Write-Host ('{0,-10} {1}: {2}' -f $Outcome, $Kind, ($Name -replace '\p{C}', '?'))
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
    if ($ErrorRecord.Exception.Message -match '\b([45]\d\d)\b') { return [int]$Matches[1] }
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
    if ([string]$Value -match '^(\d{4})-(\d{2})-(\d{2})') { return [datetime]::new([int]$Matches[1], [int]$Matches[2], [int]$Matches[3]) }
    if ([string]$Value -match '^(\d{1,2})/(\d{1,2})/(\d{4})') { return [datetime]::new([int]$Matches[3], [int]$Matches[2], [int]$Matches[1]) }
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

function Edit-VoiceObject {
    param([Parameter(Mandatory)]$InputObject, [Parameter(Mandatory)][System.Collections.IDictionary]$Property)
    foreach ($key in $Property.Keys) {
        $value = $Property[$key]
        $known = $InputObject.PSObject.Properties[$key]
        if ($null -eq $known) { $InputObject.PSObject.Properties.Add([psnoteproperty]::new($key, $value)); continue }
        if ($value -is [System.Collections.IDictionary] -and $null -ne $known.Value) { Edit-VoiceObject -InputObject $known.Value -Property $value | Out-Null }
        else { $InputObject.$key = $value }
    }
    $InputObject
}

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
        if ($outcome -ne 'Unchanged') { foreach ($item in $items) { Write-Host ('    {0}: {1}' -f $item.Kind, ($item.Name -replace '\p{C}', '?')) } }
    }
    $changes = @($VoiceResults | Where-Object Outcome -In 'Created', 'Changed').Count
    $pending = @($VoiceResults | Where-Object Outcome -EQ 'Pending').Count
    if ($changes -eq 0 -and $pending -eq 0) { Write-Host 'Nothing changed: the tenant already matches the setup.' }
    elseif ($pending -gt 0 -and $changes -eq 0) { Write-Host ('{0} change(s) not made.' -f $pending) }
}

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:4  tenant
Assert-VoiceTenant -Domains @('contoso.onmicrosoft.com', 'contoso.com')

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:7  trunk CteloUS
$current = Get-CsOnlinePSTNGateway | Select-VoiceIdentity -Name 'sbc1.contoso.com'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('sbc1.contoso.com', 'Create PSTN gateway')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsOnlinePSTNGateway -Fqdn 'sbc1.contoso.com' -SipSignalingPort 5061 -Enabled:$true -PidfLoSupported:$true | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'PSTN gateway' 'sbc1.contoso.com'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'sbc1.contoso.com' -Read { Get-CsOnlinePSTNGateway | Select-VoiceIdentity -Name 'sbc1.contoso.com' }
        }
    } else { Add-VoiceResult Pending 'PSTN gateway' 'sbc1.contoso.com' }
}
if ($null -ne $current) {
    if ($current.SipSignalingPort -ne 5061 -or $current.Enabled -ne $true -or $current.PidfLoSupported -ne $true) {
        if ($PSCmdlet.ShouldProcess('sbc1.contoso.com', 'Update PSTN gateway')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlinePSTNGateway -Identity 'sbc1.contoso.com' -SipSignalingPort 5061 -Enabled:$true -PidfLoSupported:$true
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'PSTN gateway' 'sbc1.contoso.com'
        } else { Add-VoiceResult Pending 'PSTN gateway' 'sbc1.contoso.com' }
    } else { Add-VoiceResult Unchanged 'PSTN gateway' 'sbc1.contoso.com' }
}
if (@((Get-CsOnlinePstnUsage -Identity Global).Usage) -notcontains 'Ctelo-US') {
    if ($PSCmdlet.ShouldProcess('Ctelo-US', 'Add PSTN usage to the Global list')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsOnlinePstnUsage -Identity 'Global' -Usage @{ add = @('Ctelo-US') }
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'PSTN usage' 'Ctelo-US'
    } else { Add-VoiceResult Pending 'PSTN usage' 'Ctelo-US' }
} else { Add-VoiceResult Unchanged 'PSTN usage' 'Ctelo-US' }
$current = Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'CteloUS-Outbound'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('CteloUS-Outbound', 'Create voice route')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsOnlineVoiceRoute -Identity 'CteloUS-Outbound' -NumberPattern '^\+?1\d{10}$' -OnlinePstnGatewayList @{ add = @('sbc1.contoso.com') } -OnlinePstnUsages @{ add = @('Ctelo-US') } -Priority 1 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'voice route' 'CteloUS-Outbound'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'CteloUS-Outbound' -Read { Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'CteloUS-Outbound' }
        }
    } else { Add-VoiceResult Pending 'voice route' 'CteloUS-Outbound' }
}
if ($null -ne $current) {
    if ($current.NumberPattern -cne '^\+?1\d{10}$' -or $current.Priority -ne 1 -or -not (Test-VoiceSameSet $current.OnlinePstnGatewayList @('sbc1.contoso.com')) -or -not (Test-VoiceSameSet $current.OnlinePstnUsages @('Ctelo-US'))) {
        if ($PSCmdlet.ShouldProcess('CteloUS-Outbound', 'Update voice route')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineVoiceRoute -Identity 'CteloUS-Outbound' -NumberPattern '^\+?1\d{10}$' -OnlinePstnGatewayList @('sbc1.contoso.com') -OnlinePstnUsages @('Ctelo-US') -Priority 1
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'voice route' 'CteloUS-Outbound'
        } else { Add-VoiceResult Pending 'voice route' 'CteloUS-Outbound' }
    } else { Add-VoiceResult Unchanged 'voice route' 'CteloUS-Outbound' }
}
$current = Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-CteloUS'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-CteloUS', 'Create voice routing policy')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsOnlineVoiceRoutingPolicy -Identity 'SharedCalling-CteloUS' -OnlinePstnUsages @{ add = @('Ctelo-US') } -Description 'Routes the shared numbers on CteloUS (resource accounts only)' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'voice routing policy' 'SharedCalling-CteloUS'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-CteloUS' -Read { Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-CteloUS' }
        }
    } else { Add-VoiceResult Pending 'voice routing policy' 'SharedCalling-CteloUS' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceSameSet $current.OnlinePstnUsages @('Ctelo-US')) -or $current.Description -cne 'Routes the shared numbers on CteloUS (resource accounts only)') {
        if ($PSCmdlet.ShouldProcess('SharedCalling-CteloUS', 'Update voice routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineVoiceRoutingPolicy -Identity 'SharedCalling-CteloUS' -OnlinePstnUsages @('Ctelo-US') -Description 'Routes the shared numbers on CteloUS (resource accounts only)'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'voice routing policy' 'SharedCalling-CteloUS'
        } else { Add-VoiceResult Pending 'voice routing policy' 'SharedCalling-CteloUS' }
    } else { Add-VoiceResult Unchanged 'voice routing policy' 'SharedCalling-CteloUS' }
}

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:15  address SeattleStore
$current = Find-VoiceCivicAddress -Description 'voice:SeattleStore'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('voice:SeattleStore', 'Create civic address')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsOnlineLisCivicAddress -CompanyName 'Contoso Retail' -StreetName '1 Pike St' -City 'Seattle' -StateOrProvince 'WA' -PostalCode '98101' -CountryOrRegion 'US' -Latitude '47.6097' -Longitude '-122.3422' -Description 'voice:SeattleStore'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin
        # (the script has no journal, unlike apply); a twin a concurrent run made may show too, and the lowest id is used.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['voice:SeattleStore'] = Wait-VoiceRead -What 'voice:SeattleStore' -Read { Find-VoiceCivicAddress -Description 'voice:SeattleStore' } -Otherwise $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'civic address' 'voice:SeattleStore'
    } else { Add-VoiceResult Pending 'civic address' 'voice:SeattleStore' }
} elseif ($current.CompanyName -cne 'Contoso Retail' -or $current.StreetName -cne '1 Pike St' -or $current.City -cne 'Seattle' -or $current.StateOrProvince -cne 'WA' -or $current.PostalCode -cne '98101' -or $current.CountryOrRegion -cne 'US' -or [double]$current.Latitude -ne [double]'47.6097' -or [double]$current.Longitude -ne [double]'-122.3422') {
    Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f 'voice:SeattleStore')
    Add-VoiceResult Pending 'civic address' 'voice:SeattleStore'
} else { Add-VoiceResult Unchanged 'civic address' 'voice:SeattleStore' }

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:25  address SpokaneStore
$current = Find-VoiceCivicAddress -Description 'voice:SpokaneStore'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('voice:SpokaneStore', 'Create civic address')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsOnlineLisCivicAddress -CompanyName 'Contoso Retail' -StreetName '808 W Main Ave' -City 'Spokane' -StateOrProvince 'WA' -PostalCode '99201' -CountryOrRegion 'US' -Latitude '47.6588' -Longitude '-117.426' -Description 'voice:SpokaneStore'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin
        # (the script has no journal, unlike apply); a twin a concurrent run made may show too, and the lowest id is used.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['voice:SpokaneStore'] = Wait-VoiceRead -What 'voice:SpokaneStore' -Read { Find-VoiceCivicAddress -Description 'voice:SpokaneStore' } -Otherwise $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'civic address' 'voice:SpokaneStore'
    } else { Add-VoiceResult Pending 'civic address' 'voice:SpokaneStore' }
} elseif ($current.CompanyName -cne 'Contoso Retail' -or $current.StreetName -cne '808 W Main Ave' -or $current.City -cne 'Spokane' -or $current.StateOrProvince -cne 'WA' -or $current.PostalCode -cne '99201' -or $current.CountryOrRegion -cne 'US' -or [double]$current.Latitude -ne [double]'47.6588' -or [double]$current.Longitude -ne [double]'-117.426') {
    Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f 'voice:SpokaneStore')
    Add-VoiceResult Pending 'civic address' 'voice:SpokaneStore'
} else { Add-VoiceResult Unchanged 'civic address' 'voice:SpokaneStore' }

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:35  address PortlandStore
$current = Find-VoiceCivicAddress -Description 'voice:PortlandStore'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('voice:PortlandStore', 'Create civic address')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsOnlineLisCivicAddress -CompanyName 'Contoso Retail' -StreetName '701 SW 6th Ave' -City 'Portland' -StateOrProvince 'OR' -PostalCode '97204' -CountryOrRegion 'US' -Latitude '45.5189' -Longitude '-122.6795' -Description 'voice:PortlandStore'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin
        # (the script has no journal, unlike apply); a twin a concurrent run made may show too, and the lowest id is used.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['voice:PortlandStore'] = Wait-VoiceRead -What 'voice:PortlandStore' -Read { Find-VoiceCivicAddress -Description 'voice:PortlandStore' } -Otherwise $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'civic address' 'voice:PortlandStore'
    } else { Add-VoiceResult Pending 'civic address' 'voice:PortlandStore' }
} elseif ($current.CompanyName -cne 'Contoso Retail' -or $current.StreetName -cne '701 SW 6th Ave' -or $current.City -cne 'Portland' -or $current.StateOrProvince -cne 'OR' -or $current.PostalCode -cne '97204' -or $current.CountryOrRegion -cne 'US' -or [double]$current.Latitude -ne [double]'45.5189' -or [double]$current.Longitude -ne [double]'-122.6795') {
    Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f 'voice:PortlandStore')
    Add-VoiceResult Pending 'civic address' 'voice:PortlandStore'
} else { Add-VoiceResult Unchanged 'civic address' 'voice:PortlandStore' }

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:50  trusted-ip StoresEgress
$current = @(Get-CsTenantTrustedIPAddress | Where-Object { $_.IPAddress -eq '198.51.100.0' -or $_.Identity -eq '198.51.100.0' }) | Select-Object -First 1
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('198.51.100.0', 'Create trusted IP address')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTenantTrustedIPAddress -IPAddress '198.51.100.0' -MaskBits 24 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'trusted IP address' '198.51.100.0'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What '198.51.100.0' -Read { @(Get-CsTenantTrustedIPAddress | Where-Object { $_.IPAddress -eq '198.51.100.0' -or $_.Identity -eq '198.51.100.0' }) | Select-Object -First 1 }
        }
    } else { Add-VoiceResult Pending 'trusted IP address' '198.51.100.0' }
}
if ($null -ne $current) {
    if ($current.MaskBits -ne 24) {
        if ($PSCmdlet.ShouldProcess('198.51.100.0', 'Update trusted IP address')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTenantTrustedIPAddress -Identity '198.51.100.0' -MaskBits 24
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'trusted IP address' '198.51.100.0'
        } else { Add-VoiceResult Pending 'trusted IP address' '198.51.100.0' }
    } else { Add-VoiceResult Unchanged 'trusted IP address' '198.51.100.0' }
}

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:52  network-region Washington
$current = Get-CsTenantNetworkRegion | Select-VoiceIdentity -Name 'Washington'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('Washington', 'Create network region')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTenantNetworkRegion -NetworkRegionID 'Washington' -Description 'Washington stores' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'network region' 'Washington'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'Washington' -Read { Get-CsTenantNetworkRegion | Select-VoiceIdentity -Name 'Washington' }
        }
    } else { Add-VoiceResult Pending 'network region' 'Washington' }
}
if ($null -ne $current) {
    if ([string]$current.Description -cne 'Washington stores') {
        if ($PSCmdlet.ShouldProcess('Washington', 'Update network region')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTenantNetworkRegion -Identity 'Washington' -Description 'Washington stores'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'network region' 'Washington'
        } else { Add-VoiceResult Pending 'network region' 'Washington' }
    } else { Add-VoiceResult Unchanged 'network region' 'Washington' }
}

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:54  network-site SpokaneSite
$current = Get-CsTenantNetworkSite | Select-VoiceIdentity -Name 'SpokaneSite'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SpokaneSite', 'Create network site')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTenantNetworkSite -NetworkSiteID 'SpokaneSite' -NetworkRegionID 'Washington' -Description 'Spokane store' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'network site' 'SpokaneSite'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SpokaneSite' -Read { Get-CsTenantNetworkSite | Select-VoiceIdentity -Name 'SpokaneSite' }
        }
    } else { Add-VoiceResult Pending 'network site' 'SpokaneSite' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceIdentity $current.NetworkRegionID 'Washington') -or [string]$current.Description -cne 'Spokane store') {
        if ($PSCmdlet.ShouldProcess('SpokaneSite', 'Update network site')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTenantNetworkSite -Identity 'SpokaneSite' -NetworkRegionID 'Washington' -Description 'Spokane store'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'network site' 'SpokaneSite'
        } else { Add-VoiceResult Pending 'network site' 'SpokaneSite' }
    } else { Add-VoiceResult Unchanged 'network site' 'SpokaneSite' }
}
$current = @(Get-CsTenantNetworkSubnet | Where-Object { $_.SubnetID -eq '10.20.0.0' -or $_.Identity -eq '10.20.0.0' }) | Select-Object -First 1
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('10.20.0.0', 'Create network subnet')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTenantNetworkSubnet -SubnetID '10.20.0.0' -MaskBits 16 -NetworkSiteID 'SpokaneSite' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'network subnet' '10.20.0.0'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What '10.20.0.0' -Read { @(Get-CsTenantNetworkSubnet | Where-Object { $_.SubnetID -eq '10.20.0.0' -or $_.Identity -eq '10.20.0.0' }) | Select-Object -First 1 }
        }
    } else { Add-VoiceResult Pending 'network subnet' '10.20.0.0' }
}
if ($null -ne $current) {
    if ($current.MaskBits -ne 16 -or -not (Test-VoiceIdentity $current.NetworkSiteID 'SpokaneSite')) {
        if ($PSCmdlet.ShouldProcess('10.20.0.0', 'Update network subnet')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTenantNetworkSubnet -Identity '10.20.0.0' -MaskBits 16 -NetworkSiteID 'SpokaneSite'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'network subnet' '10.20.0.0'
        } else { Add-VoiceResult Pending 'network subnet' '10.20.0.0' }
    } else { Add-VoiceResult Unchanged 'network subnet' '10.20.0.0' }
}

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# network.voice:61  emergency-location SpokaneSalesFloor
$current = Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SpokaneStore: Sales floor', 'Create emergency location (place)')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    $created = New-CsOnlineLisLocation -CivicAddressId (Get-VoiceCivicAddress -Description 'voice:SpokaneStore').CivicAddressId -Location 'Sales floor'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            # No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin.
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    $VoiceCreated['voice:SpokaneStore|Sales floor'] = Wait-VoiceRead -What 'SpokaneStore: Sales floor' -Read { Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor' } -Otherwise $created
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency location (place)' 'SpokaneStore: Sales floor'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SpokaneStore: Sales floor' -Read { Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor' }
        }
    } else { Add-VoiceResult Pending 'emergency location (place)' 'SpokaneStore: Sales floor' }
}
if ($null -ne $current) {
    Add-VoiceResult Unchanged 'emergency location (place)' 'SpokaneStore: Sales floor'
}
$current = @(Get-CsOnlineLisSubnet | Where-Object { $_.Subnet -eq '10.20.1.0' }) | Select-Object -First 1
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('subnet 10.20.1.0', 'Create emergency location map entry')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisSubnet -Subnet '10.20.1.0' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency location map entry' 'subnet 10.20.1.0'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'subnet 10.20.1.0' -Read { @(Get-CsOnlineLisSubnet | Where-Object { $_.Subnet -eq '10.20.1.0' }) | Select-Object -First 1 }
        }
    } else { Add-VoiceResult Pending 'emergency location map entry' 'subnet 10.20.1.0' }
}
if ($null -ne $current) {
    if ($current.LocationId -ne (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId) {
        if ($PSCmdlet.ShouldProcess('subnet 10.20.1.0', 'Update emergency location map entry')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisSubnet -Subnet '10.20.1.0' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency location map entry' 'subnet 10.20.1.0'
        } else { Add-VoiceResult Pending 'emergency location map entry' 'subnet 10.20.1.0' }
    } else { Add-VoiceResult Unchanged 'emergency location map entry' 'subnet 10.20.1.0' }
}
$current = @(Get-CsOnlineLisWirelessAccessPoint | Where-Object { $_.BSSID -eq '00-11-22-33-44-55' }) | Select-Object -First 1
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('access point 00-11-22-33-44-55', 'Create emergency location map entry')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisWirelessAccessPoint -BSSID '00-11-22-33-44-55' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency location map entry' 'access point 00-11-22-33-44-55'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'access point 00-11-22-33-44-55' -Read { @(Get-CsOnlineLisWirelessAccessPoint | Where-Object { $_.BSSID -eq '00-11-22-33-44-55' }) | Select-Object -First 1 }
        }
    } else { Add-VoiceResult Pending 'emergency location map entry' 'access point 00-11-22-33-44-55' }
}
if ($null -ne $current) {
    if ($current.LocationId -ne (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId) {
        if ($PSCmdlet.ShouldProcess('access point 00-11-22-33-44-55', 'Update emergency location map entry')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisWirelessAccessPoint -BSSID '00-11-22-33-44-55' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency location map entry' 'access point 00-11-22-33-44-55'
        } else { Add-VoiceResult Pending 'emergency location map entry' 'access point 00-11-22-33-44-55' }
    } else { Add-VoiceResult Unchanged 'emergency location map entry' 'access point 00-11-22-33-44-55' }
}
$current = @(Get-CsOnlineLisPort | Where-Object { $_.ChassisID -eq 'B8-BE-BF-4A-A3-00' -and $_.PortID -eq 'G1/0/30' }) | Select-Object -First 1
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('switch port B8-BE-BF-4A-A3-00 G1/0/30', 'Create emergency location map entry')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisPort -ChassisID 'B8-BE-BF-4A-A3-00' -PortID 'G1/0/30' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency location map entry' 'switch port B8-BE-BF-4A-A3-00 G1/0/30'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'switch port B8-BE-BF-4A-A3-00 G1/0/30' -Read { @(Get-CsOnlineLisPort | Where-Object { $_.ChassisID -eq 'B8-BE-BF-4A-A3-00' -and $_.PortID -eq 'G1/0/30' }) | Select-Object -First 1 }
        }
    } else { Add-VoiceResult Pending 'emergency location map entry' 'switch port B8-BE-BF-4A-A3-00 G1/0/30' }
}
if ($null -ne $current) {
    if ($current.LocationId -ne (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId) {
        if ($PSCmdlet.ShouldProcess('switch port B8-BE-BF-4A-A3-00 G1/0/30', 'Update emergency location map entry')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineLisPort -ChassisID 'B8-BE-BF-4A-A3-00' -PortID 'G1/0/30' -LocationId (Find-VoiceLisPlace -Description 'voice:SpokaneStore' -Place 'Sales floor').LocationId
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency location map entry' 'switch port B8-BE-BF-4A-A3-00 G1/0/30'
        } else { Add-VoiceResult Pending 'emergency location map entry' 'switch port B8-BE-BF-4A-A3-00 G1/0/30' }
    } else { Add-VoiceResult Unchanged 'emergency location map entry' 'switch port B8-BE-BF-4A-A3-00 G1/0/30' }
}

# ---- Step 1: Provision a service number
# stores.voice:6  number WashingtonMain
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+12065550100'
if ($null -eq $current) {
    Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f '+12065550100')
} elseif ($current.NumberType -ne 'DirectRouting') {
    throw ('{0} is a {1} number, not {2}.' -f '+12065550100', $current.NumberType, 'DirectRouting')
} else { Add-VoiceResult Unchanged 'number in inventory' '+12065550100' }

# ---- Step 1: Provision a service number
# stores.voice:7  number SeattleCallback
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+12065550111'
if ($null -eq $current) {
    Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f '+12065550111')
} elseif ($current.NumberType -ne 'DirectRouting') {
    throw ('{0} is a {1} number, not {2}.' -f '+12065550111', $current.NumberType, 'DirectRouting')
} else { Add-VoiceResult Unchanged 'number in inventory' '+12065550111' }

# ---- Step 1: Provision a service number
# stores.voice:8  number SpokaneCallback
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+15095550111'
if ($null -eq $current) {
    Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f '+15095550111')
} elseif ($current.NumberType -ne 'DirectRouting') {
    throw ('{0} is a {1} number, not {2}.' -f '+15095550111', $current.NumberType, 'DirectRouting')
} else { Add-VoiceResult Unchanged 'number in inventory' '+15095550111' }

# ---- Step 1: Provision a service number
# stores.voice:9  number OregonMain
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+15035550100'
if ($null -eq $current) {
    Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f '+15035550100')
} elseif ($current.NumberType -ne 'DirectRouting') {
    throw ('{0} is a {1} number, not {2}.' -f '+15035550100', $current.NumberType, 'DirectRouting')
} else { Add-VoiceResult Unchanged 'number in inventory' '+15035550100' }

# ---- Step 1: Provision a service number
# stores.voice:10  number PortlandCallback
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+15035550111'
if ($null -eq $current) {
    Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f '+15035550111')
} elseif ($current.NumberType -ne 'DirectRouting') {
    throw ('{0} is a {1} number, not {2}.' -f '+15035550111', $current.NumberType, 'DirectRouting')
} else { Add-VoiceResult Unchanged 'number in inventory' '+15035550111' }

# ---- Step 2: Create a resource account
# stores.voice:14  resource-account WashingtonRA
$current = Get-VoiceApplicationInstance -Identity 'sc-washington@contoso.com'
$accountExists = $null -ne $current
if (-not $accountExists) {
    if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Create resource account')) {
        New-CsOnlineApplicationInstance -UserPrincipalName 'sc-washington@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Washington' | Out-Null
        $accountExists = $true
        Add-VoiceResult Created 'resource account' 'sc-washington@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-washington@contoso.com' }
} elseif ($current.ApplicationId -ne 'ce933385-9390-45d1-9512-c8d228074e07' -or $current.DisplayName -cne 'Contoso Stores Washington') {
    if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Update resource account (application id, display name)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsOnlineApplicationInstance -Identity 'sc-washington@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Washington' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'resource account' 'sc-washington@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-washington@contoso.com' }
} else { Add-VoiceResult Unchanged 'resource account' 'sc-washington@contoso.com' }
if ($accountExists) {
    # Usage location first: Graph refuses a licence without one [G-USER]; a new account may take a while to reach Graph.
    $graphUser = Invoke-VoiceGraph -Method GET -Uri (Get-VoiceUserUri -UserPrincipalName 'sc-washington@contoso.com' -Rest '?$select=id,usageLocation,assignedLicenses') -RetryOn 404
    if ($graphUser.usageLocation -ne 'US') {
        if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Set usage location')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method PATCH -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-washington@contoso.com')) -Body @{ usageLocation = 'US' } -RetryOn 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'usage location' 'sc-washington@contoso.com'
        } else { Add-VoiceResult Pending 'usage location' 'sc-washington@contoso.com' }
    } else { Add-VoiceResult Unchanged 'usage location' 'sc-washington@contoso.com' }
    # PHONESYSTEM_VIRTUALUSER; assignLicense answers 400 until the usage location has replicated, so it is retried.
    if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains '440eaaa8-b3e0-484b-a8be-62870b9ba70a') {
        if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Assign licence PHONESYSTEM_VIRTUALUSER')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method POST -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-washington@contoso.com') + '/assignLicense') -Body @{ addLicenses = @(@{ skuId = '440eaaa8-b3e0-484b-a8be-62870b9ba70a'; disabledPlans = @() }); removeLicenses = @() } -RetryOn 400, 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'licence PHONESYSTEM_VIRTUALUSER' 'sc-washington@contoso.com'
        } else { Add-VoiceResult Pending 'licence PHONESYSTEM_VIRTUALUSER' 'sc-washington@contoso.com' }
    } else { Add-VoiceResult Unchanged 'licence PHONESYSTEM_VIRTUALUSER' 'sc-washington@contoso.com' }
    Wait-VoiceOnlineUser -Identity 'sc-washington@contoso.com' | Out-Null
}

# ---- Step 2: Create a resource account
# stores.voice:21  resource-account OregonRA
$current = Get-VoiceApplicationInstance -Identity 'sc-oregon@contoso.com'
$accountExists = $null -ne $current
if (-not $accountExists) {
    if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Create resource account')) {
        New-CsOnlineApplicationInstance -UserPrincipalName 'sc-oregon@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Oregon' | Out-Null
        $accountExists = $true
        Add-VoiceResult Created 'resource account' 'sc-oregon@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-oregon@contoso.com' }
} elseif ($current.ApplicationId -ne 'ce933385-9390-45d1-9512-c8d228074e07' -or $current.DisplayName -cne 'Contoso Stores Oregon') {
    if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Update resource account (application id, display name)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsOnlineApplicationInstance -Identity 'sc-oregon@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Oregon' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'resource account' 'sc-oregon@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-oregon@contoso.com' }
} else { Add-VoiceResult Unchanged 'resource account' 'sc-oregon@contoso.com' }
if ($accountExists) {
    # Usage location first: Graph refuses a licence without one [G-USER]; a new account may take a while to reach Graph.
    $graphUser = Invoke-VoiceGraph -Method GET -Uri (Get-VoiceUserUri -UserPrincipalName 'sc-oregon@contoso.com' -Rest '?$select=id,usageLocation,assignedLicenses') -RetryOn 404
    if ($graphUser.usageLocation -ne 'US') {
        if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Set usage location')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method PATCH -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-oregon@contoso.com')) -Body @{ usageLocation = 'US' } -RetryOn 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'usage location' 'sc-oregon@contoso.com'
        } else { Add-VoiceResult Pending 'usage location' 'sc-oregon@contoso.com' }
    } else { Add-VoiceResult Unchanged 'usage location' 'sc-oregon@contoso.com' }
    # PHONESYSTEM_VIRTUALUSER; assignLicense answers 400 until the usage location has replicated, so it is retried.
    if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains '440eaaa8-b3e0-484b-a8be-62870b9ba70a') {
        if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Assign licence PHONESYSTEM_VIRTUALUSER')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method POST -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-oregon@contoso.com') + '/assignLicense') -Body @{ addLicenses = @(@{ skuId = '440eaaa8-b3e0-484b-a8be-62870b9ba70a'; disabledPlans = @() }); removeLicenses = @() } -RetryOn 400, 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'licence PHONESYSTEM_VIRTUALUSER' 'sc-oregon@contoso.com'
        } else { Add-VoiceResult Pending 'licence PHONESYSTEM_VIRTUALUSER' 'sc-oregon@contoso.com' }
    } else { Add-VoiceResult Unchanged 'licence PHONESYSTEM_VIRTUALUSER' 'sc-oregon@contoso.com' }
    Wait-VoiceOnlineUser -Identity 'sc-oregon@contoso.com' | Out-Null
}

# ---- Step 3: Assign the number to the resource account
# stores.voice:29  assign WashingtonMain to WashingtonRA
$account = Get-VoiceOnlineUser -Identity 'sc-washington@contoso.com'
$address = Find-VoiceCivicAddress -Description 'voice:SeattleStore'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+12065550100'
if ($null -ne $account -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $account.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+12065550100', $current.AssignedPstnTargetId, 'sc-washington@contoso.com')
}
if ($null -eq $account -or $null -eq $current -or $current.AssignedPstnTargetId -ne $account.Identity) {
    if ($PSCmdlet.ShouldProcess('+12065550100', 'Assign number to resource account')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'sc-washington@contoso.com' -PhoneNumber '+12065550100' -PhoneNumberType 'DirectRouting' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'number assignment' '+12065550100'
    } else { Add-VoiceResult Pending 'number assignment' '+12065550100' }
} elseif ($null -ne $address -and $current.LocationId -ne $address.DefaultLocationId) {
    if ($PSCmdlet.ShouldProcess('+12065550100', 'Set emergency location of number')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -PhoneNumber '+12065550100' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'number location' '+12065550100'
    } else { Add-VoiceResult Pending 'number location' '+12065550100' }
} else { Add-VoiceResult Unchanged 'number assignment' '+12065550100' }
$account = Get-VoiceOnlineUser -Identity 'sc-washington@contoso.com'
if ($null -ne $account -and (Test-VoiceIdentity $account.OnlineVoiceRoutingPolicy 'SharedCalling-CteloUS')) {
    Add-VoiceResult Unchanged 'voice routing policy grant' 'sc-washington@contoso.com'
} else {
    if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Grant voice routing policy (Direct Routing needs PSTN usages on the resource account)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Identity 'sc-washington@contoso.com' -PolicyName 'SharedCalling-CteloUS'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'voice routing policy grant' 'sc-washington@contoso.com'
    } else { Add-VoiceResult Pending 'voice routing policy grant' 'sc-washington@contoso.com' }
}

# ---- Step 3: Assign the number to the resource account
# stores.voice:30  assign OregonMain to OregonRA
$account = Get-VoiceOnlineUser -Identity 'sc-oregon@contoso.com'
$address = Find-VoiceCivicAddress -Description 'voice:PortlandStore'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+15035550100'
if ($null -ne $account -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $account.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+15035550100', $current.AssignedPstnTargetId, 'sc-oregon@contoso.com')
}
if ($null -eq $account -or $null -eq $current -or $current.AssignedPstnTargetId -ne $account.Identity) {
    if ($PSCmdlet.ShouldProcess('+15035550100', 'Assign number to resource account')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'sc-oregon@contoso.com' -PhoneNumber '+15035550100' -PhoneNumberType 'DirectRouting' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'number assignment' '+15035550100'
    } else { Add-VoiceResult Pending 'number assignment' '+15035550100' }
} elseif ($null -ne $address -and $current.LocationId -ne $address.DefaultLocationId) {
    if ($PSCmdlet.ShouldProcess('+15035550100', 'Set emergency location of number')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -PhoneNumber '+15035550100' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'number location' '+15035550100'
    } else { Add-VoiceResult Pending 'number location' '+15035550100' }
} else { Add-VoiceResult Unchanged 'number assignment' '+15035550100' }
$account = Get-VoiceOnlineUser -Identity 'sc-oregon@contoso.com'
if ($null -ne $account -and (Test-VoiceIdentity $account.OnlineVoiceRoutingPolicy 'SharedCalling-CteloUS')) {
    Add-VoiceResult Unchanged 'voice routing policy grant' 'sc-oregon@contoso.com'
} else {
    if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Grant voice routing policy (Direct Routing needs PSTN usages on the resource account)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Identity 'sc-oregon@contoso.com' -PolicyName 'SharedCalling-CteloUS'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'voice routing policy grant' 'sc-oregon@contoso.com'
    } else { Add-VoiceResult Pending 'voice routing policy grant' 'sc-oregon@contoso.com' }
}

# ---- Step 4: Create the Shared Calling policy
# stores.voice:33  shared-calling-policy WashingtonStores
$account = Get-VoiceOnlineUser -Identity 'sc-washington@contoso.com'
$current = Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'WashingtonStores'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('WashingtonStores', 'Create shared calling policy')) {
        try {
            # -ResourceAccount takes the account's Identity (object id), not its UPN [NEW-SCRP].
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsSharedCallingRoutingPolicy -Identity 'WashingtonStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-washington@contoso.com').Identity -EmergencyNumbers @{ add = @('+12065550111', '+15095550111') } -Description 'Washington store associates share the state main line' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'shared calling policy' 'WashingtonStores'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'WashingtonStores' -Read { Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'WashingtonStores' }
        }
    } else { Add-VoiceResult Pending 'shared calling policy' 'WashingtonStores' }
}
if ($null -ne $current) {
    if ($null -eq $account -or $current.ResourceAccount -ne $account.Identity -or -not (Test-VoiceSameSet $current.EmergencyNumbers @('+12065550111', '+15095550111')) -or [string]$current.Description -cne 'Washington store associates share the state main line') {
        if ($PSCmdlet.ShouldProcess('WashingtonStores', 'Update shared calling policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsSharedCallingRoutingPolicy -Identity 'WashingtonStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-washington@contoso.com').Identity -EmergencyNumbers @('+12065550111', '+15095550111') -Description 'Washington store associates share the state main line'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'shared calling policy' 'WashingtonStores'
        } else { Add-VoiceResult Pending 'shared calling policy' 'WashingtonStores' }
    } else { Add-VoiceResult Unchanged 'shared calling policy' 'WashingtonStores' }
}

# ---- Step 4: Create the Shared Calling policy
# stores.voice:39  shared-calling-policy OregonStores
$account = Get-VoiceOnlineUser -Identity 'sc-oregon@contoso.com'
$current = Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'OregonStores'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('OregonStores', 'Create shared calling policy')) {
        try {
            # -ResourceAccount takes the account's Identity (object id), not its UPN [NEW-SCRP].
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsSharedCallingRoutingPolicy -Identity 'OregonStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-oregon@contoso.com').Identity -EmergencyNumbers @{ add = @('+15035550111') } -Description 'Oregon store associates share the state main line' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'shared calling policy' 'OregonStores'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'OregonStores' -Read { Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'OregonStores' }
        }
    } else { Add-VoiceResult Pending 'shared calling policy' 'OregonStores' }
}
if ($null -ne $current) {
    if ($null -eq $account -or $current.ResourceAccount -ne $account.Identity -or -not (Test-VoiceSameSet $current.EmergencyNumbers @('+15035550111')) -or [string]$current.Description -cne 'Oregon store associates share the state main line') {
        if ($PSCmdlet.ShouldProcess('OregonStores', 'Update shared calling policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsSharedCallingRoutingPolicy -Identity 'OregonStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-oregon@contoso.com').Identity -EmergencyNumbers @('+15035550111') -Description 'Oregon store associates share the state main line'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'shared calling policy' 'OregonStores'
        } else { Add-VoiceResult Pending 'shared calling policy' 'OregonStores' }
    } else { Add-VoiceResult Unchanged 'shared calling policy' 'OregonStores' }
}

# ---- Step 5: Assign the policy to a user group
# stores.voice:46  group SeattleAssociates
$group = Find-VoiceGroup -DisplayName 'Store Associates Seattle'
$GroupIds['SeattleAssociates'] = $group.id
Add-VoiceResult Unchanged 'Entra group (looked up)' $group.displayName

# ---- Step 5: Assign the policy to a user group
# stores.voice:47  group SpokaneAssociates
$group = Find-VoiceGroup -DisplayName 'Store Associates Spokane'
$GroupIds['SpokaneAssociates'] = $group.id
Add-VoiceResult Unchanged 'Entra group (looked up)' $group.displayName

# ---- Step 5: Assign the policy to a user group
# stores.voice:48  group PortlandAssociates
$group = Find-VoiceGroup -DisplayName 'Store Associates Portland'
$GroupIds['PortlandAssociates'] = $group.id
Add-VoiceResult Unchanged 'Entra group (looked up)' $group.displayName

# ---- Step 5: Assign the policy to a user group
# stores.voice:50  grant WashingtonStores to SeattleAssociates rank 1
$groupId = $GroupIds['SeattleAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsSharedCallingRoutingPolicy -GroupId $groupId -Later @($GroupIds['SpokaneAssociates'], $GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Grant TeamsSharedCallingRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'WashingtonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'shared calling policy group grant' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'SeattleAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'WashingtonStores') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Replace the group''s TeamsSharedCallingRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsSharedCallingRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'WashingtonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'shared calling policy group grant' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'SeattleAssociates' }
} else { Add-VoiceResult Unchanged 'shared calling policy group grant' 'SeattleAssociates' }
$current = Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Users-NoPstn'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-Users-NoPstn', 'Create voice routing policy')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsOnlineVoiceRoutingPolicy -Identity 'SharedCalling-Users-NoPstn' -Description 'No PSTN usages: Shared Calling users must not route calls themselves' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'voice routing policy' 'SharedCalling-Users-NoPstn'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-Users-NoPstn' -Read { Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Users-NoPstn' }
        }
    } else { Add-VoiceResult Pending 'voice routing policy' 'SharedCalling-Users-NoPstn' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceSameSet $current.OnlinePstnUsages @()) -or $current.Description -cne 'No PSTN usages: Shared Calling users must not route calls themselves') {
        if ($PSCmdlet.ShouldProcess('SharedCalling-Users-NoPstn', 'Update voice routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineVoiceRoutingPolicy -Identity 'SharedCalling-Users-NoPstn' -OnlinePstnUsages @() -Description 'No PSTN usages: Shared Calling users must not route calls themselves'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'voice routing policy' 'SharedCalling-Users-NoPstn'
        } else { Add-VoiceResult Pending 'voice routing policy' 'SharedCalling-Users-NoPstn' }
    } else { Add-VoiceResult Unchanged 'voice routing policy' 'SharedCalling-Users-NoPstn' }
}
$groupId = $GroupIds['SeattleAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType OnlineVoiceRoutingPolicy -GroupId $groupId -Later @($GroupIds['SpokaneAssociates'], $GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Grant OnlineVoiceRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'voice routing policy group grant (no PSTN usages)' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'SeattleAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'SharedCalling-Users-NoPstn') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Replace the group''s OnlineVoiceRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'OnlineVoiceRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'voice routing policy group grant (no PSTN usages)' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'SeattleAssociates' }
} else { Add-VoiceResult Unchanged 'voice routing policy group grant (no PSTN usages)' 'SeattleAssociates' }

# ---- Step 5: Assign the policy to a user group
# stores.voice:51  grant WashingtonStores to SpokaneAssociates rank 2
$groupId = $GroupIds['SpokaneAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsSharedCallingRoutingPolicy -GroupId $groupId -Later @($GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Grant TeamsSharedCallingRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'WashingtonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'shared calling policy group grant' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'SpokaneAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'WashingtonStores') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Replace the group''s TeamsSharedCallingRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsSharedCallingRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'WashingtonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'shared calling policy group grant' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'SpokaneAssociates' }
} else { Add-VoiceResult Unchanged 'shared calling policy group grant' 'SpokaneAssociates' }
$groupId = $GroupIds['SpokaneAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType OnlineVoiceRoutingPolicy -GroupId $groupId -Later @($GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Grant OnlineVoiceRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'voice routing policy group grant (no PSTN usages)' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'SpokaneAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'SharedCalling-Users-NoPstn') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Replace the group''s OnlineVoiceRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'OnlineVoiceRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'voice routing policy group grant (no PSTN usages)' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'SpokaneAssociates' }
} else { Add-VoiceResult Unchanged 'voice routing policy group grant (no PSTN usages)' 'SpokaneAssociates' }

# ---- Step 5: Assign the policy to a user group
# stores.voice:52  grant OregonStores to PortlandAssociates rank 3
$groupId = $GroupIds['PortlandAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsSharedCallingRoutingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Grant TeamsSharedCallingRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'OregonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'shared calling policy group grant' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'PortlandAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'OregonStores') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Replace the group''s TeamsSharedCallingRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsSharedCallingRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'OregonStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'shared calling policy group grant' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'PortlandAssociates' }
} else { Add-VoiceResult Unchanged 'shared calling policy group grant' 'PortlandAssociates' }
$groupId = $GroupIds['PortlandAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType OnlineVoiceRoutingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Grant OnlineVoiceRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'voice routing policy group grant (no PSTN usages)' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'PortlandAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'SharedCalling-Users-NoPstn') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Replace the group''s OnlineVoiceRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'OnlineVoiceRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'voice routing policy group grant (no PSTN usages)' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'PortlandAssociates' }
} else { Add-VoiceResult Unchanged 'voice routing policy group grant (no PSTN usages)' 'PortlandAssociates' }

# ---- Inbound: an auto attendant answers the shared number
# stores.voice:56  auto-attendant WashingtonReception answers WashingtonRA
# Dial scope: the groups granted the Shared Calling policies that share this account [SC-SETUP], wherever the setup declares them.
if (-not $GroupIds.ContainsKey('SeattleAssociates')) { $GroupIds['SeattleAssociates'] = (Find-VoiceGroup -DisplayName 'Store Associates Seattle').id }
if (-not $GroupIds.ContainsKey('SpokaneAssociates')) { $GroupIds['SpokaneAssociates'] = (Find-VoiceGroup -DisplayName 'Store Associates Spokane').id }
$current = Find-VoiceAutoAttendant -Name 'Contoso Stores Washington'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Washington', 'Create auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsAutoAttendant -Name 'Contoso Stores Washington' -LanguageId 'en-US' -TimeZoneId 'Pacific Standard Time' -DefaultCallFlow (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByExtension')) -CallFlows @(($VoiceBound['after-hours'] = (New-CsAutoAttendantCallFlow -Name 'After hours' -Menu (New-CsAutoAttendantMenu -Name 'After hours' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic'))))), ($VoiceBound['holiday-1'] = (New-CsAutoAttendantCallFlow -Name 'Christmas' -Menu (New-CsAutoAttendantMenu -Name 'Christmas' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic'))))), ($VoiceBound['holiday-2'] = (New-CsAutoAttendantCallFlow -Name 'New Year' -Menu (New-CsAutoAttendantMenu -Name 'New Year' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic')))))) -CallHandlingAssociations @((New-CsAutoAttendantCallHandlingAssociation -Type 'AfterHours' -ScheduleId ((New-CsOnlineSchedule -Name 'After hours' -WeeklyRecurrentSchedule:$true -MondayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -TuesdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -WednesdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -ThursdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -FridayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -SaturdayHours @((New-CsOnlineTimeRange -Start '10:00' -End '16:00')) -Complement:$true)).Id -CallFlowId $VoiceBound['after-hours'].Id), (New-CsAutoAttendantCallHandlingAssociation -Type 'Holiday' -ScheduleId ((New-CsOnlineSchedule -Name 'Christmas' -FixedSchedule:$true -DateTimeRanges @((New-CsOnlineDateTimeRange -Start '24/12/2026' -End '27/12/2026')))).Id -CallFlowId $VoiceBound['holiday-1'].Id), (New-CsAutoAttendantCallHandlingAssociation -Type 'Holiday' -ScheduleId ((New-CsOnlineSchedule -Name 'New Year' -FixedSchedule:$true -DateTimeRanges @((New-CsOnlineDateTimeRange -Start '1/1/2027' -End '2/1/2027')))).Id -CallFlowId $VoiceBound['holiday-2'].Id)) -InclusionScope (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['SeattleAssociates'], $GroupIds['SpokaneAssociates']))
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: keep what was made, so the association below and a later run find it.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['auto-attendant:Contoso Stores Washington'] = $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'auto attendant' 'Contoso Stores Washington'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Washington' }
} elseif ($current.LanguageId -ne 'en-US' -or $current.TimeZoneId -ne 'Pacific Standard Time' -or [string]$current.DefaultCallFlow.Menu.DirectorySearchMethod -ne 'ByExtension' -or -not (Test-VoiceSameSet $current.DirectoryLookupScope.InclusionScope.GroupScope.GroupIds @($GroupIds['SeattleAssociates'], $GroupIds['SpokaneAssociates'])) -or (Get-VoiceAutoAttendantSchedule $current).Hours -cne 'mon 08:00-12:00 13:00-20:00; tue 08:00-12:00 13:00-20:00; wed 08:00-12:00 13:00-20:00; thu 08:00-12:00 13:00-20:00; fri 08:00-12:00 13:00-20:00; sat 10:00-16:00' -or (Get-VoiceAutoAttendantSchedule $current).AfterHours -cne 'disconnect' -or (Get-VoiceAutoAttendantSchedule $current).Holidays -cne (Join-VoiceOrdinal @(('Christmas 2026-12-24..2026-12-26 ' + 'disconnect'), ('New Year 2027-01-01 ' + 'disconnect')))) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Washington', 'Update auto attendant (language, time zone, menu, operator, dial scope, hours, holidays)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsAutoAttendant -Instance (Edit-VoiceObject -InputObject (Get-CsAutoAttendant -Identity $current.Id) -Property @{ LanguageId = 'en-US'; TimeZoneId = 'Pacific Standard Time'; DefaultCallFlow = (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByExtension')); CallFlows = @(($VoiceBound['after-hours'] = (New-CsAutoAttendantCallFlow -Name 'After hours' -Menu (New-CsAutoAttendantMenu -Name 'After hours' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic'))))), ($VoiceBound['holiday-1'] = (New-CsAutoAttendantCallFlow -Name 'Christmas' -Menu (New-CsAutoAttendantMenu -Name 'Christmas' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic'))))), ($VoiceBound['holiday-2'] = (New-CsAutoAttendantCallFlow -Name 'New Year' -Menu (New-CsAutoAttendantMenu -Name 'New Year' -MenuOptions @((New-CsAutoAttendantMenuOption -Action 'DisconnectCall' -DtmfResponse 'Automatic')))))); CallHandlingAssociations = @((New-CsAutoAttendantCallHandlingAssociation -Type 'AfterHours' -ScheduleId ((New-CsOnlineSchedule -Name 'After hours' -WeeklyRecurrentSchedule:$true -MondayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -TuesdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -WednesdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -ThursdayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -FridayHours @((New-CsOnlineTimeRange -Start '08:00' -End '12:00'), (New-CsOnlineTimeRange -Start '13:00' -End '20:00')) -SaturdayHours @((New-CsOnlineTimeRange -Start '10:00' -End '16:00')) -Complement:$true)).Id -CallFlowId $VoiceBound['after-hours'].Id), (New-CsAutoAttendantCallHandlingAssociation -Type 'Holiday' -ScheduleId ((New-CsOnlineSchedule -Name 'Christmas' -FixedSchedule:$true -DateTimeRanges @((New-CsOnlineDateTimeRange -Start '24/12/2026' -End '27/12/2026')))).Id -CallFlowId $VoiceBound['holiday-1'].Id), (New-CsAutoAttendantCallHandlingAssociation -Type 'Holiday' -ScheduleId ((New-CsOnlineSchedule -Name 'New Year' -FixedSchedule:$true -DateTimeRanges @((New-CsOnlineDateTimeRange -Start '1/1/2027' -End '2/1/2027')))).Id -CallFlowId $VoiceBound['holiday-2'].Id)); DirectoryLookupScope = @{ InclusionScope = (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['SeattleAssociates'], $GroupIds['SpokaneAssociates'])) } }) | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'auto attendant' 'Contoso Stores Washington'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Washington' }
} else { Add-VoiceResult Unchanged 'auto attendant' 'Contoso Stores Washington' }
$configuration = Find-VoiceAutoAttendant -Name 'Contoso Stores Washington'
$accountId = (Get-VoiceOnlineUser -Identity 'sc-washington@contoso.com').Identity
if ($null -eq $configuration) {
    # Under -WhatIf the auto attendant above was not made: the association waits with it.
    if ($WhatIfPreference) { Add-VoiceResult Pending 'inbound association' 'sc-washington@contoso.com' }
    else { throw ('No auto attendant named {0} exists in the tenant; create it first or fix the name.' -f 'Contoso Stores Washington') }
} elseif (@($configuration.ApplicationInstances) -notcontains $accountId) {
    if ($PSCmdlet.ShouldProcess('sc-washington@contoso.com', 'Associate with auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                New-CsOnlineApplicationInstanceAssociation -Identities @($accountId) -ConfigurationId $configuration.Id -ConfigurationType 'AutoAttendant' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'inbound association' 'sc-washington@contoso.com'
    } else { Add-VoiceResult Pending 'inbound association' 'sc-washington@contoso.com' }
} else { Add-VoiceResult Unchanged 'inbound association' 'sc-washington@contoso.com' }

# ---- Inbound: an auto attendant answers the shared number
# stores.voice:67  auto-attendant OregonReception answers OregonRA
# Dial scope: the groups granted the Shared Calling policies that share this account [SC-SETUP], wherever the setup declares them.
if (-not $GroupIds.ContainsKey('PortlandAssociates')) { $GroupIds['PortlandAssociates'] = (Find-VoiceGroup -DisplayName 'Store Associates Portland').id }
$current = Find-VoiceAutoAttendant -Name 'Contoso Stores Oregon'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Oregon', 'Create auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsAutoAttendant -Name 'Contoso Stores Oregon' -LanguageId 'en-US' -TimeZoneId 'Pacific Standard Time' -DefaultCallFlow (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByName')) -InclusionScope (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['PortlandAssociates']))
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: keep what was made, so the association below and a later run find it.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['auto-attendant:Contoso Stores Oregon'] = $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'auto attendant' 'Contoso Stores Oregon'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Oregon' }
} elseif ($current.LanguageId -ne 'en-US' -or $current.TimeZoneId -ne 'Pacific Standard Time' -or [string]$current.DefaultCallFlow.Menu.DirectorySearchMethod -ne 'ByName' -or -not (Test-VoiceSameSet $current.DirectoryLookupScope.InclusionScope.GroupScope.GroupIds @($GroupIds['PortlandAssociates']))) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Oregon', 'Update auto attendant (language, time zone, menu, operator, dial scope)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsAutoAttendant -Instance (Edit-VoiceObject -InputObject (Get-CsAutoAttendant -Identity $current.Id) -Property @{ LanguageId = 'en-US'; TimeZoneId = 'Pacific Standard Time'; DefaultCallFlow = (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByName')); DirectoryLookupScope = @{ InclusionScope = (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['PortlandAssociates'])) } }) | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'auto attendant' 'Contoso Stores Oregon'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Oregon' }
} else { Add-VoiceResult Unchanged 'auto attendant' 'Contoso Stores Oregon' }
$configuration = Find-VoiceAutoAttendant -Name 'Contoso Stores Oregon'
$accountId = (Get-VoiceOnlineUser -Identity 'sc-oregon@contoso.com').Identity
if ($null -eq $configuration) {
    # Under -WhatIf the auto attendant above was not made: the association waits with it.
    if ($WhatIfPreference) { Add-VoiceResult Pending 'inbound association' 'sc-oregon@contoso.com' }
    else { throw ('No auto attendant named {0} exists in the tenant; create it first or fix the name.' -f 'Contoso Stores Oregon') }
} elseif (@($configuration.ApplicationInstances) -notcontains $accountId) {
    if ($PSCmdlet.ShouldProcess('sc-oregon@contoso.com', 'Associate with auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                New-CsOnlineApplicationInstanceAssociation -Identities @($accountId) -ConfigurationId $configuration.Id -ConfigurationType 'AutoAttendant' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'inbound association' 'sc-oregon@contoso.com'
    } else { Add-VoiceResult Pending 'inbound association' 'sc-oregon@contoso.com' }
} else { Add-VoiceResult Unchanged 'inbound association' 'sc-oregon@contoso.com' }

# ---- Step 6: Emergency routing and addresses for the users
# stores.voice:75  emergency-calling-policy StoresSecurityDesk
$current = Get-CsTeamsEmergencyCallingPolicy | Select-VoiceIdentity -Name 'StoresSecurityDesk'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('StoresSecurityDesk', 'Create emergency calling policy')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallingPolicy -Identity 'StoresSecurityDesk' -NotificationGroup 'store-security@contoso.com;regional-managers@contoso.com' -NotificationMode 'ConferenceMuted' -NotificationDialOutNumber '+12065550199' -ExternalLocationLookupMode 'Enabled' -Description 'Contoso stores security desk' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency calling policy' 'StoresSecurityDesk'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'StoresSecurityDesk' -Read { Get-CsTeamsEmergencyCallingPolicy | Select-VoiceIdentity -Name 'StoresSecurityDesk' }
        }
    } else { Add-VoiceResult Pending 'emergency calling policy' 'StoresSecurityDesk' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceSameSet ([string]$current.NotificationGroup -split ';' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) @('store-security@contoso.com', 'regional-managers@contoso.com')) -or [string]$current.NotificationMode -ne 'ConferenceMuted' -or [string]$current.NotificationDialOutNumber -cne '+12065550199' -or [string]$current.ExternalLocationLookupMode -ne 'Enabled' -or [string]$current.Description -cne 'Contoso stores security desk') {
        if ($PSCmdlet.ShouldProcess('StoresSecurityDesk', 'Update emergency calling policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallingPolicy -Identity 'StoresSecurityDesk' -NotificationGroup 'store-security@contoso.com;regional-managers@contoso.com' -NotificationMode 'ConferenceMuted' -NotificationDialOutNumber '+12065550199' -ExternalLocationLookupMode 'Enabled' -Description 'Contoso stores security desk'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency calling policy' 'StoresSecurityDesk'
        } else { Add-VoiceResult Pending 'emergency calling policy' 'StoresSecurityDesk' }
    } else { Add-VoiceResult Unchanged 'emergency calling policy' 'StoresSecurityDesk' }
}

# ---- Step 6: Emergency routing and addresses for the users
# stores.voice:83  emergency SeattleAssociates at SeattleStore notify StoresSecurityDesk
$current = Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'CteloUS-Emergency'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('CteloUS-Emergency', 'Create voice route')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsOnlineVoiceRoute -Identity 'CteloUS-Emergency' -NumberPattern '^(911|933)$' -OnlinePstnGatewayList @{ add = @('sbc1.contoso.com') } -OnlinePstnUsages @{ add = @('Ctelo-US') } -Priority 0 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'voice route' 'CteloUS-Emergency'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'CteloUS-Emergency' -Read { Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name 'CteloUS-Emergency' }
        }
    } else { Add-VoiceResult Pending 'voice route' 'CteloUS-Emergency' }
}
if ($null -ne $current) {
    if ($current.NumberPattern -cne '^(911|933)$' -or $current.Priority -ne 0 -or -not (Test-VoiceSameSet $current.OnlinePstnGatewayList @('sbc1.contoso.com')) -or -not (Test-VoiceSameSet $current.OnlinePstnUsages @('Ctelo-US'))) {
        if ($PSCmdlet.ShouldProcess('CteloUS-Emergency', 'Update voice route')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsOnlineVoiceRoute -Identity 'CteloUS-Emergency' -NumberPattern '^(911|933)$' -OnlinePstnGatewayList @('sbc1.contoso.com') -OnlinePstnUsages @('Ctelo-US') -Priority 0
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'voice route' 'CteloUS-Emergency'
        } else { Add-VoiceResult Pending 'voice route' 'CteloUS-Emergency' }
    } else { Add-VoiceResult Unchanged 'voice route' 'CteloUS-Emergency' }
}
$current = Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-SeattleAssociates'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-SeattleAssociates', 'Create emergency call routing policy')) {
        try {
            # Emergency numbers exist only in memory until the policy stores them [EN-NEW]; passed directly, they set the whole list.
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-SeattleAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for SeattleAssociates (location SeattleStore)' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency call routing policy' 'SharedCalling-Emergency-SeattleAssociates'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-Emergency-SeattleAssociates' -Read { Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-SeattleAssociates' }
        }
    } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-SeattleAssociates' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers @('911', '933') 'Ctelo-US') -or $current.Description -cne 'Emergency routing for SeattleAssociates (location SeattleStore)' -or $current.AllowEnhancedEmergencyServices -ne $true) {
        if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-SeattleAssociates', 'Update emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-SeattleAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for SeattleAssociates (location SeattleStore)'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy' 'SharedCalling-Emergency-SeattleAssociates'
        } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-SeattleAssociates' }
    } else { Add-VoiceResult Unchanged 'emergency call routing policy' 'SharedCalling-Emergency-SeattleAssociates' }
}
# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].
$groupId = $GroupIds['SeattleAssociates']
foreach ($member in @(Get-VoiceGroupUsers -GroupId $groupId)) {
    $user = Get-VoiceOnlineUser -Identity $member.id
    # Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].
    if ($null -ne $user -and $user.EnterpriseVoiceEnabled -ne $true) {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Enable Enterprise Voice')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsPhoneNumberAssignment -Identity $member.id -EnterpriseVoiceEnabled:$true
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'Enterprise Voice' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'Enterprise Voice' $member.userPrincipalName }
    }
    if ($null -ne $user -and (Test-VoiceIdentity $user.TeamsEmergencyCallRoutingPolicy 'SharedCalling-Emergency-SeattleAssociates')) {
        Add-VoiceResult Unchanged 'emergency call routing policy grant' $member.userPrincipalName
    } else {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Grant emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $member.id -PolicyName 'SharedCalling-Emergency-SeattleAssociates'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy grant' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'emergency call routing policy grant' $member.userPrincipalName }
    }
}
$groupId = $GroupIds['SeattleAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsEmergencyCallingPolicy -GroupId $groupId -Later @($GroupIds['SpokaneAssociates'], $GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Grant TeamsEmergencyCallingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'emergency calling policy group grant' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'SeattleAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'StoresSecurityDesk') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SeattleAssociates', 'Replace the group''s TeamsEmergencyCallingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsEmergencyCallingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'emergency calling policy group grant' 'SeattleAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'SeattleAssociates' }
} else { Add-VoiceResult Unchanged 'emergency calling policy group grant' 'SeattleAssociates' }

# ---- Step 6: Emergency routing and addresses for the users
# stores.voice:84  emergency SpokaneAssociates at SpokaneStore notify StoresSecurityDesk
$current = Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-SpokaneAssociates'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-SpokaneAssociates', 'Create emergency call routing policy')) {
        try {
            # Emergency numbers exist only in memory until the policy stores them [EN-NEW]; passed directly, they set the whole list.
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-SpokaneAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for SpokaneAssociates (location SpokaneStore)' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency call routing policy' 'SharedCalling-Emergency-SpokaneAssociates'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-Emergency-SpokaneAssociates' -Read { Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-SpokaneAssociates' }
        }
    } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-SpokaneAssociates' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers @('911', '933') 'Ctelo-US') -or $current.Description -cne 'Emergency routing for SpokaneAssociates (location SpokaneStore)' -or $current.AllowEnhancedEmergencyServices -ne $true) {
        if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-SpokaneAssociates', 'Update emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-SpokaneAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for SpokaneAssociates (location SpokaneStore)'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy' 'SharedCalling-Emergency-SpokaneAssociates'
        } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-SpokaneAssociates' }
    } else { Add-VoiceResult Unchanged 'emergency call routing policy' 'SharedCalling-Emergency-SpokaneAssociates' }
}
# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].
$groupId = $GroupIds['SpokaneAssociates']
foreach ($member in @(Get-VoiceGroupUsers -GroupId $groupId)) {
    $user = Get-VoiceOnlineUser -Identity $member.id
    # Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].
    if ($null -ne $user -and $user.EnterpriseVoiceEnabled -ne $true) {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Enable Enterprise Voice')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsPhoneNumberAssignment -Identity $member.id -EnterpriseVoiceEnabled:$true
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'Enterprise Voice' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'Enterprise Voice' $member.userPrincipalName }
    }
    if ($null -ne $user -and (Test-VoiceIdentity $user.TeamsEmergencyCallRoutingPolicy 'SharedCalling-Emergency-SpokaneAssociates')) {
        Add-VoiceResult Unchanged 'emergency call routing policy grant' $member.userPrincipalName
    } else {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Grant emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $member.id -PolicyName 'SharedCalling-Emergency-SpokaneAssociates'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy grant' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'emergency call routing policy grant' $member.userPrincipalName }
    }
}
$groupId = $GroupIds['SpokaneAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsEmergencyCallingPolicy -GroupId $groupId -Later @($GroupIds['PortlandAssociates'])
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Grant TeamsEmergencyCallingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'emergency calling policy group grant' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'SpokaneAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'StoresSecurityDesk') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('SpokaneAssociates', 'Replace the group''s TeamsEmergencyCallingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsEmergencyCallingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'emergency calling policy group grant' 'SpokaneAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'SpokaneAssociates' }
} else { Add-VoiceResult Unchanged 'emergency calling policy group grant' 'SpokaneAssociates' }

# ---- Step 6: Emergency routing and addresses for the users
# stores.voice:85  emergency PortlandAssociates at PortlandStore notify StoresSecurityDesk
$current = Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-PortlandAssociates'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-PortlandAssociates', 'Create emergency call routing policy')) {
        try {
            # Emergency numbers exist only in memory until the policy stores them [EN-NEW]; passed directly, they set the whole list.
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-PortlandAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for PortlandAssociates (location PortlandStore)' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency call routing policy' 'SharedCalling-Emergency-PortlandAssociates'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-Emergency-PortlandAssociates' -Read { Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-PortlandAssociates' }
        }
    } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-PortlandAssociates' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers @('911', '933') 'Ctelo-US') -or $current.Description -cne 'Emergency routing for PortlandAssociates (location PortlandStore)' -or $current.AllowEnhancedEmergencyServices -ne $true) {
        if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-PortlandAssociates', 'Update emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-PortlandAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911' -OnlinePSTNUsage 'Ctelo-US'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933' -OnlinePSTNUsage 'Ctelo-US')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for PortlandAssociates (location PortlandStore)'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy' 'SharedCalling-Emergency-PortlandAssociates'
        } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-PortlandAssociates' }
    } else { Add-VoiceResult Unchanged 'emergency call routing policy' 'SharedCalling-Emergency-PortlandAssociates' }
}
# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].
$groupId = $GroupIds['PortlandAssociates']
foreach ($member in @(Get-VoiceGroupUsers -GroupId $groupId)) {
    $user = Get-VoiceOnlineUser -Identity $member.id
    # Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].
    if ($null -ne $user -and $user.EnterpriseVoiceEnabled -ne $true) {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Enable Enterprise Voice')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsPhoneNumberAssignment -Identity $member.id -EnterpriseVoiceEnabled:$true
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'Enterprise Voice' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'Enterprise Voice' $member.userPrincipalName }
    }
    if ($null -ne $user -and (Test-VoiceIdentity $user.TeamsEmergencyCallRoutingPolicy 'SharedCalling-Emergency-PortlandAssociates')) {
        Add-VoiceResult Unchanged 'emergency call routing policy grant' $member.userPrincipalName
    } else {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Grant emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $member.id -PolicyName 'SharedCalling-Emergency-PortlandAssociates'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy grant' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'emergency call routing policy grant' $member.userPrincipalName }
    }
}
$groupId = $GroupIds['PortlandAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsEmergencyCallingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Grant TeamsEmergencyCallingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'emergency calling policy group grant' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'PortlandAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'StoresSecurityDesk') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('PortlandAssociates', 'Replace the group''s TeamsEmergencyCallingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsEmergencyCallingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'StoresSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'emergency calling policy group grant' 'PortlandAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'PortlandAssociates' }
} else { Add-VoiceResult Unchanged 'emergency calling policy group grant' 'PortlandAssociates' }

# ---- Step 7: Extension dialing for the users (optional)
# stores.voice:90  extensions
$user = Get-VoiceOnlineUser -Identity 'avery.chen@contoso.com'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+12065550100;ext=101'
if ($null -ne $user -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $user.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+12065550100;ext=101', $current.AssignedPstnTargetId, 'avery.chen@contoso.com')
}
if ($null -eq $user -or $null -eq $current -or $current.AssignedPstnTargetId -ne $user.Identity) {
    if ($PSCmdlet.ShouldProcess('avery.chen@contoso.com', 'Assign Direct Routing number with extension to user')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'avery.chen@contoso.com' -PhoneNumber '+12065550100;ext=101' -PhoneNumberType 'DirectRouting'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'user extension' 'avery.chen@contoso.com'
    } else { Add-VoiceResult Pending 'user extension' 'avery.chen@contoso.com' }
} else { Add-VoiceResult Unchanged 'user extension' 'avery.chen@contoso.com' }
# Without PSTN usages, or the user stops using Shared Calling [SC-SETUP].
if ($null -ne $user -and (Test-VoiceIdentity $user.OnlineVoiceRoutingPolicy 'SharedCalling-Users-NoPstn')) {
    Add-VoiceResult Unchanged 'user voice routing policy' 'avery.chen@contoso.com'
} else {
    if ($PSCmdlet.ShouldProcess('avery.chen@contoso.com', 'Grant voice routing policy without PSTN usages')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Identity 'avery.chen@contoso.com' -PolicyName 'SharedCalling-Users-NoPstn'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'user voice routing policy' 'avery.chen@contoso.com'
    } else { Add-VoiceResult Pending 'user voice routing policy' 'avery.chen@contoso.com' }
}
$user = Get-VoiceOnlineUser -Identity 'jordan.blake@contoso.com'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+12065550100;ext=102'
if ($null -ne $user -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $user.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+12065550100;ext=102', $current.AssignedPstnTargetId, 'jordan.blake@contoso.com')
}
if ($null -eq $user -or $null -eq $current -or $current.AssignedPstnTargetId -ne $user.Identity) {
    if ($PSCmdlet.ShouldProcess('jordan.blake@contoso.com', 'Assign Direct Routing number with extension to user')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'jordan.blake@contoso.com' -PhoneNumber '+12065550100;ext=102' -PhoneNumberType 'DirectRouting'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'user extension' 'jordan.blake@contoso.com'
    } else { Add-VoiceResult Pending 'user extension' 'jordan.blake@contoso.com' }
} else { Add-VoiceResult Unchanged 'user extension' 'jordan.blake@contoso.com' }
# Without PSTN usages, or the user stops using Shared Calling [SC-SETUP].
if ($null -ne $user -and (Test-VoiceIdentity $user.OnlineVoiceRoutingPolicy 'SharedCalling-Users-NoPstn')) {
    Add-VoiceResult Unchanged 'user voice routing policy' 'jordan.blake@contoso.com'
} else {
    if ($PSCmdlet.ShouldProcess('jordan.blake@contoso.com', 'Grant voice routing policy without PSTN usages')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Identity 'jordan.blake@contoso.com' -PolicyName 'SharedCalling-Users-NoPstn'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'user voice routing policy' 'jordan.blake@contoso.com'
    } else { Add-VoiceResult Pending 'user voice routing policy' 'jordan.blake@contoso.com' }
}
$user = Get-VoiceOnlineUser -Identity 'casey.morgan@contoso.com'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+15035550100;ext=201'
if ($null -ne $user -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $user.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+15035550100;ext=201', $current.AssignedPstnTargetId, 'casey.morgan@contoso.com')
}
if ($null -eq $user -or $null -eq $current -or $current.AssignedPstnTargetId -ne $user.Identity) {
    if ($PSCmdlet.ShouldProcess('casey.morgan@contoso.com', 'Assign Direct Routing number with extension to user')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'casey.morgan@contoso.com' -PhoneNumber '+15035550100;ext=201' -PhoneNumberType 'DirectRouting'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'user extension' 'casey.morgan@contoso.com'
    } else { Add-VoiceResult Pending 'user extension' 'casey.morgan@contoso.com' }
} else { Add-VoiceResult Unchanged 'user extension' 'casey.morgan@contoso.com' }
# Without PSTN usages, or the user stops using Shared Calling [SC-SETUP].
if ($null -ne $user -and (Test-VoiceIdentity $user.OnlineVoiceRoutingPolicy 'SharedCalling-Users-NoPstn')) {
    Add-VoiceResult Unchanged 'user voice routing policy' 'casey.morgan@contoso.com'
} else {
    if ($PSCmdlet.ShouldProcess('casey.morgan@contoso.com', 'Grant voice routing policy without PSTN usages')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Identity 'casey.morgan@contoso.com' -PolicyName 'SharedCalling-Users-NoPstn'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'user voice routing policy' 'casey.morgan@contoso.com'
    } else { Add-VoiceResult Pending 'user voice routing policy' 'casey.morgan@contoso.com' }
}

# ---- Summary ---------------------------------------------------------------------------------
Write-VoiceSummary -Source 'stores.voice'
