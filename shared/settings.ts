/**
 * The `voice.*` settings (package.json `contributes.configuration`), one type for the
 * client and the server. Each side reads them through its own configuration API and
 * hands `readVoiceSettings` a lookup by key; values of the wrong type fall back to the
 * default, so a hand-edited settings.json never breaks a command.
 */

export const EMULATOR = 'emulator';

/** The CLI's --sign-in methods. */
export const SIGN_IN_METHODS = ['device-code', 'browser', 'azure-cli', 'certificate'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** What `voice.diagnostics.severity` may set a code to. */
export const SEVERITY_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** Every setting, by its key below `voice.`: its JSON type in package.json and its default. */
export const SETTINGS = {
    'tenant': { type: 'string', default: EMULATOR },
    'signIn': { type: 'string', default: 'device-code', enum: SIGN_IN_METHODS },
    'emulatorUrl': { type: 'string', default: 'http://127.0.0.1:7780' },
    'diagnostics.severity': { type: 'object', default: {} },
    'tenantChecks.onSave': { type: 'boolean', default: false },
    'powershell.path': { type: 'string', default: '' }
} as const;

export type SettingKey = keyof typeof SETTINGS;

export interface VoiceSettings {
    /** 'emulator' (the local tenant emulator) or a tenant domain such as contoso.onmicrosoft.com. */
    tenant: string;
    signIn: SignInMethod;
    emulatorUrl: string;
    /** Severity per diagnostic code; codes are not checked here (the server knows them). */
    severity: Record<string, SeverityLevel>;
    /** Run the tenant checks after each save of a .voice file. */
    tenantChecksOnSave: boolean;
    /** The pwsh to run; empty: look for one (client/logic/pwsh-discovery.ts). */
    powershellPath: string;
}

/** Reads one setting's value, or undefined when it is not set. */
export type SettingLookup = (key: SettingKey) => unknown;

export function readVoiceSettings(lookup: SettingLookup): VoiceSettings {
    const text = (key: 'tenant' | 'emulatorUrl'): string => {
        const value = lookup(key);
        return typeof value === 'string' && value !== '' ? value : SETTINGS[key].default;
    };
    const signIn = lookup('signIn');
    const onSave = lookup('tenantChecks.onSave');
    const pwsh = lookup('powershell.path');
    return {
        tenant: text('tenant'),
        signIn: (SIGN_IN_METHODS as readonly unknown[]).includes(signIn) ? signIn as SignInMethod : SETTINGS.signIn.default,
        emulatorUrl: text('emulatorUrl'),
        severity: severities(lookup('diagnostics.severity')),
        tenantChecksOnSave: typeof onSave === 'boolean' ? onSave : SETTINGS['tenantChecks.onSave'].default,
        powershellPath: typeof pwsh === 'string' ? pwsh.trim() : SETTINGS['powershell.path'].default
    };
}

function severities(value: unknown): Record<string, SeverityLevel> {
    const result: Record<string, SeverityLevel> = {};
    if (typeof value !== 'object' || value === null) return result;
    for (const [code, level] of Object.entries(value)) {
        if ((SEVERITY_LEVELS as readonly unknown[]).includes(level)) result[code] = level as SeverityLevel;
    }
    return result;
}

/** A lookup into the `voice` section as a nested object (what an LSP server receives: `diagnostics.severity` is `{ diagnostics: { severity } }`). */
export function sectionLookup(section: unknown): SettingLookup {
    return key => key.split('.').reduce<unknown>(
        (value, part) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined), section);
}

/** A one-word description of the target for messages and the status bar. */
export function describeTarget(settings: VoiceSettings): string {
    return settings.tenant === EMULATOR ? `the tenant emulator at ${settings.emulatorUrl}` : `tenant ${settings.tenant}`;
}
