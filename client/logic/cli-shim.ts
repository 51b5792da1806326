/**
 * The `voice` command in VS Code's terminals: a small script in the extension's storage
 * that runs the bundled CLI with the editor's own runtime (process.execPath with
 * ELECTRON_RUN_AS_NODE=1: the Node inside VS Code, new enough for the CLI, whatever Node
 * the machine has or lacks).
 */

export interface ShimFile { name: string; text: string; executable: boolean }

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function cliShims(platform: string, runtime: string, cliPath: string): ShimFile[] {
    if (platform === 'win32') {
        return [{
            name: 'voice.cmd', executable: false,
            text: ['@echo off', 'setlocal', 'set ELECTRON_RUN_AS_NODE=1', `"${runtime}" "${cliPath}" %*`, ''].join('\r\n')
        }];
    }
    return [{
        name: 'voice', executable: true,
        text: ['#!/bin/sh', '# The voice CLI of the Shared Calling as code extension (VS Code writes this file).',
            `ELECTRON_RUN_AS_NODE=1 exec ${sh(runtime)} ${sh(cliPath)} "$@"`, ''].join('\n')
    }];
}
