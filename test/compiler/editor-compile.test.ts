/**
 * One compile pipeline: the editor's Compile (the language server's `voice/compile`
 * request, the bundled server as a process) gives byte for byte what `voice compile`
 * gives (the bundled CLI as a process). Run `npm run build` first.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CompileRequest } from '../../shared/protocol.js';
import { REPO_ROOT, runVoice } from '../support/cli.js';
import { LanguageServerProcess } from '../support/language-server.js';

const FRONTLINE = path.join(REPO_ROOT, 'examples', 'frontline');
const STORES = path.join(FRONTLINE, 'stores.voice');

describe('the editor compiles exactly as voice compile does', () => {
    let server: LanguageServerProcess;
    beforeAll(async () => { server = await LanguageServerProcess.start(FRONTLINE); });
    afterAll(async () => { await server?.stop(); });

    test('stores.voice: the same script and the same source map', async () => {
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'voice-editor-compile-')), 'stores.ps1');
        const cli = runVoice(['compile', STORES, '-o', out]);
        expect(cli.status, cli.stderr).toBe(0);

        const result = await server.request(CompileRequest, { uri: await server.open(STORES) });
        expect(result.errors).toEqual([]);
        expect(result.fileName).toBe('stores.ps1');
        expect(result.script).toBe(readFileSync(out, 'utf8'));
        expect(result.sourceMap).toBe(readFileSync(`${out}.map`, 'utf8'));
        // Both name the imported file, so the compared output really spans the setup.
        expect(result.script).toContain('network.voice');
    });
});
