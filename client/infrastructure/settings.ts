import * as vscode from 'vscode';

/** The CLI's --sign-in methods. */
export type SignInMethod = 'device-code' | 'browser' | 'azure-cli' | 'certificate';

/** The `voice.*` settings, read where they are used (scoped to the file's folder in multi-root workspaces). */
export interface VoiceSettings {
    /** 'emulator' (the local tenant emulator) or a tenant domain such as contoso.onmicrosoft.com. */
    tenant: string;
    signIn: SignInMethod;
    emulatorUrl: string;
    severity: Record<string, string>;
}

export const EMULATOR = 'emulator';

export function readSettings(scope?: vscode.Uri): VoiceSettings {
    const config = vscode.workspace.getConfiguration('voice', scope);
    return {
        tenant: config.get<string>('tenant', EMULATOR) || EMULATOR,
        signIn: config.get<SignInMethod>('signIn', 'device-code'),
        emulatorUrl: config.get<string>('emulatorUrl', 'http://127.0.0.1:7780'),
        severity: config.get<Record<string, string>>('diagnostics.severity', {})
    };
}

/** A one-word description of the target for messages and the status bar. */
export function describeTarget(settings: VoiceSettings): string {
    return settings.tenant === EMULATOR ? `the tenant emulator at ${settings.emulatorUrl}` : `tenant ${settings.tenant}`;
}
