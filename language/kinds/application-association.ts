/**
 * Which auto attendant answers a resource account's calls: New-CsOnlineApplicationInstanceAssociation
 * [ASSOC]. The auto attendant is found by its name: one the setup declares (`auto-attendant`) or
 * one that already exists (`answer`); a call queue (`answer … with call-queue`) always exists
 * already, and is read by its name: Get-CsCallQueue's reference marks -NameFilter and -Sort
 * mandatory [CQ-GET], so the plan reads each named queue once (Get-CsCallQueue -NameFilter <name>
 * -Sort Name) instead of listing them all.
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Answer, AutoAttendant } from '../generated/ast.js';
import type { StatementPlan } from '../plan/desired-setup.js';
import { autoAttendantsNamed } from './auto-attendant.js';
import { same } from './compare.js';
import type { DiffContext, KindHandler, TeamsCall } from './kind-handler.js';
import { list, str, type Row } from './read-rows.js';

export type ConfigurationType = 'AutoAttendant' | 'CallQueue';

export interface ApplicationAssociationResource {
    kind: 'application-association'; key: string; resourceAccount: string; configurationType: ConfigurationType;
    /** The auto attendant's or call queue's name. */
    configuration: string;
}

/** A call queue as Get-CsCallQueue returns it [CQ-GET]: the page shows no output, so Identity (or Id), Name and ApplicationInstances are read defensively. */
export interface ObservedCallQueue { id: string; name: string; applicationInstances: string[] }

export function observedCallQueue(q: Row): ObservedCallQueue {
    return { id: str(q.Identity) ?? str(q.Id) ?? '', name: str(q.Name) ?? '', applicationInstances: list(q.ApplicationInstances).map(String) };
}

export function associationFor(statement: AutoAttendant | Answer): ApplicationAssociationResource {
    const upn = statement.account.ref?.upn ?? '';
    const configuration = statement.$type === 'AutoAttendant' ? statement.displayName ?? statement.name : statement.configuration;
    const configurationType = statement.$type === 'Answer' && statement.configurationType === 'call-queue' ? 'CallQueue' : 'AutoAttendant';
    return { kind: 'application-association', key: upn, resourceAccount: upn, configurationType, configuration };
}

/** The call queues a setup names: the ones plan reads (one Get-CsCallQueue -NameFilter each [CQ-GET]). */
export function namedCallQueues(plans: readonly StatementPlan[]): string[] {
    return plans.flatMap(p => p.resources).flatMap(r => (r.kind === 'application-association' && r.configurationType === 'CallQueue' ? [r.configuration] : []));
}

const associate = (r: ApplicationAssociationResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineApplicationInstanceAssociation', parameters: {
        Identities: [{ $ref: 'account-id', key: r.resourceAccount }],
        ConfigurationId: r.configurationType === 'CallQueue' ? { $ref: 'call-queue-id', key: r.configuration } : { $ref: 'auto-attendant-id', key: r.configuration },
        ConfigurationType: r.configurationType
    }
});

/** The call queues of one name, lowest id first (the filter matches parts of names; names need not be unique). */
export function callQueuesNamed(all: readonly ObservedCallQueue[], name: string): ObservedCallQueue[] {
    return all.filter(q => same(q.name, name)).sort((x, y) => (x.id.toLowerCase() < y.id.toLowerCase() ? -1 : 1));
}

/** The auto attendant or call queue the tenant has under that name (the lowest id of twins), with the accounts it answers. */
function configurationOf(r: ApplicationAssociationResource, { snapshot }: Pick<DiffContext, 'snapshot'>): { id: string; applicationInstances: string[] } | undefined {
    return r.configurationType === 'CallQueue' ? callQueuesNamed(snapshot.callQueues, r.configuration)[0] : autoAttendantsNamed(snapshot.autoAttendants, r.configuration)[0];
}

const what = (r: ApplicationAssociationResource): string => (r.configurationType === 'CallQueue' ? 'call queue' : 'auto attendant');

/**
 * An account already answering for another auto attendant or call queue: the association
 * reference documents no move, and Remove-CsAutoAttendant's asks for associations to be removed
 * with Remove-CsOnlineApplicationInstanceAssociation first [ASSOC, AA-REMOVE]. The docs are silent
 * on what a second association does, so the plan stops here (an error) rather than guess. Every
 * auto attendant is read; call queues only by the names the setup gives.
 */
