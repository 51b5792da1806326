/**
 * Real PowerShell parses every compiled script, and user text with every quote kind and
 * every injection trick lands only in single-quoted string constants with its exact value.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileFile, compileSources, exampleEntries, exampleFolders } from './compile-helpers.js';
import { ADVERSARIAL, adversarialSources } from './adversarial.js';
import { parseScripts, writeScript, type ParsedScript } from './pwsh-ast.js';

/** Every command a compiled script may call: the helpers it defines, Teams and Graph cmdlets, and built-ins. */
const ALLOWED_COMMANDS = new Set([
    'Add-VoiceResult', 'Assert-VoiceTenant', 'Find-VoiceCivicAddress', 'Find-VoiceGroup', 'Get-VoiceApplicationInstance', 'Get-VoiceGroupUsers',
    'Get-VoiceHttpStatus', 'Get-VoiceOnlineUser', 'Get-VoiceUserUri', 'Invoke-VoiceGraph', 'Select-VoiceIdentity', 'Test-VoiceEmergencyNumbers',
    'Test-VoiceIdentity', 'Test-VoiceNotFound', 'Test-VoiceNotReplicated', 'New-VoiceRetry', 'Wait-VoiceRetry', 'Test-VoiceSameSet', 'Wait-VoiceOnlineUser', 'Write-VoiceSummary', 'Test-VoiceAlreadyExists', 'Wait-VoiceRead',
    'Connect-MicrosoftTeams', 'Get-CsTenant', 'Get-CsOnlineUser', 'Get-CsOnlineApplicationInstance', 'New-CsOnlineApplicationInstance',
    'Set-CsOnlineApplicationInstance', 'Get-CsPhoneNumberAssignment', 'Set-CsPhoneNumberAssignment', 'Get-CsOnlineLisCivicAddress',
    'New-CsOnlineLisCivicAddress', 'Get-CsOnlinePSTNGateway', 'New-CsOnlinePSTNGateway', 'Set-CsOnlinePSTNGateway',
    'Get-CsOnlinePstnUsage', 'Set-CsOnlinePstnUsage', 'Get-CsOnlineVoiceRoute', 'New-CsOnlineVoiceRoute', 'Set-CsOnlineVoiceRoute',
    'Get-CsOnlineVoiceRoutingPolicy', 'New-CsOnlineVoiceRoutingPolicy', 'Set-CsOnlineVoiceRoutingPolicy', 'Grant-CsOnlineVoiceRoutingPolicy',
    'Get-CsTeamsSharedCallingRoutingPolicy', 'New-CsTeamsSharedCallingRoutingPolicy', 'Set-CsTeamsSharedCallingRoutingPolicy',
    'Grant-CsTeamsSharedCallingRoutingPolicy', 'Get-CsGroupPolicyAssignment', 'Remove-CsGroupPolicyAssignment', 'New-CsTeamsEmergencyNumber',
    'Get-CsTeamsEmergencyCallRoutingPolicy', 'New-CsTeamsEmergencyCallRoutingPolicy', 'Set-CsTeamsEmergencyCallRoutingPolicy',
    'Grant-CsTeamsEmergencyCallRoutingPolicy', 'Find-VoiceLisPlace', 'Get-VoiceCivicAddress', 'Get-CsOnlineLisLocation', 'New-CsOnlineLisLocation',
    'Get-CsTenantTrustedIPAddress', 'New-CsTenantTrustedIPAddress', 'Set-CsTenantTrustedIPAddress',
    'Get-CsTenantNetworkRegion', 'New-CsTenantNetworkRegion', 'Set-CsTenantNetworkRegion', 'Get-CsTenantNetworkSite', 'New-CsTenantNetworkSite',
    'Set-CsTenantNetworkSite', 'Get-CsTenantNetworkSubnet', 'New-CsTenantNetworkSubnet', 'Set-CsTenantNetworkSubnet',
    'Get-CsOnlineLisSubnet', 'Set-CsOnlineLisSubnet', 'Get-CsOnlineLisWirelessAccessPoint', 'Set-CsOnlineLisWirelessAccessPoint',
    'Get-CsOnlineLisSwitch', 'Set-CsOnlineLisSwitch', 'Get-CsOnlineLisPort', 'Set-CsOnlineLisPort', 'Connect-MgGraph', 'Get-MgContext', 'Invoke-MgGraphRequest',
    'ConvertTo-Json', 'ForEach-Object', 'Where-Object', 'Sort-Object', 'Select-Object', 'Out-Null', 'Start-Sleep', 'Write-Host', 'Write-Verbose', 'Write-Warning'
]);

let examples: ParsedScript[];
let adversarial: ParsedScript;

beforeAll(async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'voice-ast-'));
    const files = [];
    for (const entry of exampleFolders().flatMap(exampleEntries)) {
        files.push(writeScript(folder, `${path.basename(entry, '.voice')}.ps1`, (await compileFile(entry)).text));
    }
    const compiled = await compileSources(adversarialSources(), 'adversarial.voice');
    files.push(writeScript(folder, 'adversarial.ps1', compiled.text));
    const parsed = await parseScripts(files);
    adversarial = parsed.pop()!;
    examples = parsed;
}, 180_000);

describe('compiled scripts in real PowerShell', () => {
    test('every compiled example parses with zero errors', () => {
        expect(examples.length).toBeGreaterThan(0);
        for (const script of examples) expect(script.errors, script.file).toEqual([]);
    });

    test('the scripts call only known commands and contain no expandable strings', () => {
        for (const script of [...examples, adversarial]) {
            expect(script.commands.filter(c => !ALLOWED_COMMANDS.has(c)), script.file).toEqual([]);
            expect(script.expandable, script.file).toBe(0);
        }
    });

    test('the adversarial script parses with zero errors', () => {
        expect(adversarial.errors).toEqual([]);
    });

    test.each(ADVERSARIAL.filter(a => !a.split).map(a => [a.label, a.text]))('%s arrives as an exact single-quoted constant, outside script blocks', (_label, text) => {
        const hits = adversarial.constants.filter(c => c.value === text);
        expect(hits.length).toBeGreaterThan(0);
        for (const hit of hits) {
            expect(hit.kind).toBe('SingleQuoted');
            expect(hit.inScriptBlock).toBe(false);
        }
        // Nowhere else: no constant merely contains it (it was not glued into other code or text).
        expect(adversarial.constants.filter(c => c.value !== text && c.value.includes(text))).toEqual([]);
    });

    test('text with a newline arrives as constants around [char] values', () => {
        const multiline = ADVERSARIAL.find(a => a.split)!;
        for (const piece of multiline.text.split('\n')) {
            expect(adversarial.constants.some(c => c.value === piece && c.kind === 'SingleQuoted' && !c.inScriptBlock)).toBe(true);
        }
    });

    test('every constant outside the fixed helpers is single-quoted or a bare word', () => {
        const kinds = new Set(adversarial.constants.filter(c => !c.inScriptBlock).map(c => c.kind));
        for (const kind of kinds) expect(['SingleQuoted', 'BareWord']).toContain(kind);
    });
});
