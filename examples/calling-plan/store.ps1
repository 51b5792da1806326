<#
.SYNOPSIS
    Applies the Shared Calling setup declared in store.voice to a Microsoft Teams tenant.
.DESCRIPTION
    Compiled by voice 0.1.0 from store.voice and the files it imports. Do not edit:
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
# store.voice:6  tenant
Assert-VoiceTenant -Domains @('contoso.onmicrosoft.com', 'contoso.com')

# ---- Prerequisites: tenant, emergency addresses and Direct Routing
# store.voice:8  address ChicagoStore
$current = Find-VoiceCivicAddress -Description 'voice:ChicagoStore'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('voice:ChicagoStore', 'Create civic address')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsOnlineLisCivicAddress -CompanyName 'Contoso Retail' -StreetName '401 N Michigan Ave' -City 'Chicago' -StateOrProvince 'IL' -PostalCode '60611' -CountryOrRegion 'US' -Latitude '41.8902' -Longitude '-87.624' -Description 'voice:ChicagoStore'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: wait until reads show it, so a run that follows finds it instead of making a twin
        # (the script has no journal, unlike apply); a twin a concurrent run made may show too, and the lowest id is used.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['voice:ChicagoStore'] = Wait-VoiceRead -What 'voice:ChicagoStore' -Read { Find-VoiceCivicAddress -Description 'voice:ChicagoStore' } -Otherwise $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'civic address' 'voice:ChicagoStore'
    } else { Add-VoiceResult Pending 'civic address' 'voice:ChicagoStore' }
} elseif ($current.CompanyName -cne 'Contoso Retail' -or $current.StreetName -cne '401 N Michigan Ave' -or $current.City -cne 'Chicago' -or $current.StateOrProvince -cne 'IL' -or $current.PostalCode -cne '60611' -or $current.CountryOrRegion -cne 'US' -or [double]$current.Latitude -ne [double]'41.8902' -or [double]$current.Longitude -ne [double]'-87.624') {
    Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f 'voice:ChicagoStore')
    Add-VoiceResult Pending 'civic address' 'voice:ChicagoStore'
} else { Add-VoiceResult Unchanged 'civic address' 'voice:ChicagoStore' }

# ---- Step 1: Provision a service number
# store.voice:19  number ChicagoMain
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+13125550100'
if ($null -eq $current) {
    throw ('{0} is not in the tenant''s {1} number inventory; acquire it before running this script.' -f '+13125550100', 'CallingPlan')
} elseif ($current.NumberType -ne 'CallingPlan') {
    throw ('{0} is a {1} number, not {2}.' -f '+13125550100', $current.NumberType, 'CallingPlan')
} else { Add-VoiceResult Unchanged 'number in inventory' '+13125550100' }

# ---- Step 1: Provision a service number
# store.voice:20  number ChicagoCallback
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+13125550110'
if ($null -eq $current) {
    throw ('{0} is not in the tenant''s {1} number inventory; acquire it before running this script.' -f '+13125550110', 'CallingPlan')
} elseif ($current.NumberType -ne 'CallingPlan') {
    throw ('{0} is a {1} number, not {2}.' -f '+13125550110', $current.NumberType, 'CallingPlan')
} else { Add-VoiceResult Unchanged 'number in inventory' '+13125550110' }

