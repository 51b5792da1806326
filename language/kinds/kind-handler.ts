/**
 * What the tool knows about one kind of tenant object, in one place: its desired shape (the
 * module's `…Resource` type and the builder desired-setup.ts calls), how the tenant's objects
 * of the kind are read in bulk (`reads`), how the desired object is found in a TenantSnapshot
 * and compared, how it is shown and ordered, and the calls that create and update it, as data. The compiler renders those calls as PowerShell text
 * (language/generator/render-call.ts); live apply resolves their references and sends the
 * same calls through the PowerShell session or Graph (tenant/apply/). A parameter fixed in a
 * kind module is therefore fixed in both.
 */
import type { Lines } from '../generator/script-blocks.js';
import type { Action, FieldChange, PlannedChange, TenantFinding, TenantFindingCode } from '../plan/diff.js';
import type { Resource, ResourceKind, SeedStep } from '../plan/resources.js';
import type { ObservedUserPolicies, TenantSnapshot } from '../plan/snapshot.js';
import type { SnapshotIndex } from './compare.js';
import type { Row } from './read-rows.js';

export type ResourceOf<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/**
 * An id only known while the setup is carried out:
 * - `account-id`: the object id of a resource account (by UPN);
 * - `user`: how Graph addresses a user in a path: its object id when known, else its UPN;
 * - `location-id`: the default location id of a civic address (by the address's Description, civicAddressIdentity);
 * - `civic-address-id`: the id of a civic address (by the address's Description);
 * - `place-location-id`: the id of a named place at a civic address (New-CsOnlineLisLocation);
 * - `group-id`: the Entra group's object id (by the group's name in the file);
 * - `member-id`: the object id of the group member a per-member call is for;
 * - `grant-rank`: the rank a group grant takes, worked out by the compiled script when it runs
 *   (live apply grants at the rank its plan worked out, a number).
 * - `auto-attendant-id`: the Id of an auto attendant (by its name).
 * - `call-queue-id`: the Identity of an existing call queue (by its name, read with -NameFilter [CQ-GET]).
 */
export type Ref =
    | { $ref: 'account-id'; key: string }
    | { $ref: 'user'; key: string }
    | { $ref: 'location-id'; key: string }
    | { $ref: 'civic-address-id'; key: string }
    | { $ref: 'place-location-id'; key: string; place: string }
    | { $ref: 'group-id'; key: string }
    | { $ref: 'member-id' }
    | { $ref: 'grant-rank' }
    | { $ref: 'auto-attendant-id'; key: string }
    | { $ref: 'call-queue-id'; key: string };

export type RefKind = Ref['$ref'];

/** The references an earlier create can teach a later call (keyed by the creating resource's key). */
export const LEARNT_REFS = ['account-id', 'location-id', 'civic-address-id', 'place-location-id', 'auto-attendant-id'] as const;
export type LearntRef = typeof LEARNT_REFS[number];

/** How a place reference is keyed: its address and its place text, without case. */
export const placeKey = (address: string, place: string): string => `${address}|${place}`.toLowerCase();

/**
 * A PSListModifier value. Only Add and Remove exist since MicrosoftTeams 4.2.0; a whole list
 * is set by passing the values directly [teams-facts Corrections 2], so there is no `replace`.
 */
export interface ListModifier { $modify: { add?: CallValue[]; remove?: CallValue[] } }

/**
 * A cmdlet call whose output is the value (New-CsTeamsEmergencyNumber objects for -EmergencyNumbers).
 * `as` keeps the output under that label for an `IdOf` later in the same call: an auto attendant's
 * call flow goes in -CallFlows, and its generated Id in a call handling association [AA-CHA].
 */
export interface NestedCall { $call: TeamsCall; as?: string }

/** The `Id` of a nested call's output: inline, or of the output kept under a label earlier in the same call (arguments run in order). */
export interface IdOf { $idOf: string | NestedCall }

/**
 * The object a read returns with some properties set: Set-CsAutoAttendant takes the whole
 * instance [AA-SET]. A nested `{ … }` in `set` sets properties of the property's own object.
 */
export interface PatchedObject { $patch: TeamsCall; set: { [property: string]: CallValue } }

export type CallValue =
    | string | number | boolean | Ref | ListModifier | NestedCall | IdOf | PatchedObject | CallValue[] | { [property: string]: CallValue };