function answeredElsewhere(r: ApplicationAssociationResource, accountId: string | undefined, configurationId: string | undefined, ctx: DiffContext): void {
    if (accountId === undefined) return;
    const answers = (c: { id: string; applicationInstances: string[] }) => !same(c.id, configurationId ?? '') && c.applicationInstances.some(id => same(id, accountId));
    const attendant = ctx.snapshot.autoAttendants.find(answers);
    const queue = ctx.snapshot.callQueues.find(answers);
    const other = attendant ? `auto attendant "${attendant.name}" (${attendant.id})` : queue ? `call queue "${queue.name}" (${queue.id})` : undefined;
    if (!other) return;
    ctx.finding('account-answered-elsewhere', `\`${r.resourceAccount}\` already answers for ${other}, not ${what(r)} "${r.configuration}". ` +
        'Remove that association first (Remove-CsOnlineApplicationInstanceAssociation), or answer with it.');
}

export const applicationAssociation: KindHandler<'application-association'> = {
    kind: 'application-association',
    label: 'inbound association',
    step: 'inbound',
    dependsOn: ['resource-account', 'auto-attendant'],
    describe: r => `calls to \`${r.resourceAccount}\` answered by ${what(r)} "${r.configuration}" (New-CsOnlineApplicationInstanceAssociation)`,
    observed: (r, ctx) => configurationOf(r, ctx),
    // The auto attendants' read (auto-attendant.ts) lists the accounts each one answers; call queues are read by name.
    reads: [{
        field: 'callQueues', from: { surface: 'teams-by-name', command: 'Get-CsCallQueue', parameters: { Sort: 'Name' }, nameParameter: 'NameFilter' },
        rows: rows => rows.map(observedCallQueue)
    }],
    commands: ['New-CsOnlineApplicationInstanceAssociation'],
    diff(r, ctx) {
        const configuration = configurationOf(r, ctx);
        if (!configuration) {
            if (r.configurationType === 'AutoAttendant' && ctx.createdHere('auto-attendant', r.configuration)) {
                answeredElsewhere(r, ctx.index.accountId(r.resourceAccount), undefined, ctx);
                return { action: 'create' };
            }
            ctx.finding('inbound-target-not-found', `No ${what(r)} named "${r.configuration}" exists in the tenant; create it first or fix the name.`);
            return { action: 'create' };
        }
        const accountId = ctx.index.accountId(r.resourceAccount);
        const associated = accountId !== undefined && configuration.applicationInstances.some(id => same(id, accountId));
        if (associated) return { action: 'unchanged' };
        answeredElsewhere(r, accountId, configuration.id, ctx);
        return { action: 'create', note: `associate with ${configuration.id}` };
    },
    // Associations of other accounts are other teams' business.
    notManaged: () => [],
    create: r => [associate(r)],
    update: () => [],
    script(r) {
        const upn = psString(r.resourceAccount);
        const label = psString(this.label);
        const queue = r.configurationType === 'CallQueue';
        return [
            queue ? `$configuration = Find-VoiceCallQueue -Name ${psString(r.configuration)}` : `$configuration = Find-VoiceAutoAttendant -Name ${psString(r.configuration)}`,
            // Read without failing: under -WhatIf the account may not exist yet either.
            `$accountId = (Get-VoiceOnlineUser -Identity ${upn}).Identity`,
            'if ($null -eq $configuration) {',
            [
                ...(queue ? [] : [
                    '# Under -WhatIf the auto attendant above was not made: the association waits with it.',
                    `if ($WhatIfPreference) { Add-VoiceResult Pending ${label} ${upn} }`
                ]),
                (queue ? (t: string) => t : (t: string) => `else { ${t} }`)(`throw ('No ${what(r)} named {0} exists in the tenant; create it first or fix the name.' -f ${psString(r.configuration)})`)
            ],
            '} elseif (@($configuration.ApplicationInstances) -notcontains $accountId) {',
            guarded(upn, `Associate with ${what(r)}`, [
                `${psCall(associate(r), { 'auto-attendant-id': '$configuration.Id', 'call-queue-id': '$configuration.Identity', 'account-id': '$accountId' })} | Out-Null`
            ], 'Created', this.label),
            `} else { Add-VoiceResult Unchanged ${label} ${upn} }`
        ];
    }
};
