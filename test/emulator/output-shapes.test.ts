/**
 * The emulator's Get-* cmdlets answer in the shapes Microsoft documents: every output property
 * a cmdlet page names (contract/teams-cmdlets.json `outputs`: OUTPUTS headings and the columns
 * or `Name : value` lines of its example output) is on each object the emulator returns, after
 * examples/frontline is applied (so every Get has objects to show). Cmdlets whose page names
 * no property are listed in docs/emulator.md, and that list is held to the contract here.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckedSetup } from '../../cli/setup-loader.js';
import { diffSetup } from '../../language/plan/diff.js';
import { PlanExecutor } from '../../tenant/apply/executor.js';
import { Journal } from '../../tenant/apply/journal.js';
import { connectTenant } from '../../tenant/connection.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { cmdlets } from '../../tenant/emulator/teams/index.js';
import { readPlanState } from '../../tenant/read-state.js';
import { loadCmdletContract, REPO } from '../contract/contract.js';
import { findPwsh } from '../support/pwsh.js';
import { teams } from './client.js';

interface Outputs { properties?: string[]; exampleProperties?: string[]; types?: string[] }

const contract = loadCmdletContract() as unknown as { cmdlets: Record<string, { outputs?: Outputs }> };

/**
 * Names the contract reads from a page that are not properties of the cmdlet's own objects,
 * each checked against the page: the generator takes every `### Heading` under OUTPUTS and
 * every `Name : value` line after the cmdlet in an example.
 */
const NOT_OUTPUT_PROPERTIES: Record<string, { names: string[]; why: string }> = {
    'Get-CsOnlineLisLocation': { names: ['PSObject'], why: 'OUTPUTS names the type `PSObject`, not a property' },
    'Get-CsTeamsEmergencyCallingPolicy': {
        names: ['EmergencyDialString', 'NotificationGroup', 'NotificationDialOutNumber', 'NotificationMode'],
        why: 'Example 4 lists the properties of an ExtendedNotifications entry (one per emergency number), not of the policy'
    },
    'Get-CsUserPolicyAssignment': {
        names: ['AssignmentType', 'Reference'],
        why: 'Examples 2 and 3 expand PolicySource: these are its entries\' properties, checked there (POLICY_SOURCE)'
    }
};

/** The properties of a PolicySource entry [UPA-GET, Examples 2 and 3]. */
const POLICY_SOURCE = ['AssignmentType', 'PolicyName', 'Reference'];