export interface TeamsCall {
    surface: 'teams';
    command: string;
    /** Named parameters, in the order the script shows them. */
    parameters: Record<string, CallValue>;
}

export interface GraphCall {
    surface: 'graph';
    method: 'GET' | 'PATCH' | 'POST';
    /** Relative to Graph v1.0: constant segments and references, joined as they are. */
    path: (string | Ref)[];
    body?: Record<string, CallValue>;
    /**
     * Answers that mean "a new object has not replicated yet", retried until a deadline
     * (apply also requires the message to match when one is given).
     */
    retryOn: { status: number; message?: string }[];
}

export type Call = TeamsCall | GraphCall;

/**
 * Whether a Teams call changes the tenant: reads (`Get-*`) do not, nor do the cmdlets that
 * only build an object in memory (IN_MEMORY). Both back ends
 * retry a write refused "not found" while what it names replicates; never a read.
 */
export function isTeamsWrite(command: string): boolean {
    return !/^Get-/i.test(command) && !IN_MEMORY.has(command);
}

/** Cmdlets that only build an object in memory for another call's parameter [EN-NEW, AA-CALLFLOW, AA-MENU, AA-MENUOPT, AA-DIALSCOPE, AA-ENTITY, AA-CHA]. */
export const IN_MEMORY: ReadonlySet<string> = new Set([
    'New-CsTeamsEmergencyNumber', 'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantMenu', 'New-CsAutoAttendantMenuOption',
    'New-CsAutoAttendantDialScope', 'New-CsAutoAttendantCallableEntity',
    // Time ranges and call handling associations are built in memory too [AA-TIMERANGE, AA-DATERANGE, AA-CHA]; New-CsOnlineSchedule stores a schedule.
    'New-CsOnlineTimeRange', 'New-CsOnlineDateTimeRange', 'New-CsAutoAttendantCallHandlingAssociation'
]);

/** What the comparison of one desired object with the tenant found. */
export interface Verdict {
    action: Action;
    changes?: FieldChange[];
    /** A short human note, e.g. how many members a grant reaches. */
    note?: string;
}

/** What a kind's comparison may look at and report, shared by every kind within one plan. */
export interface DiffContext {
    snapshot: TenantSnapshot;
    index: SnapshotIndex;
    /** Declared group key -> tenant group id, filled in by the group kind (groups come before grants). */
    groupIds: Map<string, string>;
    /** Whether this plan creates the object of that kind and key (earlier in plan order). */
    createdHere(kind: ResourceKind, key: string): boolean;
    finding(code: TenantFindingCode, message: string, severity?: 'error' | 'warning'): void;
}

export type SnapshotField = keyof TenantSnapshot;

/**
 * Where a snapshot collection comes from, as data: one bulk call per collection, never one
 * per object, so a plan costs the same few reads for 1 store or 1,000.
 */
export type ReadSource =
    | {
        surface: 'teams'; command: string; parameters?: Record<string, string | number>;
        /** Read in pages of this size with -Top and -Skip until a page comes back short [GET-PNA]. */
        pageSize?: number;
        /** The page size parameter when it is not -Top (Get-CsAutoAttendant takes -First [AA-GET]). */
        pageBy?: 'Top' | 'First';
    }
    | {
        surface: 'graph';
        /** Relative to Graph v1.0, with its query. */
        path: string;
        /** A collection followed through @odata.nextLink; otherwise one answer whose `value` holds the rows. */
        paged: boolean;
    }
    | {
        /**
         * One read per name the setup gives, for a cmdlet that cannot list in bulk: Get-CsCallQueue's
         * reference marks -NameFilter (and -Sort) mandatory [CQ-GET]. Each call is `command` with
         * `parameters` and the name under `nameParameter`; the rows of all calls together. Without
         * names (`readTenantState`'s `namesOf`) the collection is empty.
         */
        surface: 'teams-by-name'; command: string; parameters?: Record<string, string>; nameParameter: string;
    }
    | {
        /**
         * The direct members of the groups a plan newly grants to, read after the other collections
         * (their ids come from the groups read) through `$batch`, 20 groups a request [G-BATCH]:
         * one row per group, `{ groupId, value: members[], error? }`. Without the groups to read
         * (`readTenantState`'s `membersOf`) the collection is empty.
         */
        surface: 'graph-group-members';
        /** Each group's members path, relative to Graph v1.0, with its query. */
        path(groupId: string): string;
    };

