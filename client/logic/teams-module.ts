/**
 * The real MicrosoftTeams module a live tenant needs: the Shared Calling routing policy
 * cmdlets arrived in 5.5.0 [SC-PLAN; NEW-SCRP notes]. The emulator uses the stand-in
 * modules shipped with the extension instead.
 */

export const TEAMS_MODULE_MINIMUM = '5.5.0';

/** Prints one version per installed copy of the module (pwsh -NoProfile -Command ...). */
export const LIST_TEAMS_MODULE = 'Get-Module -ListAvailable MicrosoftTeams | ForEach-Object { $_.Version.ToString() }';

/** What the user runs in a terminal to get it, for their account only (no admin rights). */
export const INSTALL_TEAMS_MODULE = `Install-Module MicrosoftTeams -MinimumVersion ${TEAMS_MODULE_MINIMUM} -Scope CurrentUser`;

export type TeamsModuleStatus = { ok: true; version: string } | { ok: false; newest?: string };

function parts(version: string): number[] {
    return version.split('.').map(n => Number.parseInt(n, 10) || 0);
}

export function compareVersions(a: string, b: string): number {
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = (x[i] ?? 0) - (y[i] ?? 0);
        if (d !== 0) return d;
    }
    return 0;
}

/** From LIST_TEAMS_MODULE's output: the newest installed version, and whether it is new enough. */
export function teamsModuleStatus(output: string): TeamsModuleStatus {
    const versions = output.split(/\r?\n/).map(l => l.trim()).filter(l => /^\d+(\.\d+)+$/.test(l));
    const newest = versions.sort(compareVersions).pop();
    if (newest && compareVersions(newest, TEAMS_MODULE_MINIMUM) >= 0) return { ok: true, version: newest };
    return newest ? { ok: false, newest } : { ok: false };
}

export function teamsModuleMessage(tenant: string, status: Extract<TeamsModuleStatus, { ok: false }>): string {
    const found = status.newest ? `version ${status.newest} is installed` : 'it is not installed';
    return `Signing in to ${tenant} needs the MicrosoftTeams PowerShell module ${TEAMS_MODULE_MINIMUM} or newer, and ${found}. ` +
        `Run '${INSTALL_TEAMS_MODULE}' in a terminal, then plan again.`;
}
