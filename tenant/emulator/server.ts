/**
 * The emulator's HTTP server on 127.0.0.1: bearer auth, the Graph and Teams routes,
 * faults, the call log, state persistence, and the `/emulator/*` admin endpoints.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { matchRoute, type ApiRequest, type ApiResponse, type Route } from './api.js';
import { CallLog, graphShape } from './call-log.js';
import { addGroupMember, addUser, removeGroupMember } from './directory-admin.js';
import { EmulatorError, errorBody } from './errors.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { runBatch } from './graph/batch.js';
import { groupRoutes } from './graph/groups.js';
import { skuRoutes } from './graph/skus.js';
import { userConfigurationRoutes } from './graph/user-configurations.js';
import { userRoutes } from './graph/users.js';
import type { TenantState } from './model.js';
import { defaultSeedPath } from './paths.js';
import { loadState, saveState } from './persistence.js';
import { readSeedFile, tenantFromSeed, type SeedFile } from './seed.js';
import { IN_MEMORY_CMDLETS, isReadCmdlet, teamsRoutes } from './teams/index.js';
import { surfaceOf, TenantLimiter, type LimitDecision, type Surface, type TenantLimits } from './tenant-limits.js';
import { Tenant } from './tenant.js';


export interface EmulatorOptions {
    /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
    port?: number;
    /** Persist the tenant here after each change; reloaded on start when the file exists. */
    statePath?: string;
    /** A seed object or a seed file path; undefined = examples/seeds/frontline.json; null = an empty tenant. */
    seed?: SeedFile | string | null;
    faults?: FaultOptions;
    /** Per-tenant rate and concurrency limits (tenant-limits.ts); default: none. */
    limits?: TenantLimits;
    /** A fixed bearer token; default: a random one per start. */
    token?: string;
    /** Called after a crash-stop fault stopped the server (the CLI exits the process here). */
    onCrash?: () => void;
}

