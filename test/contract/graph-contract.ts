/** contract/graph-requests.json, and which listed request a recorded Graph call is. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from './contract.js';

export interface GraphRequest {
    id: string;
    method: string;
    path: string;
    query?: Record<string, unknown>;
    body?: string[];
    doc: { page: string; commit: string };
}

export function loadGraphRequests(): GraphRequest[] {
    return (JSON.parse(readFileSync(path.join(REPO, 'contract', 'graph-requests.json'), 'utf8')) as { requests: GraphRequest[] }).requests;
}

function pattern(template: string): RegExp {
    const escaped = template.split(/\{[^}]+\}/).map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+');
    return new RegExp(`^/v1\\.0${escaped}/?$`, 'i');
}

/** The listed requests a call (method, path under /v1.0, no query) can be. */
export function matchGraphRequest(requests: GraphRequest[], method: string, requestPath: string): GraphRequest[] {
    return requests.filter(r => r.method === method.toUpperCase() && pattern(r.path).test(requestPath));
}
