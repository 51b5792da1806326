/**
 * Real pwsh importing the stand-in modules against a real emulator: parameter binding fails
 * like Microsoft's module, -WhatIf changes nothing, and the full Direct Routing Shared Calling
 * sequence of teams-facts.md section 10 succeeds and reads back. Few pwsh runs: start-up is slow.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { environmentLines } from '../../cli/commands/emulator.js';
import { standInModulePath, startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { findPwsh, runPwsh, type PwshRun } from '../support/pwsh.js';

let emulator: EmulatorHandle;

beforeAll(async () => {
    findPwsh();
    emulator = await startEmulator({ port: 0 });
});
afterAll(async () => { await emulator?.stop(); });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function result(run: PwshRun): any {
    const marker = run.stdout.indexOf('### RESULT');
    if (run.exitCode !== 0 || marker < 0) throw new Error(`pwsh failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`);
    return JSON.parse(run.stdout.slice(marker + '### RESULT'.length));
}

describe('stand-in MicrosoftTeams module in real pwsh', () => {
    test('binding errors, validate sets, -WhatIf, Microsoft wording, and the `voice emulator --env` PowerShell lines', async () => {
        emulator.reset();
        // Only the PowerShell half of the --env output, exactly as printed: it must set up a working session.
        const envLines = environmentLines(emulator.url, emulator.token, standInModulePath()).split('# PowerShell:')[1]!;
        const script = `#Requires -Modules @{ModuleName='MicrosoftTeams';ModuleVersion='5.5.0'}
$ErrorActionPreference = 'Stop'
${envLines}
$r = [ordered]@{}
try { New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061 -Enabled $true | Out-Null; $r.beforeConnect = 'no error' } catch { $r.beforeConnect = $_.Exception.Message }
$connection = Connect-MicrosoftTeams -AccessTokens @($env:VOICE_EMULATOR_TOKEN, $env:VOICE_EMULATOR_TOKEN)
$r.tenantDomain = $connection.TenantDomain
try { New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignallingPort 5061 -Enabled $true | Out-Null; $r.misspelled = 'no error' } catch { $r.misspelled = $_.Exception.Message; $r.misspelledId = $_.FullyQualifiedErrorId }
try { Set-CsPhoneNumberAssignment -Identity a@contoso.com -PhoneNumber +12065550100 -PhoneNumberType Bogus; $r.validateSet = 'no error' } catch { $r.validateSet = $_.FullyQualifiedErrorId }
try { Set-CsPhoneNumberAssignment -Identity a@contoso.com -PhoneNumber +12065550100 -EnterpriseVoiceEnabled $true; $r.mixedSets = 'no error' } catch { $r.mixedSets = $_.FullyQualifiedErrorId }
try { New-CsTeamsSharedCallingRoutingPolicy -Identity X -ResorceAccount abc; $r.scMisspelled = 'no error' } catch { $r.scMisspelled = $_.Exception.Message }
New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061 -Enabled $true -WhatIf
Set-CsOnlinePstnUsage -Identity Global -Usage @{add='SC-DR'} -WhatIf
New-CsOnlineApplicationInstance -UserPrincipalName whatif@contoso.com -WhatIf
# Grant-CsTeamsSharedCallingRoutingPolicy has no -WhatIf in Microsoft's syntax [GRANT-SCRP]; the emergency grant has.
Grant-CsTeamsEmergencyCallRoutingPolicy -Group store-managers@contoso.com -PolicyName Nothing -Rank 1 -WhatIf
$r.gatewaysAfterWhatIf = @(Get-CsOnlinePSTNGateway).Count
$r.usagesAfterWhatIf = @((Get-CsOnlinePstnUsage).Usage).Count
try { New-CsOnlinePSTNGateway -Fqdn sbc.contoso.onmicrosoft.com -SipSignalingPort 5061 | Out-Null } catch { $r.sbc = $_.Exception.Message }
try { New-CsTeamsEmergencyNumber -EmergencyDialString '+911' | Out-Null } catch { $r.plus = $_.Exception.Message }
$secure = ConvertTo-SecureString $env:VOICE_EMULATOR_TOKEN -AsPlainText -Force
# Like Microsoft.Graph.Authentication: the AccessToken parameter set has no -TenantId.
try { Connect-MgGraph -AccessToken $secure -TenantId contoso.onmicrosoft.com -NoWelcome; $r.tokenWithTenant = 'no error' } catch { $r.tokenWithTenant = $_.FullyQualifiedErrorId }
Connect-MgGraph -AccessToken $secure -NoWelcome
$r.mgAuthType = (Get-MgContext).AuthType
$ra = New-CsOnlineApplicationInstance -UserPrincipalName ra-lic@contoso.com -DisplayName 'RA'
try {
    Invoke-MgGraphRequest -Method POST -Uri "/v1.0/users/ra-lic@contoso.com/assignLicense" -Body @{ addLicenses = @(@{ skuId = '440eaaa8-b3e0-484b-a8be-62870b9ba70a'; disabledPlans = @() }); removeLicenses = @() } | Out-Null
    $r.licence = 'no error'
} catch {
    $r.licenceStatus = [int]$_.Exception.Response.StatusCode
    $r.licence = ($_.ErrorDetails.Message | ConvertFrom-Json).error.message
}
$admin = @{ Method = 'Post'; Uri = "$env:VOICE_EMULATOR_URL/emulator/faults"; Headers = @{ Authorization = "Bearer $env:VOICE_EMULATOR_TOKEN" }; ContentType = 'application/json' }
Invoke-RestMethod @admin -Body '{"throttleRate":1,"retryAfterSeconds":7}' | Out-Null
try { Get-CsOnlineUser -Identity avery.chen@contoso.com | Out-Null; $r.throttled = 'no error' } catch { $r.throttled = $_.Exception.Message }
try { Invoke-MgGraphRequest -Uri '/v1.0/users' | Out-Null; $r.graphThrottled = 'no error' } catch { $r.graphThrottled = [int]$_.Exception.Response.StatusCode; $r.graphRetryAfter = $_.Exception.Response.Headers.RetryAfter.Delta.TotalSeconds }
Invoke-RestMethod @admin -Body '{"throttleRate":0}' | Out-Null
Write-Output '### RESULT'
$r | ConvertTo-Json -Depth 5
`;
        const run = await runPwsh(script, { timeoutMs: 90_000 });
        emulator.faults.configure({ throttleRate: 0 });
        const r = result(run);
        expect(r.beforeConnect).toBe('You must call the Connect-MicrosoftTeams cmdlet before calling any other cmdlets.');
        expect(r.tenantDomain).toBe('contoso.onmicrosoft.com');
        expect(r.misspelled).toContain("A parameter cannot be found that matches parameter name 'SipSignallingPort'");
        expect(r.misspelledId).toBe('NamedParameterNotFound,New-CsOnlinePSTNGateway');
        expect(r.validateSet).toBe('ParameterArgumentValidationError,Set-CsPhoneNumberAssignment');
        expect(r.mixedSets).toBe('AmbiguousParameterSet,Set-CsPhoneNumberAssignment');
        expect(r.scMisspelled).toContain("A parameter cannot be found that matches parameter name 'ResorceAccount'");
        expect(r.gatewaysAfterWhatIf).toBe(0);
        expect(r.usagesAfterWhatIf).toBe(0);
        expect(r.sbc).toBe('Can not use the "sbc.contoso.onmicrosoft.com" domain as it was not configured for this tenant');
        expect(r.plus).toContain('Teams clients do not prepend the "+" with emergency numbers');
        expect(r.mgAuthType).toBe('UserProvidedAccessToken');
        expect(r.tokenWithTenant).toBe('AmbiguousParameterSet,Connect-MgGraph');
        expect(r).toMatchObject({ licenceStatus: 400, licence: 'License assignment cannot be done for user with invalid usage location.' });
        expect(r.throttled).toContain('HTTP 429 TooManyRequests; Retry-After: 7');
        expect(r).toMatchObject({ graphThrottled: 429, graphRetryAfter: 7 });
        // -WhatIf sent no write to the emulator at all.
        expect(emulator.callLog.count('POST /teams/New-CsOnlinePSTNGateway')).toBe(1);
        expect(emulator.callLog.count('POST /teams/Set-CsOnlinePstnUsage')).toBe(0);
        expect(emulator.callLog.count('POST /teams/Grant-CsTeamsEmergencyCallRoutingPolicy')).toBe(0);
        expect(emulator.state.users.some(u => u.userPrincipalName === 'whatif@contoso.com')).toBe(false);
    }, 120_000);

    test('the full manual Direct Routing Shared Calling sequence (teams-facts.md section 10) succeeds and reads back', async () => {
        emulator.reset();
        const script = `#Requires -Modules @{ModuleName='MicrosoftTeams';ModuleVersion='5.5.0'}
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.Graph.Authentication
$aaId = '7a3b8c1d-0000-4000-8000-000000000001'
# 0. Connect (interactive form: the emulator token comes from the environment)
Connect-MicrosoftTeams | Out-Null
Connect-MgGraph -Scopes 'User.ReadWrite.All','LicenseAssignment.ReadWrite.All','Group.Read.All' -NoWelcome
# 1. SBC + routing
New-CsOnlinePSTNGateway -Fqdn sbc.contoso.com -SipSignalingPort 5061 -Enabled $true | Out-Null
Set-CsOnlinePstnUsage -Identity Global -Usage @{add="SC-DR"}
New-CsOnlineVoiceRoute -Identity "SC-DR-Out" -NumberPattern '^\\+?\\d+$' -OnlinePstnGatewayList @{add="sbc.contoso.com"} -OnlinePstnUsages @{add="SC-DR"} -Priority 1 | Out-Null
New-CsOnlineVoiceRoute -Identity "SC-DR-Emerg" -NumberPattern '^(911|933)$' -OnlinePstnGatewayList @{add="sbc.contoso.com"} -OnlinePstnUsages @{add="SC-DR"} -Priority 0 | Out-Null
New-CsOnlineVoiceRoutingPolicy -Identity "SC-RA-DR" -OnlinePstnUsages "SC-DR" | Out-Null
New-CsOnlineVoiceRoutingPolicy -Identity "SC-Users-NoPSTN" | Out-Null
# 2. Resource account + Graph usage location and licence
New-CsOnlineApplicationInstance -UserPrincipalName main-aa@contoso.com -ApplicationId ce933385-9390-45d1-9512-c8d228074e07 -DisplayName "Main AA" | Out-Null
Invoke-MgGraphRequest -Method PATCH -Uri "/v1.0/users/main-aa@contoso.com" -Body @{usageLocation='US'}
Invoke-MgGraphRequest -Method POST -Uri "https://graph.microsoft.com/v1.0/users/main-aa@contoso.com/assignLicense" -Body @{addLicenses=@(@{skuId='440eaaa8-b3e0-484b-a8be-62870b9ba70a'; disabledPlans=@()}); removeLicenses=@()} | Out-Null
$ra = Get-CsOnlineUser -Identity main-aa@contoso.com
# 3. Emergency location + number on the RA, OVRP with usages on the RA
$addr = New-CsOnlineLisCivicAddress -CompanyName Contoso -CountryOrRegion US -HouseNumber 1 -StreetName 'Pike St' -City Seattle -StateOrProvince WA -PostalCode 98101 -Latitude 47.6097 -Longitude -122.3331
Set-CsPhoneNumberAssignment -Identity main-aa@contoso.com -PhoneNumber +12065550100 -PhoneNumberType DirectRouting -LocationId $addr.DefaultLocationId
Grant-CsOnlineVoiceRoutingPolicy -Identity main-aa@contoso.com -PolicyName "SC-RA-DR"
# 4. Inbound: bind the RA to the auto attendant
New-CsOnlineApplicationInstanceAssociation -Identities @($ra.Identity) -ConfigurationId $aaId -ConfigurationType AutoAttendant | Out-Null
# 5. Emergency routing for SC users
$en1 = New-CsTeamsEmergencyNumber -EmergencyDialString 911 -OnlinePSTNUsage "SC-DR"
$en2 = New-CsTeamsEmergencyNumber -EmergencyDialString 933 -OnlinePSTNUsage "SC-DR"
New-CsTeamsEmergencyCallRoutingPolicy -Identity "SC-ECRP-DR" -EmergencyNumbers @{add=$en1,$en2} -AllowEnhancedEmergencyServices $true | Out-Null
# 6. Shared Calling policy
New-CsTeamsSharedCallingRoutingPolicy -Identity "SC-Seattle" -ResourceAccount $ra.Identity -EmergencyNumbers @{add='+12065550111','+12065550112'} -Description "Seattle shared calling" | Out-Null
# 7. Users: enabled for voice, no number
$group = (Invoke-MgGraphRequest -Method GET -Uri "/v1.0/groups?\`$filter=displayName eq 'Store Associates Seattle'").value[0]
$members = @((Invoke-MgGraphRequest -Uri "/v1.0/groups/$($group.id)/members?\`$select=id,userPrincipalName").value)
foreach ($m in $members) { Set-CsPhoneNumberAssignment -Identity $m.userPrincipalName -EnterpriseVoiceEnabled $true }
# 8. Assign
Grant-CsTeamsSharedCallingRoutingPolicy -Group $group.id -PolicyName "SC-Seattle" -Rank 1
Grant-CsOnlineVoiceRoutingPolicy -Group $group.id -PolicyName "SC-Users-NoPSTN" -Rank 1
foreach ($m in $members) { Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $m.userPrincipalName -PolicyName "SC-ECRP-DR" }
# 9. Verify
$out = [ordered]@{
    policy           = Get-CsTeamsSharedCallingRoutingPolicy -Identity "SC-Seattle"
    emergencyNumbers = @(Get-CsPhoneNumberAssignment -AssignedPstnTargetId 'TeamsSharedCallingRoutingPolicy|Tag:SC-Seattle' | Select-Object TelephoneNumber, PstnAssignmentStatus)
    groupAssignments = @(Get-CsGroupPolicyAssignment -PolicyType TeamsSharedCallingRoutingPolicy)
    userPolicySource = @(Get-CsUserPolicyAssignment -Identity $members[0].userPrincipalName -PolicyType TeamsSharedCallingRoutingPolicy | Select-Object -ExpandProperty PolicySource)
    ra               = Get-CsOnlineUser -Identity main-aa@contoso.com | Select-Object Identity, ObjectId, EnterpriseVoiceEnabled, LineUri, AccountType, OnlineVoiceRoutingPolicy
    raNumber         = @(Get-CsPhoneNumberAssignment -AssignedPstnTargetId main-aa@contoso.com | Select-Object TelephoneNumber, LocationId, PstnAssignmentStatus)
    userConfig       = Invoke-MgGraphRequest -Uri "/v1.0/admin/teams/userConfigurations/$($members[0].id)"
    groupId          = $group.id
    memberCount      = $members.Count
    locationId       = $addr.DefaultLocationId
}
Write-Output '### RESULT'
$out | ConvertTo-Json -Depth 8
`;
        const r = result(await runPwsh(script, { emulator, timeoutMs: 90_000 }));
        const raId = emulator.state.users.find(u => u.userPrincipalName === 'main-aa@contoso.com')!.id;
        expect(r.policy).toMatchObject({ Identity: 'Tag:SC-Seattle', ResourceAccount: raId, EmergencyNumbers: ['+12065550111', '+12065550112'], Description: 'Seattle shared calling' });
        expect(r.emergencyNumbers).toEqual([
            { TelephoneNumber: '+12065550111', PstnAssignmentStatus: 'PolicyAssigned' },
            { TelephoneNumber: '+12065550112', PstnAssignmentStatus: 'PolicyAssigned' }
        ]);
        expect(r.groupAssignments).toEqual([expect.objectContaining({ GroupId: r.groupId, PolicyType: 'TeamsSharedCallingRoutingPolicy', PolicyName: 'SC-Seattle', Rank: 1 })]);
        expect(r.userPolicySource).toEqual([{ AssignmentType: 'Group', PolicyName: 'SC-Seattle', Reference: r.groupId }]);
        // ObjectId was renamed Identity; policies are {Authority, Name} objects [CSUSER-GET].
        expect(r.ra).toEqual({ Identity: raId, ObjectId: null, EnterpriseVoiceEnabled: true, LineUri: 'tel:+12065550100', AccountType: 'ResourceAccount', OnlineVoiceRoutingPolicy: { Authority: 'Tenant', Name: 'SC-RA-DR' } });
        expect(r.raNumber).toEqual([{ TelephoneNumber: '+12065550100', LocationId: r.locationId, PstnAssignmentStatus: 'VoiceApplicationAssigned' }]);
        expect(r.memberCount).toBe(4);
        expect(r.userConfig).toMatchObject({ accountType: 'user', isEnterpriseVoiceEnabled: true, telephoneNumbers: [] });
        const policies = Object.fromEntries(r.userConfig.effectivePolicyAssignments.map((p: { policyType: string; policyAssignment: unknown }) => [p.policyType, p.policyAssignment]));
        expect(policies).toMatchObject({
            TeamsSharedCallingRoutingPolicy: { displayName: 'SC-Seattle', assignmentType: 'group', groupId: r.groupId },
            OnlineVoiceRoutingPolicy: { displayName: 'SC-Users-NoPSTN', assignmentType: 'group' },
            TeamsEmergencyCallRoutingPolicy: { displayName: 'SC-ECRP-DR', assignmentType: 'direct' }
        });
        expect(emulator.state.applicationInstanceAssociations).toEqual([expect.objectContaining({ objectId: raId, configurationType: 'AutoAttendant' })]);
    }, 120_000);
});