export interface EmulatorHandle {
    /** `http://127.0.0.1:<port>` */
    url: string;
    port: number;
    /** The bearer token every Graph and Teams call must carry. */
    token: string;
    tenant: Tenant;
    /** The live state (replaced by `reset()`). */
    readonly state: TenantState;
    callLog: CallLog;
    faults: FaultInjector;
    /** The tenant model: rate and concurrency limits, and how often each refused a call. */
    limits: TenantLimiter;
    /** Back to the starting tenant (seed, or the state file as it was at start) and an empty call log. */
    reset(): void;
    /** Resolves when the server has stopped (by stop() or by a crash-stop fault). */
    stopped: Promise<void>;
    readonly crashed: boolean;
    stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const GRAPH_ROUTES: Route[] = [...userRoutes, ...skuRoutes, ...groupRoutes, ...userConfigurationRoutes];

function initialState(options: EmulatorOptions): TenantState {
    const fromFile = options.statePath ? loadState(options.statePath) : null;
    if (fromFile) return fromFile;
    if (options.seed === null) return tenantFromSeed({ tenant: { domain: 'contoso.onmicrosoft.com' } });
    const seed = typeof options.seed === 'object' ? options.seed : readSeedFile(options.seed ?? defaultSeedPath());
    return tenantFromSeed(seed);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
    const start = initialState(options);
    const startJson = JSON.stringify(start);
    const faults = new FaultInjector(options.faults);
    const limits = new TenantLimiter(options.limits);
    const tenant = new Tenant(start, () => faults.replicationDelayMs, () => faults.replicationAppliesToWrites);
    const callLog = new CallLog();
    const token = options.token ?? randomBytes(24).toString('base64url');
    const sockets = new Set<Socket>();
    let callCount = 0;
    let crashed = false;
    let resolveStopped!: () => void;
    const stopped = new Promise<void>(resolve => { resolveStopped = resolve; });

    const persist = () => {
        if (options.statePath) saveState(options.statePath, tenant.state);
    };

    /**
     * One call (direct or a batch item): tenant limits, latency, faults, routing, persistence,
     * logging. `reply.lost` is set when a write in it is the one whose reply is lost.
     */
    const dispatch = async (request: ApiRequest, inBatch: boolean, reply: { lost: boolean }): Promise<ApiResponse> => {
        const surface = surfaceOf(request.path);
        const arrivedAt = Date.now();
        // In flight counts requests as they arrive; a $batch is one request, its items are not.
        const refused = !inBatch && surface ? limits.enter(surface) : null;
        try {
            return await answer(request, inBatch, surface, refused, reply, arrivedAt);
        } finally {
            if (!inBatch && surface && !refused) limits.leave(surface);
        }
    };

    const answer = async (request: ApiRequest, inBatch: boolean, surface: Surface | null, refused: LimitDecision, reply: { lost: boolean }, arrivedAt: number): Promise<ApiResponse> => {
        const routes = [...GRAPH_ROUTES, ...teamsRoutes];
        const isBatch = request.method === 'POST' && /^\/v1\.0\/\$batch\/?$/i.test(request.path);
        const match = isBatch ? null : matchRoute(routes, request.method, request.path);
        const routeName = isBatch ? 'POST /v1.0/$batch'
            : match ? (match.route.pattern === '/teams/{cmdlet}' ? `POST /teams/${match.params.cmdlet}` : `${match.route.method} ${match.route.pattern}`)
                : `${request.method} (unknown)`;
        let response: ApiResponse;
        let replyLost = false;
        // Each operation takes a token, $batch items each their own [G-BATCH]; the envelope none.
        // A cmdlet that only builds an object in memory makes no service call: nothing to throttle or fail.
        const inMemory = match?.route.pattern === '/teams/{cmdlet}' && IN_MEMORY_CMDLETS.has(match.params.cmdlet!);
        // Latency is the service's: a cmdlet that never reaches it has none.
        if (faults.latencyMs > 0 && !inMemory) await sleep(faults.latencyMs);
        const limited = inMemory ? null : refused ?? (surface && !isBatch ? limits.charge(surface) : null);
        const fault = limited || inMemory ? null : faults.decide(match?.route.pattern === '/teams/{cmdlet}' ? match.params.cmdlet : undefined);
        if (limited) {
            response = tooManyRequests(limited.retryAfterSeconds);
        } else if (fault?.kind === 'throttle') {
            response = tooManyRequests(fault.retryAfterSeconds);
        } else if (fault?.kind === 'unavailable') {
            response = { status: 503, body: errorBody('ServiceUnavailable', 'The service is temporarily unavailable. Please retry.') };
        } else {
            try {
                if (isBatch) response = await runBatch(request, item => dispatch(item, true, reply));
                // rule: unknown-route
                else if (!match) response = { status: 404, body: errorBody('UnknownResource', `The emulator has no route for ${request.method} ${request.path}.`) };
                else {
                    const mutating = match.route.pattern === '/teams/{cmdlet}' ? !isReadCmdlet(match.params.cmdlet!) : request.method !== 'GET';
                    // Decided before the handler runs, so a write that throws still counts as the Nth write.
                    replyLost = mutating && faults.losesReplyOf();
                    try {
                        response = await match.route.handler(request, { tenant, params: match.params });
                    } finally {
                        if (replyLost) reply.lost = true;
                    }
                    if (mutating && response.status < 300) persist();
                }
            } catch (error) {
                response = error instanceof EmulatorError
                    ? { status: error.status, body: errorBody(error.code, error.message) }
                    : { status: 500, body: errorBody('InternalServerError', error instanceof Error ? error.message : String(error)) };
            }
        }
        response.headers = { 'Content-Type': 'application/json', 'request-id': randomUUID(), ...response.headers };
        const parameters = match?.route.pattern === '/teams/{cmdlet}' && request.body && typeof request.body === 'object'
            ? request.body as Record<string, unknown> : undefined;
        const graph = request.path.startsWith('/v1.0/') ? graphShape(request.query, request.body) : {};
        callLog.record({
            method: request.method, path: request.path, route: routeName, status: response.status, inBatch,
            ...(parameters ? { parameters } : {}), ...graph, ...(replyLost ? { replyLost } : {}), arrivedAt,
            ...(response.status === 429 ? { retryAfterSeconds: Number(response.headers['Retry-After']) } : {})
        });
        return response;
    };

    const crash = () => {
        crashed = true;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolveStopped());
        options.onCrash?.();
    };

    const authorised = (req: IncomingMessage): boolean => {
        const header = req.headers.authorization ?? '';
        const match = /^Bearer\s+(.+)$/i.exec(header);
        if (!match) return false;
        const given = Buffer.from(match[1]!.trim());
        const expected = Buffer.from(token);
        return given.length === expected.length && timingSafeEqual(given, expected);
    };

    const admin = async (req: IncomingMessage, path: string, body: unknown): Promise<ApiResponse> => {
        if (req.method === 'GET' && path === '/emulator/stats') {
            return {
                status: 200,
                body: { calls: callLog.count(), byRoute: callLog.byRoute(), faults: faults.settings, limits: limits.settings, refused: limits.counts, crashed, repliesLost: faults.lostReplies }
            };
        }
        if (req.method === 'POST' && path === '/emulator/limits') {
            try {
                limits.configure((body ?? {}) as TenantLimits);
            } catch (error) {
                // rule: emulator-admin
                return { status: 400, body: errorBody('BadRequest', error instanceof Error ? error.message : String(error)) };
            }
            return { status: 200, body: { limits: limits.settings } };
        }
        if (req.method === 'POST' && path === '/emulator/faults') {
            try {
                faults.configure((body ?? {}) as FaultOptions);
            } catch (error) {
                // rule: emulator-admin
                return { status: 400, body: errorBody('BadRequest', error instanceof Error ? error.message : String(error)) };
            }
            return { status: 200, body: { faults: faults.settings } };
        }
        if (req.method === 'POST' && path === '/emulator/reset') {
            handle.reset();
            return { status: 204 };
        }
        const directory = directoryChange(req.method ?? 'GET', path, body);
        if (directory) {
            try {
                const result = directory();
                persist();
                return result;
            } catch (error) {
                if (error instanceof EmulatorError) return { status: error.status, body: errorBody(error.code, error.message) };
                throw error;
            }
        }
        // rule: emulator-admin
        return { status: 404, body: errorBody('UnknownResource', `No emulator admin endpoint ${req.method} ${path}.`) };
    };

