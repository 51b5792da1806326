/** A PSTN usage in the tenant's one Global usage list [USAGE-SET]. */
import { guarded } from '../generator/script-blocks.js';
import { psString } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Trunk } from '../generated/ast.js';
import { undeclared } from './compare.js';
import type { KindHandler, TeamsCall } from './kind-handler.js';
import { list } from './read-rows.js';

export interface PstnUsageResource { kind: 'pstn-usage'; key: string; usage: string }

export function pstnUsageFor(trunk: Trunk): PstnUsageResource {
    const usage = trunk.usage ?? '';
    return { kind: 'pstn-usage', key: usage, usage };
}

/** The list is shared, so a usage is added to it, never set as a whole. */
const add = (r: PstnUsageResource): TeamsCall => ({
    surface: 'teams', command: 'Set-CsOnlinePstnUsage', parameters: { Identity: 'Global', Usage: { $modify: { add: [r.usage] } } }
});

export const pstnUsage: KindHandler<'pstn-usage'> = {
    kind: 'pstn-usage',
    label: 'PSTN usage',
    step: 'prerequisites',
    dependsOn: [],
    describe: r => `PSTN usage \`${r.usage}\` (Set-CsOnlinePstnUsage)`,
    observed: (r, { snapshot }) => (snapshot.pstnUsages.includes(r.usage) ? r.usage : undefined),
    // One shared object (the Global list): its changes run one after another.
    lane: () => 'global',
    reads: [{
        field: 'pstnUsages', from: { surface: 'teams', command: 'Get-CsOnlinePstnUsage', parameters: { Identity: 'Global' } },
        rows: rows => rows.flatMap(u => list(u.Usage).map(String))
    }],
    commands: ['Set-CsOnlinePstnUsage'],
    diff: (r, { snapshot }) => ({ action: snapshot.pstnUsages.some(u => u === r.usage) ? 'unchanged' : 'create' }),
    notManaged: (declared, { snapshot }) => undeclared(snapshot.pstnUsages, declared.map(r => r.key)),
    create: r => [add(r)],
    // A usage is in the list or not: the diff never plans an update.
    update: () => [],
    script(r) {
        const usage = psString(r.usage);
        return [
            `if (@((Get-CsOnlinePstnUsage -Identity Global).Usage) -notcontains ${usage}) {`,
            guarded(usage, 'Add PSTN usage to the Global list', [psCall(add(r))], 'Created', this.label),
            `} else { Add-VoiceResult Unchanged ${psString(this.label)} ${usage} }`
        ];
    }
};
