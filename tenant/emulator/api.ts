/**
 * The shapes every route handler sees and returns, and a small path router. One router
 * serves direct HTTP calls and `$batch` items alike, so both take the same path.
 */
import type { Tenant } from './tenant.js';

export interface ApiRequest {
    method: string;
    /** Path without query string, e.g. `/v1.0/users/abc`. */
    path: string;
    query: URLSearchParams;
    body: unknown;
    headers: Record<string, string | undefined>;
    /** `http://127.0.0.1:<port>`, for absolute `@odata.nextLink` values. */
    baseUrl: string;
}

export interface ApiResponse {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export interface RouteContext {
    tenant: Tenant;
    params: Record<string, string>;
}

export type Handler = (request: ApiRequest, context: RouteContext) => ApiResponse | Promise<ApiResponse>;

export interface Route {
    method: string;
    /** `/v1.0/users/{id}`: `{name}` matches one path segment. */
    pattern: string;
    handler: Handler;
}

export interface RouteMatch { route: Route; params: Record<string, string> }

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | null {
    const segments = splitPath(path);
    for (const route of routes) {
        if (route.method !== method) continue;
        const parts = splitPath(route.pattern);
        if (parts.length !== segments.length) continue;
        const params: Record<string, string> = {};
        let ok = true;
        for (let i = 0; i < parts.length && ok; i++) {
            const part = parts[i]!;
            const segment = segments[i]!;
            if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
            else ok = part.toLowerCase() === segment.toLowerCase();
        }
        if (ok) return { route, params };
    }
    return null;
}

function splitPath(path: string): string[] {
    return path.split('/').filter(Boolean).map(s => {
        try {
            return decodeURIComponent(s);
        } catch {
            return s;
        }
    });
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
    return { status, body, headers };
}

/** The body as a plain object (empty object when absent), for handlers that read named fields. */
export function bodyObject(request: ApiRequest): Record<string, unknown> {
    const b = request.body;
    return b && typeof b === 'object' && !Array.isArray(b) ? b as Record<string, unknown> : {};
}
