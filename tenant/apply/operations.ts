/**
 * How a planned change is carried out: its kind's calls (language/kinds/), with every
 * reference resolved from what the snapshot and earlier steps of the same run know (object
 * ids, location ids, group ids). The compiled script renders the very same calls.
 */
import { handlerOf } from '../../language/kinds/index.js';
import { placeKey, type Call, type CallValue, type GraphCall, type LearntRef, type NestedCall, type PatchedObject, type Ref, type TeamsCall } from '../../language/kinds/kind-handler.js';
import type { PlannedChange } from '../../language/plan/diff.js';
import type { BatchRequest } from '../graph/graph-api.js';
import type { CmdletCall } from '../teams/powershell-session.js';
import { idOf, nestedCall, patchedCall } from '../teams/powershell-session.js';
import { ALLOWED_COMMANDS, type AllowedCommand } from '../teams/session-script.js';

/** Ids learnt from the snapshot and from steps already done in this run. */
export interface ResolvedIds {
    accountIds: Map<string, string>;
    locationIds: Map<string, string>;
    civicAddressIds: Map<string, string>;
    /** Keyed by placeKey(address, place). */
    placeLocationIds: Map<string, string>;
    groupIds: Map<string, string>;
    /** By auto attendant name. */
    autoAttendantIds: Map<string, string>;
    /** By call queue name (the existing queues a setup names). */
    callQueueIds?: Map<string, string>;
}

/** Where ids of a learnt reference are kept. */
export function learntIds(ids: ResolvedIds, ref: LearntRef): Map<string, string> {
    switch (ref) {
        case 'account-id': return ids.accountIds;
        case 'location-id': return ids.locationIds;
        case 'civic-address-id': return ids.civicAddressIds;
        case 'place-location-id': return ids.placeLocationIds;
        case 'auto-attendant-id': return ids.autoAttendantIds;
    }
}
/** What apply needs of a planned change (a saved plan has no statements): the object, the action, the fields that differ. */
export type ExecutableChange = Pick<PlannedChange, 'resource' | 'action' | 'changes'>;

export class MissingDependencyError extends Error {}

function need(map: Map<string, string>, key: string, what: string): string {
    const value = map.get(key.toLowerCase());
    if (!value) throw new MissingDependencyError(`${what} '${key}' is not in the tenant yet`);
    return value;
}

/** The calls of a change: its kind's create calls, or the update calls for the fields that differ. */
export function callsOf(change: ExecutableChange, action: 'create' | 'update' = change.action === 'create' ? 'create' : 'update'): Call[] {
    const handler = handlerOf(change.resource);
    return action === 'create' ? handler.create(change.resource) : handler.update(change.resource, change.changes.length > 0 ? change.changes : undefined);
}

export const teamsCalls = (calls: Call[]): TeamsCall[] => calls.filter((c): c is TeamsCall => c.surface === 'teams');
export const graphCalls = (calls: Call[]): GraphCall[] => calls.filter((c): c is GraphCall => c.surface === 'graph');

/** What a reference stands for in this run; `member` is the group member a per-member call is for. */
export function resolveRef(ref: Ref, ids: ResolvedIds, member?: string): string {
    switch (ref.$ref) {
        case 'account-id': return need(ids.accountIds, ref.key, 'Resource account');
        case 'user': return ids.accountIds.get(ref.key.toLowerCase()) ?? ref.key;
        case 'location-id': return need(ids.locationIds, ref.key, 'Civic address');
        case 'civic-address-id': return need(ids.civicAddressIds, ref.key, 'Civic address');
        case 'place-location-id': return need(ids.placeLocationIds, placeKey(ref.key, ref.place), 'Emergency location');
        case 'group-id': return need(ids.groupIds, ref.key, 'Group');
        case 'auto-attendant-id': return need(ids.autoAttendantIds, ref.key, 'Auto attendant');
        case 'call-queue-id': return need(ids.callQueueIds ?? new Map(), ref.key, 'Call queue');
        case 'member-id':
            if (member === undefined) throw new Error('a per-member call was used without a member');
            return member;
        case 'grant-rank': throw new Error('live apply grants at the rank its plan worked out, not at one worked out at run time');
    }
}

function resolveValue(value: CallValue, ids: ResolvedIds, member?: string): unknown {
    if (typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(v => resolveValue(v, ids, member));
    if ('$ref' in value) return resolveRef(value as Ref, ids, member);
    if ('$call' in value) return nestedCall(toCmdletCall(value.$call as TeamsCall, ids, member), typeof value.as === 'string' ? value.as : undefined);
    if ('$idOf' in value) {
        const of = value.$idOf as string | NestedCall;
        return idOf(typeof of === 'string' ? of : resolveValue(of, ids, member) as ReturnType<typeof nestedCall>);
    }
    if ('$patch' in value) {
        const patch = value as PatchedObject;
        return patchedCall(toCmdletCall(patch.$patch, ids, member), resolveValue(patch.set, ids, member) as Record<string, unknown>);
    }
    // A list modifier reaches the session as a hashtable with add / remove keys.
    if ('$modify' in value) return resolveValue(value.$modify as CallValue, ids, member);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, ids, member)]));
}

function isAllowed(command: string): command is AllowedCommand {
    return (ALLOWED_COMMANDS as readonly string[]).includes(command);
}

export function toCmdletCall(call: TeamsCall, ids: ResolvedIds, member?: string): CmdletCall {
    if (!isAllowed(call.command)) throw new Error(`${call.command} is not in the session's allow-list`);
    return { command: call.command, parameters: resolveValue(call.parameters, ids, member) as Record<string, unknown> };
}

export function toBatchRequest(call: GraphCall, id: string, ids: ResolvedIds): BatchRequest {
    const url = call.path.map(s => (typeof s === 'string' ? s : encodeURIComponent(resolveRef(s, ids)))).join('');
    return { id, method: call.method, url, ...(call.body ? { body: resolveValue(call.body, ids) } : {}) };
}

/** Whether a Graph answer is one of the call's "not replicated yet" answers, worth retrying. */
export function notYetReplicated(call: GraphCall, status: number, body: unknown): boolean {
    return call.retryOn.some(r => r.status === status && (!r.message || new RegExp(r.message, 'i').test(JSON.stringify(body ?? ''))));
}

/** "Already exists" answers to a create: the object is there (a replicated earlier run), so converge with an update. */
export function isAlreadyExists(message: string): boolean {
    return /already exists|already in use by another|duplicate/i.test(message);
}
