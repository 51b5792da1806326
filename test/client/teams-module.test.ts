/** The MicrosoftTeams module check before a real sign-in (client/logic/teams-module.ts), and the emulator URL's port. */
import { describe, expect, test } from 'vitest';
import { localEmulatorPort } from '../../client/logic/emulator-url.js';
import { INSTALL_TEAMS_MODULE, teamsModuleMessage, teamsModuleStatus } from '../../client/logic/teams-module.js';

describe('MicrosoftTeams module', () => {
    test('the newest installed copy counts; 5.5.0 or newer is enough', () => {
        expect(teamsModuleStatus('4.9.3\r\n6.1.0\n5.5.0\n')).toEqual({ ok: true, version: '6.1.0' });
        expect(teamsModuleStatus('5.5.0')).toEqual({ ok: true, version: '5.5.0' });
        expect(teamsModuleStatus('5.4.10\n4.9.3')).toEqual({ ok: false, newest: '5.4.10' });
        expect(teamsModuleStatus('')).toEqual({ ok: false });
        expect(teamsModuleStatus('WARNING: something\n')).toEqual({ ok: false });
    });

    test('the message names the tenant, what is installed and the Install-Module command', () => {
        expect(INSTALL_TEAMS_MODULE).toBe('Install-Module MicrosoftTeams -MinimumVersion 5.5.0 -Scope CurrentUser');
        const message = teamsModuleMessage('contoso.onmicrosoft.com', { ok: false, newest: '5.4.0' });
        expect(message).toMatch(/contoso\.onmicrosoft\.com.*5\.5\.0 or newer, and version 5\.4\.0 is installed/);
        expect(message).toContain(INSTALL_TEAMS_MODULE);
        expect(teamsModuleMessage('t', { ok: false })).toMatch(/it is not installed/);
    });
});

describe('the local emulator port', () => {
    test('loopback http URLs only', () => {
        expect(localEmulatorPort('http://127.0.0.1:7780')).toEqual({ port: 7780 });
        expect(localEmulatorPort('http://localhost')).toEqual({ port: 80 });
        expect(localEmulatorPort('https://127.0.0.1:7780')).toEqual({ problem: expect.stringMatching(/must be http:/) });
        expect(localEmulatorPort('http://emulator.example:7780')).toEqual({ problem: expect.stringMatching(/not on this machine/) });
        expect(localEmulatorPort('not a url')).toEqual({ problem: expect.stringMatching(/not a URL/) });
    });
});
