/**
 * contract/graph-requests.json, and which listed request a recorded Graph call is: by method
 * and path, then by its query options and body property names (the emulator's call log keeps
 * both, never body values).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from './contract.js';

export interface GraphRequest {
    id: string;
    method: string;
    path: string;
    /** Query options: `$select` the listed properties, `$filter` a template with `{placeholders}`, others the value. */
    query?: Record<string, unknown>;
    body?: string[];
    /** `@odata.nextLink`: the product follows Graph's next links, which add `$skiptoken` (or `$skip`). */
    follows?: string;
    doc: { page: string; commit: string };
}

/** A Graph call as the emulator's call log has it. */
export interface GraphCall {
    method: string;
    /** Under /v1.0, without the query. */
    path: string;
    query?: Record<string, string>;
    bodyProperties?: string[];
}

export function loadGraphRequests(): GraphRequest[] {
    return (JSON.parse(readFileSync(path.join(REPO, 'contract', 'graph-requests.json'), 'utf8')) as { requests: GraphRequest[] }).requests;
}

/** A template with `{placeholders}` as an anchored expression; `gap` is what a placeholder may stand for. */
function templatePattern(template: string, gap: string, prefix = ''): RegExp {
    const escaped = template.split(/\{[^}]+\}/).map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join(gap);
    return new RegExp(`^${prefix}${escaped}${prefix ? '/?' : ''}$`, 'i');
}

/** The listed requests a call (method, path under /v1.0, no query) can be. */
export function matchGraphRequest(requests: GraphRequest[], method: string, requestPath: string): GraphRequest[] {
    return requests.filter(r => r.method === method.toUpperCase() && templatePattern(r.path, '[^/]+', '/v1\\.0').test(requestPath));
}

const PAGING_OPTIONS = new Set(['$skiptoken', '$skip']);

/** Why a call's query options and body properties do not fit a listed request; empty when they do. */
export function shapeMismatches(request: GraphRequest, call: GraphCall): string[] {
    const listed = request.query ?? {};
    const sent = call.query ?? {};
    const wrong: string[] = [];
    for (const [option, value] of Object.entries(sent)) {
        if (PAGING_OPTIONS.has(option.toLowerCase()) && request.follows === '@odata.nextLink') continue;
        const expected = Object.entries(listed).find(([name]) => name.toLowerCase() === option.toLowerCase())?.[1];
        if (expected === undefined) wrong.push(`query option ${option} is not listed`);
        else if (Array.isArray(expected)) {
            const allowed = new Set(expected.map(p => String(p).toLowerCase()));
            const extra = value.split(',').map(p => p.trim()).filter(p => !allowed.has(p.toLowerCase()));
            if (extra.length > 0) wrong.push(`${option} names ${extra.join(', ')}, not listed`);
        } else if (!templatePattern(String(expected), '.+').test(value)) wrong.push(`${option}=${value} is not ${String(expected)}`);
    }
    for (const option of Object.keys(listed)) {
        if (!Object.keys(sent).some(name => name.toLowerCase() === option.toLowerCase())) wrong.push(`query option ${option} is missing`);
    }
    const body = new Set(request.body ?? []);
    for (const property of call.bodyProperties ?? []) if (!body.has(property)) wrong.push(`body property ${property} is not listed`);
    return wrong;
}

/** What is wrong with a recorded Graph call against the list; undefined when a listed request fits it. */
export function graphCallViolation(requests: GraphRequest[], call: GraphCall): string | undefined {
    const candidates = matchGraphRequest(requests, call.method, call.path);
    if (candidates.length === 0) return 'not listed';
    const reasons = candidates.map(r => ({ id: r.id, wrong: shapeMismatches(r, call) }));
    if (reasons.some(r => r.wrong.length === 0)) return undefined;
    return reasons.map(r => `${r.id}: ${r.wrong.join('; ')}`).join(' | ');
}