/** How one snapshot collection is read: the call, and the pure mapping of its rows. */
export interface SnapshotRead<F extends SnapshotField> {
    field: F;
    from: ReadSource;
    rows(rows: Row[]): TenantSnapshot[F];
}

export type AnySnapshotRead = { [F in SnapshotField]: SnapshotRead<F> }[SnapshotField];

/** What a kind's `observed` may look at. */
export interface ObservedContext {
    snapshot: TenantSnapshot;
    index: SnapshotIndex;
    /** The one tenant group a declared group key resolves to. */
    groupId(key: string): string | undefined;
}

export interface KindHandler<K extends ResourceKind> {
    readonly kind: K;
    /** How the compiled script and its summary name this kind. */
    readonly label: string;
    /** One line on what the object is and which cmdlet makes it (the editor's hover shows it). */
    describe(resource: ResourceOf<K>): string;
    /** The seed step this kind belongs to. */
    readonly step: SeedStep;
    /** Kinds whose objects must exist first (apply runs kinds in an order that respects this). */
    readonly dependsOn: readonly ResourceKind[];
    /** Calls of one lane run one after another in plan order (a shared object, or Teams ranks by arrival). */
    readonly lane?: (resource: ResourceOf<K>) => string;
    /**
     * The snapshot collections this kind owns and how they are read (every collection has
     * exactly one owner; a kind may compare against collections other kinds read).
     */
    readonly reads: readonly AnySnapshotRead[];
    /**
     * Kinds (not among dependsOn) whose collections this kind compares with: apply reads them
     * again with this kind's own, so a re-check before a create is not against a stale snapshot.
     */
    readonly comparesWith?: readonly ResourceKind[];
    /** Every cmdlet this kind's calls use: the PowerShell session allows these and no others. */
    readonly commands: readonly string[];

    /**
     * The tenant record(s) `diff` compares with, undefined when the tenant has none: what a
     * saved plan fingerprints, so apply can tell the object moved since the plan.
     */
    observed(resource: ResourceOf<K>, ctx: ObservedContext): unknown;
    /** Finds the object in the snapshot and compares it field by field (the drift fields). */
    diff(resource: ResourceOf<K>, ctx: DiffContext): Verdict;
    /**
     * Checks across all objects of the kind once every object was compared (ranks, licence
     * counts): may turn changes into updates, and returns findings.
     */
    settle?(changes: PlannedChange[], ctx: DiffContext): TenantFinding[];
    /** Tenant objects of this kind that no declared object matches: listed, never deleted. */
    notManaged(declared: ResourceOf<K>[], ctx: DiffContext): string[];

    /** The calls that create the object. Teams calls run before Graph calls. */
    create(resource: ResourceOf<K>): Call[];
    /** The calls that bring a differing object in line; all of them when `changes` is not given. */
    update(resource: ResourceOf<K>, changes?: readonly FieldChange[]): Call[];
    /** Per member of a group (emergency routing is granted per user); the calls a member still needs. */
    members?: {
        group(resource: ResourceOf<K>): string;
        calls(resource: ResourceOf<K>, member: ObservedUserPolicies | undefined): TeamsCall[];
    };
    /**
     * Teams gives the kind no unique name, so two creates make two objects (docs/apply.md,
     * "Concurrent runs"): apply reads the kind again right before creating, and with `twins`
     * it also reads it once after a wave that created any, keeping the lowest id of twins.
     */
    readonly noUniqueName?: { twins: boolean };
    /** The tenant group a declared object stands for (groups only): what `group-id` references resolve to. */
    groupId?(resource: ResourceOf<K>, snapshot: TenantSnapshot): string | undefined;
    /** An id a later kind refers to, read from the output of a create or update. */
    readonly learns?: readonly { ref: LearntRef; property: string }[];
    /** The key later references name the learnt ids by (compared without case); the resource key when not given. */
    learntKey?(resource: ResourceOf<K>): string;

    /** The compiled script's block: read, then create / change / leave alone, rendering the calls above. */
    script(resource: ResourceOf<K>): Lines;
}

export type KindTable = { readonly [K in ResourceKind]: KindHandler<K> };
