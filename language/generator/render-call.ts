/**
 * The one renderer from call data (language/kinds/) to PowerShell text: named parameters,
 * values as constants (user text only through powershell-quote.ts), references as the
 * PowerShell expressions that find the id at run time.
 */
import type { CallValue, GraphCall, NestedCall, PatchedObject, Ref, TeamsCall } from '../kinds/kind-handler.js';
import { psInteger, psString } from './powershell-quote.js';

/** Expressions a block has already read, used instead of the default look-up for a reference. */
export type Bound = Partial<Record<Ref['$ref'], string>>;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9-]*$/;

function name(text: string): string {
    // Command, parameter and property names come from kind modules, never from a file: refuse anything else.
    if (!IDENTIFIER.test(text)) throw new Error(`not a PowerShell name: ${JSON.stringify(text)}`);
    return text;
}

export function psRef(ref: Ref, bound: Bound = {}): string {
    const known = bound[ref.$ref];
    if (known !== undefined) return known;
    switch (ref.$ref) {
        case 'account-id': return `(Get-CsOnlineUser -Identity ${psString(ref.key)}).Identity`;
        // Graph addresses a user by its UPN as well as by its object id [G-USER].
        case 'user': return psString(ref.key);
        // An address is referred to by its Description (language/kinds/civic-address.ts).
        case 'location-id': return `(Find-VoiceCivicAddress -Description ${psString(ref.key)}).DefaultLocationId`;
        case 'civic-address-id': return `(Get-VoiceCivicAddress -Description ${psString(ref.key)}).CivicAddressId`;
        case 'place-location-id': return `(Find-VoiceLisPlace -Description ${psString(ref.key)} -Place ${psString(ref.place)}).LocationId`;
        case 'group-id': return `$GroupIds[${psString(ref.key)}]`;
        case 'member-id': return '$member.id';
        case 'grant-rank': return '$place.Rank';
        case 'auto-attendant-id': return `(Find-VoiceAutoAttendant -Name ${psString(ref.key)}).Id`;
        case 'call-queue-id': return `(Find-VoiceCallQueue -Name ${psString(ref.key)}).Identity`;
    }
}

function isRef(value: object): value is Ref {
    return '$ref' in value;
}

export function psValue(value: CallValue, bound: Bound = {}): string {
    if (typeof value === 'string') return psString(value);
    if (typeof value === 'number') return psInteger(value);
    if (typeof value === 'boolean') return value ? '$true' : '$false';
    if (Array.isArray(value)) return `@(${value.map(v => psValue(v, bound)).join(', ')})`;
    if (isRef(value)) return psRef(value, bound);
    if ('$call' in value) {
        const call = `(${psCall(value.$call as TeamsCall, bound)})`;
        // Kept for a later `$idOf` of the same statement: PowerShell binds arguments left to right.
        return typeof value.as === 'string' ? `($VoiceBound[${psString(value.as)}] = ${call})` : call;
    }
    if ('$idOf' in value) {
        const of = value.$idOf as string | NestedCall;
        return typeof of === 'string' ? `$VoiceBound[${psString(of)}].Id` : `(${psValue(of, bound)}).Id`;
    }
    if ('$patch' in value) {
        const patch = value as PatchedObject;
        return `(Edit-VoiceObject -InputObject (${psCall(patch.$patch, bound)}) -Property ${psValue(patch.set, bound)})`;
    }
    if ('$modify' in value) {
        const modify = value.$modify as { add?: CallValue[]; remove?: CallValue[] };
        const parts = (['add', 'remove'] as const).filter(op => modify[op] !== undefined).map(op => `${op} = ${psValue(modify[op]!, bound)}`);
        return `@{ ${parts.join('; ')} }`;
    }
    return `@{ ${Object.entries(value).map(([k, v]) => `${name(k)} = ${psValue(v, bound)}`).join('; ')} }`;
}

/** `Command -Name value ...`, one line. */
export function psCall(call: TeamsCall, bound: Bound = {}): string {
    // `-Name:$true`: the one form that binds a switch parameter as well as a [bool] one.
    const argument = (p: string, v: CallValue) => (typeof v === 'boolean' ? `-${name(p)}:${psValue(v)}` : `-${name(p)} ${psValue(v, bound)}`);
    return [name(call.command), ...Object.entries(call.parameters).map(([p, v]) => argument(p, v))].join(' ');
}

/** A Graph call through the script's Invoke-VoiceGraph, which retries the "not replicated yet" answers. */
export function psGraphCall(call: GraphCall, bound: Bound = {}): string {
    const segments = call.path.map(s => (typeof s === 'string' ? psString(s) : `[uri]::EscapeDataString(${psRef(s, bound)})`));
    const parts = [`Invoke-VoiceGraph -Method ${call.method} -Uri (${[psString('/v1.0'), ...segments].join(' + ')})`];
    if (call.body) parts.push(`-Body ${psValue(call.body, bound)}`);
    const retry = [...new Set(call.retryOn.map(r => r.status))].sort();
    if (retry.length > 0) parts.push(`-RetryOn ${retry.join(', ')}`);
    return parts.join(' ');
}
