/**
 * How the Teams PowerShell session's pwsh is started. Ctrl-C in a terminal sends SIGINT to
 * the whole foreground process group, pwsh included, and pwsh answers it by stopping the
 * batch it is running, so a run meant to stop "after the steps under way" lost them. On
 * Unix pwsh is therefore started through `sh` with SIGINT ignored (an ignored signal stays
 * ignored across exec): the CLI alone decides what Ctrl-C means, and stops pwsh itself.
 * node-powershell always spawns in the caller's process group (it forces `detached: false`).
 */
export interface PwshLaunch {
    executable: string;
    /** In node-powershell's form: name -> true (a flag) or a value, passed in this order. */
    executableOptions: Record<string, string | boolean>;
}

export function pwshLaunch(pwshPath: string, platform: NodeJS.Platform = process.platform): PwshLaunch {
    const flags = { '-NoProfile': true, '-NonInteractive': true };
    // Windows has no process-group SIGINT; its console Ctrl-C is recognised from the stopped batch instead.
    if (platform === 'win32') return { executable: pwshPath, executableOptions: flags };
    return {
        executable: '/bin/sh',
        executableOptions: {
            // node-powershell puts -NoLogo first; false leaves it out here, and the script passes it on to pwsh.
            '-NoLogo': false,
            '-c': `trap '' INT; exec "$0" -NoLogo "$@"`,
            [pwshPath]: true,
            ...flags
        }
    };
}
