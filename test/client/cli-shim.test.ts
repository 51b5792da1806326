/** The `voice` shim for VS Code's terminals (client/logic/cli-shim.ts), run for real on POSIX. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cliShims } from '../../client/logic/cli-shim.js';

const dir = mkdtempSync(path.join(tmpdir(), 'voice shim '));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the terminal shim', () => {
    test('POSIX: runs the given runtime on the CLI with ELECTRON_RUN_AS_NODE=1 and passes every argument', () => {
        // A stand-in runtime that prints what it was given; paths with spaces and a quote.
        const runtime = path.join(dir, "it's node");
        writeFileSync(runtime, '#!/bin/sh\necho "$ELECTRON_RUN_AS_NODE|$1|$2|$3"\n');
        chmodSync(runtime, 0o755);
        const [shim] = cliShims('linux', runtime, '/ext/out/cli.cjs');
        expect(shim!.name).toBe('voice');
        const file = path.join(dir, shim!.name);
        writeFileSync(file, shim!.text);
        chmodSync(file, 0o755);
        expect(execFileSync(file, ['plan', 'a b.voice'], { encoding: 'utf8' }).trim()).toBe('1|/ext/out/cli.cjs|plan|a b.voice');
    });

    test('Windows: voice.cmd', () => {
        const [shim] = cliShims('win32', 'C:\\VS Code\\Code.exe', 'C:\\ext\\out\\cli.cjs');
        expect(shim!.name).toBe('voice.cmd');
        expect(shim!.text).toContain('set ELECTRON_RUN_AS_NODE=1\r\n"C:\\VS Code\\Code.exe" "C:\\ext\\out\\cli.cjs" %*');
    });
});
