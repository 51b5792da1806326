/**
 * The emergency calling policy: who is told when a user calls emergency services (a security
 * desk, as Kari's Law expects in the US), how (a Teams chat, or conferenced in), and whether
 * users may enter an address off the corporate network [ECP-NEW, ECP-SET, ECP-GET]. Granted
 * to groups by the group-grant kind (Grant-CsTeamsEmergencyCallingPolicy -Group [ECP-GRANT]).
 */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { EmergencyCallingPolicy } from '../generated/ast.js';
import { canonicalNumber } from '../phone-numbers.js';
import { compare, isGlobal, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { identityOf, str } from './read-rows.js';

export type NotificationMode = 'NotificationOnly' | 'ConferenceMuted' | 'ConferenceUnMuted';

export interface EmergencyCallingPolicyResource {
    kind: 'emergency-calling-policy'; key: string; identity: string;
    /** Users and groups notified by Teams chat (UPN or SMTP address); Teams takes them as one ';'-separated string. */
    notificationGroup: string[];
    /** Set when the policy notifies anyone; Teams's own default is none [ECP-NEW]. */
    notificationMode?: NotificationMode;
    /** E.164, called into the conference in a conference mode. */
    notificationDialOutNumber?: string;
    externalLocationLookupMode: 'Enabled' | 'Disabled';
    description: string;
}

/** Read by the parameter names: Get-CsTeamsEmergencyCallingPolicy documents only ExtendedNotifications [ECP-GET; UNCONFIRMED]. */
export interface ObservedEmergencyCallingPolicy {
    identity: string; notificationGroup: string[]; notificationMode?: string; notificationDialOutNumber?: string;
    externalLocationLookupMode?: string; description?: string;
}

const MODES: Record<string, NotificationMode> = {
    'notification-only': 'NotificationOnly', 'conference-muted': 'ConferenceMuted', 'conference-unmuted': 'ConferenceUnMuted'
};

/** Splits Teams's "a@x;b@y" into addresses. */
export const notificationAddresses = (group: string | undefined): string[] => (group ?? '').split(';').map(a => a.trim()).filter(a => a !== '');

/** The policy's Teams identity: its `identity` clause (a policy made outside the tool), else its name. */
export const emergencyCallingPolicyIdentity = (policy: EmergencyCallingPolicy): string => policy.identity ?? policy.name;

export function emergencyCallingPolicyFor(policy: EmergencyCallingPolicy): EmergencyCallingPolicyResource {
    const notificationGroup = policy.notify.map(a => a.trim());
    const dialOut = policy.dialOut === undefined ? undefined : canonicalNumber(policy.dialOut) ?? policy.dialOut;
    const notifies = notificationGroup.length > 0 || dialOut !== undefined;
    return {
        kind: 'emergency-calling-policy', key: policy.name, identity: emergencyCallingPolicyIdentity(policy), notificationGroup,
        // Naming people to notify means notifying them: a chat unless the file asks for a conference.
        notificationMode: policy.mode ? MODES[policy.mode] : notifies ? 'NotificationOnly' : undefined,
        notificationDialOutNumber: dialOut,
        externalLocationLookupMode: policy.externalLocationLookup === 'on' ? 'Enabled' : 'Disabled',
        description: policy.description ?? ''
    };
}

type Command = 'New-CsTeamsEmergencyCallingPolicy' | 'Set-CsTeamsEmergencyCallingPolicy';

/**
 * Every setting the file declares. An update passes the notification group and dial-out
 * number even when empty, so that removing them from the file clears them in Teams.
 */
function policyCall(command: Command, r: EmergencyCallingPolicyResource): TeamsCall {
    const creating = command === 'New-CsTeamsEmergencyCallingPolicy';
    const group = r.notificationGroup.join(';');
    return {
        surface: 'teams', command, parameters: {
            Identity: r.identity,
            ...(group !== '' || !creating ? { NotificationGroup: group } : {}),
            ...(r.notificationMode ? { NotificationMode: r.notificationMode } : {}),
            ...(r.notificationDialOutNumber !== undefined || !creating ? { NotificationDialOutNumber: r.notificationDialOutNumber ?? '' } : {}),
            ExternalLocationLookupMode: r.externalLocationLookupMode,
            Description: r.description
        }
    };
}

const find = (identity: string, policies: readonly ObservedEmergencyCallingPolicy[]) => policies.find(p => same(p.identity, identity));

export const emergencyCallingPolicy: KindHandler<'emergency-calling-policy'> = {
    kind: 'emergency-calling-policy',
    label: 'emergency calling policy',
    step: 'step6',
    dependsOn: [],
    describe: r => `emergency calling policy \`${r.identity}\`${r.notificationGroup.length ? ` notifying ${r.notificationGroup.join(', ')}` : ' notifying no one'}`
        + `${r.notificationMode ? ` (${r.notificationMode})` : ''} (New-CsTeamsEmergencyCallingPolicy)`,
    observed: (r, { snapshot }) => find(r.identity, snapshot.emergencyCallingPolicies),
    reads: [{
        field: 'emergencyCallingPolicies', from: { surface: 'teams', command: 'Get-CsTeamsEmergencyCallingPolicy' },
        rows: rows => rows.map(p => ({
            identity: identityOf(p), notificationGroup: notificationAddresses(str(p.NotificationGroup)), notificationMode: str(p.NotificationMode),
            notificationDialOutNumber: str(p.NotificationDialOutNumber), externalLocationLookupMode: str(p.ExternalLocationLookupMode),
            description: str(p.Description)
        }))
    }],
    commands: ['New-CsTeamsEmergencyCallingPolicy', 'Set-CsTeamsEmergencyCallingPolicy'],
    diff(r, { snapshot }) {
        const found = find(r.identity, snapshot.emergencyCallingPolicies);
        if (!found) return { action: 'create', note: r.notificationGroup.length ? `notify ${r.notificationGroup.length} address(es)` : 'notifies no one' };
        return updateIfDiffers(compare([
            ['notificationGroup', sorted(found.notificationGroup), sorted(r.notificationGroup)],
            ['notificationMode', found.notificationMode, r.notificationMode, 'ignoreCase'],
            ['notificationDialOutNumber', found.notificationDialOutNumber ?? '', r.notificationDialOutNumber ?? ''],
            ['externalLocationLookupMode', found.externalLocationLookupMode, r.externalLocationLookupMode, 'ignoreCase'],
            ['description', found.description ?? '', r.description]
        ]));
    },
    notManaged: (declared, { snapshot }) =>
        undeclared(snapshot.emergencyCallingPolicies.map(p => p.identity).filter(id => !isGlobal(id)), declared.map(r => r.identity)),
    create: r => [policyCall('New-CsTeamsEmergencyCallingPolicy', r)],
    update: r => [policyCall('Set-CsTeamsEmergencyCallingPolicy', r)],
    script(r) {
        const id = psString(r.identity);
        return createOrUpdate({
            read: `Get-CsTeamsEmergencyCallingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [`${psCall(policyCall('New-CsTeamsEmergencyCallingPolicy', r))} | Out-Null`],
            differs: [
                `-not (Test-VoiceSameSet ([string]$current.NotificationGroup -split ';' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) ${psStringArray(r.notificationGroup)})`,
                ...(r.notificationMode ? [`[string]$current.NotificationMode -ne ${psString(r.notificationMode)}`] : []),
                `[string]$current.NotificationDialOutNumber -cne ${psString(r.notificationDialOutNumber ?? '')}`,
                `[string]$current.ExternalLocationLookupMode -ne ${psString(r.externalLocationLookupMode)}`,
                `[string]$current.Description -cne ${psString(r.description)}`
            ],
            update: [psCall(policyCall('Set-CsTeamsEmergencyCallingPolicy', r))]
        });
    }
};