# ---- Step 2: Create a resource account
# store.voice:23  resource-account ChicagoRA
$current = Get-VoiceApplicationInstance -Identity 'sc-chicago@contoso.com'
$accountExists = $null -ne $current
if (-not $accountExists) {
    if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Create resource account')) {
        New-CsOnlineApplicationInstance -UserPrincipalName 'sc-chicago@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Chicago' | Out-Null
        $accountExists = $true
        Add-VoiceResult Created 'resource account' 'sc-chicago@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-chicago@contoso.com' }
} elseif ($current.ApplicationId -ne 'ce933385-9390-45d1-9512-c8d228074e07' -or $current.DisplayName -cne 'Contoso Stores Chicago') {
    if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Update resource account (application id, display name)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsOnlineApplicationInstance -Identity 'sc-chicago@contoso.com' -ApplicationId 'ce933385-9390-45d1-9512-c8d228074e07' -DisplayName 'Contoso Stores Chicago' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'resource account' 'sc-chicago@contoso.com'
    } else { Add-VoiceResult Pending 'resource account' 'sc-chicago@contoso.com' }
} else { Add-VoiceResult Unchanged 'resource account' 'sc-chicago@contoso.com' }
if ($accountExists) {
    # Usage location first: Graph refuses a licence without one [G-USER]; a new account may take a while to reach Graph.
    $graphUser = Invoke-VoiceGraph -Method GET -Uri (Get-VoiceUserUri -UserPrincipalName 'sc-chicago@contoso.com' -Rest '?$select=id,usageLocation,assignedLicenses') -RetryOn 404
    if ($graphUser.usageLocation -ne 'US') {
        if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Set usage location')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method PATCH -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-chicago@contoso.com')) -Body @{ usageLocation = 'US' } -RetryOn 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'usage location' 'sc-chicago@contoso.com'
        } else { Add-VoiceResult Pending 'usage location' 'sc-chicago@contoso.com' }
    } else { Add-VoiceResult Unchanged 'usage location' 'sc-chicago@contoso.com' }
    # PHONESYSTEM_VIRTUALUSER; assignLicense answers 400 until the usage location has replicated, so it is retried.
    if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains '440eaaa8-b3e0-484b-a8be-62870b9ba70a') {
        if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Assign licence PHONESYSTEM_VIRTUALUSER')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method POST -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-chicago@contoso.com') + '/assignLicense') -Body @{ addLicenses = @(@{ skuId = '440eaaa8-b3e0-484b-a8be-62870b9ba70a'; disabledPlans = @() }); removeLicenses = @() } -RetryOn 400, 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'licence PHONESYSTEM_VIRTUALUSER' 'sc-chicago@contoso.com'
        } else { Add-VoiceResult Pending 'licence PHONESYSTEM_VIRTUALUSER' 'sc-chicago@contoso.com' }
    } else { Add-VoiceResult Unchanged 'licence PHONESYSTEM_VIRTUALUSER' 'sc-chicago@contoso.com' }
    # Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US): a Calling Plan service number needs it, and funding (Communications Credits or pay-as-you-go billing) [SC-SETUP].
    if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains '9b196e97-5830-4c2e-adc2-1e10ebf5dee5') {
        if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Assign licence Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Invoke-VoiceGraph -Method POST -Uri ('/v1.0' + '/users/' + [uri]::EscapeDataString('sc-chicago@contoso.com') + '/assignLicense') -Body @{ addLicenses = @(@{ skuId = '9b196e97-5830-4c2e-adc2-1e10ebf5dee5'; disabledPlans = @() }); removeLicenses = @() } -RetryOn 400, 404 | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'licence Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)' 'sc-chicago@contoso.com'
        } else { Add-VoiceResult Pending 'licence Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)' 'sc-chicago@contoso.com' }
    } else { Add-VoiceResult Unchanged 'licence Microsoft_Teams_Calling_Plan_pay_as_you_go_(country_zone_1_US)' 'sc-chicago@contoso.com' }
    Wait-VoiceOnlineUser -Identity 'sc-chicago@contoso.com' | Out-Null
}

# ---- Step 3: Assign the number to the resource account
# store.voice:31  assign ChicagoMain to ChicagoRA
$account = Get-VoiceOnlineUser -Identity 'sc-chicago@contoso.com'
$address = Find-VoiceCivicAddress -Description 'voice:ChicagoStore'
$current = Get-CsPhoneNumberAssignment -TelephoneNumber '+13125550100'
if ($null -ne $account -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $account.Identity) {
    throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f '+13125550100', $current.AssignedPstnTargetId, 'sc-chicago@contoso.com')
}
if ($null -eq $account -or $null -eq $current -or $current.AssignedPstnTargetId -ne $account.Identity) {
    if ($PSCmdlet.ShouldProcess('+13125550100', 'Assign number to resource account')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -Identity 'sc-chicago@contoso.com' -PhoneNumber '+13125550100' -PhoneNumberType 'CallingPlan' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'number assignment' '+13125550100'
    } else { Add-VoiceResult Pending 'number assignment' '+13125550100' }
} elseif ($null -ne $address -and $current.LocationId -ne $address.DefaultLocationId) {
    if ($PSCmdlet.ShouldProcess('+13125550100', 'Set emergency location of number')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsPhoneNumberAssignment -PhoneNumber '+13125550100' -LocationId $address.DefaultLocationId
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'number location' '+13125550100'
    } else { Add-VoiceResult Pending 'number location' '+13125550100' }
} else { Add-VoiceResult Unchanged 'number assignment' '+13125550100' }

