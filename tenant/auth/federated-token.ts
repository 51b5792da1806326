/**
 * Workload identity federation for pipelines [WIF-APP]: the pipeline's own OIDC token is
 * exchanged for Entra tokens of an app registration that trusts it, so no secret is stored.
 * Where the token comes from, first match wins:
 * - AZURE_FEDERATED_TOKEN_FILE: a file holding it (Kubernetes workload identity and others);
 * - ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN: GitHub Actions with `permissions: id-token: write`,
 *   asked for the audience Entra expects, api://AzureADTokenExchange [WIF-GH];
 * - VOICE_FEDERATED_TOKEN: a token the pipeline hands over (Azure Pipelines: the AzureCLI@2
 *   task's `idToken` with addSpnToEnvironment) [WIF-ADO].
 * The token is read again for every exchange (they are short-lived) and kept nowhere.
 */
import { readFile } from 'node:fs/promises';
import { TenantError } from '../errors.js';

export const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange';

export async function federatedToken(env: NodeJS.ProcessEnv = process.env): Promise<string> {
    if (env.AZURE_FEDERATED_TOKEN_FILE) return (await readFile(env.AZURE_FEDERATED_TOKEN_FILE, 'utf8')).trim();
    if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL);
        url.searchParams.set('audience', FEDERATION_AUDIENCE);
        const response = await fetch(url, { headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });
        if (!response.ok) throw new TenantError(`GitHub refused an OIDC token (${response.status}); the job needs 'permissions: id-token: write'.`);
        const value = ((await response.json()) as { value?: string }).value;
        if (!value) throw new TenantError('GitHub returned no OIDC token.');
        return value;
    }
    if (env.VOICE_FEDERATED_TOKEN) return env.VOICE_FEDERATED_TOKEN;
    throw new TenantError('Workload identity sign-in found no federated token: run in GitHub Actions with id-token: write, ' +
        'set AZURE_FEDERATED_TOKEN_FILE, or pass the pipeline\'s OIDC token in VOICE_FEDERATED_TOKEN (docs/pipelines.md#sign-in).');
}
