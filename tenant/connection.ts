/**
 * A live connection to one tenant: Microsoft Graph and a Teams PowerShell session, both
 * signed in with the same credential. `emulator` switches the base URL and the module
 * path and nothing else.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { SignInMethod } from './auth/credentials.js';
import { DEFAULT_EMULATOR_URL, TEAMS_SCOPE, createCredential } from './auth/credentials.js';
import { standInModulePath } from './emulator/paths.js';
import { TenantError } from './errors.js';
import { GRAPH_SCOPE, GraphApi } from './graph/graph-api.js';
import type { CallObserver } from './graph/middleware.js';
import { findPwshExecutable } from './pwsh-path.js';
import { PowerShellSession } from './teams/powershell-session.js';
import { PowerShellPool, maxSessionsFromEnvironment } from './teams/session-pool.js';

export interface ConnectOptions {
    /** A tenant id or domain, or 'emulator'. */
    tenant: string;
    emulatorUrl?: string;
    signIn?: SignInMethod;
    clientId?: string;
    certificatePath?: string;
    observer?: CallObserver;
    prompt?: (message: string) => void;
}

export interface TenantConnection {
    tenant: string;
    isEmulator: boolean;
    graph: GraphApi;
    /** Teams PowerShell: one session at first; `grow` adds parallel sessions for a large apply. */
    teams: PowerShellPool;
    dispose(): Promise<void>;
}

export async function connectTenant(options: ConnectOptions): Promise<TenantConnection> {
    const isEmulator = options.tenant === 'emulator';
    const emulatorUrl = options.emulatorUrl ?? DEFAULT_EMULATOR_URL;
    const credential: TokenCredential = createCredential({
        method: isEmulator ? 'emulator' : options.signIn ?? 'browser',
        tenantId: isEmulator ? undefined : options.tenant,
        clientId: options.clientId, certificatePath: options.certificatePath, emulatorUrl, prompt: options.prompt
    });
    const graph = new GraphApi({ credential, baseUrl: isEmulator ? `${emulatorUrl.replace(/\/$/, '')}/` : undefined, observer: options.observer });
    /** Starts one PowerShell session and connects it with fresh tokens (the credential caches and renews them). */
    const openSession = async (): Promise<PowerShellSession> => {
        const [graphToken, teamsToken] = await Promise.all([credential.getToken(GRAPH_SCOPE), credential.getToken(TEAMS_SCOPE)]);
        if (!graphToken || !teamsToken) throw new TenantError('Sign-in returned no token.');
        const session = new PowerShellSession({
            pwshPath: findPwshExecutable(),
            modulePaths: isEmulator ? [standInModulePath()] : [],
            env: isEmulator ? { VOICE_EMULATOR_URL: emulatorUrl } : {}
        });
        await session.start();
        try {
            await session.connect(graphToken.token, teamsToken.token, isEmulator ? undefined : options.tenant);
        } catch (error) {
            await session.dispose();
            throw error;
        }
        return session;
    };
    const teams = new PowerShellPool(await openSession(), openSession, maxSessionsFromEnvironment());
    return { tenant: options.tenant, isEmulator, graph, teams, dispose: () => teams.dispose() };
}
