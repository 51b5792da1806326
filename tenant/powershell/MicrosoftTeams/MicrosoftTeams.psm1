# Stand-in MicrosoftTeams module: the real cmdlet names, parameter sets, aliases and validate
# sets (see docs/teams-facts.md), so a script that binds here binds against Microsoft's module;
# each call goes to the local tenant emulator's Teams surface: POST $env:VOICE_EMULATOR_URL/teams/<Cmdlet>.
Set-StrictMode -Version 3.0

$script:Connection = $null

# Common parameters are PowerShell's business, not the emulator's.
$script:CommonParameters = @(
    'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable', 'WarningVariable',
    'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'WhatIf', 'Confirm', 'Force'
)

function Get-EmulatorUrl {
    $url = $env:VOICE_EMULATOR_URL
    if ([string]::IsNullOrWhiteSpace($url)) {
        throw "VOICE_EMULATOR_URL is not set. Start the emulator with 'voice emulator --env' and set the variables it prints."
    }
    $url.TrimEnd('/')
}

# Converts bound parameters to JSON-ready values: switches to booleans, GUIDs to strings,
# PSListModifier-style hashtables (@{add=...; remove=...}) to objects with array values.
function ConvertTo-EmulatorValue {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent }
    if ($Value -is [guid]) { return $Value.ToString() }
    # A TimeSpan as its text ("09:00:00", "1.00:00:00"), not its dozen properties.
    if ($Value -is [timespan]) { return $Value.ToString() }
    if ($Value -is [System.Collections.IDictionary]) {
        $modifier = [ordered]@{}
        foreach ($key in $Value.Keys) {
            $items = @($Value[$key] | ForEach-Object { ConvertTo-EmulatorValue $_ })
            $modifier[([string]$key).ToLowerInvariant()] = $items
        }
        return $modifier
    }
    # The comma keeps a one-element (or empty) list a list: `return @(...)` alone would unroll it,
    # and -X @($one) would reach the emulator as a plain object, -X @() as nothing at all.
    if ($Value -is [array]) { return , @($Value | ForEach-Object { ConvertTo-EmulatorValue $_ }) }
    if ($Value -is [System.Security.SecureString] -or $Value -is [pscredential]) { return $null }
    return $Value
}

# Since module 4.2.0 every list modifier takes only Add or Remove; a whole list is set by passing
# the values directly (teams-facts Corrections 2). Refused here as the real module refuses it.
function Assert-AddRemoveOnly {
    param([Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Caller, [string]$Parameter, $Value)
    if ($Value -isnot [System.Collections.IDictionary]) { return }
    foreach ($key in $Value.Keys) {
        if (@('Add', 'Remove') -notcontains [string]$key) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Cannot bind parameter '$Parameter': the list operation '$key' is not supported. Use Add or Remove, or pass the values directly to set the whole list."),
                'ParameterArgumentTransformationError', [System.Management.Automation.ErrorCategory]::InvalidArgument, $Value)
            $Caller.ThrowTerminatingError($record)
        }
    }
}

