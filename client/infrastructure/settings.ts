import * as vscode from 'vscode';
import type { SettingKey, VoiceSettings } from '../../shared/settings.js';
import { readVoiceSettings } from '../../shared/settings.js';

/** The `voice.*` settings (shared/settings.ts), read where they are used (scoped to the file's folder in multi-root workspaces). */
export function readSettings(scope?: vscode.Uri): VoiceSettings {
    const config = vscode.workspace.getConfiguration('voice', scope);
    return readVoiceSettings(key => config.get(key));
}

/** Writes one setting: to the workspace when one is open (unless `user`: a machine's path), else to the user settings. */
export async function writeSetting(key: SettingKey, value: unknown, scope?: vscode.Uri, user = false): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length && !user ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('voice', scope).update(key, value, target);
}
