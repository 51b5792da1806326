/** test/support/pwsh.ts: the search order and the one-line failure when PowerShell cannot be had. */
import { describe, expect, test } from 'vitest';
import { findPwsh, locatePwsh } from '../support/pwsh.js';

describe('finding pwsh', () => {
    test('finds a working pwsh on this machine', () => {
        expect(findPwsh()).toMatch(/pwsh$/);
    });

    test('prefers $VOICE_PWSH, then PATH, then the local tool folder', () => {
        const real = findPwsh();
        const yes = () => true;
        expect(locatePwsh({ explicit: real, onPath: '/nonexistent/pwsh', local: '/nonexistent/local', dotnet: null, works: yes })).toBe(real);
        expect(locatePwsh({ explicit: '/nonexistent/x', onPath: real, local: '/nonexistent/local', dotnet: null, works: yes })).toBe(real);
        expect(locatePwsh({ onPath: null, local: real, dotnet: null, works: yes })).toBe(real);
    });

    test('with no pwsh and no dotnet: one clear error line', () => {
        let message = '';
        try {
            locatePwsh({ explicit: '/nonexistent/pwsh', onPath: null, local: '/nonexistent/.tools/pwsh/pwsh', dotnet: null });
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toMatch(/^PowerShell 7 not found: .*dotnet tool install --tool-path \.tools\/pwsh PowerShell --version 7\.6\.9/);
        expect(message).not.toContain('\n');
    });

    test('a failing dotnet install is reported in one line', () => {
        expect(() => locatePwsh({ onPath: null, local: '/nonexistent/.tools/pwsh/pwsh', dotnet: '/bin/false' })).toThrow(/^PowerShell not found and 'dotnet tool install PowerShell --version 7\.6\.9' failed: [^\n]*$/);
    });
});