function Invoke-CsEmulator {
    param(
        [Parameter(Mandatory)][System.Management.Automation.PSCmdlet]$Caller,
        [Parameter(Mandatory)][System.Collections.IDictionary]$BoundParameters
    )
    $cmdletName = $Caller.MyInvocation.MyCommand.Name
    if ($null -eq $script:Connection) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new('You must call the Connect-MicrosoftTeams cmdlet before calling any other cmdlets.'),
            'NotConnected', [System.Management.Automation.ErrorCategory]::AuthenticationError, $null)
        $Caller.ThrowTerminatingError($record)
    }
    $body = [ordered]@{}
    foreach ($name in $BoundParameters.Keys) {
        if ($script:CommonParameters -contains $name) { continue }
        $body[$name] = ConvertTo-EmulatorValue $BoundParameters[$name]
    }
    $json = ConvertTo-Json -InputObject $body -Depth 20 -Compress
    $uri = "$($script:Connection.Url)/teams/$cmdletName"
    Write-Verbose "POST $uri"
    try {
        # Bounded, as a service call is: a reply that never comes is an error to retry, not a session that hangs.
        $response = Invoke-WebRequest -Uri $uri -Method Post -Body $json -ContentType 'application/json' -TimeoutSec 120 `
            -Headers @{ Authorization = "Bearer $($script:Connection.Token)" } -SkipHttpErrorCheck -UseBasicParsing -Verbose:$false
    } catch {
        $record = [System.Management.Automation.ErrorRecord]::new($_.Exception, 'EmulatorUnreachable', [System.Management.Automation.ErrorCategory]::ConnectionError, $uri)
        $Caller.ThrowTerminatingError($record)
    }
    $status = [int]$response.StatusCode
    $content = if ($response.Content) { $response.Content | ConvertFrom-Json -Depth 64 } else { $null }
    if ($status -ge 400) {
        $code = 'Error'
        $message = "The emulator answered $status."
        if ($null -ne $content -and $content.PSObject.Properties['error']) {
            $code = [string]$content.error.code
            $message = [string]$content.error.message
        }
        if ($status -eq 429) {
            $retryAfter = @($response.Headers['Retry-After'])[0]
            $message = "$message (HTTP 429 TooManyRequests; Retry-After: $retryAfter)"
        } elseif ($status -ge 500) {
            $message = "$message (HTTP $status)"
        }
        $category = switch ($status) {
            401 { [System.Management.Automation.ErrorCategory]::AuthenticationError }
            403 { [System.Management.Automation.ErrorCategory]::PermissionDenied }
            404 { [System.Management.Automation.ErrorCategory]::ObjectNotFound }
            409 { [System.Management.Automation.ErrorCategory]::ResourceExists }
            default { [System.Management.Automation.ErrorCategory]::InvalidOperation }
        }
        $record = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($message), "$code,$cmdletName", $category, $status)
        $Caller.ThrowTerminatingError($record)
    }
    if ($null -ne $content -and $null -ne $content.value) { $content.value }
}

function Connect-MicrosoftTeams {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'UserCredential')]
    param(
        [Parameter(ParameterSetName = 'UserCredential')]
        [Parameter(ParameterSetName = 'AccessTokens')]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [string]$TenantId,
        [Parameter(ParameterSetName = 'UserCredential')][pscredential]$Credential,
        [Parameter(ParameterSetName = 'UserCredential')][string]$AccountId,
        [Parameter(ParameterSetName = 'UserCredential')][switch]$UseDeviceAuthentication,
        [Parameter(ParameterSetName = 'UserCredential')][switch]$DisableWAM,
        [Parameter(ParameterSetName = 'UserCredential')][ValidateSet('TeamsGCCH', 'TeamsDOD', 'TeamsChina')][string]$TeamsEnvironmentName,
        [Parameter(ParameterSetName = 'AccessTokens', Mandatory)][string[]]$AccessTokens,
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)][string]$CertificateThumbprint,
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [string]$ApplicationId,
        # An enum in Microsoft's module; logging is not emulated.
        [string]$LogLevel,
        [string]$LogFilePath
    )
    $url = Get-EmulatorUrl
    # -AccessTokens carries the Graph token first and the Teams token last [CONNECT]; the emulator accepts its own token for both.
    $token = if ($PSCmdlet.ParameterSetName -eq 'AccessTokens') { $AccessTokens[-1] } else { $env:VOICE_EMULATOR_TOKEN }
    if ([string]::IsNullOrWhiteSpace($token)) {
        # Interactive sign-in, emulated: the emulator hands its token to loopback callers.
        $token = (Invoke-RestMethod -Uri "$url/emulator/token" -Method Get).token
    }
    $script:Connection = [pscustomobject]@{ Url = $url; Token = $token }
    try {
        $tenant = Get-CsTenant -ErrorAction Stop
    } catch {
        $script:Connection = $null
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.UnauthorizedAccessException]::new("Connect-MicrosoftTeams failed: $($_.Exception.Message)"), 'ConnectFailed',
            [System.Management.Automation.ErrorCategory]::AuthenticationError, $url))
    }
    $domain = @($tenant.VerifiedDomains | Where-Object { $_.Name -like '*.onmicrosoft.com' } | Select-Object -First 1 -ExpandProperty Name)
    [pscustomobject]@{
        Account      = if ($AccountId) { $AccountId } else { "admin@$($domain[0])" }
        Environment  = 'AzureCloud'
        Tenant       = $tenant.TenantId
        TenantId     = $tenant.TenantId
        TenantDomain = $domain[0]
    }
}

function Disconnect-MicrosoftTeams {
    [CmdletBinding(SupportsShouldProcess)]
    param()
    $script:Connection = $null
}

function Get-CsTenant {
    [CmdletBinding()]
    param(
        [string]$Filter,
        [string]$DomainController,
        [Parameter(Position = 0)][string]$Identity,
        [int]$ResultSize
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

# --- Users and resource accounts [NEW-APPINST, SET-APPINST, GET-APPINST, ASSOC] ---

function Get-CsOnlineUser {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [string]$Filter,
        [string]$AccountType,
        # A number or 'Unlimited' (Microsoft's Unlimited type).
        [object]$ResultSize,
        [string]$Properties,
        [switch]$SkipUserPolicies,
        [switch]$SoftDeletedUser,
        # A sort expression: the page's table types it String; its SYNTAX shows a bare [-Sort].
        [string]$Sort
    )
    process { Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters }
}

function Get-CsOnlineApplicationInstance {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(ValueFromPipelineByPropertyName)][string]$Identity,
        [string]$Identities,
        [int]$ResultSize,
        [int]$Skip,
        [switch]$Force
    )
    process { Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters }
}

function New-CsOnlineApplicationInstance {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string]$UserPrincipalName,
        [Parameter(Position = 1)][guid]$ApplicationId,
        [Parameter(Position = 2)][string]$DisplayName,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($UserPrincipalName, 'New-CsOnlineApplicationInstance')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsOnlineApplicationInstance {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [Parameter(Position = 1)][string]$OnpremPhoneNumber,
        [Parameter(Position = 2)][guid]$ApplicationId,
        [guid]$AcsResourceId,
        [Parameter(Position = 3)][string]$DisplayName,
        [switch]$Force
    )
    process {
        if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsOnlineApplicationInstance')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function New-CsOnlineApplicationInstanceAssociation {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string[]]$Identities,
        [Parameter(Mandatory)][string]$ConfigurationId,
        [Parameter(Mandatory)][ValidateSet('AutoAttendant', 'CallQueue')][object]$ConfigurationType,
        [ValidateRange(1, 5)][int16]$CallPriority,
        [guid]$Tenant
    )
    if ($PSCmdlet.ShouldProcess(($Identities -join ','), 'New-CsOnlineApplicationInstanceAssociation')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

# --- Phone numbers [SET-PNA, REM-PNA, GET-PNA] ---

function Get-CsPhoneNumberAssignment {
    [CmdletBinding()]
    param(
        [string]$ActivationState,
        [string]$AssignedPstnTargetId,
        [ValidateSet('Primary', 'Private', 'Alternate')][string]$AssignmentCategory,
        [string]$CapabilitiesContain,
        [string]$CivicAddressId,
        [string]$Filter,
        [string]$IsoCountryCode,
        [string]$LocationId,
        [string]$NetworkSiteId,
        [ValidateSet('DirectRouting', 'CallingPlan', 'OperatorConnect')][string]$NumberType,
        [ValidateSet('Unassigned', 'UserAssigned', 'ConferenceAssigned', 'VoiceApplicationAssigned', 'ThirdPartyAppAssigned', 'PolicyAssigned')][string]$PstnAssignmentStatus,
        [string]$TelephoneNumber,
        [string]$TelephoneNumberContain,
        [string]$TelephoneNumberGreaterThan,
        [string]$TelephoneNumberLessThan,
        [string]$TelephoneNumberStartsWith,
        [int]$Skip,
        [int]$Top,
        [switch]$Break,
        [object[]]$HttpPipelineAppend,
        [object[]]$HttpPipelinePrepend,
        [uri]$Proxy,
        [pscredential]$ProxyCredential,
        [switch]$ProxyUseDefaultCredentials
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsPhoneNumberAssignment {
    [CmdletBinding(DefaultParameterSetName = 'LocationUpdate')]
    param(
        [Parameter(ParameterSetName = 'Assignment', Mandatory)]
        [Parameter(ParameterSetName = 'Attribute', Mandatory)]
        [string]$Identity,
        [Parameter(ParameterSetName = 'Assignment', Mandatory)]
        [Parameter(ParameterSetName = 'LocationUpdate', Mandatory)]
        [Parameter(ParameterSetName = 'NetworkSiteUpdate', Mandatory)]
        [Parameter(ParameterSetName = 'ReverseNumberLookupUpdate', Mandatory)]
        [Alias('PhoneNumber')][string]$TelephoneNumber,
        [Parameter(ParameterSetName = 'Assignment', Mandatory)]
        [Alias('PhoneNumberType')][ValidateSet('DirectRouting', 'CallingPlan', 'OperatorConnect')][string]$NumberType,
        [Parameter(ParameterSetName = 'Assignment')]
        [Parameter(ParameterSetName = 'LocationUpdate', Mandatory)]
        [string]$LocationId,
        [Parameter(ParameterSetName = 'Assignment')]
        [Parameter(ParameterSetName = 'NetworkSiteUpdate', Mandatory)]
        [string]$NetworkSiteId,
        [Parameter(ParameterSetName = 'Assignment')][ValidateSet('Primary', 'Private', 'Alternate')][string]$AssignmentCategory,
        [Parameter(ParameterSetName = 'Assignment')]
        [Parameter(ParameterSetName = 'ReverseNumberLookupUpdate', Mandatory)]
        [ValidateSet('SkipInternalVoip')][string]$ReverseNumberLookup,
        [Parameter(ParameterSetName = 'Assignment')][switch]$Notify,
        [Parameter(ParameterSetName = 'Attribute', Mandatory)][bool]$EnterpriseVoiceEnabled,
        [object[]]$HttpPipelinePrepend
    )
    $target = if ($Identity) { $Identity } else { $TelephoneNumber }
    if ($PSCmdlet.ShouldProcess($target, 'Set-CsPhoneNumberAssignment')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Remove-CsPhoneNumberAssignment {
    [CmdletBinding(DefaultParameterSetName = 'RemoveSome')]
    param(
        [Parameter(Mandatory)][string]$Identity,
        [Parameter(ParameterSetName = 'RemoveSome', Mandatory)][Alias('PhoneNumber')][string]$TelephoneNumber,
        [Parameter(ParameterSetName = 'RemoveSome', Mandatory)][Alias('PhoneNumberType')][ValidateSet('DirectRouting', 'CallingPlan', 'OperatorConnect')][string]$NumberType,
        [switch]$Notify,
        [Parameter(ParameterSetName = 'RemoveSome')][switch]$AssignmentBlockedForever,
        [Parameter(ParameterSetName = 'RemoveSome')][ValidateRange(1, 365)][int]$AssignmentBlockedDays,
        [Parameter(ParameterSetName = 'RemoveAll', Mandatory)][switch]$RemoveAll,
        [object[]]$HttpPipelinePrepend
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Remove-CsPhoneNumberAssignment')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

# --- Emergency addresses [CIVIC-NEW, LOC-NEW] ---

function Get-CsOnlineLisCivicAddress {
    [CmdletBinding()]
    param(
        [guid]$CivicAddressId,
        [string]$AssignmentStatus,
        [string]$City,
        [string]$CountryOrRegion,
        [string]$Description,
        [string]$ValidationStatus,
        [guid]$LocationId,
        [int]$NumberOfResultsToSkip,
        [long]$ResultSize,
        [switch]$PopulateNumberOfTelephoneNumbers,
        [switch]$PopulateNumberOfVoiceUsers,
        [switch]$Force
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineLisCivicAddress {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][string]$CompanyName,
        [Parameter(Mandatory)][string]$CountryOrRegion,
        [string]$City,
        [string]$CityAlias,
        [string]$CompanyTaxId,
        [string]$Confidence,
        [string]$Description,
        [string]$Elin,
        [string]$HouseNumber,
        [string]$HouseNumberSuffix,
        [string]$IsAzureMapValidationRequired,
        # [CONFLICT] optional in SYNTAX, Required: True in the table: the contract takes mandatory.
        [Parameter(Mandatory)][string]$Latitude,
        [Parameter(Mandatory)][string]$Longitude,
        [string]$PostalCode,
        [string]$PostDirectional,
        [string]$PreDirectional,
        [string]$StateOrProvince,
        [string]$StreetName,
        [string]$StreetSuffix,
        [string]$ValidationStatus,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($CompanyName, 'New-CsOnlineLisCivicAddress')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsOnlineLisCivicAddress {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][guid]$CivicAddressId,
        [string]$CompanyName,
        [string]$CompanyTaxId,
        [string]$HouseNumber,
        [string]$HouseNumberSuffix,
        [string]$StreetName,
        [string]$StreetSuffix,
        [string]$PreDirectional,
        [string]$PostDirectional,
        [string]$City,
        [string]$CityAlias,
        [string]$StateOrProvince,
        [string]$CountryOrRegion,
        [string]$PostalCode,
        [string]$Description,
        [string]$ValidationStatus,
        [string]$Latitude,
        [string]$Longitude,
        [string]$Confidence,
        [string]$Elin,
        [string]$IsAzureMapValidationRequired,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($CivicAddressId.ToString(), 'Set-CsOnlineLisCivicAddress')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineLisLocation {
    [CmdletBinding(DefaultParameterSetName = 'GetByLocationID')]
    param(
        [Parameter(ParameterSetName = 'UseLocationId')][guid]$LocationId,
        [Parameter(ParameterSetName = 'UseCivicAddressId', Mandatory)][guid]$CivicAddressId,
        [Parameter(ParameterSetName = 'UseLocation', Mandatory)][string]$Location,
        [string]$AssignmentStatus,
        [string]$City,
        [string]$CountryOrRegion,
        [string]$Description,
        [string]$ValidationStatus,
        [int]$NumberOfResultsToSkip,
        [long]$ResultSize,
        [switch]$PopulateNumberOfTelephoneNumbers,
        [switch]$PopulateNumberOfVoiceUsers,
        [switch]$Force
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineLisLocation {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][guid]$CivicAddressId,
        [Parameter(Mandatory)][string]$Location,
        [string]$Elin,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($Location, 'New-CsOnlineLisLocation')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

# --- Direct Routing [GW-NEW, USAGE-SET, VROUTE-NEW, OVRP-NEW, OVRP-GRANT] ---

function Get-CsOnlinePSTNGateway {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlinePSTNGateway {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$Fqdn,
        [Parameter(Mandatory)][int]$SipSignalingPort,
        [bool]$Enabled,
        [int]$MaxConcurrentSessions,
        [string]$Description,
        [bool]$ForwardCallHistory,
        [bool]$ForwardPai,
        [bool]$SendSipOptions,
        [bool]$MediaBypass,
        [ValidateSet('Always', 'OnlyForLocalUsers')][string]$BypassMode,
        [string]$ProxySbc,
        [string]$GatewaySiteId,
        [bool]$GatewaySiteLbrEnabled,
        [int]$FailoverTimeSeconds,
        [string]$FailoverResponseCodes,
        [bool]$PidfLoSupported,
        [string]$MediaRelayRoutingLocationOverride,
        [bool]$GatewayLbrEnabledUserOverride,
        [string]$IPAddressVersion,
        [object]$InboundPstnNumberTranslationRules,
        [object]$InboundTeamsNumberTranslationRules,
        [object]$OutboundPstnNumberTranslationRules,
        [object]$OutboundTeamsNumberTranslationRules
    )
    $name = if ($Fqdn) { $Fqdn } else { $Identity }
    if ($PSCmdlet.ShouldProcess($name, 'New-CsOnlinePSTNGateway')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

# Identity optional in the documented syntax ([[-Identity] <string>]); the emulator refuses a call without it.
function Set-CsOnlinePSTNGateway {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [int]$SipSignalingPort,
        [bool]$Enabled,
        [int]$MaxConcurrentSessions,
        [string]$Description,
        [bool]$ForwardCallHistory,
        [bool]$ForwardPai,
        [bool]$SendSipOptions,
        [bool]$MediaBypass,
        [ValidateSet('None', 'Always', 'OnlyForLocalUsers')][string]$BypassMode,
        [string]$ProxySbc,
        [string]$GatewaySiteId,
        [bool]$GatewaySiteLbrEnabled,
        [bool]$GatewayLbrEnabledUserOverride,
        [int]$FailoverTimeSeconds,
        [string]$FailoverResponseCodes,
        [bool]$PidfLoSupported,
        [string]$MediaRelayRoutingLocationOverride,
        [ValidateSet('IPv4', 'IPv6')][string]$IPAddressVersion,
        [object]$InboundPstnNumberTranslationRules,
        [object]$InboundTeamsNumberTranslationRules,
        [object]$OutboundPstnNumberTranslationRules,
        [object]$OutboundTeamsNumberTranslationRules
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsOnlinePSTNGateway')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlinePstnUsage {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsOnlinePstnUsage {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0)][string]$Identity = 'Global',
        [object]$Usage
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'Usage' -Value $Usage
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsOnlinePstnUsage')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineVoiceRoute {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineVoiceRoute {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$Name,
        [string]$NumberPattern,
        [object]$OnlinePstnGatewayList,
        [object]$OnlinePstnUsages,
        [int]$Priority,
        [string]$Description,
        [string]$BridgeSourcePhoneNumber
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnGatewayList' -Value $OnlinePstnGatewayList
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnUsages' -Value $OnlinePstnUsages
    if ($PSCmdlet.ShouldProcess($Identity, 'New-CsOnlineVoiceRoute')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsOnlineVoiceRoute {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0)][string]$Identity,
        [string]$NumberPattern,
        [object]$OnlinePstnGatewayList,
        [object]$OnlinePstnUsages,
        [int]$Priority,
        [string]$Description,
        [string]$BridgeSourcePhoneNumber
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnGatewayList' -Value $OnlinePstnGatewayList
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnUsages' -Value $OnlinePstnUsages
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsOnlineVoiceRoute')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineVoiceRoutingPolicy {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineVoiceRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Identity,
        [object]$OnlinePstnUsages,
        [string]$Description,
        [ValidateSet('BYOT', 'Hybrid')][string]$RouteType
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnUsages' -Value $OnlinePstnUsages
    if ($PSCmdlet.ShouldProcess($Identity, 'New-CsOnlineVoiceRoutingPolicy')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsOnlineVoiceRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [object]$OnlinePstnUsages,
        [string]$Description,
        [ValidateSet('BYOT', 'Hybrid')][string]$RouteType
    )
    process {
        Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'OnlinePstnUsages' -Value $OnlinePstnUsages
        if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsOnlineVoiceRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Grant-CsOnlineVoiceRoutingPolicy {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [Parameter(ParameterSetName = 'GrantToGroup', Mandatory, Position = 0)][string]$Group,
        [Parameter(ParameterSetName = 'GrantToTenant')][switch]$Global,
        # [CONFLICT] optional in SYNTAX, Required: True in the table: mandatory ($null unassigns).
        [Parameter(Mandatory, Position = 1)][AllowNull()][string]$PolicyName,
        [Parameter(ParameterSetName = 'GrantToGroup')][int]$Rank,
        [switch]$PassThru
    )
    process {
        if ($PSCmdlet.ShouldProcess((Get-GrantTarget $PSCmdlet.ParameterSetName $Identity $Group), 'Grant-CsOnlineVoiceRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Get-GrantTarget {
    param([string]$ParameterSetName, [string]$Identity, [string]$Group)
    switch ($ParameterSetName) { 'GrantToGroup' { "group $Group" } 'GrantToTenant' { 'tenant (Global)' } default { $Identity } }
}

# --- Auto attendants [AA-NEW, AA-SET, AA-GET, AA-CALLFLOW, AA-MENU, AA-MENUOPT, AA-DIALSCOPE, AA-ENTITY] ---
# The New-CsAutoAttendant* builders make objects in memory only; the emulator validates them without storing them.

function New-CsAutoAttendantCallableEntity {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Identity,
        [Parameter(Mandatory)][ValidateSet('User', 'ApplicationEndpoint', 'ConfigurationEndpoint', 'ExternalPstn', 'SharedVoicemail')][string]$Type,
        [guid]$Tenant,
        [switch]$EnableTranscription,
        [switch]$EnableSharedVoicemailSystemPromptSuppression,
        [int16]$CallPriority,
        [string]$SharedVoicemailHistoryTemplateId
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsAutoAttendantMenuOption {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][object[]]$Action,
        [object[]]$DtmfResponse,
        [object[]]$VoiceResponses,
        [object]$CallTarget,
        [object]$Prompt,
        [string]$MainlineAttendantTarget,
        [string]$Description,
        [object[]]$AgentTargetType,
        [string]$AgentTarget,
        [string]$AgentTargetTagTemplateId,
        [guid]$Tenant
    )
    # One action and one key per option: the lists arrive as their one value.
    $body = @{}
    foreach ($key in $PSBoundParameters.Keys) { $body[$key] = $PSBoundParameters[$key] }
    foreach ($key in @('Action', 'DtmfResponse', 'AgentTargetType')) { if ($body.ContainsKey($key)) { $body[$key] = [string]@($body[$key])[0] } }
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $body
}

function New-CsAutoAttendantMenu {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Name,
        [object[]]$MenuOptions,
        [object[]]$Prompts,
        [switch]$EnableDialByName,
        [guid]$Tenant,
        [ValidateSet('None', 'ByName', 'ByExtension')][string]$DirectorySearchMethod
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsAutoAttendantCallFlow {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Name,
        [Parameter(Mandatory)][object]$Menu,
        [object[]]$Greetings,
        [switch]$ForceListenMenuEnabled,
        [bool]$RingResourceAccountDelegates,
        [int16]$TimeoutThreshold,
        [string]$TimeoutDisconnectPromptType,
        [string]$TimeoutDisconnectPromptCustomText,
        [string]$AiDisclaimerType,
        [string]$AiDisclaimerCustomText,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsAutoAttendantDialScope {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][switch]$GroupScope,
        [Parameter(Mandatory)][object[]]$GroupIds,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsAutoAttendant {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Name,
        [Parameter(Mandatory)][string]$LanguageId,
        [Parameter(Mandatory)][string]$TimeZoneId,
        [Parameter(Mandatory)][object]$DefaultCallFlow,
        [object]$CallFlows,
        [object]$CallHandlingAssociations,
        [object]$Operator,
        [string]$VoiceId,
        [switch]$EnableVoiceResponse,
        [switch]$EnableMainlineAttendant,
        [string]$MainlineAttendantAgentVoiceId,
        [object]$InclusionScope,
        [object]$ExclusionScope,
        [object[]]$AuthorizedUsers,
        [object[]]$HideAuthorizedUsers,
        [string]$UserNameExtension,
        [string]$AutoRecordingTemplateId,
        [string]$SharedVoicemailTriageSettingsTemplateId,
        [string]$SpamDetectionTemplateId,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsAutoAttendant {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][object]$Instance,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Get-CsAutoAttendant {
    [CmdletBinding()]
    param(
        [string]$Identity,
        [uint32]$First,
        [uint32]$Skip,
        [string]$NameFilter,
        [string]$SortBy,
        [switch]$Descending,
        [switch]$IncludeStatus,
        [switch]$ExcludeContent,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

# --- Business hours and holidays [AA-SCHEDULE, AA-TIMERANGE, AA-DATERANGE, AA-CHA] ---
# Time ranges, date-time ranges and call handling associations are built in memory; New-CsOnlineSchedule stores a schedule.

function New-CsOnlineTimeRange {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][timespan]$Start,
        [Parameter(Mandatory)][timespan]$End,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineDateTimeRange {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$Start,
        [string]$End,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsOnlineSchedule {
    [CmdletBinding(DefaultParameterSetName = 'WeeklyRecurrentSchedule')]
    param(
        [Parameter(Mandatory)][string]$Name,
        [Parameter(Mandatory, ParameterSetName = 'WeeklyRecurrentSchedule')][switch]$WeeklyRecurrentSchedule,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$MondayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$TuesdayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$WednesdayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$ThursdayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$FridayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$SaturdayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][object[]]$SundayHours,
        [Parameter(ParameterSetName = 'WeeklyRecurrentSchedule')][switch]$Complement,
        [Parameter(Mandatory, ParameterSetName = 'FixedSchedule')][switch]$FixedSchedule,
        [Parameter(ParameterSetName = 'FixedSchedule')][object[]]$DateTimeRanges,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsAutoAttendantCallHandlingAssociation {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string]$CallFlowId,
        [Parameter(Mandatory)][string]$ScheduleId,
        [Parameter(Mandatory)][ValidateSet('AfterHours', 'Holiday')][object]$Type,
        [switch]$Disable,
        [guid]$Tenant
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

# --- Call queues [CQ-GET] ---
# -NameFilter and -Sort are Required in the page's table (its Example 1 calls neither): bound as the safe reading.

function Get-CsCallQueue {
    [CmdletBinding()]
    param(
        [guid]$Identity,
        [guid]$Tenant,
        [int]$First,
        [int]$Skip,
        [switch]$ExcludeContent,
        [Parameter(Mandatory)][string]$Sort,
        [switch]$Descending,
        [Parameter(Mandatory)][string]$NameFilter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

# --- Emergency routing [EN-NEW, ECRP-NEW, ECRP-GRANT] ---

function New-CsTeamsEmergencyNumber {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string]$EmergencyDialString,
        [string]$EmergencyDialMask,
        [string]$OnlinePSTNUsage
    )
    # The object lives only in memory [EN-NEW]; the emulator validates it without storing it.
    $number = Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    $number.PSObject.TypeNames.Insert(0, 'Microsoft.Teams.Policy.Administration.Cmdlets.Core.TeamsEmergencyNumber')
    $number
}

function Get-CsTeamsEmergencyCallRoutingPolicy {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTeamsEmergencyCallRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Identity,
        [bool]$AllowEnhancedEmergencyServices,
        [ValidateLength(0, 512)][string]$Description,
        [object]$EmergencyNumbers
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'EmergencyNumbers' -Value $EmergencyNumbers
    if ($PSCmdlet.ShouldProcess($Identity, 'New-CsTeamsEmergencyCallRoutingPolicy')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTeamsEmergencyCallRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [bool]$AllowEnhancedEmergencyServices,
        [ValidateLength(0, 512)][string]$Description,
        [object]$EmergencyNumbers
    )
    process {
        Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'EmergencyNumbers' -Value $EmergencyNumbers
        if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTeamsEmergencyCallRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Grant-CsTeamsEmergencyCallRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'GrantToTenant')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [Parameter(ParameterSetName = 'GrantToGroup', Mandatory, Position = 0)][string]$Group,
        [Parameter(ParameterSetName = 'GrantToTenant')][switch]$Global,
        # [CONFLICT] optional in SYNTAX, Required: True in the table: mandatory ($null unassigns).
        [Parameter(Mandatory, Position = 1)][AllowNull()][string]$PolicyName,
        [Parameter(ParameterSetName = 'GrantToGroup')][int]$Rank,
        [switch]$PassThru
    )
    process {
        if ($PSCmdlet.ShouldProcess((Get-GrantTarget $PSCmdlet.ParameterSetName $Identity $Group), 'Grant-CsTeamsEmergencyCallRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

# --- Emergency calling policy: who is notified of an emergency call [ECP-NEW, ECP-SET, ECP-GET, ECP-GRANT] ---

function Get-CsTeamsEmergencyCallingPolicy {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTeamsEmergencyCallingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Identity,
        [object]$ExtendedNotifications,
        [string]$NotificationGroup,
        [string]$NotificationDialOutNumber,
        [ValidateSet('Disabled', 'Enabled')][string]$ExternalLocationLookupMode,
        [ValidateSet('NotificationOnly', 'ConferenceMuted', 'ConferenceUnMuted')][string]$NotificationMode,
        [ValidateLength(0, 350)][string]$EnhancedEmergencyServiceDisclaimer,
        [ValidateLength(0, 512)][string]$Description,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'New-CsTeamsEmergencyCallingPolicy')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTeamsEmergencyCallingPolicy {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [object]$ExtendedNotifications,
        [string]$NotificationGroup,
        [string]$NotificationDialOutNumber,
        [ValidateSet('Disabled', 'Enabled')][string]$ExternalLocationLookupMode,
        [ValidateSet('NotificationOnly', 'ConferenceMuted', 'ConferenceUnMuted')][string]$NotificationMode,
        [ValidateLength(0, 350)][string]$EnhancedEmergencyServiceDisclaimer,
        [ValidateLength(0, 512)][string]$Description,
        [switch]$Force
    )
    process {
        if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTeamsEmergencyCallingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Grant-CsTeamsEmergencyCallingPolicy {
    # Group assignment of this type is documented without dispute (module 4.5.1-preview or later) [ECP-GRANT].
    # The page's Identity syntax block names another cmdlet (Grant-CsTeamsCallingPolicy), so the contract
    # keeps only GrantToTenant and GrantToGroup; per-user grants are not declared here until it is fixed.
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'GrantToTenant')]
    param(
        [Parameter(ParameterSetName = 'GrantToGroup', Mandatory, Position = 0)][string]$Group,
        [Parameter(ParameterSetName = 'GrantToTenant')][switch]$Global,
        [Parameter(Position = 1)][AllowNull()][string]$PolicyName,
        [Parameter(ParameterSetName = 'GrantToGroup')][int]$Rank,
        [switch]$PassThru
    )
    process {
        if ($PSCmdlet.ShouldProcess((Get-GrantTarget $PSCmdlet.ParameterSetName '' $Group), 'Grant-CsTeamsEmergencyCallingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

# --- Shared Calling [NEW-SCRP, SET-SCRP, GET-SCRP, REM-SCRP, GRANT-SCRP] ---

function Get-CsTeamsSharedCallingRoutingPolicy {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTeamsSharedCallingRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)][string]$Identity,
        [object]$EmergencyNumbers,
        # [CONFLICT] optional in SYNTAX, Required: True in the table: mandatory.
        [Parameter(Mandatory)][string]$ResourceAccount,
        [string]$Description,
        [switch]$Force
    )
    Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'EmergencyNumbers' -Value $EmergencyNumbers
    if ($PSCmdlet.ShouldProcess($Identity, 'New-CsTeamsSharedCallingRoutingPolicy')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTeamsSharedCallingRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [object]$EmergencyNumbers,
        # [CONFLICT] optional in SYNTAX, Required: True in the table: mandatory.
        [Parameter(Mandatory)][string]$ResourceAccount,
        [string]$Description,
        [switch]$Force
    )
    process {
        Assert-AddRemoveOnly -Caller $PSCmdlet -Parameter 'EmergencyNumbers' -Value $EmergencyNumbers
        if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTeamsSharedCallingRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Remove-CsTeamsSharedCallingRoutingPolicy {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [switch]$Force
    )
    process {
        if ($PSCmdlet.ShouldProcess($Identity, 'Remove-CsTeamsSharedCallingRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

function Grant-CsTeamsSharedCallingRoutingPolicy {
    # The documented default set 'Identity' takes no parameters; no -PassThru, and -Force only with -Global [GRANT-SCRP].
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'GrantToUser', Mandatory, ValueFromPipelineByPropertyName)][string]$Identity,
        [Parameter(ParameterSetName = 'GrantToGroup', Mandatory, Position = 0)][string]$Group,
        [Parameter(ParameterSetName = 'GrantToTenant', Mandatory)][switch]$Global,
        [Parameter(ParameterSetName = 'GrantToUser')]
        [Parameter(ParameterSetName = 'GrantToTenant')]
        [Parameter(ParameterSetName = 'GrantToGroup')]
        [AllowNull()][string]$PolicyName,
        # [CONFLICT] mandatory in the GrantToGroup syntax, "Required: False" in the table [GRANT-SCRP]: the syntax is followed.
        [Parameter(ParameterSetName = 'GrantToGroup', Mandatory)][int]$Rank,
        [Parameter(ParameterSetName = 'GrantToTenant')][switch]$Force
    )
    process {
        if ($PSCmdlet.ShouldProcess((Get-GrantTarget $PSCmdlet.ParameterSetName $Identity $Group), 'Grant-CsTeamsSharedCallingRoutingPolicy')) {
            Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
        }
    }
}

# --- Read-back of assignments [GPA-GET, GPA-NEW] ---

function Get-CsGroupPolicyAssignment {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string]$GroupId,
        [Parameter(Position = 1)][string]$PolicyType
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Get-CsUserPolicyAssignment {
    [CmdletBinding(DefaultParameterSetName = 'Get')]
    param(
        [Parameter(ParameterSetName = 'Get', Mandatory, Position = 0, ValueFromPipelineByPropertyName)][string]$Identity,
        [Parameter(ParameterSetName = 'GetViaIdentity', Mandatory, ValueFromPipeline)][object]$InputObject,
        [string]$PolicyType,
        [switch]$Break,
        [object[]]$HttpPipelineAppend,
        [object[]]$HttpPipelinePrepend,
        [uri]$Proxy,
        [pscredential]$ProxyCredential,
        [switch]$ProxyUseDefaultCredentials
    )
    process { Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters }
}

function Remove-CsGroupPolicyAssignment {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][string]$GroupId,
        [Parameter(Mandatory)][string]$PolicyType,
        [switch]$PassThru,
        [switch]$Break,
        [object[]]$HttpPipelineAppend,
        [object[]]$HttpPipelinePrepend,
        [uri]$Proxy,
        [pscredential]$ProxyCredential,
        [switch]$ProxyUseDefaultCredentials
    )
    if ($PSCmdlet.ShouldProcess("group $GroupId", "Remove-CsGroupPolicyAssignment ($PolicyType)")) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters | Out-Null
        if ($PassThru) { $true }
    }
}

# --- Dynamic emergency calling [TRUSTIP-NEW, NETREGION-NEW, NETSITE-NEW, NETSUBNET-NEW,
#     LISSUBNET-SET, LISWAP-SET, LISSWITCH-SET, LISPORT-SET]: the documented parameter sets ---

function Get-CsTenantTrustedIPAddress {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 1)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter,
        [guid]$Tenant,
        [switch]$LocalStore
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTenantTrustedIPAddress {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 1)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$IPAddress,
        [int]$MaskBits,
        [string]$Description,
        [guid]$Tenant,
        [switch]$Force
    )
    $name = if ($IPAddress) { $IPAddress } else { $Identity }
    if ($PSCmdlet.ShouldProcess($name, 'New-CsTenantTrustedIPAddress')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTenantTrustedIPAddress {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 1)][string]$Identity,
        [Parameter(ParameterSetName = 'Instance')][psobject]$Instance,
        [int]$MaskBits,
        [string]$Description,
        [guid]$Tenant,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTenantTrustedIPAddress')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsTenantNetworkRegion {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTenantNetworkRegion {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$NetworkRegionID,
        [string]$BypassID,
        [string]$CentralSite,
        [string]$Description
    )
    $name = if ($NetworkRegionID) { $NetworkRegionID } else { $Identity }
    if ($PSCmdlet.ShouldProcess($name, 'New-CsTenantNetworkRegion')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTenantNetworkRegion {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity')][string]$Identity,
        [string]$CentralSite,
        [string]$Description,
        [string]$NetworkRegionID
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTenantNetworkRegion')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsTenantNetworkSite {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        # Microsoft's SYNTAX lists the Filter set twice, as Filter and as QueryParameter.
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'QueryParameter')][string]$Filter,
        [bool]$IncludePhoneNumbers
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTenantNetworkSite {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$NetworkSiteID,
        [string]$Description,
        [string]$EmergencyCallingPolicy,
        [string]$EmergencyCallRoutingPolicy,
        [bool]$EnableLocationBasedRouting,
        [string]$LocationPolicy,
        [string]$NetworkRegionID,
        [string]$NetworkRoamingPolicy,
        [string]$SiteAddress
    )
    $name = if ($NetworkSiteID) { $NetworkSiteID } else { $Identity }
    if ($PSCmdlet.ShouldProcess($name, 'New-CsTenantNetworkSite')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTenantNetworkSite {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [string]$Identity,
        [string]$Description,
        [string]$EmergencyCallingPolicy,
        [string]$EmergencyCallRoutingPolicy,
        [bool]$EnableLocationBasedRouting,
        [string]$LocationPolicy,
        [string]$NetworkRegionID,
        [string]$NetworkRoamingPolicy
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTenantNetworkSite')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsTenantNetworkSubnet {
    [CmdletBinding(DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'Filter')][string]$Filter
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function New-CsTenantNetworkSubnet {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Mandatory, Position = 0)][string]$Identity,
        [Parameter(ParameterSetName = 'ParentAndRelativeKey', Mandatory)][string]$SubnetID,
        [Parameter(Mandatory)][int]$MaskBits,
        [string]$Description,
        [string]$NetworkSiteID
    )
    $name = if ($SubnetID) { $SubnetID } else { $Identity }
    if ($PSCmdlet.ShouldProcess($name, 'New-CsTenantNetworkSubnet')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Set-CsTenantNetworkSubnet {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Identity')]
    param(
        [Parameter(ParameterSetName = 'Identity', Position = 1)][string]$Identity,
        [string]$Description,
        [int]$MaskBits,
        [string]$NetworkSiteID
    )
    if ($PSCmdlet.ShouldProcess($Identity, 'Set-CsTenantNetworkSubnet')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineLisSubnet {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][guid]$TenantId,
        [Parameter(Position = 1)][string]$Subnet,
        [bool]$IsDebug,
        [string]$TargetStore,
        [string]$NCSApiUrl,
        [switch]$Force
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsOnlineLisSubnet {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0)][guid]$TenantId,
        [Parameter(Mandatory, Position = 1)][string]$Subnet,
        [Parameter(Mandatory)][guid]$LocationId,
        [string]$Description,
        [bool]$IsDebug,
        [string]$TargetStore,
        [string]$NCSApiUrl,
        [switch]$Force
    )
    if ($PSCmdlet.ShouldProcess($Subnet, 'Set-CsOnlineLisSubnet')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineLisWirelessAccessPoint {
    [CmdletBinding()]
    param(
        [Parameter(Position = 1)][string]$BSSID,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsOnlineLisWirelessAccessPoint {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 1)][string]$BSSID,
        [Parameter(Mandatory)][guid]$LocationId,
        [string]$Description,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    if ($PSCmdlet.ShouldProcess($BSSID, 'Set-CsOnlineLisWirelessAccessPoint')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineLisSwitch {
    [CmdletBinding()]
    param(
        [Parameter(Position = 1)][string]$ChassisID,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsOnlineLisSwitch {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 1)][string]$ChassisID,
        [Parameter(Mandatory)][guid]$LocationId,
        [string]$Description,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    if ($PSCmdlet.ShouldProcess($ChassisID, 'Set-CsOnlineLisSwitch')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}

function Get-CsOnlineLisPort {
    [CmdletBinding()]
    param(
        [Parameter(Position = 1)][string]$ChassisID,
        [string]$PortID,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
}

function Set-CsOnlineLisPort {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 1)][string]$ChassisID,
        [Parameter(Mandatory)][string]$PortID,
        [Parameter(Mandatory)][guid]$LocationId,
        [string]$Description,
        [switch]$Force,
        [bool]$IsDebug,
        [string]$NCSApiUrl,
        [string]$TargetStore
    )
    if ($PSCmdlet.ShouldProcess("$ChassisID $PortID", 'Set-CsOnlineLisPort')) {
        Invoke-CsEmulator -Caller $PSCmdlet -BoundParameters $PSBoundParameters
    }
}
