/**
 * The Shared Calling part of an export as `.voice` statements, in the six setup steps:
 * numbers, resource accounts, assignments, policies, groups and grants, emergency coverage.
 * Each writes back the fields its kind compares (language/kinds/).
 */
import type { ObservedAutoAttendant } from '../plan/snapshot.js';
import type { ExportedAccount, ExportedGroup, ExportedNotification, ExportedNumber, ExportedPolicy } from './model.js';
import { identityUnless } from './network-statements.js';
import { block, statement, voiceString, type ExportedStatement } from './text.js';

const NUMBER_TYPES = { DirectRouting: 'direct-routing', CallingPlan: 'calling-plan', OperatorConnect: 'operator-connect' } as const;

export function numberStatement(n: ExportedNumber): ExportedStatement {
    const via = n.trunk ? ` via ${n.trunk}` : '';
    const at = n.address ? ` at ${n.address}` : '';
    return statement([`Teams: ${n.telephoneNumber} (${n.type}), ${n.origin}`],
        [`number ${n.name} ${voiceString(n.telephoneNumber)} ${NUMBER_TYPES[n.type] ?? 'direct-routing'}${via}${at}`]);
}

export function accountStatement(a: ExportedAccount): ExportedStatement {
    return statement([`Teams: application instance ${a.instance.userPrincipalName} (${a.instance.objectId})`], block(`resource-account ${a.name}`, [
        ['upn', voiceString(a.instance.userPrincipalName)], ['display-name', voiceString(a.instance.displayName ?? '')],
        ['usage-location', a.user?.usageLocation], ['kind', a.kind]
    ]));
}

export function assignStatements(a: ExportedAccount): ExportedStatement[] {
    return a.numbers.map(n => statement([], [`assign ${n.name} to ${a.name}`]));
}

export function policyStatement(p: ExportedPolicy): ExportedStatement {
    const description = p.policy.description ? voiceString(p.policy.description) : undefined;
    return statement([`Teams: shared calling policy ${p.policy.identity}`], block(`shared-calling-policy ${p.name}`, [
        ['resource-account', p.account?.name],
        ['emergency-callback', p.callbacks.length > 0 ? p.callbacks.map(c => c.name).join(', ') : undefined],
        ['description', description], ['identity', identityUnless(p.policy.identity, p.name)]
    ]));
}

export function groupStatement(g: ExportedGroup): ExportedStatement {
    const reference = g.byId || !g.group ? `id ${voiceString(g.id)}` : voiceString(g.group.displayName);
    return statement([`Entra: group ${g.id}${g.byId && g.group ? ` ("${g.group.displayName}", a display name several groups share)` : ''}`],
        [`group ${g.name} ${reference}`]);
}

export function grantStatement(p: ExportedPolicy, grant: ExportedPolicy['grants'][number]): ExportedStatement {
    return statement([], [`grant ${p.name} to ${grant.group.name} rank ${grant.rank}`]);
}

/**
 * The auto attendant that answers an exported account: the fields the auto-attendant kind
 * compares. Its dial scope is not written: the language derives it from the grants.
 */
export function autoAttendantStatement(name: string, account: ExportedAccount, attendant: ObservedAutoAttendant, operator?: string, scheduled = false): ExportedStatement {
    const hours = scheduled ? ['Its business hours and holidays are not written: plan and apply leave them as the tenant has them.'] : [];
    return statement([`Teams: auto attendant ${attendant.id}`, ...hours], block(`auto-attendant ${name} answers ${account.name}`, [
        ['display-name', voiceString(attendant.name)],
        ['language', attendant.languageId ? voiceString(attendant.languageId) : undefined],
        ['time-zone', attendant.timeZoneId ? voiceString(attendant.timeZoneId) : undefined],
        ['dial-by-extension', attendant.directorySearch?.toLowerCase() === 'byextension' ? 'on' : undefined],
        ['operator', operator]
    ]));
}

const MODES: Record<string, string> = { notificationonly: 'notification-only', conferencemuted: 'conference-muted', conferenceunmuted: 'conference-unmuted' };

/** The fields the emergency-calling-policy kind compares, as Teams holds them. */
export function notificationStatement(n: ExportedNotification): ExportedStatement {
    const p = n.policy;
    const mode = p.notificationMode ? MODES[p.notificationMode.toLowerCase()] : undefined;
    return statement([`Teams: emergency calling policy ${p.identity}`], block(`emergency-calling-policy ${n.name}`, [
        ['notify', p.notificationGroup.length > 0 ? p.notificationGroup.map(voiceString).join(', ') : undefined],
        ['mode', mode],
        ['dial-out', p.notificationDialOutNumber ? voiceString(p.notificationDialOutNumber) : undefined],
        ['external-location-lookup', p.externalLocationLookupMode?.toLowerCase() === 'enabled' ? 'on' : undefined],
        ['description', p.description ? voiceString(p.description) : undefined], ['identity', identityUnless(p.identity, n.name)]
    ]));
}

export function coverageStatement(g: ExportedGroup): ExportedStatement[] {
    const c = g.coverage;
    if (!c) return [];
    const via = c.trunk ? ` via ${c.trunk}` : '';
    const dial = c.dialStrings.length > 0 ? ` dial ${c.dialStrings.map(voiceString).join(', ')}` : '';
    const notify = c.notify ? ` notify ${c.notify}` : '';
    const identity = c.identity !== undefined ? ` identity ${voiceString(c.identity)}` : '';
    return [statement([`Teams: emergency call routing policy ${c.policy.identity}, held by ${c.members} member(s)`],
        [`emergency ${g.name} works-at ${c.address}${via}${dial}${notify}${identity}`])];
}
