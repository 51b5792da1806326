/**
 * An admin at the emulator, without the tool: Microsoft's cmdlets sent straight to the Teams
 * surface the stand-in MicrosoftTeams module posts to (`POST /teams/<Cmdlet>`), and Graph
 * calls. Also builds a checked setup's objects with each kind's own create calls (the cmdlets
 * and parameters Microsoft documents), the way an admin runs them by hand: fast, in-process,
 * no PowerShell and no apply.
 */
import { KINDS } from '../../language/kinds/index.js';
import type { Call, CallValue, Ref, TeamsCall } from '../../language/kinds/kind-handler.js';
import type { StatementPlan } from '../../language/plan/desired-setup.js';
import type { Resource } from '../../language/plan/resources.js';

type Json = Record<string, unknown>;

/** Parameter aliases of the stand-in module: PowerShell binds them to these names before the call leaves it. */
const ALIASES: Record<string, string> = { PhoneNumber: 'TelephoneNumber', PhoneNumberType: 'NumberType' };

export class TenantAdmin {
    private readonly learnt = new Map<string, string>();
    /** Outputs of nested calls kept under their `as` label, for a later `$idOf` of the same call. */
    private readonly bound = new Map<string, unknown>();
    private groups?: { id: string; displayName: string }[];

    constructor(private readonly url: string, private readonly token: string) {}

    /** Forgets the ids of the last tenant (after an emulator reset). */
    reset(): void {
        this.learnt.clear();
        this.groups = undefined;
    }

    /** An id a create taught (e.g. `location-id` of an address by its Description, `voice:<name>`). */
    learntId(ref: 'account-id' | 'location-id' | 'civic-address-id', key: string): string {
        return this.known(`${ref}|${key.toLowerCase()}`);
    }

    async cmdlet(name: string, parameters: Json): Promise<unknown> {
        const answer = await this.http('POST', `/teams/${name}`, parameters) as { value?: unknown };
        return answer?.value;
    }

    async graph(method: string, path: string, body?: unknown): Promise<unknown> {
        return this.http(method, `/v1.0${path}`, body);
    }

