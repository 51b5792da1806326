/**
 * Where PowerShell 7 (pwsh) is, the way a user would look: the `voice.powershell.path`
 * setting, $VOICE_PWSH, PATH, the usual install folders of each platform, the copy this
 * extension installed, and last the login shell's PATH (VS Code started from a macOS dock
 * or a Linux desktop does not see what ~/.zprofile adds). Pure: the machine comes in as
 * a `PwshMachine`, so tests hand it a fake one.
 */

export interface PwshMachine {
    platform: string;
    env: Record<string, string | undefined>;
    home: string;
    /** Where the extension installs the PowerShell global tool (`dotnet tool install --tool-path`). */
    toolPath: string;
    exists(path: string): boolean;
    /** `$SHELL -lc 'command -v pwsh'`: the pwsh the user's login shell finds, if any. */
    loginShellPwsh(): Promise<string | undefined>;
}

export type PwshSource = 'setting' | 'VOICE_PWSH' | 'PATH' | 'install folder' | 'extension storage' | 'login shell';

export interface FoundPwsh { path: string; source: PwshSource }

export interface PwshSearch {
    found?: FoundPwsh;
    /** Said to the user when nothing is found, or when a configured path is wrong. */
    problems: string[];
}

export function pwshExecutable(platform: string): string {
    return platform === 'win32' ? 'pwsh.exe' : 'pwsh';
}

/** Joins with the platform's separator (client/logic has no node:path). */
export function joinPath(platform: string, ...parts: string[]): string {
    const sep = platform === 'win32' ? '\\' : '/';
    return parts.map((part, i) => (i === 0 ? part.replace(/[\\/]+$/, '') : part.replace(/^[\\/]+|[\\/]+$/g, ''))).join(sep);
}

/** The pwsh the extension's own dotnet tool install puts in its storage. */
export function toolPwsh(machine: Pick<PwshMachine, 'platform' | 'toolPath'>): string {
    return joinPath(machine.platform, machine.toolPath, pwshExecutable(machine.platform));
}

/** Where the PowerShell installers put pwsh on each platform (and `dotnet tool install -g`). */
export function installFolders(platform: string, env: Record<string, string | undefined>, home: string): string[] {
    const exe = pwshExecutable(platform);
    const at = (...parts: string[]) => joinPath(platform, ...parts, exe);
    if (platform === 'win32') {
        const programFiles = [env.ProgramFiles, env.ProgramW6432, 'C:\\Program Files'].filter((p): p is string => !!p);
        return [
            ...programFiles.flatMap(p => [at(p, 'PowerShell', '7'), at(p, 'PowerShell', '7-preview')]),
            ...(env.LOCALAPPDATA ? [at(env.LOCALAPPDATA, 'Microsoft', 'WindowsApps')] : []),
            at(home, '.dotnet', 'tools')
        ].filter((p, i, all) => all.indexOf(p) === i);
    }
    const common = [at(home, '.dotnet', 'tools'), at('/usr/local/bin')];
    if (platform === 'darwin') return [at('/opt/homebrew/bin'), at('/usr/local/microsoft/powershell/7'), ...common];
    return [at('/usr/bin'), at('/opt/microsoft/powershell/7'), at('/snap/bin'), ...common];
}

function pathEntries(platform: string, env: Record<string, string | undefined>): string[] {
    const value = env.PATH ?? env.Path ?? '';
    return value.split(platform === 'win32' ? ';' : ':').map(entry => entry.replace(/^"|"$/g, '')).filter(Boolean);
}

export async function discoverPwsh(setting: string | undefined, machine: PwshMachine): Promise<PwshSearch> {
    const { platform, env } = machine;
    const problems: string[] = [];
    const exe = pwshExecutable(platform);
    if (setting) {
        if (machine.exists(setting)) return { found: { path: setting, source: 'setting' }, problems };
        problems.push(`voice.powershell.path is '${setting}', which does not exist.`);
    }
    if (env.VOICE_PWSH) {
        if (machine.exists(env.VOICE_PWSH)) return { found: { path: env.VOICE_PWSH, source: 'VOICE_PWSH' }, problems };
        problems.push(`VOICE_PWSH is '${env.VOICE_PWSH}', which does not exist.`);
    }
    for (const dir of pathEntries(platform, env)) {
        const candidate = joinPath(platform, dir, exe);
        if (machine.exists(candidate)) return { found: { path: candidate, source: 'PATH' }, problems };
    }
    for (const candidate of installFolders(platform, env, machine.home)) {
        if (machine.exists(candidate)) return { found: { path: candidate, source: 'install folder' }, problems };
    }
    const tool = toolPwsh(machine);
    if (machine.exists(tool)) return { found: { path: tool, source: 'extension storage' }, problems };
    if (platform !== 'win32') {
        const fromShell = (await machine.loginShellPwsh())?.trim();
        if (fromShell && machine.exists(fromShell)) return { found: { path: fromShell, source: 'login shell' }, problems };
    }
    problems.push(`PowerShell 7 (pwsh) was not found: not in voice.powershell.path, VOICE_PWSH or PATH${platform === 'win32' ? '' : ' (nor your login shell\'s)'}, nor in the usual install folders.`);
    return { problems };
}
