/**
 * One PowerShell fragment per planned tenant resource: read the current object, create it
 * when absent, change it when it differs, and say which of these happened. Every write is
 * wrapped in $PSCmdlet.ShouldProcess, so -WhatIf and -Confirm cover all of them. User text
 * goes through powershell-quote.ts and nowhere else.
 */
import type {
    CivicAddressResource, EmergencyMembersGrantResource, EmergencyRoutingPolicyResource, GatewayResource, GroupGrantResource,
    GroupResource, NumberAssignmentResource, PolicyGrantToAccountResource, PstnUsageResource, Resource, ResourceAccountResource,
    SharedCallingPolicyResource, TeamsNumberType, VoiceRouteResource, VoiceRoutingPolicyResource
} from '../plan/resources.js';
import { RESOURCE_ACCOUNT_SKU } from '../plan/resources.js';
import { psDecimalString, psInteger, psString, psStringArray } from './powershell-quote.js';

/** Lines of PowerShell; nested arrays are indented one level (4 spaces). */
export type Lines = (string | Lines)[];

export function flattenLines(lines: Lines, indent = ''): string[] {
    return lines.flatMap(line => (typeof line === 'string' ? [line === '' ? '' : indent + line] : flattenLines(line, indent + '    ')));
}

/** `if ShouldProcess { body; record outcome } else { record Pending }`. */
function guarded(target: string, action: string, body: Lines, outcome: 'Created' | 'Changed', kind: string): Lines {
    return [
        `if ($PSCmdlet.ShouldProcess(${target}, ${psString(action)})) {`,
        [...body, `Add-VoiceResult ${outcome} ${psString(kind)} ${target}`],
        `} else { Add-VoiceResult Pending ${psString(kind)} ${target} }`
    ];
}

/** Read, then create / change / leave alone: the shape of every idempotent block. */
function createOrUpdate(opts: {
    read: string; target: string; kind: string; create: Lines; differs: string[]; update: Lines; createAction?: string; updateAction?: string;
}): Lines {
    const lines: Lines = [`$current = ${opts.read}`, 'if ($null -eq $current) {', guarded(opts.target, opts.createAction ?? `Create ${opts.kind}`, opts.create, 'Created', opts.kind)];
    if (opts.differs.length > 0) {
        lines.push(`} elseif (${opts.differs.join(' -or ')}) {`, guarded(opts.target, opts.updateAction ?? `Update ${opts.kind}`, opts.update, 'Changed', opts.kind));
    }
    lines.push(`} else { Add-VoiceResult Unchanged ${psString(opts.kind)} ${opts.target} }`);
    return lines;
}

function gateway(r: GatewayResource): Lines {
    const fqdn = psString(r.fqdn);
    const settings = `-SipSignalingPort ${psInteger(r.port)} -Enabled $true`;
    return createOrUpdate({
        read: `Get-CsOnlinePSTNGateway | Select-VoiceIdentity -Name ${fqdn}`, target: fqdn, kind: 'PSTN gateway',
        create: [`New-CsOnlinePSTNGateway -Fqdn ${fqdn} ${settings} | Out-Null`],
        differs: [`$current.SipSignalingPort -ne ${psInteger(r.port)}`, '$current.Enabled -ne $true'],
        update: [`Set-CsOnlinePSTNGateway -Identity ${fqdn} ${settings}`]
    });
}

function pstnUsage(r: PstnUsageResource): Lines {
    const usage = psString(r.usage);
    return [
        `if (@((Get-CsOnlinePstnUsage -Identity Global).Usage) -notcontains ${usage}) {`,
        guarded(usage, 'Add PSTN usage to the Global list', [`Set-CsOnlinePstnUsage -Identity Global -Usage @{ add = ${usage} }`], 'Created', 'PSTN usage'),
        `} else { Add-VoiceResult Unchanged 'PSTN usage' ${usage} }`
    ];
}