# ---- Step 4: Create the Shared Calling policy
# store.voice:34  shared-calling-policy ChicagoStores
$account = Get-VoiceOnlineUser -Identity 'sc-chicago@contoso.com'
$current = Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'ChicagoStores'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('ChicagoStores', 'Create shared calling policy')) {
        try {
            # -ResourceAccount takes the account's Identity (object id), not its UPN [NEW-SCRP].
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsSharedCallingRoutingPolicy -Identity 'ChicagoStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-chicago@contoso.com').Identity -EmergencyNumbers @{ add = @('+13125550110') } -Description 'Chicago store associates share the store''s Calling Plan number' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'shared calling policy' 'ChicagoStores'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'ChicagoStores' -Read { Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name 'ChicagoStores' }
        }
    } else { Add-VoiceResult Pending 'shared calling policy' 'ChicagoStores' }
}
if ($null -ne $current) {
    if ($null -eq $account -or $current.ResourceAccount -ne $account.Identity -or -not (Test-VoiceSameSet $current.EmergencyNumbers @('+13125550110')) -or [string]$current.Description -cne 'Chicago store associates share the store''s Calling Plan number') {
        if ($PSCmdlet.ShouldProcess('ChicagoStores', 'Update shared calling policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsSharedCallingRoutingPolicy -Identity 'ChicagoStores' -ResourceAccount (Get-CsOnlineUser -Identity 'sc-chicago@contoso.com').Identity -EmergencyNumbers @('+13125550110') -Description 'Chicago store associates share the store''s Calling Plan number'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'shared calling policy' 'ChicagoStores'
        } else { Add-VoiceResult Pending 'shared calling policy' 'ChicagoStores' }
    } else { Add-VoiceResult Unchanged 'shared calling policy' 'ChicagoStores' }
}

# ---- Step 5: Assign the policy to a user group
# store.voice:41  group ChicagoAssociates
$group = Find-VoiceGroup -DisplayName 'Store Associates Chicago'
$GroupIds['ChicagoAssociates'] = $group.id
Add-VoiceResult Unchanged 'Entra group (looked up)' $group.displayName

# ---- Step 5: Assign the policy to a user group
# store.voice:42  grant ChicagoStores to ChicagoAssociates rank 1
$groupId = $GroupIds['ChicagoAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsSharedCallingRoutingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Grant TeamsSharedCallingRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'ChicagoStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'shared calling policy group grant' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'ChicagoAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'ChicagoStores') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Replace the group''s TeamsSharedCallingRoutingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsSharedCallingRoutingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsSharedCallingRoutingPolicy -Group $groupId -PolicyName 'ChicagoStores' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'shared calling policy group grant' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'shared calling policy group grant' 'ChicagoAssociates' }
} else { Add-VoiceResult Unchanged 'shared calling policy group grant' 'ChicagoAssociates' }
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
$groupId = $GroupIds['ChicagoAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType OnlineVoiceRoutingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Grant OnlineVoiceRoutingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsOnlineVoiceRoutingPolicy -Group $groupId -PolicyName 'SharedCalling-Users-NoPstn' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'voice routing policy group grant (no PSTN usages)' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'ChicagoAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'SharedCalling-Users-NoPstn') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Replace the group''s OnlineVoiceRoutingPolicy assignment')) {
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
        Add-VoiceResult Changed 'voice routing policy group grant (no PSTN usages)' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'voice routing policy group grant (no PSTN usages)' 'ChicagoAssociates' }
} else { Add-VoiceResult Unchanged 'voice routing policy group grant (no PSTN usages)' 'ChicagoAssociates' }

