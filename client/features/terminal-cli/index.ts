import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Log } from '../../infrastructure/log.js';
import { cliShims } from '../../logic/cli-shim.js';

/**
 * Puts `voice` on the PATH of VS Code's integrated terminals: writes the shim
 * (client/logic/cli-shim.ts) into the extension's storage and prepends that folder through
 * the extension's environment variable collection (new terminals get it; VS Code offers to
 * relaunch the open ones).
 */
export async function activateTerminalCli(context: vscode.ExtensionContext, cliPath: string, log: Log): Promise<void> {
    const bin = path.join(context.globalStorageUri.fsPath, 'bin');
    try {
        await mkdir(bin, { recursive: true });
        for (const shim of cliShims(process.platform, process.execPath, cliPath)) {
            const file = path.join(bin, shim.name);
            await writeFile(file, shim.text);
            if (shim.executable) await chmod(file, 0o755);
        }
    } catch (error) {
        log.warn(`The voice command for terminals could not be written to ${bin}: ${error instanceof Error ? error.message : String(error)}`);
        return;
    }
    const collection = context.environmentVariableCollection;
    collection.description = 'Puts the `voice` command (Shared Calling as code) on PATH.';
    collection.prepend('PATH', bin + path.delimiter);
}