function voiceRoute(r: VoiceRouteResource): Lines {
    const id = psString(r.identity);
    const pattern = psString(r.numberPattern);
    const gateways = psStringArray(r.gateways);
    const usages = psStringArray(r.usages);
    return createOrUpdate({
        read: `Get-CsOnlineVoiceRoute | Select-VoiceIdentity -Name ${id}`, target: id, kind: 'voice route',
        create: [`New-CsOnlineVoiceRoute -Identity ${id} -NumberPattern ${pattern} -OnlinePstnGatewayList @{ add = ${gateways} } -OnlinePstnUsages @{ add = ${usages} } -Priority ${psInteger(r.priority)} | Out-Null`],
        differs: [
            `$current.NumberPattern -cne ${pattern}`, `$current.Priority -ne ${psInteger(r.priority)}`,
            `-not (Test-VoiceSameSet $current.OnlinePstnGatewayList ${gateways})`, `-not (Test-VoiceSameSet $current.OnlinePstnUsages ${usages})`
        ],
        update: [`Set-CsOnlineVoiceRoute -Identity ${id} -NumberPattern ${pattern} -OnlinePstnGatewayList ${gateways} -OnlinePstnUsages ${usages} -Priority ${psInteger(r.priority)}`]
    });
}

function voiceRoutingPolicy(r: VoiceRoutingPolicyResource): Lines {
    const id = psString(r.identity);
    const usages = psStringArray(r.usages);
    const description = psString(r.description);
    const createUsages = r.usages.length > 0 ? ` -OnlinePstnUsages @{ add = ${usages} }` : '';
    return createOrUpdate({
        read: `Get-CsOnlineVoiceRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, kind: 'voice routing policy',
        create: [`New-CsOnlineVoiceRoutingPolicy -Identity ${id}${createUsages} -Description ${description} | Out-Null`],
        differs: [`-not (Test-VoiceSameSet $current.OnlinePstnUsages ${usages})`, `$current.Description -cne ${description}`],
        update: [`Set-CsOnlineVoiceRoutingPolicy -Identity ${id} -OnlinePstnUsages ${usages} -Description ${description}`]
    });
}

/** The address fields as cmdlet parameters, in the order New-CsOnlineLisCivicAddress documents them. */
function addressFields(r: CivicAddressResource): [parameter: string, value: string, compare: string][] {
    const fields: [string, string, string][] = [];
    const text = (parameter: string, value: string | undefined): void => {
        if (value !== undefined) fields.push([parameter, psString(value), `$current.${parameter} -cne ${psString(value)}`]);
    };
    text('CompanyName', r.companyName);
    text('HouseNumber', r.houseNumber);
    text('StreetName', r.streetName);
    text('City', r.city);
    text('StateOrProvince', r.stateOrProvince);
    text('PostalCode', r.postalCode);
    text('CountryOrRegion', r.countryOrRegion);
    for (const [parameter, value] of [['Latitude', r.latitude], ['Longitude', r.longitude]] as const) {
        if (value !== undefined) {
            const literal = psDecimalString(value);
            fields.push([parameter, literal, `[double]$current.${parameter} -ne [double]${literal}`]);
        }
    }
    text('Elin', r.elin);
    return fields;
}

function civicAddress(r: CivicAddressResource): Lines {
    const description = psString(r.description);
    const fields = addressFields(r);
    const parameters = fields.map(([p, v]) => `-${p} ${v}`).join(' ');
    // Teams does not modify a validated address [EMERG]: a drifted one is reported, as plan's
    // address-drift does, and left for the engineer to replace with a new address.
    return [
        `$current = Find-VoiceCivicAddress -Description ${description}`,
        'if ($null -eq $current) {',
        guarded(description, 'Create civic address', [`New-CsOnlineLisCivicAddress ${parameters} -Description ${description} | Out-Null`], 'Created', 'civic address'),
        `} elseif (${fields.map(([, , compare]) => compare).join(' -or ')}) {`,
        [
            `Write-Warning ('Civic address {0} differs from the .voice file; Teams does not modify a validated address: declare a new address and move the numbers to it.' -f ${description})`,
            `Add-VoiceResult Pending 'civic address' ${description}`
        ],
        `} else { Add-VoiceResult Unchanged 'civic address' ${description} }`
    ];
}

/** Numbers are never bought by the script: Calling Plan and Operator Connect numbers must already be in the inventory. */
export function requiredNumber(n: { telephoneNumber: string; numberType: TeamsNumberType }): Lines {
    const number = psString(n.telephoneNumber);
    const type = psString(n.numberType);
    const missing: Lines = n.numberType === 'DirectRouting'
        ? [`Write-Host ('Direct Routing number {0} enters the number inventory when it is assigned.' -f ${number})`]
        : [`throw ('{0} is not in the tenant''s {1} number inventory; acquire it before running this script.' -f ${number}, ${type})`];
    return [
        `$current = Get-CsPhoneNumberAssignment -TelephoneNumber ${number}`,
        'if ($null -eq $current) {', missing,
        `} elseif ($current.NumberType -ne ${type}) {`,
        [`throw ('{0} is a {1} number, not {2}.' -f ${number}, $current.NumberType, ${type})`],
        `} else { Add-VoiceResult Unchanged 'number in inventory' ${number} }`
    ];
}

function resourceAccount(r: ResourceAccountResource): Lines {
    const upn = psString(r.userPrincipalName);
    const appId = psString(r.applicationId);
    const displayName = psString(r.displayName);
    const usageLocation = psString(r.usageLocation);
    const sku = psString(r.licenseSkuId);
    return [
        `$current = Get-VoiceApplicationInstance -Identity ${upn}`,
        '$accountExists = $null -ne $current',
        'if (-not $accountExists) {',
        [
            `if ($PSCmdlet.ShouldProcess(${upn}, 'Create resource account')) {`,
            [
                `New-CsOnlineApplicationInstance -UserPrincipalName ${upn} -ApplicationId ${appId} -DisplayName ${displayName} | Out-Null`,
                '$accountExists = $true',
                `Add-VoiceResult Created 'resource account' ${upn}`
            ],
            `} else { Add-VoiceResult Pending 'resource account' ${upn} }`
        ],
        `} elseif ($current.ApplicationId -ne ${appId} -or $current.DisplayName -cne ${displayName}) {`,
        guarded(upn, 'Update resource account (application id, display name)',
            [`Set-CsOnlineApplicationInstance -Identity ${upn} -ApplicationId ${appId} -DisplayName ${displayName} | Out-Null`], 'Changed', 'resource account'),
        `} else { Add-VoiceResult Unchanged 'resource account' ${upn} }`,
        'if ($accountExists) {',
        [
            '# Usage location first: Graph refuses a licence without one [G-USER]; a new account may take a while to reach Graph.',
            `$graphUser = Invoke-VoiceGraph -Method GET -Uri (Get-VoiceUserUri -UserPrincipalName ${upn} -Rest '?$select=id,usageLocation,assignedLicenses') -RetryOn 404`,
            `if ($graphUser.usageLocation -ne ${usageLocation}) {`,
            guarded(upn, `Set usage location`, [
                `Invoke-VoiceGraph -Method PATCH -Uri (Get-VoiceUserUri -UserPrincipalName ${upn}) -Body @{ usageLocation = ${usageLocation} } -RetryOn 404 | Out-Null`
            ], 'Changed', 'usage location'),
            `} else { Add-VoiceResult Unchanged 'usage location' ${upn} }`,
            `# ${RESOURCE_ACCOUNT_SKU}; assignLicense answers 400 until the usage location has replicated, so it is retried.`,
            `if (@($graphUser.assignedLicenses | ForEach-Object { $_.skuId }) -notcontains ${sku}) {`,
            guarded(upn, `Assign licence ${RESOURCE_ACCOUNT_SKU}`, [
                `Invoke-VoiceGraph -Method POST -Uri (Get-VoiceUserUri -UserPrincipalName ${upn} -Rest '/assignLicense') -Body @{ addLicenses = @(@{ skuId = ${sku}; disabledPlans = @() }); removeLicenses = @() } -RetryOn 400, 404 | Out-Null`
            ], 'Created', `licence ${RESOURCE_ACCOUNT_SKU}`),
            `} else { Add-VoiceResult Unchanged ${psString(`licence ${RESOURCE_ACCOUNT_SKU}`)} ${upn} }`,
            `Wait-VoiceOnlineUser -Identity ${upn} | Out-Null`
        ],
        '}'
    ];
}

