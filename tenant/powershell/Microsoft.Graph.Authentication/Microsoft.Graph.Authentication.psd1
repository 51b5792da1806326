# Stand-in for Microsoft.Graph.Authentication, for tests and rehearsal against the local tenant
# emulator (voice emulator). Not Microsoft's module: it talks only to $env:VOICE_EMULATOR_URL.
@{
    RootModule        = 'Microsoft.Graph.Authentication.psm1'
    ModuleVersion     = '2.25.0'
    GUID              = '3c1f5e0a-8d2b-4b7e-9a61-0f2d7c4e9b18'
    Author            = 'Shared Calling as code'
    CompanyName       = 'Shared Calling as code'
    Description       = 'Stand-in for Microsoft.Graph.Authentication that sends Graph requests to the local tenant emulator.'
    PowerShellVersion = '7.2'
    FunctionsToExport = @('Connect-MgGraph', 'Disconnect-MgGraph', 'Get-MgContext', 'Invoke-MgGraphRequest')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
