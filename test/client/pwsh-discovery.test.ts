/** Finding PowerShell 7 on a fake machine (client/logic/pwsh-discovery.ts), and what the user is offered without one. */
import { describe, expect, test } from 'vitest';
import type { PwshMachine } from '../../client/logic/pwsh-discovery.js';
import { discoverPwsh, installFolders } from '../../client/logic/pwsh-discovery.js';
import { acquisitionOffer, dotnetInstallArgs, PWSH_INSTALL_PAGE } from '../../client/logic/pwsh-offer.js';

function machine(files: string[], overrides: Partial<PwshMachine> = {}): PwshMachine & { shellAsked: number } {
    const present = new Set(files);
    const fake = {
        platform: 'linux', env: { PATH: '/usr/local/sbin:/home/ana/bin' }, home: '/home/ana', toolPath: '/store/pwsh',
        exists: (p: string) => present.has(p), shellAsked: 0,
        loginShellPwsh: async () => { fake.shellAsked++; return undefined; },
        ...overrides
    };
    return fake;
}

describe('PowerShell 7 discovery', () => {
    test('the setting wins; a setting that does not exist is said, and the search goes on', async () => {
        expect((await discoverPwsh('/opt/p/pwsh', machine(['/opt/p/pwsh', '/home/ana/bin/pwsh']))).found)
            .toEqual({ path: '/opt/p/pwsh', source: 'setting' });
        const wrong = await discoverPwsh('/nope/pwsh', machine(['/home/ana/bin/pwsh']));
        expect(wrong.found).toEqual({ path: '/home/ana/bin/pwsh', source: 'PATH' });
        expect(wrong.problems).toEqual(["voice.powershell.path is '/nope/pwsh', which does not exist."]);
    });

    test('VOICE_PWSH comes before PATH', async () => {
        const m = machine(['/x/pwsh', '/home/ana/bin/pwsh'], { env: { VOICE_PWSH: '/x/pwsh', PATH: '/home/ana/bin' } });
        expect((await discoverPwsh(undefined, m)).found).toEqual({ path: '/x/pwsh', source: 'VOICE_PWSH' });
    });

    test('PATH on Windows: pwsh.exe, ; separated, quoted entries', async () => {
        const m = machine(['C:\\Tools\\PS\\pwsh.exe'], { platform: 'win32', env: { Path: 'C:\\Windows;"C:\\Tools\\PS"' }, home: 'C:\\Users\\ana' });
        expect((await discoverPwsh(undefined, m)).found).toEqual({ path: 'C:\\Tools\\PS\\pwsh.exe', source: 'PATH' });
    });

    test('the usual install folders of each platform', async () => {
        expect(installFolders('win32', { ProgramFiles: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana'))
            .toContain('C:\\Program Files\\PowerShell\\7\\pwsh.exe');
        expect(installFolders('darwin', {}, '/Users/ana')).toEqual(expect.arrayContaining(['/usr/local/microsoft/powershell/7/pwsh', '/opt/homebrew/bin/pwsh']));
        expect(installFolders('linux', {}, '/home/ana')).toEqual(expect.arrayContaining(['/opt/microsoft/powershell/7/pwsh', '/snap/bin/pwsh', '/home/ana/.dotnet/tools/pwsh']));
        const m = machine(['/opt/microsoft/powershell/7/pwsh']);
        expect((await discoverPwsh(undefined, m)).found).toEqual({ path: '/opt/microsoft/powershell/7/pwsh', source: 'install folder' });
        expect(m.shellAsked).toBe(0);
    });

    test('the copy the extension installed, then the login shell\'s PATH (never on Windows)', async () => {
        expect((await discoverPwsh(undefined, machine(['/store/pwsh/pwsh']))).found).toEqual({ path: '/store/pwsh/pwsh', source: 'extension storage' });
        const m = machine(['/Users/ana/.local/bin/pwsh'], { platform: 'darwin', loginShellPwsh: async () => '/Users/ana/.local/bin/pwsh\n' });
        expect((await discoverPwsh(undefined, m)).found).toEqual({ path: '/Users/ana/.local/bin/pwsh', source: 'login shell' });
        const windows = machine([], { platform: 'win32', env: {} });
        await discoverPwsh(undefined, windows);
        expect(windows.shellAsked).toBe(0);
    });

    test('no pwsh anywhere (PATH hides it, VOICE_PWSH unset): nothing found, and the reason names every place searched', async () => {
        const m = machine(['/usr/bin/dotnet']);
        const search = await discoverPwsh(undefined, m);
        expect(search.found).toBeUndefined();
        expect(m.shellAsked).toBe(1);
        expect(search.problems.join(' ')).toMatch(/not in voice\.powershell\.path, VOICE_PWSH or PATH \(nor your login shell's\), nor in the usual install folders/);
    });
});

describe('the acquisition offer', () => {
    test('with dotnet: one-click install first, then choose, then the install page', () => {
        const offer = acquisitionOffer(['PowerShell 7 (pwsh) was not found.'], true);
        expect(offer.actions).toEqual(['install', 'choose', 'open-page']);
        expect(offer.message).toMatch(/^PowerShell 7 \(pwsh\) was not found\. .*one click/);
        expect(dotnetInstallArgs('/store/pwsh')).toEqual(['tool', 'install', '--tool-path', '/store/pwsh', 'PowerShell', '--version', '7.6.9']);
    });

    test('without dotnet: Microsoft\'s install page, no install button', () => {
        const offer = acquisitionOffer([], false);
        expect(offer.actions).toEqual(['open-page', 'choose']);
        expect(offer.message).toMatch(/Microsoft's install page/);
        expect(PWSH_INSTALL_PAGE).toMatch(/^https:\/\/learn\.microsoft\.com\/.*install/);
    });
});
