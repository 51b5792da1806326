/**
 * What each statement and keyword means in a Teams tenant, with Microsoft's docs
 * (teams-facts.md). Hover and completion documentation read from here, so the editor
 * teaches one vocabulary.
 */
import type { TopLevel } from '../language/setup-context.js';
import { handlerOf } from '../language/kinds/index.js';
import type { Resource } from '../language/plan/resources.js';

const LEARN = 'https://learn.microsoft.com';

export interface StatementFacts {
    /** What the statement declares, in a few words. */
    title: string;
    /** What happens in the tenant, with the cmdlets involved. */
    facts: string;
    docs: { label: string; href: string }[];
}

export const STATEMENT_FACTS: Record<TopLevel['$type'], StatementFacts> = {
    Tenant: {
        title: 'tenant',
        facts: 'The Microsoft 365 tenant this setup applies to; resource account UPNs and SBC FQDNs must use one of its domains. '
            + 'Connects with `Connect-MicrosoftTeams` and Microsoft Graph.',
        docs: [{ label: 'Set up Shared Calling', href: `${LEARN}/microsoftteams/shared-calling-setup` }]
    },
    Address: {
        title: 'civic address',
        facts: 'An emergency (civic) address: `New-CsOnlineLisCivicAddress` with -CompanyName and -CountryOrRegion (ISO 3166-1 alpha-2); '
            + 'latitude and longitude are required except in Australia and Japan. Numbers given to resource accounts get its default location.',
        docs: [{ label: 'New-CsOnlineLisCivicAddress', href: `${LEARN}/powershell/module/microsoftteams/new-csonlineliscivicaddress` }]
    },
    Trunk: {
        title: 'Direct Routing trunk',
        facts: 'The Direct Routing minimum: an SBC (`New-CsOnlinePSTNGateway`, FQDN on a tenant domain, at most 63 characters), '
            + 'a PSTN usage (`Set-CsOnlinePstnUsage`), a voice route (`New-CsOnlineVoiceRoute`) and an online voice routing policy '
            + 'for the resource accounts. A resource account with a Direct Routing number must have a voice routing policy with valid PSTN usages.',
        docs: [{ label: 'Connect your SBC to Direct Routing', href: `${LEARN}/microsoftteams/direct-routing-connect-the-sbc` }]
    },
    PhoneNumber: {
        title: 'service number',
        facts: 'Step 1: a service number (E.164) that must already be in the tenant\'s inventory: Calling Plan, Operator Connect or Direct Routing. '
            + 'Assigned to a resource account it becomes the shared caller ID; listed in a policy it is an emergency callback number.',
        docs: [{ label: 'Plan for Shared Calling', href: `${LEARN}/microsoftteams/shared-calling-plan` }]
    },
    ResourceAccount: {
        title: 'resource account',
        facts: 'Step 2: a resource account (`New-CsOnlineApplicationInstance`, auto attendant or call queue application id) licensed as '
            + '"Microsoft Teams Phone Resource Account" (PHONESYSTEM_VIRTUALUSER) through Graph `assignLicense`; a licence needs a usage location.',
        docs: [{ label: 'Manage resource accounts', href: `${LEARN}/microsoftteams/manage-resource-accounts` }]
    },
    Assignment: {
        title: 'number assignment',
        facts: 'Step 3: `Set-CsPhoneNumberAssignment -Identity <account> -PhoneNumber <number> -PhoneNumberType <type> -LocationId <location>`. '
            + 'A number can be assigned to one account only; Direct Routing numbers also need a voice routing policy on the account.',
        docs: [{ label: 'Set-CsPhoneNumberAssignment', href: `${LEARN}/powershell/module/microsoftteams/set-csphonenumberassignment` }]
    },
    SharedCallingPolicy: {
        title: 'Shared Calling policy',
        facts: 'Step 4: `New-CsTeamsSharedCallingRoutingPolicy -Identity <name> -ResourceAccount <id> -EmergencyNumbers <numbers>` '
            + '(MicrosoftTeams module 5.5.0 or later). Users with the policy call out with the resource account\'s number; '
            + 'emergency callback numbers must match its type and country and are used by one policy only.',
        docs: [{ label: 'New-CsTeamsSharedCallingRoutingPolicy', href: `${LEARN}/powershell/module/microsoftteams/new-csteamssharedcallingroutingpolicy` }]
    },
    Group: {
        title: 'Entra group',
        facts: 'An existing Microsoft Entra group, found by display name or object id through Microsoft Graph. The tool never creates groups.',
        docs: [{ label: 'List groups (Graph)', href: `${LEARN}/graph/api/group-list` }]
    },
    AutoAttendant: {
        title: 'auto attendant',
        facts: 'Inbound for a shared number (setup step 3): `New-CsAutoAttendant` with a default call flow (dial-by-name, optionally by extension, '
            + '0 for the operator), a dial scope of the groups granted the policies that share the account (`New-CsAutoAttendantDialScope -GroupScope`), '
            + 'always open unless `hours` or `holiday` add after-hours and holiday call flows on schedules; '
            + 'then `New-CsOnlineApplicationInstanceAssociation` associates it with the resource account.',
        docs: [
            { label: 'New-CsAutoAttendant', href: `${LEARN}/powershell/module/microsoftteams/new-csautoattendant` },
            { label: 'Set up Shared Calling', href: `${LEARN}/microsoftteams/shared-calling-setup` }
        ]
    },
    Answer: {
        title: 'inbound association',
        facts: 'Inbound through an auto attendant or call queue that already exists, found by its name: '
            + '`New-CsOnlineApplicationInstanceAssociation -Identities <account id> -ConfigurationId <id> -ConfigurationType AutoAttendant|CallQueue`.',
        docs: [{ label: 'New-CsOnlineApplicationInstanceAssociation', href: `${LEARN}/powershell/module/microsoftteams/new-csonlineapplicationinstanceassociation` }]
    },
    Grant: {
        title: 'group policy grant',
        facts: 'Step 5: `Grant-CsTeamsSharedCallingRoutingPolicy -Group <group> -PolicyName <policy> -Rank <rank>` (group policy assignment): '
            + 'ranks are unique per policy type, 1 is the highest priority, at most 64 groups per policy type. The members also get a voice '
            + 'routing policy without PSTN usages.',
        docs: [
            { label: 'Grant-CsTeamsSharedCallingRoutingPolicy', href: `${LEARN}/powershell/module/teams/grant-csteamssharedcallingroutingpolicy` },
            { label: 'Assign policies to groups', href: `${LEARN}/microsoftteams/assign-policies-users-and-groups` }
        ]
    },
    EmergencyCallingPolicy: {
        title: 'emergency calling policy',
        facts: 'Who is told when a user calls emergency services, and how: `New-CsTeamsEmergencyCallingPolicy -NotificationGroup '
            + '-NotificationMode -NotificationDialOutNumber -ExternalLocationLookupMode`. At most 10 addresses (users or groups, by UPN or '
            + 'SMTP address), 50 users notified in all; the dial-out number is called only in a conference mode. An `emergency` statement '
            + 'grants it to its group with `notify` (`Grant-CsTeamsEmergencyCallingPolicy -Group -Rank`). In the US, Kari\'s Law expects '
            + 'a multi-line system to notify someone when 911 is dialled.',
        docs: [
            { label: 'New-CsTeamsEmergencyCallingPolicy', href: `${LEARN}/powershell/module/microsoftteams/new-csteamsemergencycallingpolicy` },
            { label: 'Manage emergency calling policies', href: `${LEARN}/microsoftteams/manage-emergency-calling-policies` }
        ]
    },
    Extensions: {
        title: 'extension dialing',
        facts: 'Optional extension dialing: each row of the CSV file (columns upn, number, extension) gives a Shared Calling user a '
            + 'Direct Routing number with a unique extension, `Set-CsPhoneNumberAssignment -PhoneNumber "+12065550100;ext=1234" '
            + '-PhoneNumberType DirectRouting`, and the voice routing policy without PSTN usages (with usages the user would stop using '
            + 'Shared Calling). The number may be the resource account\'s own.',
        docs: [
            { label: 'Configure Shared Calling', href: `${LEARN}/microsoftteams/shared-calling-setup` },
            { label: 'Set-CsPhoneNumberAssignment', href: `${LEARN}/powershell/module/teams/set-csphonenumberassignment` }
        ]
    },
    EmergencyCoverage: {
        title: 'emergency coverage',
        facts: 'Step 6: every Shared Calling user needs emergency routing: `New-CsTeamsEmergencyCallRoutingPolicy` with the '
            + 'dial strings (1-10 digits, no +) routed through the trunk\'s PSTN usage, granted to the group\'s members. '
            + '`works-at` sets no location: a call carries the client\'s dynamic location, else the static location of the '
            + 'shared number; the tool warns when that is another address than where the members work (docs/emergency.md).',
        docs: [
            { label: 'New-CsTeamsEmergencyCallRoutingPolicy', href: `${LEARN}/powershell/module/microsoftteams/new-csteamsemergencycallroutingpolicy` },
            { label: 'Shared Calling: emergency location', href: `${LEARN}/microsoftteams/shared-calling-setup` }
        ]
    },
    TrustedIp: {
        title: 'trusted IP address',
        facts: 'A public (egress) IP address or range of the corporate network: `New-CsTenantTrustedIPAddress -IPAddress -MaskBits`. '
            + 'Teams looks for a dynamic emergency location only for clients whose public IP is trusted.',
        docs: [
            { label: 'New-CsTenantTrustedIPAddress', href: `${LEARN}/powershell/module/microsoftteams/new-cstenanttrustedipaddress` },
            { label: 'Dynamic emergency calling', href: `${LEARN}/microsoftteams/configure-dynamic-emergency-calling` }
        ]
    },
    NetworkRegion: {
        title: 'network region',
        facts: 'A region that groups network sites: `New-CsTenantNetworkRegion -NetworkRegionID`. Sites name one, so regions come first.',
        docs: [{ label: 'New-CsTenantNetworkRegion', href: `${LEARN}/powershell/module/microsoftteams/new-cstenantnetworkregion` }]
    },
    NetworkSite: {
        title: 'network site',
        facts: 'A network site in a region (`New-CsTenantNetworkSite -NetworkSiteID -NetworkRegionID`) made of internal subnets '
            + '(`New-CsTenantNetworkSubnet -SubnetID -MaskBits -NetworkSiteID`); each subnet belongs to one site. A subnet used by a '
            + 'site must also be mapped to a location (an `emergency-location` subnet) for dynamic emergency calling.',
        docs: [
            { label: 'New-CsTenantNetworkSite', href: `${LEARN}/powershell/module/microsoftteams/new-cstenantnetworksite` },
            { label: 'New-CsTenantNetworkSubnet', href: `${LEARN}/powershell/module/microsoftteams/new-cstenantnetworksubnet` }
        ]
    },
    EmergencyLocation: {
        title: 'emergency location',
        facts: 'A place at a civic address (the address\'s default location, or a `place` within it: `New-CsOnlineLisLocation`) and '
            + 'the network identifiers that put a client there: `Set-CsOnlineLisSubnet`, `Set-CsOnlineLisWirelessAccessPoint` (BSSID), '
            + '`Set-CsOnlineLisSwitch` (chassis id) and `Set-CsOnlineLisPort` (chassis id and port). A client found here calls 911 '
            + 'with this location instead of the shared number\'s.',
        docs: [
            { label: 'Set-CsOnlineLisSubnet', href: `${LEARN}/powershell/module/microsoftteams/set-csonlinelissubnet` },
            { label: 'Dynamic emergency calling', href: `${LEARN}/microsoftteams/configure-dynamic-emergency-calling` }
        ]
    }
};