function numberAssignment(r: NumberAssignmentResource): Lines {
    const number = psString(r.telephoneNumber);
    const upn = psString(r.account);
    const type = psString(r.numberType);
    const lines: Lines = [
        `$account = Get-VoiceOnlineUser -Identity ${upn}`,
        r.address ? `$address = Find-VoiceCivicAddress -Description ${psString(`voice:${r.address}`)}` : '$address = $null',
        `$current = Get-CsPhoneNumberAssignment -TelephoneNumber ${number}`,
        'if ($null -ne $account -and $null -ne $current -and $current.AssignedPstnTargetId -and $current.AssignedPstnTargetId -ne $account.Identity) {',
        [`throw ('{0} is assigned to {1}, not to {2}: unassign it first.' -f ${number}, $current.AssignedPstnTargetId, ${upn})`],
        '}',
        'if ($null -eq $account -or $null -eq $current -or $current.AssignedPstnTargetId -ne $account.Identity) {',
        guarded(number, 'Assign number to resource account', [
            `$assignment = @{ Identity = ${upn}; PhoneNumber = ${number}; PhoneNumberType = ${type} }`,
            'if ($null -ne $address) { $assignment.LocationId = $address.DefaultLocationId }',
            'Set-CsPhoneNumberAssignment @assignment'
        ], 'Created', 'number assignment'),
        '} elseif ($null -ne $address -and $current.LocationId -ne $address.DefaultLocationId) {',
        guarded(number, 'Set emergency location of number', [
            `Set-CsPhoneNumberAssignment -PhoneNumber ${number} -LocationId $address.DefaultLocationId`
        ], 'Changed', 'number location'),
        `} else { Add-VoiceResult Unchanged 'number assignment' ${number} }`
    ];
    return lines;
}

