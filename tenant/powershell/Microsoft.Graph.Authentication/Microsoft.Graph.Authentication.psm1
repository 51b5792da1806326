# Stand-in Microsoft.Graph.Authentication: Connect-MgGraph, Get-MgContext and Invoke-MgGraphRequest
# with the real parameter names; requests go to the local tenant emulator's Graph surface
# ($env:VOICE_EMULATOR_URL), with https://graph.microsoft.com/ and relative /v1.0/... URIs rewritten to it.
Set-StrictMode -Version 3.0

$script:Context = $null

function Get-EmulatorUrl {
    $url = $env:VOICE_EMULATOR_URL
    if ([string]::IsNullOrWhiteSpace($url)) {
        throw "VOICE_EMULATOR_URL is not set. Start the emulator with 'voice emulator --env' and set the variables it prints."
    }
    $url.TrimEnd('/')
}

function Connect-MgGraph {
    [CmdletBinding(DefaultParameterSetName = 'UserParameterSet')]
    param(
        [Parameter(ParameterSetName = 'UserParameterSet', Position = 0)][string[]]$Scopes,
        [Parameter(ParameterSetName = 'UserParameterSet', Position = 1)]
        [Parameter(ParameterSetName = 'AppCertificateParameterSet', Mandatory, Position = 1)]
        [Alias('AppId', 'ApplicationId')][string]$ClientId,
        [Parameter(ParameterSetName = 'AppCertificateParameterSet')][Alias('CertificateSubject')][string]$CertificateSubjectName,
        [Parameter(ParameterSetName = 'AppCertificateParameterSet')][string]$CertificateThumbprint,
        [Parameter(ParameterSetName = 'AppCertificateParameterSet')][System.Security.Cryptography.X509Certificates.X509Certificate2]$Certificate,
        [Parameter(ParameterSetName = 'AppSecretCredentialParameterSet', Mandatory)][pscredential]$ClientSecretCredential,
        [Parameter(ParameterSetName = 'AccessTokenParameterSet', Mandatory, Position = 0)][securestring]$AccessToken,
        [Parameter(ParameterSetName = 'UserParameterSet')]
        [Parameter(ParameterSetName = 'AppCertificateParameterSet')]
        [Parameter(ParameterSetName = 'AppSecretCredentialParameterSet')]
        [Parameter(ParameterSetName = 'IdentityParameterSet')]
        [Alias('Audience', 'Tenant')][string]$TenantId,
        [Parameter(ParameterSetName = 'UserParameterSet')][Alias('UseDeviceAuthentication', 'DeviceCode', 'DeviceAuth', 'Device')][switch]$UseDeviceCode,
        [Parameter(ParameterSetName = 'IdentityParameterSet', Mandatory)][Alias('ManagedIdentity', 'ManagedServiceIdentity', 'MSI')][switch]$Identity,
        [Parameter(ParameterSetName = 'EnvironmentVariableParameterSet', Mandatory)][Alias('EnvVar')][switch]$EnvironmentVariable,
        [ValidateSet('Process', 'CurrentUser')][string]$ContextScope,
        [Alias('EnvironmentName', 'NationalCloud')][string]$Environment,
        [double]$ClientTimeout,
        [switch]$NoWelcome
    )
    $url = Get-EmulatorUrl
    $authType = 'Delegated'
    if ($PSCmdlet.ParameterSetName -eq 'AccessTokenParameterSet') {
        $token = [System.Net.NetworkCredential]::new('', $AccessToken).Password
        $authType = 'UserProvidedAccessToken'
    } else {
        $token = $env:VOICE_EMULATOR_TOKEN
        if ([string]::IsNullOrWhiteSpace($token)) { $token = (Invoke-RestMethod -Uri "$url/emulator/token" -Method Get).token }
        if ($PSCmdlet.ParameterSetName -ne 'UserParameterSet') { $authType = 'AppOnly' }
    }
    $script:Context = [pscustomobject]@{
        ClientId              = if ($ClientId) { $ClientId } else { '14d82eec-204b-4c2f-b7e8-296a70dab67e' }
        TenantId              = if ($TenantId) { $TenantId } else { $null }
        Scopes                = if ($Scopes) { @($Scopes) } else { @() }
        AuthType              = $authType
        TokenCredentialType   = if ($authType -eq 'UserProvidedAccessToken') { 'UserProvidedAccessToken' } else { 'InteractiveBrowser' }
        CertificateThumbprint = $CertificateThumbprint
        Account               = $null
        AppName               = 'Microsoft Graph Command Line Tools'
        ContextScope          = if ($ContextScope) { $ContextScope } else { 'Process' }
        Environment           = 'Global'
        EmulatorUrl           = $url
    }
    $script:Token = $token
    if (-not $NoWelcome) { Write-Host 'Welcome to Microsoft Graph! (local tenant emulator)' }
}