/** Keywords whose meaning is worth a sentence (number types, account kinds, properties). */
export const KEYWORD_FACTS: Record<string, string> = {
    'answers': 'In `auto-attendant <Name> answers <account>`: the resource account whose shared number this auto attendant answers; apply associates them (New-CsOnlineApplicationInstanceAssociation) [AA-NEW, ASSOC].',
    'language': 'The auto attendant\'s language (-LanguageId, e.g. en-US; the default): prompts and speech recognition [AA-NEW].',
    'time-zone': 'The auto attendant\'s time zone (-TimeZoneId, e.g. "Pacific Standard Time"; default UTC) [AA-NEW].',
    'dial-by-extension': 'on: callers may also dial a user\'s extension (the menu\'s -DirectorySearchMethod ByExtension); dial by name stays on. The directory is the groups granted the policy that shares the number [AA-MENU, AA-DIALSCOPE].',
    'operator': 'The auto attendant\'s operator (-Operator): a resource account of the setup or a phone number in E.164 [AA-NEW, AA-ENTITY].',
    'with': 'In `answer <account> with auto-attendant "<name>"` (or `call-queue "<name>"`): an auto attendant or call queue the tenant already has, associated with the account by name [ASSOC]; a call queue is read by name (Get-CsCallQueue -NameFilter [CQ-GET]).',
    'hours': 'The auto attendant\'s open hours: days (`mon to fri`, `sat`) and "hh:mm-hh:mm" ranges on 15-minute boundaries. Outside them, the after-hours call flow runs: a weekly schedule with -Complement (New-CsOnlineSchedule, New-CsOnlineTimeRange) [AA-SCHEDULE, AA-TIMERANGE]. None: always open.',
    'after-hours': 'What the auto attendant does with a call outside its `hours`: `disconnect` (the default) or `transfer` to the operator, a resource account or a number (an AfterHours call handling association) [AA-CHA, AA-MENUOPT].',
    'holiday': 'A holiday: "<name>" "yyyy-mm-dd" [to "yyyy-mm-dd"], whole days with the last included, and optionally its own action (else the after-hours one). A fixed schedule and a Holiday call handling association; holidays beat after hours [AA-DATERANGE, AA-CHA, AA-NEW].',
    'transfer': 'Sends a closed auto attendant\'s call on: `operator`, a resource account (a call queue\'s or another auto attendant\'s) or a phone number (-Action TransferCallToOperator / TransferCallToTarget) [AA-MENUOPT, AA-ENTITY].',
    'disconnect': 'Hangs up a call the auto attendant gets while closed (-Action DisconnectCall), as Microsoft\'s after-hours example does [AA-MENUOPT, AA-NEW].',
    'direct-routing': 'A number from your carrier, routed through your own SBC (Direct Routing). The resource account needs a voice routing policy with a PSTN usage: add `via <trunk>`.',
    'calling-plan': 'A Microsoft Calling Plan service number. The resource account needs a funded Pay-As-You-Go Calling Plan; not supported for Shared Calling in some countries (RO, CZ, HU, SG, NZ, AU, JP).',
    'operator-connect': 'A number from an Operator Connect operator; no further routing setup is needed.',
    'toll-free': 'A toll-free Calling Plan service number: the policy then needs Calling Plan subscriber numbers as emergency callback numbers.',
    'auto-attendant': 'The resource account fronts an auto attendant (application id ce933385-9390-45d1-9512-c8d228074e07): inbound calls to the shared number reach it.',
    'call-queue': 'The resource account fronts a call queue (application id 11cd3e2e-fccb-42ad-ad00-878b93575e07).',
    'usage-location': 'ISO 3166-1 alpha-2 country of the resource account: required to assign a licence; should match the number\'s country.',
    'country': 'ISO 3166-1 alpha-2 country or region code of the civic address (e.g. US, GB, DE).',
    'geo': 'Latitude and longitude of the address: required everywhere except Australia and Japan.',
    'emergency-callback': 'Emergency callback numbers: the number a PSAP calls back. Same type and country as the resource account\'s number, each used by one policy only, never assigned to an account.',
    'rank': 'Priority of this group assignment among groups of the same policy type: unique, 1 is the highest.',
    'dial': 'Emergency dial strings (1-10 digits, no +): Teams clients do not prepend + to emergency numbers.',
    'via': 'The Direct Routing trunk that routes this number or these emergency calls.',
    'at': 'On a number: the civic address whose default location the number gets (Set-CsPhoneNumberAssignment -LocationId). A Shared Calling user\'s emergency call carries this location of the shared number when no dynamic location is found [SET-PNA, NEW-SCRP].',
    'from': 'In `extensions from "<file>.csv"`: the CSV of extension dialing (columns upn, number, extension), relative to this file.',
    'works-at': 'Where the group\'s members work. It sets nothing in Teams: the tool uses it to check that their emergency calls carry that address (dynamic locations, else the shared number\'s).',
    'pidf-lo': '`pidf-lo on`: the SBC receives the caller\'s location in emergency calls (`New-CsOnlinePSTNGateway -PidfLoSupported $true`; off by default) [GW-NEW].',
    'place': 'A place within the address (floor, room): `New-CsOnlineLisLocation -Location`. Without it, the address\'s default location [LOC-NEW].',
    'subnet': 'In an emergency-location: a subnet by its network id, e.g. "10.1.2.0" (Set-CsOnlineLisSubnet). In a network-site: an internal subnet with its prefix length, e.g. "10.1.0.0/16" (New-CsTenantNetworkSubnet) [LISSUBNET-SET, NETSUBNET-NEW].',
    'access-point': 'A wireless access point by BSSID, e.g. "00-11-22-33-44-55"; a trailing * matches a range (Set-CsOnlineLisWirelessAccessPoint) [LISWAP-SET].',
    'switch': 'A network switch by chassis id, e.g. "B8-BE-BF-4A-A3-00" (Set-CsOnlineLisSwitch) [LISSWITCH-SET].',
    'switch-port': 'A switch port: the chassis id, then the port id, e.g. "B8-BE-BF-4A-A3-00" "G1/0/30" (Set-CsOnlineLisPort) [LISPORT-SET].',
    'region': 'In an address: the state or province. In a network-site: the network region it belongs to.',
    'import': 'Makes another .voice file\'s declarations visible here; its statements take effect before this file\'s.',
    // Properties and clauses of statements: every one the grammar has (test/server/completion-details.test.ts).
    'domains': 'Further verified domains of the tenant: resource account UPNs and SBC FQDNs must be on one of its domains [NEW-APPINST, DR-CONNECT].',
    'company': 'The company name of the civic address (`New-CsOnlineLisCivicAddress -CompanyName`, required) [CIVIC-NEW].',
    'house-number': 'The house number of the civic address (`-HouseNumber`) [CIVIC-NEW].',
    'street': 'The street name of the civic address (`-StreetName`) [CIVIC-NEW].',
    'city': 'The city of the civic address (`-City`) [CIVIC-NEW].',
    'postal-code': 'The postal code of the civic address (`-PostalCode`) [CIVIC-NEW].',
    'elin': 'The Emergency Location Identification Number of the address (`-Elin`), used in Direct Routing emergency gateway scenarios [CIVIC-NEW].',
    'description': 'Free text. On a shared calling policy, trusted IP, network region or network site it is the object\'s `-Description` '
        + '[NEW-SCRP, TRUSTIP-NEW, NETREGION-NEW, NETSITE-NEW]; on an emergency location, its network identifiers\' [LISSUBNET-SET]. '
        + 'On an address it is a note in the file: the tool keeps the address\'s own description for `voice:<Name>` (or its `identity`), to find it again.',
    'identity': 'Adopts a tenant object made outside the tool, whose Teams name is not a .voice name: on a shared calling policy, emergency calling '
        + 'policy, network region or network site its `-Identity` (`identity "Retail-Stores"`); on an address the Description Teams finds it by '
        + '(instead of `voice:<Name>`); on an `emergency` statement the group\'s emergency call routing policy (instead of `SharedCalling-Emergency-<Group>`). '
        + 'Plan, compile and apply find and change the object under it [NEW-SCRP, ECP-NEW, NETREGION-NEW, NETSITE-NEW, CIVIC-NEW, ECRP-NEW].',
    'outbound-route': 'Adopts the trunk\'s outbound voice route made outside the tool, by its Teams identity (`New-CsOnlineVoiceRoute -Identity`); '
        + 'without it `<Name>-Outbound` [VROUTE-NEW].',
    'emergency-route': 'Adopts the trunk\'s emergency voice route made outside the tool, by its Teams identity; without it `<Name>-Emergency` [VROUTE-NEW, EMERG].',
    'routing-policy': 'Adopts the voice routing policy of the trunk\'s resource accounts made outside the tool, by its Teams identity; '
        + 'without it `SharedCalling-<Name>`. Its description stays the admin\'s [OVRP-NEW].',
    'sbc': 'The SBC\'s fully qualified domain name (`New-CsOnlinePSTNGateway -Fqdn`, at most 63 characters, on a domain of the tenant), '
        + 'optionally with its SIP signalling `port` [GW-NEW, DR-CONNECT].',
    'port': 'The SBC\'s SIP signalling port (`-SipSignalingPort`, 1-65535); 5061 when left out [GW-NEW].',
    'usage': 'The PSTN usage that routes to this SBC (`Set-CsOnlinePstnUsage -Usage @{add=...}`), used by the voice route and the voice routing policy [USAGE-SET, OVRP-NEW].',
    'pattern': 'The number pattern (a regular expression) of the outbound voice route through this SBC (`New-CsOnlineVoiceRoute -NumberPattern`); `^\\+?\\d+$` when left out [VROUTE-NEW].',
    'upn': 'The resource account\'s user principal name (`New-CsOnlineApplicationInstance -UserPrincipalName`), on a domain of the tenant [NEW-APPINST].',
    'display-name': 'The resource account\'s display name (`-DisplayName`); its name in the file when left out [NEW-APPINST].',
    'kind': 'What the resource account fronts: `auto-attendant` (the default) or `call-queue`, its application id (`-ApplicationId`) [NEW-APPINST].',
    'to': 'In `assign`: the resource account that gets the number. In `grant`: the Entra group that gets the policy.',
    'resource-account': 'In a shared calling policy: the resource account whose number the policy\'s users share (`-ResourceAccount`); '
        + 'it needs a number assigned above the policy [NEW-SCRP].',
    'id': 'Names the group by its Entra object id (a GUID) instead of its display name [G-GROUPS].',
    'address': 'In an emergency location: the civic address the place belongs to (`New-CsOnlineLisLocation -CivicAddressId`) [LOC-NEW].',
    'notify': 'In an emergency-calling-policy: the users and groups (UPN or SMTP address, at most 10) told of an emergency call by Teams chat '
        + '(`-NotificationGroup`) [ECP-NEW]. On an emergency statement: the emergency calling policy granted to the group [ECP-GRANT].',
    'mode': 'How the notified people take part (`-NotificationMode`): notification-only (a Teams chat), conference-muted (they listen in), '
        + 'conference-unmuted (they may speak) [ECP-NEW].',
    'dial-out': 'A PSTN number called into the emergency call when the mode is a conference (`-NotificationDialOutNumber`); it cannot unmute [ECP-NEW].',
    'default': 'A template parameter\'s value for every tenant whose values file leaves it out; it must fit the parameter\'s type (docs/parameters.md).',
    'external-location-lookup': '`on` lets users enter an emergency address when they work off the corporate network (`-ExternalLocationLookupMode Enabled`) [ECP-NEW].'
};

/** A one-line description of one tenant object a statement declares (its kind module says it). */
export function describeResource(resource: Resource): string {
    return handlerOf(resource).describe(resource);
}