    /** `/emulator/users` and `/emulator/groups/{group}/members[/{member}]`: directory changes after apply (directory-admin.ts). */
    const directoryChange = (method: string, path: string, body: unknown): (() => ApiResponse) | null => {
        if (method === 'POST' && path === '/emulator/users') {
            return () => {
                const user = addUser(tenant, body);
                return { status: 201, body: { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName } };
            };
        }
        const members = /^\/emulator\/groups\/([^/]+)\/members(?:\/([^/]+))?$/.exec(path);
        if (!members) return null;
        const group = decodeURIComponent(members[1]!);
        if (method === 'POST' && !members[2]) {
            const member = (body as { member?: unknown } | undefined)?.member;
            return () => {
                // rule: emulator-admin
                if (typeof member !== 'string') throw new EmulatorError(400, 'BadRequest', 'Give the member as {"member": "<user id, UPN or group>"}.');
                addGroupMember(tenant, group, member);
                return { status: 204 };
            };
        }
        if (method === 'DELETE' && members[2]) {
            return () => {
                removeGroupMember(tenant, group, decodeURIComponent(members[2]!));
                return { status: 204 };
            };
        }
        return null;
    };

    const server: Server = createServer((req, res) => {
        handleRequest(req, res).catch(error => {
            if (!res.headersSent) send(res, { status: 500, body: errorBody('InternalServerError', error instanceof Error ? error.message : String(error)) });
        });
    });

    const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname;
        if (req.method === 'GET' && path === '/emulator/token') {
            // Emulator only: lets local tools sign in without copying the token by hand.
            // rule: emulator-admin
            if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, { status: 403, body: errorBody('Forbidden', 'Loopback only.') });
            return send(res, { status: 200, body: { token, url: handle.url } });
        }
        if (!authorised(req)) {
            // rule: bearer-token [G-ERRORS]
            return send(res, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, body: errorBody('InvalidAuthenticationToken', 'Access token is empty or invalid.') });
        }
        const raw = await readBody(req);
        let body: unknown;
        if (raw.length > 0) {
            try {
                body = JSON.parse(raw);
            } catch {
                // rule: json-body [G-ERRORS]
                return send(res, { status: 400, body: errorBody('BadRequest', 'Unable to read JSON request payload.') });
            }
        }
        if (path.startsWith('/emulator/')) return send(res, await admin(req, path, body));
        callCount++;
        if (faults.crashesAt(callCount)) return crash();
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        const reply = { lost: false };
        const response = await dispatch({ method: (req.method ?? 'GET').toUpperCase(), path, query: url.searchParams, body, headers, baseUrl: handle.url }, false, reply);
        // The write took effect (and is persisted), but its answer never reaches the caller.
        if (reply.lost) return void req.socket.destroy();
        if (!crashed) send(res, response);
    };

    // Idle keep-alive connections are closed by the clients, never by the emulator: with
    // Node's 5 s default, a client (undici: 4 s; .NET's HttpClient: 60 s) could reuse a socket
    // the emulator was closing at that moment and get ECONNRESET, more often on a loaded machine.
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 121_000;
    server.on('connection', socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    const handle: EmulatorHandle = {
        url: `http://127.0.0.1:${port}`,
        port,
        token,
        tenant,
        get state() { return tenant.state; },
        callLog,
        faults,
        limits,
        reset() {
            tenant.state = JSON.parse(startJson) as TenantState;
            callLog.clear();
            limits.resetCounts();
            faults.restartWriteCount();
            callCount = 0;
            persist();
        },
        stopped,
        get crashed() { return crashed; },
        async stop() {
            if (!server.listening) return stopped;
            for (const socket of sockets) socket.destroy();
            server.close(() => resolveStopped());
            return stopped;
        }
    };
    persist();
    return handle;
}

function tooManyRequests(retryAfterSeconds: number): ApiResponse {
    // rule: throttled-answer [G-THROTTLE]
    return { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) }, body: errorBody('TooManyRequests', 'Too many requests. Retry after the number of seconds in the Retry-After header.') };
}

function send(res: ServerResponse, response: ApiResponse): void {
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    if (response.body === undefined) {
        delete headers['Content-Type'];
        res.writeHead(response.status, headers).end();
        return;
    }
    headers['Content-Type'] = 'application/json; charset=utf-8';
    res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}
