/**
 * No compiled script uses a list-modifier key other than Add or Remove (the `replace` key is
 * gone since MicrosoftTeams 4.2.0 [teams-facts Corrections 2]): every example, a generated
 * setup, and a planted violation that the check must catch.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateStores } from '../support/generate-setup.js';
import { scriptViolations } from '../support/list-modifiers.js';
import { compileFile, compileSources, exampleEntries, exampleFolders } from './compile-helpers.js';
import { parseScripts, writeScript, type ParsedScript } from './pwsh-ast.js';

let compiled: ParsedScript[];
let planted: ParsedScript;

beforeAll(async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'voice-modifiers-'));
    const files: string[] = [];
    for (const entry of exampleFolders().flatMap(exampleEntries)) {
        files.push(writeScript(folder, `${path.basename(entry, '.voice')}.ps1`, (await compileFile(entry)).text));
    }
    const generated = await compileSources({ 'stores.voice': generateStores(3).text }, 'stores.voice');
    files.push(writeScript(folder, 'generated.ps1', generated.text));
    const plantedFile = path.join(folder, 'planted.ps1');
    writeFileSync(plantedFile, "Set-CsTeamsEmergencyCallRoutingPolicy -Identity 'X' -EmergencyNumbers @{ Replace = $numbers }\n" +
        "$usages = @{ replace = @('A') }\nSet-CsOnlinePstnUsage -Identity Global -Usage @{ add = 'B'; Set = 'C' }\n");
    const parsed = await parseScripts([...files, plantedFile]);
    planted = parsed.pop()!;
    compiled = parsed;
}, 180_000);

describe('list modifiers in compiled scripts', () => {
    test('every compiled script calls Teams cmdlets, with list modifiers of Add and Remove only', () => {
        expect(compiled.length).toBeGreaterThan(1);
        for (const script of compiled) {
            expect(script.errors, script.file).toEqual([]);
            expect(scriptViolations(script), script.file).toEqual([]);
            // The check has something to look at: the scripts do use list modifiers.
            expect(script.calls.some(c => c.hashtables.some(h => /^add$/i.test(h))), script.file).toBe(true);
        }
    });

    test('a planted replace key or unknown key is caught wherever it stands', () => {
        expect(scriptViolations(planted)).toEqual([
            expect.stringContaining('hashtable key Replace'),
            expect.stringContaining('hashtable key replace'),
            expect.stringContaining('Set-CsTeamsEmergencyCallRoutingPolicy list modifier keys Replace'),
            expect.stringContaining('Set-CsOnlinePstnUsage list modifier keys Set')
        ]);
    });
});
