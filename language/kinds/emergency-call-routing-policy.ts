/** The emergency call routing policy of a covered group: dial strings routed through the trunk's usage [ECRP-NEW, EN-NEW]. */
import { createOrUpdate } from '../generator/script-blocks.js';
import { psString, psStringArray } from '../generator/powershell-quote.js';
import { psCall } from '../generator/render-call.js';
import type { Address, Group, Trunk } from '../generated/ast.js';
import { names } from '../plan/names.js';
import { compare, isGlobal, same, sorted, undeclared, updateIfDiffers } from './compare.js';
import type { CallValue, KindHandler, TeamsCall } from './kind-handler.js';
import { identityOf, list, str, type Row } from './read-rows.js';

export interface EmergencyRoutingPolicyResource {
    kind: 'emergency-call-routing-policy'; key: string; identity: string;
    emergencyNumbers: { dialString: string; usage?: string }[]; description: string;
    /** Enhanced emergency services (location-based routing) on, as in Microsoft's sequence [ECRP-NEW]. */
    allowEnhancedEmergencyServices: true;
    /** Adopted by the `emergency` statement's `identity`: the policy keeps the description its admin gave it (set only on create). */
    keepDescription?: true;
}

export interface ObservedEmergencyRoutingPolicy {
    identity: string; emergencyNumbers: { dialString: string; usage?: string }[]; description?: string; allowEnhancedEmergencyServices?: boolean;
}

/**
 * A covered group's policy: its dial strings, routed through the trunk's usage when the coverage
 * names a trunk; `identity` (the statement's) adopts a policy made outside the tool.
 */
export function emergencyRoutingPolicyFor(
    group: Group, dialStrings: readonly string[], trunk: Trunk | undefined, address: Address | undefined, identity?: string
): EmergencyRoutingPolicyResource {
    const name = names.emergencyRoutingPolicy(group, identity);
    return {
        kind: 'emergency-call-routing-policy', key: name, identity: name,
        emergencyNumbers: dialStrings.map(dialString => ({ dialString, usage: trunk?.usage })),
        allowEnhancedEmergencyServices: true,
        description: `Emergency routing for ${group.name}${address ? ` (location ${address.identity !== undefined ? JSON.stringify(address.identity) : address.name})` : ''}`,
        ...(identity !== undefined ? { keepDescription: true as const } : {})
    };
}

/**
 * The address a policy's description names (what emergencyRoutingPolicyFor writes): a
 * tool-made address by its name, an adopted one by its Description, in quotes.
 */
