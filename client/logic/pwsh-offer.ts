/** What the user is offered when no PowerShell 7 is found, and the dotnet command behind the one-click install. */

/** Microsoft's page with every way to install PowerShell 7 on Windows, macOS and Linux. */
export const PWSH_INSTALL_PAGE = 'https://learn.microsoft.com/powershell/scripting/install/installing-powershell';

/** The PowerShell global tool's version the extension installs. */
export const PWSH_TOOL_VERSION = '7.6.9';

export type OfferAction = 'install' | 'choose' | 'open-page';

export const OFFER_LABELS: Record<OfferAction, string> = {
    install: 'Install PowerShell 7 (.NET tool)',
    choose: 'Choose pwsh…',
    'open-page': 'How to install PowerShell'
};

export interface AcquisitionOffer { message: string; actions: OfferAction[] }

/** The message and its buttons: the one-click install only where `dotnet` is on PATH. */
export function acquisitionOffer(problems: readonly string[], dotnetAvailable: boolean): AcquisitionOffer {
    const need = 'Plan, Apply and Check Against Tenant run PowerShell 7 (pwsh), for the emulator too.';
    const how = dotnetAvailable
        ? 'Install it here in one click (the PowerShell .NET global tool, into this extension\'s storage), choose a pwsh you have, or see Microsoft\'s install page.'
        : 'Install it from Microsoft\'s install page (then run the command again), or choose a pwsh you have. With the .NET SDK on PATH, the extension can install it for you.';
    return {
        message: [...problems, need, how].join(' '),
        actions: dotnetAvailable ? ['install', 'choose', 'open-page'] : ['open-page', 'choose']
    };
}

/** `dotnet tool install` of PowerShell into `toolPath` (no admin rights, nothing outside the folder). */
export function dotnetInstallArgs(toolPath: string): string[] {
    return ['tool', 'install', '--tool-path', toolPath, 'PowerShell', '--version', PWSH_TOOL_VERSION];
}