function Disconnect-MgGraph {
    [CmdletBinding()]
    param()
    $script:Context = $null
    $script:Token = $null
}

function Get-MgContext {
    [CmdletBinding()]
    param()
    if ($null -ne $script:Context) { $script:Context | Select-Object -Property * -ExcludeProperty EmulatorUrl }
}

function Resolve-GraphUri {
    param([string]$Uri, [string]$BaseUrl)
    if ($Uri -match '^https://graph\.microsoft\.com/(.*)$') { return "$BaseUrl/$($Matches[1])" }
    if ($Uri -match '^/?((v1\.0|beta)/.*)$') { return "$BaseUrl/$($Matches[1])" }
    throw "Invoke-MgGraphRequest: '$Uri' is neither a https://graph.microsoft.com/ URI nor a relative /v1.0/... or /beta/... URI."
}

function Invoke-MgGraphRequest {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(Position = 0)][ValidateSet('GET', 'POST', 'PUT', 'PATCH', 'DELETE')][string]$Method = 'GET',
        [Parameter(Mandatory, Position = 1)][string]$Uri,
        [Parameter(Position = 2)][object]$Body,
        [System.Collections.IDictionary]$Headers,
        [string]$ContentType = 'application/json',
        [ValidateSet('HashTable', 'PSObject', 'HttpResponseMessage', 'Json')][string]$OutputType = 'HashTable',
        [string]$OutputFilePath,
        [switch]$SkipHeaderValidation,
        [string]$StatusCodeVariable,
        [string]$ResponseHeadersVariable
    )
    if ($null -eq $script:Context) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
            [System.Security.Authentication.AuthenticationException]::new('Authentication needed. Please call Connect-MgGraph.'), 'NotConnected',
            [System.Management.Automation.ErrorCategory]::AuthenticationError, $null))
    }
    $target = Resolve-GraphUri -Uri $Uri -BaseUrl $script:Context.EmulatorUrl
    $requestHeaders = @{ Authorization = "Bearer $script:Token" }
    if ($Headers) { foreach ($key in $Headers.Keys) { $requestHeaders[$key] = $Headers[$key] } }
    $parameters = @{ Uri = $target; Method = $Method; Headers = $requestHeaders; SkipHttpErrorCheck = $true; UseBasicParsing = $true; Verbose = $false }
    if ($PSBoundParameters.ContainsKey('Body') -and $null -ne $Body) {
        $parameters.Body = if ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 20 -Compress }
        $parameters.ContentType = $ContentType
    }
    Write-Verbose "$Method $target"
    $response = Invoke-WebRequest @parameters
    $status = [int]$response.StatusCode
    if ($StatusCodeVariable) { Set-Variable -Name $StatusCodeVariable -Value $status -Scope 2 }
    if ($ResponseHeadersVariable) { Set-Variable -Name $ResponseHeadersVariable -Value $response.Headers -Scope 2 }
    if ($status -ge 400) {
        # Like the real module: an HttpResponseException whose Response carries the status and
        # headers (Retry-After on 429), and the Graph error body in ErrorDetails.
        $message = [System.Net.Http.HttpResponseMessage]::new([System.Net.HttpStatusCode]$status)
        $retryAfter = @($response.Headers['Retry-After'])[0]
        if ($retryAfter) { $message.Headers.TryAddWithoutValidation('Retry-After', [string]$retryAfter) | Out-Null }
        $reason = $message.ReasonPhrase
        $exception = [Microsoft.PowerShell.Commands.HttpResponseException]::new(
            "Response status code does not indicate success: $([System.Net.HttpStatusCode]$status) ($reason).", $message)
        $record = [System.Management.Automation.ErrorRecord]::new($exception, 'InvokeGraphHttpResponseException,Microsoft.Graph.PowerShell.Authentication.Cmdlets.InvokeMgGraphRequest',
            [System.Management.Automation.ErrorCategory]::InvalidOperation, $target)
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new([string]$response.Content)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $content = [string]$response.Content
    if ([string]::IsNullOrEmpty($content)) { return }
    if ($OutputFilePath) { Set-Content -LiteralPath $OutputFilePath -Value $content; return }
    switch ($OutputType) {
        'Json' { $content }
        'PSObject' { $content | ConvertFrom-Json -Depth 64 }
        'HttpResponseMessage' { $response }
        default { $content | ConvertFrom-Json -AsHashtable -Depth 64 }
    }
}
