/**
 * The kind table: every kind the planner produces has exactly one handler, kinds run in an
 * order that respects their dependencies, and each kind's script block renders the very
 * calls its call data holds (so the compiled script and live apply cannot drift apart).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { flattenLines } from '../../language/generator/script-blocks.js';
import { KIND_COMMANDS, KIND_ORDER, KINDS, SNAPSHOT_READS, handlerOf } from '../../language/kinds/index.js';
import type { KindTable, TeamsCall } from '../../language/kinds/kind-handler.js';
import { planSetup } from '../../language/plan/desired-setup.js';
import type { Resource, ResourceKind } from '../../language/plan/resources.js';
import { emptySnapshot } from '../../language/plan/snapshot.js';
import { READINESS_TEAMS_READS } from '../../tenant/report/readiness-reads.js';
import { ALLOWED_COMMANDS } from '../../tenant/teams/session-script.js';
import { clearAll, FULL, parse } from '../language/helpers.js';

let resources: Resource[];

beforeAll(async () => {
    await clearAll();
    resources = planSetup([(await parse(FULL, { validation: true })).parseResult.value]).flatMap(p => p.resources);
});

const { gateway: _gateway, ...withoutGateway } = KINDS;
// @ts-expect-error a table without a handler for every kind does not compile
const incomplete: KindTable = withoutGateway;

describe('the kind table', () => {
    test('one handler per kind the planner produces, under its own name', () => {
        expect(incomplete).toBeDefined();
        expect(new Set(Object.keys(KINDS))).toEqual(new Set(resources.map(r => r.kind)));
        for (const [kind, handler] of Object.entries(KINDS)) expect(handler.kind).toBe(kind);
    });

    test('apply order: every kind once, after the kinds it depends on', () => {
        expect([...KIND_ORDER].sort()).toEqual(Object.keys(KINDS).sort());
        for (const kind of KIND_ORDER) {
            for (const dependency of KINDS[kind].dependsOn) {
                expect(KIND_ORDER.indexOf(dependency), `${kind} after ${dependency}`).toBeLessThan(KIND_ORDER.indexOf(kind));
            }
        }
        expect(KIND_ORDER.filter(k => KINDS[k].lane)).toEqual(['pstn-usage', 'voice-route', 'group-grant']);
    });

    test.each(Object.keys(KINDS) as ResourceKind[])('%s: the script block renders each of its Teams calls, with the same parameters', kind => {
        for (const resource of resources.filter(r => r.kind === kind)) {
            const handler = handlerOf(resource);
            const block = flattenLines(handler.script(resource)).join('\n');
            const member = handler.members ? handler.members.calls(resource, undefined) : [];
            const calls = [...handler.create(resource), ...handler.update(resource), ...member].filter((c): c is TeamsCall => c.surface === 'teams');
            for (const call of calls) {
                expect((ALLOWED_COMMANDS as readonly string[]).includes(call.command), call.command).toBe(true);
                const line = block.split('\n').find(l => new RegExp(`^\\s*(\\$[\\w[\\]':|. -]+ = )?${call.command} `).test(l) &&
                    // A boolean renders as -Name:$true, the form that binds a switch as well as a [bool].
                    Object.keys(call.parameters).every(p => l.includes(` -${p} `) || l.includes(` -${p}:`)));
                expect(line, `${kind} ${resource.key}: ${call.command} -${Object.keys(call.parameters).join(' -')}`).toBeDefined();
            }
            for (const call of [...handler.create(resource), ...handler.update(resource)].filter(c => c.surface === 'graph')) {
                expect(block).toContain(`Invoke-VoiceGraph -Method ${call.method} `);
            }
        }
    });

    test('every snapshot collection is read by exactly one kind', () => {
        const owners = SNAPSHOT_READS.map(read => read.field);
        expect([...owners].sort()).toEqual(Object.keys(emptySnapshot()).sort());
        expect(new Set(owners).size).toBe(owners.length);
    });

    test('reads map odd row shapes (nulls, one value for a list, missing fields) without failing', () => {
        const odd = [{}, { Identity: null, Usage: 'one', EmergencyNumbers: [null], effectivePolicyAssignments: [null, {}], assignedLicenses: [null] }];
        for (const read of SNAPSHOT_READS) expect(() => read.rows(odd), read.field).not.toThrow();
    });

    test.each(Object.keys(KINDS) as ResourceKind[])('%s: declares every cmdlet its calls use, and the session allows exactly the table\'s cmdlets', kind => {
        for (const resource of resources.filter(r => r.kind === kind)) {
            const handler = handlerOf(resource);
            const member = handler.members ? handler.members.calls(resource, undefined) : [];
            const nested = (call: TeamsCall): TeamsCall[] => [call, ...Object.values(call.parameters).flatMap(v =>
                (Array.isArray(v) ? v : [v]).flatMap(x => (typeof x === 'object' && x !== null && '$call' in x ? nested(x.$call as TeamsCall) : [])))];
            const calls = [...handler.create(resource), ...handler.update(resource), ...member].filter((c): c is TeamsCall => c.surface === 'teams');
            for (const call of calls.flatMap(nested)) expect(handler.commands, `${kind}: ${call.command}`).toContain(call.command);
        }
        // The session's own: connecting, and Get-CsTenant, which names the tenant a saved plan is applied to; and the report's reads.
        expect([...ALLOWED_COMMANDS].sort()).toEqual([...new Set(['Connect-MicrosoftTeams', 'Disconnect-MicrosoftTeams', 'Get-CsTenant', ...KIND_COMMANDS, ...READINESS_TEAMS_READS])].sort());
        // The report only reads.
        expect(READINESS_TEAMS_READS.filter(c => !c.startsWith('Get-'))).toEqual([]);
    });
});
