/**
 * (b) Every cmdlet invocation in every compiled example and in a compiled generated setup
 * parses (real pwsh AST) and binds to one documented parameter set of Microsoft's cmdlet.
 * Each kind of violation is shown failing on a planted script.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSources } from '../compiler/compile-helpers.js';
import { generateStores } from '../support/generate-setup.js';
import { loadCmdletContract, REPO } from './contract.js';
import { checkScripts, type ViolationKind } from './invocation-check.js';
import { readInvocations, type ReadScript } from './invocation-reader.js';

const contract = loadCmdletContract();
const GENERATED_STORES = 1000;

function compiledExamples(dir = path.join(REPO, 'examples')): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(d => d.isDirectory() ? compiledExamples(path.join(dir, d.name)) : d.name.endsWith('.ps1') ? [path.join(dir, d.name)] : []);
}

describe('compiled scripts against the documented contract', () => {
    let scripts: ReadScript[] = [];
    let generatedFolder = '';
    beforeAll(async () => {
        const compiled = await compileSources({ 'stores.voice': generateStores(GENERATED_STORES).text }, 'stores.voice');
        generatedFolder = compiled.folder;
        const generated = path.join(compiled.folder, 'stores.ps1');
        writeFileSync(generated, compiled.text, 'utf8');
        scripts = await readInvocations([...compiledExamples(), generated]);
    }, 180_000);
    afterAll(() => { if (generatedFolder) rmSync(generatedFolder, { recursive: true, force: true }); });

    it('reads the checked-in examples and the generated setup', () => {
        expect(scripts.map(s => path.basename(s.file))).toContain('stores.ps1');
        expect(scripts.length).toBeGreaterThanOrEqual(2);
        // The checker must have something to check: each script calls documented cmdlets.
        for (const s of scripts) expect(s.invocations.filter(i => contract.cmdlets[i.command!]).length).toBeGreaterThan(20);
    });

    it('every invocation parses and binds to a documented parameter set', () => {
        expect(checkScripts(contract, scripts).map(v => `${v.kind}: ${v.detail}`)).toEqual([]);
    });

    it('Graph commands are recorded as documented elsewhere, not silently unchecked', () => {
        const undocumented = new Set(scripts.flatMap(s => s.invocations.map(i => i.command)).filter(c => /-(Mg|Cs|MicrosoftTeams)/.test(c) && !contract.cmdlets[c]));
        expect([...undocumented].filter(c => !contract.undocumentedHere[c])).toEqual([]);
    });
});

describe('the invocation checker fails on planted violations', () => {
    let dir = '';
    let planted: ReadScript[] = [];
    const PLANTED: Record<string, [ViolationKind, string]> = {
        'unknown-parameter.ps1': ['unknown-parameter', "Grant-CsTeamsSharedCallingRoutingPolicy -Group $g -PolicyName 'P' -Rank 1 -PassThru"],
        'no-parameter-set.ps1': ['no-parameter-set', "Grant-CsTeamsSharedCallingRoutingPolicy -Group $g -Identity 'u@contoso.com' -Rank 1"],
        'missing-mandatory.ps1': ['missing-mandatory', "Grant-CsTeamsSharedCallingRoutingPolicy -Group $g -PolicyName 'P'"],
        'value-not-accepted.ps1': ['value-not-accepted', "Set-CsPhoneNumberAssignment -Identity 'u@contoso.com' -PhoneNumber '+12065550100' -PhoneNumberType 'Landline'"],
        'value-not-a-number.ps1': ['value-not-accepted', "New-CsOnlinePSTNGateway -Fqdn 'sbc.contoso.com' -SipSignalingPort 'five'"],
        'value-bool-string.ps1': ['value-not-accepted', "New-CsOnlinePSTNGateway -Fqdn 'sbc.contoso.com' -SipSignalingPort 5061 -Enabled 'true'"],
        'list-modifier-key.ps1': ['list-modifier-key', "Set-CsOnlinePstnUsage -Identity Global -Usage @{ Replace = 'US' }"],
        'positional-argument.ps1': ['positional-argument', "Set-CsTeamsSharedCallingRoutingPolicy -Identity 'P' -ResourceAccount $ra 'extra'"],
        'parse-error.ps1': ['parse-error', "Get-CsTenant -Filter { unclosed"]
    };
    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'voice-planted-'));
        for (const [name, [, text]] of Object.entries(PLANTED)) writeFileSync(path.join(dir, name), text + '\n', 'utf8');
        // A clean script: the same cmdlets used as documented (the alias -PhoneNumber, a splat, Add/Remove keys).
        writeFileSync(path.join(dir, 'clean.ps1'), [
            "Grant-CsTeamsSharedCallingRoutingPolicy -Group $g -PolicyName 'P' -Rank 1",
            "Set-CsPhoneNumberAssignment -Identity 'u@contoso.com' -PhoneNumber '+12065550100' -PhoneNumberType DirectRouting -LocationId $l",
            "New-CsOnlinePSTNGateway -Fqdn 'sbc.contoso.com' -SipSignalingPort 5061 -Enabled $true",
            "Set-CsOnlinePstnUsage -Identity Global -Usage @{ Add = 'US'; remove = 'EU' }",
            '$splat = @{}; Set-CsTeamsSharedCallingRoutingPolicy @splat',
            "Get-CsOnlineUser -Identity 'u@contoso.com' -ErrorAction Stop"
        ].join('\n') + '\n', 'utf8');
        planted = await readInvocations(readdirSync(dir).map(f => path.join(dir, f)));
    }, 120_000);
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('a script that uses the cmdlets as documented has no violations', () => {
        expect(checkScripts(contract, planted.filter(s => s.file.endsWith('clean.ps1'))).map(v => v.detail)).toEqual([]);
    });

    for (const [name, [kind]] of Object.entries(PLANTED)) {
        it(`${name} is flagged as ${kind}`, () => {
            const violations = checkScripts(contract, planted.filter(s => path.basename(s.file) === name));
            expect(violations.map(v => v.kind)).toEqual([kind]);
        });
    }
});