# ---- Inbound: an auto attendant answers the shared number
# store.voice:46  auto-attendant ChicagoReception answers ChicagoRA
# Dial scope: the groups granted the Shared Calling policies that share this account [SC-SETUP], wherever the setup declares them.
if (-not $GroupIds.ContainsKey('ChicagoAssociates')) { $GroupIds['ChicagoAssociates'] = (Find-VoiceGroup -DisplayName 'Store Associates Chicago').id }
$current = Find-VoiceAutoAttendant -Name 'Contoso Stores Chicago'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Chicago', 'Create auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $created = New-CsAutoAttendant -Name 'Contoso Stores Chicago' -LanguageId 'en-US' -TimeZoneId 'UTC' -DefaultCallFlow (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByName')) -InclusionScope (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['ChicagoAssociates']))
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        # No unique name in Teams: keep what was made, so the association below and a later run find it.
        for ($retry = New-VoiceRetry; ; ) {
            try {
                $VoiceCreated['auto-attendant:Contoso Stores Chicago'] = $created
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'auto attendant' 'Contoso Stores Chicago'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Chicago' }
} elseif ($current.LanguageId -ne 'en-US' -or $current.TimeZoneId -ne 'UTC' -or [string]$current.DefaultCallFlow.Menu.DirectorySearchMethod -ne 'ByName' -or -not (Test-VoiceSameSet $current.DirectoryLookupScope.InclusionScope.GroupScope.GroupIds @($GroupIds['ChicagoAssociates']))) {
    if ($PSCmdlet.ShouldProcess('Contoso Stores Chicago', 'Update auto attendant (language, time zone, menu, operator, dial scope)')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Set-CsAutoAttendant -Instance (Edit-VoiceObject -InputObject (Get-CsAutoAttendant -Identity $current.Id) -Property @{ LanguageId = 'en-US'; TimeZoneId = 'UTC'; DefaultCallFlow = (New-CsAutoAttendantCallFlow -Name 'Default call flow' -Menu (New-CsAutoAttendantMenu -Name 'Directory' -EnableDialByName:$true -DirectorySearchMethod 'ByName')); DirectoryLookupScope = @{ InclusionScope = (New-CsAutoAttendantDialScope -GroupScope:$true -GroupIds @($GroupIds['ChicagoAssociates'])) } }) | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'auto attendant' 'Contoso Stores Chicago'
    } else { Add-VoiceResult Pending 'auto attendant' 'Contoso Stores Chicago' }
} else { Add-VoiceResult Unchanged 'auto attendant' 'Contoso Stores Chicago' }
$configuration = Find-VoiceAutoAttendant -Name 'Contoso Stores Chicago'
$accountId = (Get-VoiceOnlineUser -Identity 'sc-chicago@contoso.com').Identity
if ($null -eq $configuration) {
    # Under -WhatIf the auto attendant above was not made: the association waits with it.
    if ($WhatIfPreference) { Add-VoiceResult Pending 'inbound association' 'sc-chicago@contoso.com' }
    else { throw ('No auto attendant named {0} exists in the tenant; create it first or fix the name.' -f 'Contoso Stores Chicago') }
} elseif (@($configuration.ApplicationInstances) -notcontains $accountId) {
    if ($PSCmdlet.ShouldProcess('sc-chicago@contoso.com', 'Associate with auto attendant')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                New-CsOnlineApplicationInstanceAssociation -Identities @($accountId) -ConfigurationId $configuration.Id -ConfigurationType 'AutoAttendant' | Out-Null
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'inbound association' 'sc-chicago@contoso.com'
    } else { Add-VoiceResult Pending 'inbound association' 'sc-chicago@contoso.com' }
} else { Add-VoiceResult Unchanged 'inbound association' 'sc-chicago@contoso.com' }

# ---- Step 6: Emergency routing and addresses for the users
# store.voice:51  emergency-calling-policy ChicagoSecurityDesk
$current = Get-CsTeamsEmergencyCallingPolicy | Select-VoiceIdentity -Name 'ChicagoSecurityDesk'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('ChicagoSecurityDesk', 'Create emergency calling policy')) {
        try {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallingPolicy -Identity 'ChicagoSecurityDesk' -NotificationGroup 'store-security@contoso.com' -NotificationMode 'NotificationOnly' -ExternalLocationLookupMode 'Disabled' -Description 'Chicago store security desk' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency calling policy' 'ChicagoSecurityDesk'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'ChicagoSecurityDesk' -Read { Get-CsTeamsEmergencyCallingPolicy | Select-VoiceIdentity -Name 'ChicagoSecurityDesk' }
        }
    } else { Add-VoiceResult Pending 'emergency calling policy' 'ChicagoSecurityDesk' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceSameSet ([string]$current.NotificationGroup -split ';' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) @('store-security@contoso.com')) -or [string]$current.NotificationMode -ne 'NotificationOnly' -or [string]$current.NotificationDialOutNumber -cne '' -or [string]$current.ExternalLocationLookupMode -ne 'Disabled' -or [string]$current.Description -cne 'Chicago store security desk') {
        if ($PSCmdlet.ShouldProcess('ChicagoSecurityDesk', 'Update emergency calling policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallingPolicy -Identity 'ChicagoSecurityDesk' -NotificationGroup 'store-security@contoso.com' -NotificationMode 'NotificationOnly' -NotificationDialOutNumber '' -ExternalLocationLookupMode 'Disabled' -Description 'Chicago store security desk'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency calling policy' 'ChicagoSecurityDesk'
        } else { Add-VoiceResult Pending 'emergency calling policy' 'ChicagoSecurityDesk' }
    } else { Add-VoiceResult Unchanged 'emergency calling policy' 'ChicagoSecurityDesk' }
}

