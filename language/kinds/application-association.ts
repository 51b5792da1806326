/**
 * Which auto attendant answers a resource account's calls: New-CsOnlineApplicationInstanceAssociation
 * [ASSOC]. The auto attendant is found by its name: one the setup declares (`auto-attendant`) or
 * one that already exists (`answer`). The call's -ConfigurationType also takes CallQueue; call
 * queues are not offered yet (Get-CsCallQueue cannot be read in bulk within its reference [CQ-GET]).
 */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Answer, AutoAttendant } from '../generated/ast.js';
import { autoAttendantsNamed, type ObservedAutoAttendant } from './auto-attendant.js';
import { same } from './compare.js';
import type { DiffContext, KindHandler, TeamsCall } from './kind-handler.js';

export interface ApplicationAssociationResource {
    kind: 'application-association'; key: string; resourceAccount: string; configurationType: 'AutoAttendant';
    /** The auto attendant's name. */
    configuration: string;
}

export function associationFor(statement: AutoAttendant | Answer): ApplicationAssociationResource {
    const upn = statement.account.ref?.upn ?? '';
    const configuration = statement.$type === 'AutoAttendant' ? statement.displayName ?? statement.name : statement.configuration;
    return { kind: 'application-association', key: upn, resourceAccount: upn, configurationType: 'AutoAttendant', configuration };
}

const associate = (r: ApplicationAssociationResource): TeamsCall => ({
    surface: 'teams', command: 'New-CsOnlineApplicationInstanceAssociation', parameters: {
        Identities: [{ $ref: 'account-id', key: r.resourceAccount }], ConfigurationId: { $ref: 'auto-attendant-id', key: r.configuration },
        ConfigurationType: r.configurationType
    }
});

/** The auto attendant the tenant has under that name (the lowest id of twins), with the accounts it answers. */
function configurationOf(r: ApplicationAssociationResource, { snapshot }: Pick<DiffContext, 'snapshot'>): ObservedAutoAttendant | undefined {
    return autoAttendantsNamed(snapshot.autoAttendants, r.configuration)[0];
}

export const applicationAssociation: KindHandler<'application-association'> = {
    kind: 'application-association',
    label: 'inbound association',
    step: 'inbound',
    dependsOn: ['resource-account', 'auto-attendant'],
    describe: r => `calls to \`${r.resourceAccount}\` answered by auto attendant "${r.configuration}" (New-CsOnlineApplicationInstanceAssociation)`,
    observed: (r, ctx) => configurationOf(r, ctx),
    // The auto attendants' read (auto-attendant.ts) lists the accounts each one answers.
    reads: [],
    commands: ['New-CsOnlineApplicationInstanceAssociation'],
    diff(r, ctx) {
        const configuration = configurationOf(r, ctx);
        if (!configuration) {
            if (ctx.createdHere('auto-attendant', r.configuration)) return { action: 'create' };
            ctx.finding('inbound-target-not-found', `No auto attendant named "${r.configuration}" exists in the tenant; create it first or fix the name.`);
            return { action: 'create' };
        }
        const accountId = ctx.index.accountId(r.resourceAccount);
        const associated = accountId !== undefined && configuration.applicationInstances.some(id => same(id, accountId));
        return associated ? { action: 'unchanged' } : { action: 'create', note: `associate with ${configuration.id}` };
    },
    // Associations of other accounts are other teams' business.
    notManaged: () => [],
    create: r => [associate(r)],
    update: () => [],
    script(r) {
        const upn = psString(r.resourceAccount);
        const label = psString(this.label);
        return [
            `$configuration = Find-VoiceAutoAttendant -Name ${psString(r.configuration)}`,
            // Read without failing: under -WhatIf the account may not exist yet either.
            `$accountId = (Get-VoiceOnlineUser -Identity ${upn}).Identity`,
            'if ($null -eq $configuration) {',
            [
                '# Under -WhatIf the auto attendant above was not made: the association waits with it.',
                `if ($WhatIfPreference) { Add-VoiceResult Pending ${label} ${upn} }`,
                `else { throw ('No auto attendant named {0} exists in the tenant; create it first or fix the name.' -f ${psString(r.configuration)}) }`
            ],
            '} elseif (@($configuration.ApplicationInstances) -notcontains $accountId) {',
            guarded(upn, 'Associate with auto attendant', [
                `${psCall(associate(r), { 'auto-attendant-id': '$configuration.Id', 'account-id': '$accountId' })} | Out-Null`
            ], 'Created', this.label),
            `} else { Add-VoiceResult Unchanged ${label} ${upn} }`
        ];
    }
};
