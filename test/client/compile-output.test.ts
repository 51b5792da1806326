/** Where Compile writes, and which existing files it replaces without asking. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileOutputs, foreignOutputs, isCompiledMap, isCompiledScript, overwritePrompt } from '../../client/logic/compile-output.js';

const REPO = path.resolve(__dirname, '..', '..');
// The compiled example as `voice compile` writes it (a baseline the compiler's tests keep current).
const script = readFileSync(path.join(REPO, 'examples', 'frontline', 'stores.ps1'), 'utf8');
const map = readFileSync(path.join(REPO, 'examples', 'frontline', 'stores.ps1.map'), 'utf8');

describe('Compile writes beside the source', () => {
    test('<name>.ps1 and its .map beside the .voice file', () => {
        expect(compileOutputs('/ws/frontline/stores.voice', 'stores.ps1')).toEqual({ script: '/ws/frontline/stores.ps1', map: '/ws/frontline/stores.ps1.map' });
    });

    test('it replaces what it wrote without asking', () => {
        expect(isCompiledScript(script)).toBe(true);
        expect(isCompiledMap(map, 'stores.ps1')).toBe(true);
        expect(foreignOutputs('stores.ps1', { script, map })).toEqual([]);
        expect(foreignOutputs('stores.ps1', {})).toEqual([]);
    });

    test('it asks before replacing a file it did not write, naming it', () => {
        expect(isCompiledScript('# my own script\nConnect-MicrosoftTeams\n')).toBe(false);
        expect(isCompiledScript(`# note\n${script}`)).toBe(false);
        expect(isCompiledMap('{', 'stores.ps1')).toBe(false);
        expect(isCompiledMap(map, 'other.ps1')).toBe(false);
        expect(foreignOutputs('stores.ps1', { script: 'Write-Host hi', map })).toEqual(['stores.ps1']);
        expect(foreignOutputs('stores.ps1', { script, map: '{"mine":1}' })).toEqual(['stores.ps1.map']);
        expect(overwritePrompt(['stores.ps1']).message).toBe('stores.ps1 exists and was not written by Compile. Overwrite?');
        expect(overwritePrompt(['stores.ps1', 'stores.ps1.map']).message).toBe('stores.ps1 and stores.ps1.map exist and were not written by Compile. Overwrite?');
        expect(overwritePrompt(['x']).button).toBe('Overwrite');
    });
});
