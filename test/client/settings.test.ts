/** The `voice.*` settings as the client and the server read them (shared/settings.ts), without VS Code. */
import { describe, expect, test } from 'vitest';
import { targetArgs } from '../../client/logic/cli-args.js';
import type { SettingKey } from '../../shared/settings.js';
import { describeTarget, readVoiceSettings, SETTINGS, sectionLookup } from '../../shared/settings.js';

const from = (values: Partial<Record<SettingKey, unknown>>) => readVoiceSettings(key => values[key]);

describe('settings', () => {
    test('nothing set: every default', () => {
        expect(from({})).toEqual({
            tenant: 'emulator', signIn: 'device-code', emulatorUrl: 'http://127.0.0.1:7780', severity: {}, tenantChecksOnSave: false, powershellPath: ''
        });
        expect(from({}).tenant).toBe(SETTINGS.tenant.default);
    });

    test('set values are read; values of the wrong type fall back to the default', () => {
        expect(from({ tenant: 'contoso.onmicrosoft.com', signIn: 'azure-cli', 'tenantChecks.onSave': true })).toMatchObject({
            tenant: 'contoso.onmicrosoft.com', signIn: 'azure-cli', tenantChecksOnSave: true
        });
        expect(from({ tenant: '', signIn: 'password', emulatorUrl: 7780, 'tenantChecks.onSave': 'yes', 'powershell.path': 7 })).toMatchObject({
            tenant: 'emulator', signIn: 'device-code', emulatorUrl: 'http://127.0.0.1:7780', tenantChecksOnSave: false, powershellPath: ''
        });
        expect(from({ 'powershell.path': ' /opt/pwsh/pwsh ' }).powershellPath).toBe('/opt/pwsh/pwsh');
    });

    test('severity keeps known levels only', () => {
        expect(from({ 'diagnostics.severity': { 'unassigned-number': 'off', 'duplicate-name': 'loud', 'setup-order': 'hint' } }).severity)
            .toEqual({ 'unassigned-number': 'off', 'setup-order': 'hint' });
        expect(from({ 'diagnostics.severity': 'off' }).severity).toEqual({});
    });

    test('the server reads the same settings from the nested section it receives', () => {
        const section = { tenant: 'contoso.onmicrosoft.com', diagnostics: { severity: { 'unassigned-number': 'warning' } }, tenantChecks: { onSave: true } };
        expect(readVoiceSettings(sectionLookup(section))).toMatchObject({
            tenant: 'contoso.onmicrosoft.com', severity: { 'unassigned-number': 'warning' }, tenantChecksOnSave: true
        });
        expect(readVoiceSettings(sectionLookup(undefined))).toEqual(from({}));
    });

    test('the CLI target arguments and the target description follow the tenant setting', () => {
        const emulator = from({ emulatorUrl: 'http://127.0.0.1:9999' });
        expect(targetArgs(emulator)).toEqual(['--tenant', 'emulator', '--emulator-url', 'http://127.0.0.1:9999']);
        expect(describeTarget(emulator)).toBe('the tenant emulator at http://127.0.0.1:9999');
        const live = from({ tenant: 'contoso.onmicrosoft.com', signIn: 'browser' });
        expect(targetArgs(live)).toEqual(['--tenant', 'contoso.onmicrosoft.com', '--sign-in', 'browser']);
        expect(describeTarget(live)).toBe('tenant contoso.onmicrosoft.com');
    });
});
