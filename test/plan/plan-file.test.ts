/**
 * Saved plans and the plan document, pure: the plan file round trip and its refusals of a
 * corrupt or foreign file, fingerprint comparison, what an interrupted run moved by itself,
 * the setup's content check, the JSON schema, and the markdown summary.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../language/kinds/index.js';
import { diffSetup } from '../../language/plan/diff.js';
import { planSetup, type StatementPlan } from '../../language/plan/desired-setup.js';
import { ABSENT, canonicalJson, fingerprints, movedByRun, movedObjects, type Fingerprint } from '../../language/plan/fingerprint.js';
import { planDocument, type PlanDocument } from '../../language/plan/plan-document.js';
import {
    buildPlanFile, describeSetupDifference, parsePlanFile, PlanFileError, savedChanges, serializePlanFile, setupDifference, type PlanFile
} from '../../language/plan/plan-file.js';
import { renderDocumentMarkdown } from '../../language/plan/render-markdown.js';
import { renderDocumentText, renderPlanText } from '../../language/plan/render.js';
import { RESOURCE_ACCOUNT_SKU_ID } from '../../language/kinds/resource-account.js';
import { SEED_STEPS } from '../../language/plan/resources.js';
import { emptySnapshot, type TenantSnapshot } from '../../language/plan/snapshot.js';
import { BASE, clearAll, parse } from '../language/helpers.js';
import { REPO_ROOT } from '../support/cli.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'schema', 'plan.schema.json'), 'utf8')) as { $defs: { kind: { enum: string[] }; step: { enum: string[] } } };
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);

let plans: StatementPlan[];
let snapshot: TenantSnapshot;
let doc: PlanDocument;

beforeAll(async () => {
    await clearAll();
    plans = planSetup([(await parse(BASE)).parseResult.value]);
    snapshot = {
        ...emptySnapshot(),
        groups: [{ id: 'g-1', displayName: 'Store Associates' }],
        skus: [{ skuId: RESOURCE_ACCOUNT_SKU_ID, skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', enabled: 25, consumed: 0 }],
        sharedCallingPolicies: [{ identity: 'Legacy', emergencyNumbers: [] }, { identity: 'Frontline', emergencyNumbers: [], description: 'old | text' }]
    };
    doc = planDocument(diffSetup(plans, snapshot), plans, { name: 'contoso.onmicrosoft.com', target: 'tenant contoso.onmicrosoft.com' }, '9.9.9');
});

function planFile(overrides: Partial<PlanFile> = {}): PlanFile {
    return {
        ...buildPlanFile({
            toolVersion: '9.9.9', createdAt: '2026-01-01T00:00:00.000Z', tenant: { name: 'contoso.onmicrosoft.com', id: 'tenant-1' },
            roots: ['setup'], files: [{ path: 'setup/a.voice', sha256: sha256('a') }],
            snapshot: fingerprints(doc.changes.map(c => c.desired), snapshot, sha256), plan: doc, hash: sha256
        }),
        ...overrides
    };
}

describe('plan file', () => {
    it('reads back what it wrote, and carries every change with its desired object and fields', () => {
        const file = planFile();
        const again = parsePlanFile(serializePlanFile(file), 'p.voiceplan');
        expect(again).toEqual(file);
        const update = savedChanges(again).find(c => c.resource.kind === 'shared-calling-policy')!;
        expect(update.action).toBe('update');
        expect(update.changes).toContainEqual({ field: 'description', from: 'old | text', to: expect.any(String) });
        expect(savedChanges(again)).toHaveLength(doc.changes.length);
    });

    const corrupt: [string, (f: Record<string, unknown>) => unknown, RegExp][] = [
        ['another format', f => ({ ...f, format: 'terraform' }), /is not a voice plan file \(no "format": "voice-plan-file"\)/],
        ['another version', f => ({ ...f, format_version: 2 }), /format version 2 \(written by voice 9\.9\.9\); this voice reads version 1/],
        ['no tenant id', f => ({ ...f, tenant: { name: 'x' } }), /corrupt: tenant\.id must be a non-empty string/],
        ['a bad fingerprint', f => ({ ...f, snapshot: [{ kind: 'gateway', name: 'x', fingerprint: 'md5:1' }] }), /snapshot\[0\]\.fingerprint must be "absent" or sha256/],
        ['an unknown kind', f => ({ ...f, plan: { ...(f.plan as object), changes: [{ ...(f.plan as PlanDocument).changes[0], kind: 'teleporter' }] } }), /plan\.changes\[0\]\.kind is not a resource kind/],
        ['a bad action', f => ({ ...f, plan: { ...(f.plan as object), changes: [{ ...(f.plan as PlanDocument).changes[0], action: 'delete' }] } }), /plan\.changes\[0\]\.action must be one of create, update, unchanged/],
        ['a change without a fingerprint', f => ({ ...f, snapshot: [] }), /snapshot has no fingerprint for /],
        ['a desired object of another name', f => {
            const first = (f.plan as PlanDocument).changes[0]!;
            return { ...f, plan: { ...(f.plan as object), changes: [{ ...first, desired: { ...first.desired, key: 'other' } }] } };
        }, /plan\.changes\[0\]\.desired must be the /]
    ];
    it.each(corrupt)('refuses %s with a clear message', (_name, mutate, message) => {
        const text = JSON.stringify(mutate(JSON.parse(serializePlanFile(planFile())) as Record<string, unknown>));
        expect(() => parsePlanFile(text, 'p.voiceplan')).toThrow(PlanFileError);
        expect(() => parsePlanFile(text, 'p.voiceplan')).toThrow(message);
    });

    it('refuses a file that is not JSON or is cut short', () => {
        expect(() => parsePlanFile('plan: yes', 'p.voiceplan')).toThrow(/p\.voiceplan is not a voice plan file: it is not JSON/);
        expect(() => parsePlanFile(serializePlanFile(planFile()).slice(0, 300), 'p.voiceplan')).toThrow(/not JSON/);
    });
});

describe('fingerprints', () => {
    it('are canonical: the same record in another key or list order gives the same text', () => {
        expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: null }] })).toBe(canonicalJson({ a: [{ z: null, y: 2 }], b: 1 }));
        expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
        // Lists are sets, as every kind compares them: another order is the same record, another member is not.
        expect(canonicalJson({ usages: ['b', 'a'] })).toBe(canonicalJson({ usages: ['a', 'b'] }));
        expect(canonicalJson({ usages: ['a', 'c'] })).not.toBe(canonicalJson({ usages: ['a', 'b'] }));
    });

    it('mark absent objects absent and change when the tenant record changes', () => {
        const before = fingerprints(doc.changes.map(c => c.desired), snapshot, sha256);
        const policy = (prints: Fingerprint[]) => prints.find(f => f.kind === 'shared-calling-policy')!.fingerprint;
        expect(before.find(f => f.kind === 'gateway')!.fingerprint).toBe(ABSENT);
        expect(policy(before)).toMatch(/^sha256:[0-9a-f]{64}$/);
        const edited = { ...snapshot, sharedCallingPolicies: [snapshot.sharedCallingPolicies[0]!, { identity: 'Frontline', emergencyNumbers: [], description: 'edited' }] };
        expect(policy(fingerprints(doc.changes.map(c => c.desired), edited, sha256))).not.toBe(policy(before));
        // An object the plan does not touch moving changes no fingerprint.
        const unrelated = { ...snapshot, sharedCallingPolicies: [{ identity: 'Legacy', emergencyNumbers: ['+1'] }, snapshot.sharedCallingPolicies[1]!] };
        expect(fingerprints(doc.changes.map(c => c.desired), unrelated, sha256)).toEqual(before);
    });

    it('name each moved object and how it moved; skipped objects are not compared', () => {
        const saved: Fingerprint[] = [
            { kind: 'gateway', name: 'a', fingerprint: ABSENT }, { kind: 'group', name: 'b', fingerprint: 'sha256:1' },
            { kind: 'shared-calling-policy', name: 'c', fingerprint: 'sha256:2' }, { kind: 'pstn-usage', name: 'd', fingerprint: 'sha256:3' }
        ];
        const now: Fingerprint[] = [
            { kind: 'gateway', name: 'a', fingerprint: 'sha256:9' }, { kind: 'group', name: 'b', fingerprint: ABSENT },
            { kind: 'shared-calling-policy', name: 'c', fingerprint: 'sha256:8' }, { kind: 'pstn-usage', name: 'd', fingerprint: 'sha256:3' }
        ];
        expect(movedObjects(saved, now)).toEqual([
            { kind: 'gateway', name: 'a', how: 'created' }, { kind: 'group', name: 'b', how: 'deleted' }, { kind: 'shared-calling-policy', name: 'c', how: 'changed' }
        ]);
        expect(movedObjects(saved, now, new Set(['gateway:a', 'group:b', 'shared-calling-policy:c']))).toEqual([]);
    });

    it('leave out what an interrupted run moved itself: its steps and the kinds downstream of them', () => {
        const resources = doc.changes.map(c => c.desired);
        const moved = movedByRun(new Set(['resource-account:sc-frontline@contoso.com']), resources);
        expect(moved).toContain('resource-account:sc-frontline@contoso.com');
        // A new account's policies and what refers to the account read what the step made.
        expect([...moved].some(id => id.startsWith('voice-routing-policy-grant:'))).toBe(true);
        expect([...moved].some(id => id.startsWith('emergency-members-grant:'))).toBe(true);
        // Upstream and independent objects are still compared.
        expect([...moved].some(id => id.startsWith('gateway:') || id.startsWith('civic-address:') || id.startsWith('group:'))).toBe(false);
    });
});

describe('setup check', () => {
    const saved = [{ path: 's/a.voice', sha256: '1' }, { path: 's/b.voice', sha256: '2' }];

    it('names changed, added and missing files', () => {
        const difference = setupDifference(saved, [{ path: 's/a.voice', sha256: '9' }, { path: 's/c.voice', sha256: '3' }]);
        expect(difference).toEqual({ changed: ['s/a.voice'], added: ['s/c.voice'], missing: ['s/b.voice'] });
        expect(describeSetupDifference(difference, saved)).toEqual([
            '  s/a.voice: changed since the plan', '  s/c.voice: added to the setup since the plan', '  s/b.voice: no longer in the setup'
        ]);
    });

    it('calls a wholly different set of files another setup', () => {
        const difference = setupDifference(saved, [{ path: 'other/x.voice', sha256: '1' }]);
        expect(describeSetupDifference(difference, saved)).toEqual(['  the plan was made from another setup: s/a.voice, s/b.voice']);
    });
});

describe('plan document', () => {
    it('validates against docs/schema/plan.schema.json, whose kinds and steps are the tool\'s', () => {
        expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
        expect(doc.findings.length + doc.not_managed.length).toBeGreaterThan(0);
        expect(new Set(SCHEMA.$defs.kind.enum)).toEqual(new Set(Object.keys(KINDS)));
        expect(new Set(SCHEMA.$defs.step.enum)).toEqual(new Set(Object.keys(SEED_STEPS)));
    });

    it('fails the schema when a change is malformed', () => {
        const broken = { ...doc, changes: [{ ...doc.changes[0]!, action: 'delete' }] };
        expect(validate(broken)).toBe(false);
        expect(validate({ ...doc, extra: true })).toBe(false);
    });

    it('renders as text exactly as the plan does', () => {
        expect(renderDocumentText({ ...doc, tenant: { ...doc.tenant, target: 'test' } })).toBe(renderPlanText(diffSetup(plans, snapshot), plans, 'test'));
    });
});

describe('markdown summary', () => {
    it('counts per action, one table per step with changes, tenant checks, not managed, and says nothing is deleted', () => {
        const markdown = renderDocumentMarkdown(doc);
        const { create, update, unchanged } = doc.summary;
        expect(markdown).toContain(`**${create} to create, ${update} to update, ${unchanged} unchanged.** Nothing will be deleted.`);
        expect(markdown).toContain(`| + create | ${create} |`);
        expect(markdown).toContain(`#### ${SEED_STEPS.step4}`);
        expect(markdown).toMatch(/\| ~ update \| shared-calling-policy \| `Frontline` \| .*description: "old \\\| text" → .* \| .*:\d+ \|/);
        expect(markdown).toContain('#### Not managed');
        expect(markdown).toContain('- shared-calling-policy `Legacy`');
        // Each table row has the header's five cells: escaped pipes do not split a cell.
        for (const row of markdown.split('\n').filter(l => l.startsWith('| ') && l.includes('update'))) {
            expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(row.includes('shared-calling-policy') ? 5 : 2);
        }
    });

    it('says so when nothing changes', () => {
        const quiet = { ...doc, changes: doc.changes.map(c => ({ ...c, action: 'unchanged' as const, fields: [] })), summary: { create: 0, update: 0, unchanged: doc.changes.length } };
        expect(renderDocumentMarkdown(quiet)).toContain(`**No changes.** The tenant matches the files (${doc.changes.length} objects checked). Nothing will be deleted.`);
        expect(renderDocumentMarkdown(quiet)).not.toContain('| Action | Kind |');
    });
});