/** The documented output property names of a cmdlet, without the names above. */
export function documentedOutputs(cmdlet: string): string[] {
    const outputs = contract.cmdlets[cmdlet]?.outputs ?? {};
    const skip = new Set((NOT_OUTPUT_PROPERTIES[cmdlet]?.names ?? []).map(n => n.toLowerCase()));
    const names = new Map<string, string>();
    for (const name of [...outputs.properties ?? [], ...outputs.exampleProperties ?? []]) {
        if (!skip.has(name.toLowerCase()) && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
    return [...names.values()];
}

/** The emulated Get-* cmdlets, each with the parameters that read its objects. */
const EMULATED_GETS = Object.keys(cmdlets).filter(name => name.startsWith('Get-')).sort();

/** Parameters a Get needs to return anything (the others list every object without any). */
const GET_PARAMETERS: Record<string, (emulator: EmulatorHandle) => Record<string, unknown>> = {
    'Get-CsOnlineUser': () => ({ Identity: 'avery.chen@contoso.com' }),
    'Get-CsUserPolicyAssignment': () => ({ Identity: 'avery.chen@contoso.com' }),
    'Get-CsGroupPolicyAssignment': () => ({}),
    // Its reference marks -NameFilter and -Sort mandatory [CQ-GET].
    'Get-CsCallQueue': () => ({ NameFilter: 'Help Desk', Sort: 'Name' })
};

let emulator: EmulatorHandle;
let stateDir = '';

beforeAll(async () => {
    process.env.VOICE_PWSH = findPwsh();
    stateDir = mkdtempSync(path.join(tmpdir(), 'voice-shapes-'));
    emulator = await startEmulator({ port: 0 });
    const setup = await loadCheckedSetup([path.join(REPO, 'examples', 'frontline')]);
    if (typeof setup === 'number') throw new Error(`examples/frontline does not check (exit ${setup})`);
    const connection = await connectTenant({ tenant: 'emulator', emulatorUrl: emulator.url });
    try {
        const snapshot = await readPlanState(connection.graph, connection.teams, setup.plans);
        const result = await new PlanExecutor(connection.graph, connection.teams, snapshot, { journal: new Journal(stateDir, 'shapes'), run: randomUUID() })
            .apply(diffSetup(setup.plans, snapshot));
        expect(result.failed).toEqual([]);
    } finally {
        await connection.dispose();
    }
    // examples/frontline maps a port, not a whole switch: one switch so Get-CsOnlineLisSwitch has a row.
    const location = (await teams(emulator, 'Get-CsOnlineLisLocation', {})).body.value[0] as { LocationId: string };
    const made = await teams(emulator, 'Set-CsOnlineLisSwitch', { ChassisID: 'B8-BE-BF-4A-A3-01', LocationId: location.LocationId, Description: 'shapes' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
}, 300_000);

afterAll(async () => {
    await emulator?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('Get-* output shapes against the documented output properties', () => {
    it.each(EMULATED_GETS)('%s returns every property its page documents', async cmdlet => {
        const reply = await teams(emulator, cmdlet, GET_PARAMETERS[cmdlet]?.(emulator) ?? {});
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        const objects = ([] as Record<string, unknown>[]).concat(reply.body.value ?? []);
        const documented = documentedOutputs(cmdlet);
        if (documented.length === 0) return;
        expect(objects.length, `${cmdlet} returned nothing to compare`).toBeGreaterThan(0);
        const missing = objects.flatMap(o => {
            const keys = new Set(Object.keys(o).map(k => k.toLowerCase()));
            return documented.filter(p => !keys.has(p.toLowerCase()));
        });
        expect([...new Set(missing)]).toEqual([]);
        if (cmdlet === 'Get-CsUserPolicyAssignment') {
            const sources = objects.flatMap(o => o.PolicySource as Record<string, unknown>[]);
            expect(sources.length).toBeGreaterThan(0);
            for (const source of sources) expect(Object.keys(source)).toEqual(expect.arrayContaining(POLICY_SOURCE));
        }
    });

    it('each name left out is on its page in the contract, so the list cannot go stale', () => {
        for (const [cmdlet, { names }] of Object.entries(NOT_OUTPUT_PROPERTIES)) {
            const outputs = contract.cmdlets[cmdlet]?.outputs ?? {};
            const all = [...outputs.properties ?? [], ...outputs.exampleProperties ?? []];
            for (const name of names) expect(all, `${cmdlet} ${name}`).toContain(name);
        }
    });
});

describe('docs/emulator.md lists the emulated cmdlets whose output Microsoft does not document', () => {
    const undocumented = Object.keys(cmdlets).filter(name => name in contract.cmdlets && documentedOutputs(name).length === 0).sort();

    it('the list equals the contract: an emulated cmdlet whose page names no output property', () => {
        const markdown = readFileSync(path.join(REPO, 'docs', 'emulator.md'), 'utf8');
        const start = markdown.indexOf('<!-- undocumented-outputs:start -->');
        const end = markdown.indexOf('<!-- undocumented-outputs:end -->');
        expect(start, 'the list markers').toBeGreaterThan(0);
        const listed = [...markdown.slice(start, end).matchAll(/`([A-Z][a-z]+-Cs\w+)`/g)].map(m => m[1]!).sort();
        expect(listed).toEqual(undocumented);
    });
});