function accountRoutingGrant(r: PolicyGrantToAccountResource): Lines {
    const upn = psString(r.account);
    const policy = psString(r.policy);
    return [
        `$account = Get-VoiceOnlineUser -Identity ${upn}`,
        `if ($null -ne $account -and (Test-VoiceIdentity $account.OnlineVoiceRoutingPolicy ${policy})) {`,
        [`Add-VoiceResult Unchanged 'voice routing policy grant' ${upn}`],
        '} else {',
        guarded(upn, 'Grant voice routing policy (Direct Routing needs PSTN usages on the resource account)', [
            `Grant-CsOnlineVoiceRoutingPolicy -Identity ${upn} -PolicyName ${policy}`
        ], 'Changed', 'voice routing policy grant'),
        '}'
    ];
}

function sharedCallingPolicy(r: SharedCallingPolicyResource): Lines {
    const id = psString(r.identity);
    const upn = psString(r.resourceAccount);
    const numbers = psStringArray(r.emergencyNumbers);
    const description = r.description !== undefined ? psString(r.description) : undefined;
    const createNumbers = r.emergencyNumbers.length > 0 ? ` -EmergencyNumbers @{ add = ${r.emergencyNumbers.map(psString).join(', ')} }` : '';
    const createDescription = description ? ` -Description ${description}` : '';
    const differs = ['$null -eq $account', '$current.ResourceAccount -ne $account.Identity', `-not (Test-VoiceSameSet $current.EmergencyNumbers ${numbers})`];
    if (description) differs.push(`$current.Description -cne ${description}`);
    return [
        `$account = Get-VoiceOnlineUser -Identity ${upn}`,
        ...createOrUpdate({
            read: `Get-CsTeamsSharedCallingRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, kind: 'shared calling policy',
            create: [
                '# -ResourceAccount takes the account\'s Identity (object id), not its UPN [NEW-SCRP].',
                `New-CsTeamsSharedCallingRoutingPolicy -Identity ${id} -ResourceAccount (Get-CsOnlineUser -Identity ${upn}).Identity${createNumbers}${createDescription} | Out-Null`
            ],
            differs,
            update: [
                `$wanted = ${numbers}`,
                '$numbers = @{}',
                '$add = @($wanted | Where-Object { $_ -notin @($current.EmergencyNumbers) })',
                '$remove = @(@($current.EmergencyNumbers) | Where-Object { $null -ne $_ -and $_ -notin $wanted })',
                'if ($add.Count -gt 0) { $numbers.add = $add }',
                'if ($remove.Count -gt 0) { $numbers.remove = $remove }',
                `$update = @{ Identity = ${id}; ResourceAccount = (Get-CsOnlineUser -Identity ${upn}).Identity }`,
                'if ($numbers.Count -gt 0) { $update.EmergencyNumbers = $numbers }',
                ...(description ? [`$update.Description = ${description}`] : []),
                'Set-CsTeamsSharedCallingRoutingPolicy @update'
            ]
        })
    ];
}

function group(r: GroupResource): Lines {
    const key = psString(r.key);
    const lookup = r.objectId !== undefined ? `-ObjectId ${psString(r.objectId)}` : `-DisplayName ${psString(r.displayName ?? '')}`;
    return [
        `$group = Find-VoiceGroup ${lookup}`,
        `$GroupIds[${key}] = $group.id`,
        `Add-VoiceResult Unchanged 'Entra group (looked up)' $group.displayName`
    ];
}

const GRANT_CMDLETS: Record<GroupGrantResource['policyType'], string> = {
    TeamsSharedCallingRoutingPolicy: 'Grant-CsTeamsSharedCallingRoutingPolicy',
    OnlineVoiceRoutingPolicy: 'Grant-CsOnlineVoiceRoutingPolicy'
};

function groupGrant(r: GroupGrantResource): Lines {
    const policy = psString(r.policyName);
    const rank = psInteger(r.rank);
    const kind = r.policyType === 'TeamsSharedCallingRoutingPolicy' ? 'shared calling policy group grant' : 'voice routing policy group grant (no PSTN usages)';
    const grant = `${GRANT_CMDLETS[r.policyType]} -Group $groupId -PolicyName ${policy} -Rank ${rank}`;
    const target = psString(r.group);
    return [
        `$groupId = $GroupIds[${psString(r.group)}]`,
        `$current = Get-CsGroupPolicyAssignment -GroupId $groupId -PolicyType ${r.policyType}`,
        'if ($null -eq $current) {',
        guarded(target, `Grant ${r.policyType} to group`, [grant], 'Created', kind),
        `} elseif (-not (Test-VoiceIdentity $current.PolicyName ${policy}) -or $current.Rank -ne ${rank}) {`,
        guarded(target, `Replace the group's ${r.policyType} assignment`, [
            '# A group assignment is changed by removing and granting again [ASSIGN-POL].',
            `Remove-CsGroupPolicyAssignment -GroupId $groupId -PolicyType ${r.policyType}`,
            grant
        ], 'Changed', kind),
        `} else { Add-VoiceResult Unchanged ${psString(kind)} ${target} }`
    ];
}