export function describedLocation(description: string | undefined): { name: string } | { identity: string } | undefined {
    const match = /\(location (?:([_a-zA-Z]\w*)|("(?:[^"\\]|\\.)*"))\)$/.exec(description ?? '');
    if (match?.[1]) return { name: match[1] };
    try {
        return match?.[2] ? { identity: JSON.parse(match[2]) as string } : undefined;
    } catch {
        return undefined;
    }
}

type Command = 'New-CsTeamsEmergencyCallRoutingPolicy' | 'Set-CsTeamsEmergencyCallRoutingPolicy';

/**
 * The numbers are passed directly, which sets the policy's whole list: list modifiers take
 * only Add or Remove since MicrosoftTeams 4.2.0 [teams-facts Corrections 2], and `add` on a
 * new policy would append to the Global policy's numbers [ECRP-NEW]. Each number is an
 * in-memory object from New-CsTeamsEmergencyNumber [EN-NEW].
 */
function policyCall(command: Command, r: EmergencyRoutingPolicyResource): TeamsCall {
    const numbers: CallValue[] = r.emergencyNumbers.map(n => ({
        $call: {
            surface: 'teams', command: 'New-CsTeamsEmergencyNumber',
            parameters: { EmergencyDialString: n.dialString, ...(n.usage !== undefined ? { OnlinePSTNUsage: n.usage } : {}) }
        }
    }));
    return {
        surface: 'teams', command, parameters: {
            Identity: r.identity, EmergencyNumbers: numbers, AllowEnhancedEmergencyServices: r.allowEnhancedEmergencyServices,
            // An adopted policy's description is its admin's: only a new policy gets the tool's.
            ...(command === 'New-CsTeamsEmergencyCallRoutingPolicy' || !r.keepDescription ? { Description: r.description } : {})
        }
    };
}

const numberKey = (n: { dialString: string; usage?: string }) => `${n.dialString}@${(n.usage ?? '').toLowerCase()}`;

export const emergencyCallRoutingPolicy: KindHandler<'emergency-call-routing-policy'> = {
    kind: 'emergency-call-routing-policy',
    label: 'emergency call routing policy',
    step: 'step6',
    dependsOn: ['pstn-usage'],
    describe: r => `emergency call routing policy \`${r.identity}\` for ${r.emergencyNumbers.map(e => e.dialString).join(', ')} (New-CsTeamsEmergencyCallRoutingPolicy)`,
    observed: (r, { snapshot }) => snapshot.emergencyRoutingPolicies.find(p => same(p.identity, r.identity)),
    reads: [{
        field: 'emergencyRoutingPolicies', from: { surface: 'teams', command: 'Get-CsTeamsEmergencyCallRoutingPolicy' },
        rows: rows => rows.map(p => ({
            identity: identityOf(p), description: str(p.Description), allowEnhancedEmergencyServices: p.AllowEnhancedEmergencyServices === true,
            emergencyNumbers: list(p.EmergencyNumbers).map(n => ({ dialString: str((n as Row | null)?.EmergencyDialString) ?? '', usage: str((n as Row | null)?.OnlinePSTNUsage) }))
        }))
    }],
    commands: ['New-CsTeamsEmergencyCallRoutingPolicy', 'Set-CsTeamsEmergencyCallRoutingPolicy', 'New-CsTeamsEmergencyNumber'],
    diff(r, { snapshot }) {
        const found = snapshot.emergencyRoutingPolicies.find(p => same(p.identity, r.identity));
        if (!found) return { action: 'create' };
        return updateIfDiffers(compare([
            ['emergencyNumbers', sorted(found.emergencyNumbers.map(numberKey)), sorted(r.emergencyNumbers.map(numberKey))],
            ['description', found.description ?? '', r.keepDescription ? undefined : r.description],
            ['allowEnhancedEmergencyServices', found.allowEnhancedEmergencyServices ?? false, r.allowEnhancedEmergencyServices]
        ]));
    },
    notManaged: (declared, { snapshot }) =>
        undeclared(snapshot.emergencyRoutingPolicies.map(p => p.identity).filter(id => !isGlobal(id)), declared.map(r => r.key)),
    create: r => [policyCall('New-CsTeamsEmergencyCallRoutingPolicy', r)],
    update: r => [policyCall('Set-CsTeamsEmergencyCallRoutingPolicy', r)],
    script(r) {
        const id = psString(r.identity);
        const description = psString(r.description);
        // One usage per policy: the planner routes all of a coverage's dial strings through its trunk.
        const usage = r.emergencyNumbers[0]?.usage;
        return createOrUpdate({
            read: `Get-CsTeamsEmergencyCallRoutingPolicy | Select-VoiceIdentity -Name ${id}`, target: id, label: this.label,
            create: [
                '# Emergency numbers exist only in memory until the policy stores them [EN-NEW]; passed directly, they set the whole list.',
                `${psCall(policyCall('New-CsTeamsEmergencyCallRoutingPolicy', r))} | Out-Null`
            ],
            differs: [
                `-not (Test-VoiceEmergencyNumbers $current.EmergencyNumbers ${psStringArray(r.emergencyNumbers.map(n => n.dialString))} ${usage !== undefined ? psString(usage) : "''"})`,
                ...(r.keepDescription ? [] : [`$current.Description -cne ${description}`]),
                '$current.AllowEnhancedEmergencyServices -ne $true'
            ],
            update: [psCall(policyCall('Set-CsTeamsEmergencyCallRoutingPolicy', r))]
        });
    }
};
