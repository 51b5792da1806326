/**
 * The compiled script's sign-in: each combination of its parameters builds a Connect-
 * MicrosoftTeams and a Connect-MgGraph call that binds to one documented parameter set
 * (certificate sign-in is app-only; device code is delegated only [CONNECT]). Real pwsh
 * binds the calls against the stand-in modules, whose parameter sets equal Microsoft's
 * (test/contract); a call that binds to no set fails with a parameter-binding error.
 */
import { describe, expect, test } from 'vitest';
import { CONNECT_STEP } from '../../language/generator/script-runtime.js';
import { runPwsh } from '../support/pwsh.js';

const cases: [string, string][] = [
    ['certificate with device code asked for', "$ApplicationId = '11111111-2222-3333-4444-555555555555'; $CertificateThumbprint = 'ABCDEF'; $UseDeviceAuthentication = $true"],
    ['certificate', "$ApplicationId = '11111111-2222-3333-4444-555555555555'; $CertificateThumbprint = 'ABCDEF'"],
    ['account with device code', "$AccountId = 'admin@contoso.com'; $UseDeviceAuthentication = $true"],
    ['interactive', '']
];

describe('the compiled sign-in binds to a documented parameter set', () => {
    test.each(cases)('%s', async (_name, variables) => {
        // No session yet (Get-CsTenant and Get-MgContext say so), so both Connect calls are made.
        const script = `
Import-Module MicrosoftTeams, Microsoft.Graph.Authentication
$TenantId = 'contoso.onmicrosoft.com'; $AccountId = $null; $ApplicationId = $null; $CertificateThumbprint = $null; $UseDeviceAuthentication = $false
${variables}
function Get-CsTenant { $null }
function Get-MgContext { $null }
$errors = @()
try { & { ${CONNECT_STEP} } } catch { $errors += $_.FullyQualifiedErrorId }
Write-Output ('### ' + ($errors -join ';'))
`;
        const run = await runPwsh(script, { timeoutMs: 60_000 });
        const line = run.stdout.split('\n').find(l => l.startsWith('### ')) ?? `### no result: ${run.stderr}`;
        // Sign-in itself may fail here (no real tenant); binding must not.
        expect(line).not.toMatch(/AmbiguousParameterSet|NamedParameterNotFound|ParameterBinding|no result/);
    }, 90_000);
});