    private async http(method: string, path: string, body?: unknown): Promise<unknown> {
        const response = await fetch(`${this.url}${path}`, {
            method, headers: { 'Authorization': `Bearer ${this.token}`, 'Content-Type': 'application/json' },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {})
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 400)}`);
        return text ? JSON.parse(text) : undefined;
    }

    async groupId(displayName: string): Promise<string> {
        this.groups ??= ((await this.graph('GET', '/groups?$select=id,displayName&$top=999')) as { value: { id: string; displayName: string }[] }).value;
        const group = this.groups.find(g => g.displayName.toLowerCase() === displayName.toLowerCase());
        if (!group) throw new Error(`no group ${displayName}`);
        return group.id;
    }

    async members(groupId: string): Promise<string[]> {
        return ((await this.graph('GET', `/groups/${groupId}/members?$select=id`)) as { value: { id: string }[] }).value.map(m => m.id);
    }

    /** Makes every object of a checked setup, in plan order, with the kinds' create calls. */
    async build(plans: StatementPlan[]): Promise<void> {
        const groupNames = new Map<string, string>();
        for (const resource of plans.flatMap(p => p.resources)) {
            if (resource.kind === 'group') {
                groupNames.set(resource.key, resource.displayName ?? '');
                continue;
            }
            const handler = KINDS[resource.kind] as { create(r: Resource): Call[]; members?: { group(r: Resource): string; calls(r: Resource, u: undefined): TeamsCall[] } };
            if (handler.members) {
                const groupId = await this.groupId(groupNames.get(handler.members.group(resource))!);
                for (const member of await this.members(groupId)) {
                    for (const call of handler.members.calls(resource, undefined)) await this.send(resource, call, groupNames, member);
                }
                continue;
            }
            for (const call of handler.create(resource)) await this.send(resource, call, groupNames);
        }
    }

    private async send(resource: Resource, call: Call, groupNames: Map<string, string>, member?: string): Promise<void> {
        const resolve = (value: CallValue): Promise<unknown> => this.value(value, groupNames, member);
        if (call.surface === 'teams') {
            const parameters: Json = {};
            for (const [name, value] of Object.entries(call.parameters)) parameters[ALIASES[name] ?? name] = await resolve(value);
            const output = await this.cmdlet(call.command, parameters) as Json | null;
            this.learn(resource, output);
            return;
        }
        const path = (await Promise.all(call.path.map(p => (typeof p === 'string' ? p : resolve(p))))).join('');
        const body: Json = {};
        for (const [name, value] of Object.entries(call.body ?? {})) body[name] = await resolve(value);
        await this.graph(call.method, path, call.body ? body : undefined);
    }

    private learn(resource: Resource, output: Json | null): void {
        if (!output) return;
        const put = (ref: string, key: string, property: string) => {
            if (typeof output[property] === 'string') this.learnt.set(`${ref}|${key.toLowerCase()}`, output[property]);
        };
        if (resource.kind === 'resource-account') put('account-id', resource.userPrincipalName, 'ObjectId');
        // References name an address by its Description (civicAddressIdentity), as in apply.
        if (resource.kind === 'civic-address') {
            put('location-id', resource.description, 'DefaultLocationId');
            put('civic-address-id', resource.description, 'CivicAddressId');
        }
        if (resource.kind === 'lis-location') put('place-location-id', `${resource.address}|${resource.place}`, 'LocationId');
        if (resource.kind === 'auto-attendant') put('auto-attendant-id', resource.key, 'Id');
    }

    private async value(value: CallValue, groupNames: Map<string, string>, member?: string): Promise<unknown> {
        if (Array.isArray(value)) return Promise.all(value.map(v => this.value(v, groupNames, member)));
        if (value === null || typeof value !== 'object') return value;
        if ('$ref' in value) return this.ref(value as Ref, groupNames, member);
        if ('$modify' in value) {
            const modify = value.$modify as { add?: CallValue[]; remove?: CallValue[] };
            return Object.fromEntries(await Promise.all(Object.entries(modify).map(async ([k, v]) => [k, await this.value(v ?? [], groupNames, member)])));
        }
        if ('$call' in value) {
            const call = value.$call as TeamsCall;
            const parameters: Json = {};
            for (const [name, v] of Object.entries(call.parameters)) parameters[name] = await this.value(v, groupNames, member);
            const output = await this.cmdlet(call.command, parameters);
            if (typeof value.as === 'string') this.bound.set(value.as, output);
            return output;
        }
        if ('$idOf' in value) {
            const of = value.$idOf as CallValue;
            const output = typeof of === 'string' ? this.bound.get(of) : await this.value(of, groupNames, member);
            return (output as Json | undefined)?.Id;
        }
        const out: Json = {};
        for (const [k, v] of Object.entries(value)) out[k] = await this.value(v as CallValue, groupNames, member);
        return out;
    }

    private async ref(ref: Ref, groupNames: Map<string, string>, member?: string): Promise<string> {
        switch (ref.$ref) {
            case 'member-id': return member!;
            case 'user': return this.learnt.get(`account-id|${ref.key.toLowerCase()}`) ?? ref.key;
            case 'group-id': return this.groupId(groupNames.get(ref.key)!);
            case 'place-location-id': return this.known(`place-location-id|${`${ref.key}|${ref.place}`.toLowerCase()}`);
            case 'account-id':
            case 'location-id':
            case 'civic-address-id':
            case 'auto-attendant-id': return this.known(`${ref.$ref}|${ref.key.toLowerCase()}`);
            case 'call-queue-id': {
                const queues = await this.cmdlet('Get-CsCallQueue', { NameFilter: ref.key, Sort: 'Name' }) as Json[];
                return String(queues.find(q => String(q.Name).toLowerCase() === ref.key.toLowerCase())?.Identity ?? '');
            }
            // Create calls carry a number; only the compiled script works a rank out when it runs.
            case 'grant-rank': throw new Error('a create call carries its rank as a number');
        }
    }

    private known(key: string): string {
        const id = this.learnt.get(key);
        if (!id) throw new Error(`nothing learnt for ${key}`);
        return id;
    }
}