function emergencyRoutingPolicy(r: EmergencyRoutingPolicyResource): Lines {
    const id = psString(r.identity);
    const description = psString(r.description);
    const usage = r.emergencyNumbers[0]?.usage;
    // One usage per policy: the planner routes all of a coverage's dial strings through its trunk.
    const dialStrings = psStringArray(r.emergencyNumbers.map(n => n.dialString));
    const build = [
        '# Emergency numbers exist only in memory until the policy stores them [EN-NEW].',
        '$numbers = @(',
        r.emergencyNumbers.map(n => `New-CsTeamsEmergencyNumber -EmergencyDialString ${psString(n.dialString)}${n.usage !== undefined ? ` -OnlinePSTNUsage ${psString(n.usage)}` : ''}`),
        ')'
    ];
    return createOrUpdate({
        read: `Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, kind: 'emergency call routing policy',
        // replace, not add: add would append to the Global policy's numbers [ECRP-NEW] and never compare equal.
        create: [...build, `New-CsTeamsEmergencyCallRoutingPolicy -Identity ${id} -EmergencyNumbers @{ replace = $numbers } -AllowEnhancedEmergencyServices $true -Description ${description} | Out-Null`],
        differs: [
            `-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers ${dialStrings} ${usage !== undefined ? psString(usage) : "''"})`,
            `$current.Description -cne ${description}`,
            '$current.AllowEnhancedEmergencyServices -ne $true'
        ],
        update: [...build, `Set-CsTeamsEmergencyCallRoutingPolicy -Identity ${id} -EmergencyNumbers @{ replace = $numbers } -AllowEnhancedEmergencyServices $true -Description ${description}`]
    });
}

function emergencyMembersGrant(r: EmergencyMembersGrantResource): Lines {
    const policy = psString(r.policy);
    return [
        '# Granted per member: group assignment of this policy type is disputed in the docs [CONFLICT, GPA-NEW].',
        `$groupId = $GroupIds[${psString(r.group)}]`,
        'foreach ($member in @(Get-VoiceGroupUsers -GroupId $groupId)) {',
        [
            '$user = Get-VoiceOnlineUser -Identity $member.id',
            '# Shared Calling users need Enterprise Voice, without a number of their own [SC-SETUP].',
            'if ($null -ne $user -and $user.EnterpriseVoiceEnabled -ne $true) {',
            guarded('$member.userPrincipalName', 'Enable Enterprise Voice', [
                'Set-CsPhoneNumberAssignment -Identity $member.id -EnterpriseVoiceEnabled $true'
            ], 'Changed', 'Enterprise Voice'),
            '}',
            `if ($null -ne $user -and (Test-VoiceIdentity $user.TeamsEmergencyCallRoutingPolicy ${policy})) {`,
            ["Add-VoiceResult Unchanged 'emergency call routing policy grant' $member.userPrincipalName"],
            '} else {',
            guarded('$member.userPrincipalName', 'Grant emergency call routing policy', [
                `Grant-CsTeamsEmergencyCallRoutingPolicy -Identity $member.id -PolicyName ${policy}`
            ], 'Changed', 'emergency call routing policy grant'),
            '}'
        ],
        '}'
    ];
}

/** The PowerShell for one planned resource. */
export function resourceBlock(resource: Resource): Lines {
    switch (resource.kind) {
        case 'gateway': return gateway(resource);
        case 'pstn-usage': return pstnUsage(resource);
        case 'voice-route': return voiceRoute(resource);
        case 'voice-routing-policy': return voiceRoutingPolicy(resource);
        case 'civic-address': return civicAddress(resource);
        case 'resource-account': return resourceAccount(resource);
        case 'number-assignment': return numberAssignment(resource);
        case 'voice-routing-policy-grant': return accountRoutingGrant(resource);
        case 'shared-calling-policy': return sharedCallingPolicy(resource);
        case 'group': return group(resource);
        case 'group-grant': return groupGrant(resource);
        case 'emergency-call-routing-policy': return emergencyRoutingPolicy(resource);
        case 'emergency-members-grant': return emergencyMembersGrant(resource);
    }
}
