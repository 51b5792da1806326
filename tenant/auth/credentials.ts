/**
 * Sign-in: an @azure/identity TokenCredential chosen by option. Tokens stay in memory;
 * nothing here writes a token, a secret or certificate material anywhere.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import {
    AzureCliCredential, ClientAssertionCredential, ClientCertificateCredential, DeviceCodeCredential, InteractiveBrowserCredential
} from '@azure/identity';
import { TenantError } from '../errors.js';
import { federatedToken } from './federated-token.js';

/** Scope of the "Skype and Teams Tenant Admin API" token Connect-MicrosoftTeams -AccessTokens needs [CONNECT]. */
export const TEAMS_SCOPE = '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default';

export type SignInMethod = 'browser' | 'device-code' | 'certificate' | 'workload-identity' | 'azure-cli' | 'emulator';
export const SIGN_IN_METHODS: readonly SignInMethod[] = ['browser', 'device-code', 'certificate', 'workload-identity', 'azure-cli', 'emulator'];

export interface SignInOptions {
    method: SignInMethod;
    /** Tenant id or domain. */
    tenantId?: string;
    /** Your app registration (needed for certificate; recommended for browser and device code). */
    clientId?: string;
    certificatePath?: string;
    /** For the emulator: its base URL. */
    emulatorUrl?: string;
    /** Where device-code instructions go (never a log file). */
    prompt?: (message: string) => void;
}

/**
 * What app-only sign-in cannot do, said before anything runs [APP-AUTH]: the
 * application-instance cmdlets (resource accounts) are refused in GCC High and DoD,
 * and older documentation and a 2023 report say everywhere.
 */
export const APP_ONLY_LIMITS =
    'App-only sign-in (certificate, workload identity): Microsoft documents that New/Set-CsOnlineApplicationInstance are not supported app-only ' +
    'in GCC High and DoD, and older documentation says not at all; if creating a resource account fails with "Access Denied", ' +
    'create the resource accounts with an interactive sign-in (browser or device code) and run apply again.';

export function createCredential(options: SignInOptions): TokenCredential {
    const { tenantId, clientId } = options;
    switch (options.method) {
        case 'browser':
            return new InteractiveBrowserCredential({ tenantId, ...(clientId ? { clientId } : {}) });
        case 'device-code':
            return new DeviceCodeCredential({
                tenantId, ...(clientId ? { clientId } : {}),
                userPromptCallback: info => (options.prompt ?? console.error)(info.message)
            });
        case 'certificate':
            if (!tenantId || !clientId || !options.certificatePath) {
                throw new TenantError('Certificate sign-in needs --tenant, --client-id and --certificate <file.pem>.');
            }
            return new ClientCertificateCredential(tenantId, clientId, { certificatePath: options.certificatePath });
        case 'workload-identity':
            // App-only like a certificate, without a secret: the pipeline's OIDC token is the assertion [WIF-APP].
            if (!tenantId || !clientId) throw new TenantError('Workload identity sign-in needs --tenant and --client-id (the app registration that trusts the pipeline).');
            return new ClientAssertionCredential(tenantId, clientId, () => federatedToken());
        case 'azure-cli':
            return new AzureCliCredential({ tenantId });
        case 'emulator':
            return new EmulatorCredential(options.emulatorUrl ?? DEFAULT_EMULATOR_URL);
    }
}

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:7780';

/** The emulator hands out its own test token on loopback; the same token serves Graph and Teams. */
export class EmulatorCredential implements TokenCredential {
    private token?: AccessToken;

    constructor(private readonly baseUrl: string) {}

    async getToken(): Promise<AccessToken> {
        if (this.token) return this.token;
        let response: Response;
        try {
            response = await fetch(new URL('/emulator/token', this.baseUrl));
        } catch {
            throw new TenantError(`No tenant emulator answers at ${this.baseUrl}; start one with 'voice emulator' (or pass --emulator-url).`);
        }
        if (!response.ok) throw new TenantError(`The emulator at ${this.baseUrl} refused a token (${response.status}).`);
        const body = await response.json() as { token?: string; access_token?: string };
        const token = body.token ?? body.access_token;
        if (!token) throw new TenantError(`The emulator at ${this.baseUrl} returned no token.`);
        this.token = { token, expiresOnTimestamp: Date.now() + 3600_000 };
        return this.token;
    }
}
