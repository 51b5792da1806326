# Stand-in for Microsoft's MicrosoftTeams module, for tests and rehearsal against the local
# tenant emulator (voice emulator). Not Microsoft's module: it talks only to $env:VOICE_EMULATOR_URL.
@{
    RootModule        = 'MicrosoftTeams.psm1'
    # 7.5.0 satisfies '#Requires -Modules @{ModuleName='MicrosoftTeams';ModuleVersion='5.5.0'}' (Shared Calling needs >= 5.5.0).
    ModuleVersion     = '7.5.0'
    GUID              = '6a4b9e6e-2f5c-4d3a-9a53-6d6c1f8e3a57'
    Author            = 'Shared Calling as code'
    CompanyName       = 'Shared Calling as code'
    Description       = 'Stand-in for the MicrosoftTeams module that talks to the local Teams tenant emulator.'
    PowerShellVersion = '7.2'
    FunctionsToExport = @(
        'Connect-MicrosoftTeams', 'Disconnect-MicrosoftTeams',
        'Get-CsOnlineUser', 'Get-CsTenant',
        'Get-CsOnlineApplicationInstance', 'New-CsOnlineApplicationInstance', 'Set-CsOnlineApplicationInstance',
        'New-CsOnlineApplicationInstanceAssociation',
        'New-CsOnlineTimeRange', 'New-CsOnlineDateTimeRange', 'New-CsOnlineSchedule', 'New-CsAutoAttendantCallHandlingAssociation', 'Get-CsCallQueue',
        'Get-CsAutoAttendant', 'New-CsAutoAttendant', 'Set-CsAutoAttendant', 'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantMenu',
        'New-CsAutoAttendantMenuOption', 'New-CsAutoAttendantDialScope', 'New-CsAutoAttendantCallableEntity',
        'Get-CsPhoneNumberAssignment', 'Set-CsPhoneNumberAssignment', 'Remove-CsPhoneNumberAssignment',
        'Get-CsOnlineLisCivicAddress', 'New-CsOnlineLisCivicAddress', 'Set-CsOnlineLisCivicAddress', 'Get-CsOnlineLisLocation', 'New-CsOnlineLisLocation',
        'Get-CsOnlinePSTNGateway', 'New-CsOnlinePSTNGateway', 'Set-CsOnlinePSTNGateway', 'Get-CsOnlinePstnUsage', 'Set-CsOnlinePstnUsage',
        'Get-CsOnlineVoiceRoute', 'New-CsOnlineVoiceRoute', 'Set-CsOnlineVoiceRoute',
        'Get-CsOnlineVoiceRoutingPolicy', 'New-CsOnlineVoiceRoutingPolicy', 'Set-CsOnlineVoiceRoutingPolicy', 'Grant-CsOnlineVoiceRoutingPolicy',
        'New-CsTeamsEmergencyNumber',
        'Get-CsTeamsEmergencyCallRoutingPolicy', 'New-CsTeamsEmergencyCallRoutingPolicy', 'Set-CsTeamsEmergencyCallRoutingPolicy',
        'Grant-CsTeamsEmergencyCallRoutingPolicy',
        'Get-CsTeamsEmergencyCallingPolicy', 'New-CsTeamsEmergencyCallingPolicy', 'Set-CsTeamsEmergencyCallingPolicy', 'Grant-CsTeamsEmergencyCallingPolicy',
        'Get-CsTeamsSharedCallingRoutingPolicy', 'New-CsTeamsSharedCallingRoutingPolicy', 'Set-CsTeamsSharedCallingRoutingPolicy',
        'Remove-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy',
        'Get-CsGroupPolicyAssignment', 'Remove-CsGroupPolicyAssignment', 'Get-CsUserPolicyAssignment',
        # Dynamic emergency calling
        'Get-CsTenantTrustedIPAddress', 'New-CsTenantTrustedIPAddress', 'Set-CsTenantTrustedIPAddress',
        'Get-CsTenantNetworkRegion', 'New-CsTenantNetworkRegion', 'Set-CsTenantNetworkRegion',
        'Get-CsTenantNetworkSite', 'New-CsTenantNetworkSite', 'Set-CsTenantNetworkSite',
        'Get-CsTenantNetworkSubnet', 'New-CsTenantNetworkSubnet', 'Set-CsTenantNetworkSubnet',
        'Get-CsOnlineLisSubnet', 'Set-CsOnlineLisSubnet', 'Get-CsOnlineLisWirelessAccessPoint', 'Set-CsOnlineLisWirelessAccessPoint',
        'Get-CsOnlineLisSwitch', 'Set-CsOnlineLisSwitch', 'Get-CsOnlineLisPort', 'Set-CsOnlineLisPort'
    )
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
    PrivateData       = @{ PSData = @{ Tags = @('emulator', 'stand-in') } }
}
