/** Every call the emulator answered, so tests can count calls by route (e.g. retries after a 429). */
export interface CallRecord {
    seq: number;
    method: string;
    path: string;
    /** The matched route, e.g. `GET /v1.0/users/{id}` or `POST /teams/New-CsOnlinePSTNGateway`. */
    route: string;
    status: number;
    /** A Teams cmdlet's bound parameters as the stand-in module sent them (name -> value); absent for Graph calls. */
    parameters?: Record<string, unknown>;
    /** A Graph call's query options, decoded (`{ $select: 'id,displayName', $top: '999' }`); absent without any. */
    query?: Record<string, string>;
    /**
     * A Graph call's body property names, never their values: top-level names, and for a list
     * of objects `name[].property` (`addLicenses[].skuId`), as contract/graph-requests.json lists them.
     */
    bodyProperties?: string[];
    /** Whether the call was an item of a `$batch` request. */
    inBatch: boolean;
    /** When the call arrived (ms since the epoch), before any latency; `at` is when it was answered. */
    arrivedAt?: number;
    /** A 429's Retry-After, in seconds. */
    retryAfterSeconds?: number;
    /** The write was done, but its reply was lost (the `loseReplyAfter` fault). */
    replyLost?: boolean;
    at: number;
}

/** The query options and body property names of a Graph call, for the log (no values of the body). */
export function graphShape(query: URLSearchParams, body: unknown): Pick<CallRecord, 'query' | 'bodyProperties'> {
    const options = Object.fromEntries(query.entries());
    const properties = body && typeof body === 'object' && !Array.isArray(body) ? bodyPropertiesOf(body as Record<string, unknown>) : [];
    return { ...(Object.keys(options).length > 0 ? { query: options } : {}), ...(properties.length > 0 ? { bodyProperties: properties } : {}) };
}

function bodyPropertiesOf(body: Record<string, unknown>): string[] {
    return Object.entries(body).flatMap(([name, value]) => {
        const items = Array.isArray(value) ? value.filter(v => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown>[] : [];
        if (items.length === 0) return [name];
        return [...new Set(items.flatMap(item => Object.keys(item)))].map(key => `${name}[].${key}`);
    });
}

export class CallLog {
    readonly entries: CallRecord[] = [];

    record(entry: Omit<CallRecord, 'seq' | 'at'>): void {
        this.entries.push({ ...entry, seq: this.entries.length + 1, at: Date.now() });
    }

    /** Calls whose route equals `route` (or matches it, for a RegExp); all calls without an argument. */
    count(route?: string | RegExp): number {
        if (route === undefined) return this.entries.length;
        return this.entries.filter(e => typeof route === 'string' ? e.route === route : route.test(e.route)).length;
    }

    byRoute(): Record<string, number> {
        const out: Record<string, number> = {};
        for (const e of this.entries) out[e.route] = (out[e.route] ?? 0) + 1;
        return out;
    }

    clear(): void {
        this.entries.length = 0;
    }
}