# ---- Step 6: Emergency routing and addresses for the users
# store.voice:57  emergency ChicagoAssociates at ChicagoStore notify ChicagoSecurityDesk
$current = Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-ChicagoAssociates'
if ($null -eq $current) {
    if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-ChicagoAssociates', 'Create emergency call routing policy')) {
        try {
            # Emergency numbers exist only in memory until the policy stores them [EN-NEW]; passed directly, they set the whole list.
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    New-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-ChicagoAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for ChicagoAssociates (location ChicagoStore)' | Out-Null
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Created 'emergency call routing policy' 'SharedCalling-Emergency-ChicagoAssociates'
        } catch {
            if (-not (Test-VoiceAlreadyExists $_)) { throw }
            $current = Wait-VoiceRead -What 'SharedCalling-Emergency-ChicagoAssociates' -Read { Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name 'SharedCalling-Emergency-ChicagoAssociates' }
        }
    } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-ChicagoAssociates' }
}
if ($null -ne $current) {
    if (-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers @('911', '933') '') -or $current.Description -cne 'Emergency routing for ChicagoAssociates (location ChicagoStore)' -or $current.AllowEnhancedEmergencyServices -ne $true) {
        if ($PSCmdlet.ShouldProcess('SharedCalling-Emergency-ChicagoAssociates', 'Update emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Set-CsTeamsEmergencyCallRoutingPolicy -Identity 'SharedCalling-Emergency-ChicagoAssociates' -EmergencyNumbers @((New-CsTeamsEmergencyNumber -EmergencyDialString '911'), (New-CsTeamsEmergencyNumber -EmergencyDialString '933')) -AllowEnhancedEmergencyServices:$true -Description 'Emergency routing for ChicagoAssociates (location ChicagoStore)'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy' 'SharedCalling-Emergency-ChicagoAssociates'
        } else { Add-VoiceResult Pending 'emergency call routing policy' 'SharedCalling-Emergency-ChicagoAssociates' }
    } else { Add-VoiceResult Unchanged 'emergency call routing policy' 'SharedCalling-Emergency-ChicagoAssociates' }
}
# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].
$groupId = $GroupIds['ChicagoAssociates']
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
    if ($null -ne $user -and (Test-VoiceIdentity $user.TeamsEmergencyCallRoutingPolicy 'SharedCalling-Emergency-ChicagoAssociates')) {
        Add-VoiceResult Unchanged 'emergency call routing policy grant' $member.userPrincipalName
    } else {
        if ($PSCmdlet.ShouldProcess($member.userPrincipalName, 'Grant emergency call routing policy')) {
            for ($retry = New-VoiceRetry; ; ) {
                try {
                    Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $member.id -PolicyName 'SharedCalling-Emergency-ChicagoAssociates'
                    break
                } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
            }
            Add-VoiceResult Changed 'emergency call routing policy grant' $member.userPrincipalName
        } else { Add-VoiceResult Pending 'emergency call routing policy grant' $member.userPrincipalName }
    }
}
$groupId = $GroupIds['ChicagoAssociates']
# Ranks order the setup's own grants; other teams' grants keep their order (docs/apply.md, "Ranks") [GPA-NEW].
$place = Get-VoiceGrantPlace -PolicyType TeamsEmergencyCallingPolicy -GroupId $groupId -Later @()
if ($null -eq $place.Current) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Grant TeamsEmergencyCallingPolicy to group')) {
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'ChicagoSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Created 'emergency calling policy group grant' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'ChicagoAssociates' }
} elseif (-not (Test-VoiceIdentity $place.Current.PolicyName 'ChicagoSecurityDesk') -or -not $place.InOrder) {
    if ($PSCmdlet.ShouldProcess('ChicagoAssociates', 'Replace the group''s TeamsEmergencyCallingPolicy assignment')) {
        # A group assignment is changed by removing and granting again [ASSIGN-POL].
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType 'TeamsEmergencyCallingPolicy'
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        for ($retry = New-VoiceRetry; ; ) {
            try {
                Grant-CsTeamsEmergencyCallingPolicy -Group $groupId -PolicyName 'ChicagoSecurityDesk' -Rank $place.Rank
                break
            } catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }
        }
        Add-VoiceResult Changed 'emergency calling policy group grant' 'ChicagoAssociates'
    } else { Add-VoiceResult Pending 'emergency calling policy group grant' 'ChicagoAssociates' }
} else { Add-VoiceResult Unchanged 'emergency calling policy group grant' 'ChicagoAssociates' }

# ---- Summary ---------------------------------------------------------------------------------
Write-VoiceSummary -Source 'store.voice'
