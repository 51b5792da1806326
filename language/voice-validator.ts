import type {
    AstNode, CstNode, DiagnosticInfo, LangiumDocument, LangiumDocuments, Properties, ValidationAcceptor, ValidationChecks, ValidationSeverity
} from 'langium';
import { AstUtils, DocumentState, GrammarUtils, URI, WorkspaceCache } from 'langium';
import type {
    Address, Assignment, AutoAttendant, Extensions, EmergencyCallingPolicy, EmergencyCoverage, EmergencyLocation, Grant, Group, Import, Model, NetworkSite, PhoneNumber, ResourceAccount,
    SharedCallingPolicy, Trunk, TrustedIp, VoiceAstType
} from './generated/ast.js';
import { CALLING_PLAN_UNSUPPORTED, COUNTRIES_WITHOUT_GEO, ISO_COUNTRIES as ISO_COUNTRY_CODES, isIsoCountry } from './countries.js';
import type { FixKind, IssueCode } from './issue-codes.js';
import { DEFAULT_DOCS_BASE, IssueCodes, defaultSeverity, docsLink } from './issue-codes.js';
import { importClosure, resolveImportUri } from './imports.js';
import { numberCountry } from './number-countries.js';
import { ParameterValidator } from './parameter-validator.js';
import { geoOf, holdsPlaceholder, parseCoordinates } from './parameters.js';
import { checkExtensionCsv, type ExtensionCsvProblem } from './extensions/extension-csv.js';
import { duplicatesAcrossFiles, type OtherExtensionFile } from './extensions/extension-duplicates.js';
import { checkBusinessHours } from './business-hours-rules.js';
import { extensionFileUri, recordExtensionCsv, type ExtensionSources } from './extensions/extension-sources.js';
import { FQDN, GUID, UPN } from './patterns.js';
import { isParsedNumber, parseNumber, withoutStrayCharacters } from './phone-numbers.js';
import { isBssid, parseIpRange } from './network-ids.js';
import { statementOf, topLevelOf } from './setup-context.js';
import type { FindingTarget, SetupFinding } from './setup-rules.js';
import { checkSetupRules, SetupMemory } from './setup-rules.js';
import type { Setup, SetupResolver } from './setups.js';
import type { VoiceCoreServices } from './voice-module.js';

export { MAX_GROUPS_PER_POLICY_TYPE } from './setup-rules.js';

/** Problems of one extension CSV reported one by one; the rest are counted (a broken 50,000-row file must not flood the editor). */
const MAX_EXTENSION_PROBLEMS = 200;
export { numberCountries } from './number-countries.js';

/** What a quick fix needs to know beyond the diagnostic's range; carried in `data`. */
export interface VoiceDiagnosticData {
    code: IssueCode;
    /** Text the fix inserts or substitutes. */
    replacement?: string;
    /** The quick fix, where the code has more than one. */
    fix?: FixKind;
    /** Where the problem really is, when it is in another file (a row of an extension CSV): the CLI reports it there. */
    file?: { uri: string; line: number; column: number; length: number };
}

export function registerValidationChecks(services: VoiceCoreServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.VoiceValidator;
    validator.attach(services);
    const checks: ValidationChecks<VoiceAstType> = {
        Model: [validator.checkSetupOrder, validator.parameters.checkModel],
        Import: validator.checkImport,
        Parameter: validator.parameters.checkParameter,
        ParameterValue: validator.parameters.checkParameterValue,
        PhoneNumber: validator.checkPhoneNumber,
        Address: validator.checkAddress,
        Trunk: validator.checkTrunk,
        ResourceAccount: validator.checkResourceAccount,
        Assignment: validator.checkAssignment,
        Extensions: validator.checkExtensions,
        SharedCallingPolicy: validator.checkPolicy,
        Group: validator.checkGroup,
        Grant: validator.checkGrantRank,
        EmergencyCallingPolicy: validator.checkEmergencyCallingPolicy,
        AutoAttendant: validator.checkAutoAttendantHours,
        EmergencyCoverage: validator.checkCoverage,
        TrustedIp: validator.checkTrustedIp,
        NetworkSite: validator.checkNetworkSite,
        EmergencyLocation: validator.checkEmergencyLocation
    };
    registry.register(checks, validator);
}

const PARAMETER_CODES: ReadonlySet<IssueCode> = new Set([IssueCodes.InvalidParameter, IssueCodes.InvalidParameterValue, IssueCodes.UnknownParameter]);

/** Every rule of the diagnostics catalogue (docs/diagnostics.md). */
export class VoiceValidator {
    private documents?: LangiumDocuments;
    private setups?: SetupResolver;
    /** Per setup, rebuilt at every build: the setup's findings and the numbers it uses. */
    private setupFindings?: WorkspaceCache<string, Map<LangiumDocument, SetupFinding[]>>;
    private usedNumbers?: WorkspaceCache<string, { has(number: PhoneNumber): boolean }>;
    /** Per setup, kept across builds: what the setup's rules reuse from one run to the next. */
    private readonly setupMemories = new Map<string, SetupMemory>();
    /**
     * Whether that memory is kept: in the editor (server/voice-server-module.ts), where every edit
     * runs the rules again. The command line builds once, and keeping it would only add to the
     * peak of the compile or plan that follows the check.
     */
    keepSetupMemory = false;
    private extensionSources?: ExtensionSources;
    /** Base of the `codeDescription` links; the language server points it at the shipped docs. */
    docsBase = DEFAULT_DOCS_BASE;
    /** Per-code severity overrides (editor settings); 'off' silences a code. */
    severityOverrides: Partial<Record<IssueCode, ValidationSeverity | 'off'>> = {};
    /** Template parameters and values files. */
    readonly parameters = new ParameterValidator((accept, code, message, info) => this.report(accept, code, message, info),
        () => this.documents, () => this.setups);

    attach(services: VoiceCoreServices): void {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.extensionSources = services.shared.voice.ExtensionSources;
        this.setups = services.shared.voice.Setups;
        this.setupFindings = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        this.usedNumbers = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
    }

    /** Reports one catalogue diagnostic with its code, docs link and fix data. */
    private report<N extends AstNode>(
        accept: ValidationAcceptor, code: IssueCode, message: string,
        info: Omit<DiagnosticInfo<N>, 'code' | 'codeDescription' | 'data'>, replacement?: string, fix?: FixKind
    ): void {
        const severity = this.severityOverrides[code] ?? defaultSeverity[code];
        if (severity === 'off') return;
        // A template checked without values: what a `${Name}` becomes is checked once a values file gives it.
        if (info.property !== undefined && !PARAMETER_CODES.has(code) && holdsPlaceholder((info.node as unknown as Record<string, unknown>)[info.property as string])) return;
        const data: VoiceDiagnosticData = { code, ...(replacement === undefined ? {} : { replacement }), ...(fix ? { fix } : {}) };
        accept(severity, message, {
            ...info, code, codeDescription: { href: docsLink(code, this.docsBase) }, data
        } as DiagnosticInfo<N>);
    }

    // ---- statements on their own -------------------------------------------------------

    checkImport = (node: Import, accept: ValidationAcceptor): void => {
        // A statement cut short by a syntax error has holes; the parser already reported them.
        if (!this.documents || typeof node.path !== 'string') return;
        const uri = resolveImportUri(AstUtils.getDocument(node).uri, node.path);
        if (!node.path.endsWith('.voice')) {
            this.report(accept, IssueCodes.UnresolvedImport, `Import '${node.path}' is not a .voice file.`, { node, property: 'path' });
        } else if (!this.documents.hasDocument(uri)) {
            this.report(accept, IssueCodes.UnresolvedImport,
                `Cannot find '${node.path}' (looked for ${uri.path}). Check the path; it is relative to this file.`, { node, property: 'path' });
        } else {
            const self = AstUtils.getDocument(node).uri;
            if (uri.toString() === self.toString() || importClosure(this.documents, uri).has(self.toString())) {
                this.report(accept, IssueCodes.ImportCycle,
                    `'${node.path}' imports this file back (directly or through other files), so neither comes first in setup order; ` +
                    `move what both need into a third file that both import.`, { node, property: 'path' });
            }
        }
    };

    checkPhoneNumber = (node: PhoneNumber, accept: ValidationAcceptor): void => {
        if (typeof node.value !== 'string') return;
        const parsed = parseNumber(node.value);
        if (!isParsedNumber(parsed)) {
            const why: Record<typeof parsed.kind, string> = {
                'missing-plus': 'start it with + and the country code',
                'bad-characters': 'use only digits after the +, with optional spaces or dashes; a country code never starts with 0',
                'too-long': 'it has too many digits (E.164 allows at most 15, North American numbers have 11)',
                'too-short': 'it has too few digits (a country code and a full subscriber number; North American numbers have 11)',
                'unknown-country-code': 'the digits after + do not begin with an assigned country code',
                'bad-extension': 'write an extension as ;ext= followed by 1 to 10 digits'
            };
            const stray = parsed.kind === 'bad-characters' ? withoutStrayCharacters(node.value) : undefined;
            const fix = parsed.kind === 'missing-plus' ? plusFix(node) : stray && `"${stray}"`;
            this.report(accept, IssueCodes.InvalidPhoneNumber,
                `'${node.value}' is not an E.164 number: ${why[parsed.kind]}.`, { node, property: 'value' }, fix, stray ? 'remove-stray-characters' : undefined);
            return;
        }
        if (parsed.extension !== undefined && node.numberType !== 'direct-routing') {
            this.report(accept, IssueCodes.InvalidPhoneNumber,
                `';ext=' is only allowed on Direct Routing numbers; remove the extension or make this number direct-routing.`,
                { node, property: 'value' });
        }
        if (node.numberType === 'calling-plan') {
            const country = numberCountry(node, parsed);
            if (country && CALLING_PLAN_UNSUPPORTED.has(country)) {
                this.report(accept, IssueCodes.CallingPlanUnsupportedCountry,
                    `Calling Plan service numbers are not supported for Shared Calling in ${country}; use a Direct Routing or Operator Connect number.`,
                    { node, property: 'numberType' });
            }
        }
        if (node.tollFree && node.numberType !== 'calling-plan') {
            this.report(accept, IssueCodes.InvalidPhoneNumber,
                `'toll-free' applies to Calling Plan service numbers only; remove it.`, { node, keyword: 'toll-free' });
        }
    };

    /** Shared Calling on an Operator Connect number depends on the operator [SC-SETUP]: said once, where the number meets its account. */
    checkAssignment = (node: Assignment, accept: ValidationAcceptor): void => {
        if (node.number?.ref?.numberType !== 'operator-connect') return;
        this.report(accept, IssueCodes.OperatorConnectSupport,
            `'${node.number.ref.name}' is an Operator Connect number: confirm with your operator that it supports Shared Calling before users share it.`,
            { node, property: 'number' });
    };

    /**
     * The extension CSV, row by row (language/extensions/extension-csv.ts): each problem is reported on the
     * statement, naming the CSV line, and carries the CSV location for the CLI and a link for the editor.
     */
    checkExtensions = (node: Extensions, accept: ValidationAcceptor): void => {
        if (typeof node.path !== 'string' || !this.extensionSources) return;
        const documentUri = AstUtils.getDocument(node).uri;
        const uri = extensionFileUri(documentUri, node.path);
        const source = this.extensionSources.get(uri);
        if (!source || 'problem' in source) {
            this.report(accept, IssueCodes.UnresolvedImport,
                `Cannot read the extension file '${node.path}' (looked for ${uri.path})${source ? `: ${source.problem}` : ''}. Check the path; it is relative to this file.`,
                { node, property: 'path' });
            return;
        }
        const csv = checkExtensionCsv(source.text, this.declaredNumberTypes(node));
        recordExtensionCsv(node, csv);
        const problems: ExtensionCsvProblem[] = [...csv.problems, ...duplicatesAcrossFiles(csv.rows, this.otherExtensionFiles(node))]
            .sort((a, b) => a.line - b.line || a.column - b.column);
        for (const problem of problems.slice(0, MAX_EXTENSION_PROBLEMS)) {
            const file = { uri: uri.toString(), line: problem.line, column: problem.column, length: problem.length };
            const location = { uri: file.uri, range: { start: { line: file.line - 1, character: file.column - 1 }, end: { line: file.line - 1, character: file.column - 1 + file.length } } };
            const severity = this.severityOverrides[problem.code] ?? defaultSeverity[problem.code];
            if (severity === 'off') continue;
            accept(severity, `${node.path}:${problem.line}:${problem.column}: ${problem.message}`, {
                node, property: 'path', code: problem.code, codeDescription: { href: docsLink(problem.code, this.docsBase) },
                data: { code: problem.code, file } satisfies VoiceDiagnosticData,
                relatedInformation: [{ location, message: `line ${problem.line} of ${node.path}` }]
            } as DiagnosticInfo<Extensions>);
        }
        if (problems.length > MAX_EXTENSION_PROBLEMS) {
            const first = problems[MAX_EXTENSION_PROBLEMS]!;
            this.report(accept, first.code,
                `${node.path}: ${problems.length - MAX_EXTENSION_PROBLEMS} more problem(s) not shown, from line ${first.line} on; fix the ones above first.`,
                { node, property: 'path' });
        }
    };

    /** The other `extensions from` files of the setups this statement is in, with their well-formed rows. */
    private otherExtensionFiles(node: Extensions): OtherExtensionFile[] {
        if (!this.setups || !this.extensionSources) return [];
        const documentUri = AstUtils.getDocument(node).uri;
        const others = new Map<Extensions, OtherExtensionFile>();
        for (const setup of this.setups.setupsOf(documentUri)) {
            setup.documents.forEach(document => {
                for (const statement of document.parseResult.value.statements) {
                    if (statement === node || statement.$type !== 'Extensions' || typeof statement.path !== 'string' || others.has(statement)) continue;
                    const source = this.extensionSources!.get(extensionFileUri(document.uri, statement.path));
                    if (source && !('problem' in source)) others.set(statement, { path: statement.path, rows: checkExtensionCsv(source.text).rows });
                }
            });
        }
        return [...others.values()];
    }

    /** The numbers this file and the files it imports declare, by E.164, with their type: what the CSV rows are checked against. */
    private declaredNumberTypes(node: Extensions): Map<string, string> {
        const document = AstUtils.getDocument(node);
        const models = [document.parseResult.value as Model];
        if (this.documents) {
            for (const uri of importClosure(this.documents, document.uri)) {
                const imported = this.documents.getDocument(URI.parse(uri));
                if (imported) models.push(imported.parseResult.value as Model);
            }
        }
        const types = new Map<string, string>();
        for (const statement of models.flatMap(m => m.statements)) {
            if (statement.$type !== 'PhoneNumber' || typeof statement.value !== 'string') continue;
            const parsed = parseNumber(statement.value);
            if (isParsedNumber(parsed)) types.set(parsed.e164, statement.numberType);
        }
        return types;
    }

    checkAddress = (node: Address, accept: ValidationAcceptor): void => {
        if (!node.company?.trim()) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `Address '${node.name}' needs a company: New-CsOnlineLisCivicAddress requires -CompanyName.`, { node, property: 'name' });
        }
        if (node.country === undefined) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `Address '${node.name}' needs a country (ISO 3166-1 alpha-2, e.g. US).`, { node, property: 'name' });
        } else if (!isIsoCountry(node.country)) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `'${node.country}' is not an ISO 3166-1 alpha-2 country code ${countryHint(node.country)}.`, { node, property: 'country' },
                upperIfCountry(node.country));
        }
        const needsGeo = !(node.country && COUNTRIES_WITHOUT_GEO.has(node.country));
        if (node.coordinates !== undefined && !parseCoordinates(node.coordinates)) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `"${node.coordinates}" is not a latitude and a longitude: write them as "47.6097, -122.3422".`, { node, property: 'coordinates' });
        } else if (needsGeo && node.coordinates === undefined && (node.latitude === undefined || node.longitude === undefined)) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `Address '${node.name}' needs coordinates ('geo <latitude>, <longitude>'): they are required everywhere except Australia and Japan.`,
                { node, property: 'name' });
        }
        const { latitude, longitude } = geoOf(node);
        const geoProperty = (number: 'latitude' | 'longitude') => (node.coordinates === undefined ? number : 'coordinates');
        if (latitude !== undefined && Math.abs(latitude) > 90) {
            this.report(accept, IssueCodes.IncompleteAddress, `Latitude ${latitude} is outside -90..90.`, { node, property: geoProperty('latitude') });
        }
        if (longitude !== undefined && Math.abs(longitude) > 180) {
            this.report(accept, IssueCodes.IncompleteAddress, `Longitude ${longitude} is outside -180..180.`, { node, property: geoProperty('longitude') });
        }
    };

    checkTrunk = (node: Trunk, accept: ValidationAcceptor): void => {
        if (node.fqdn === undefined) {
            this.report(accept, IssueCodes.MissingProperty, `Trunk '${node.name}' needs an SBC: add 'sbc "sbc.example.com" port 5061'.`, { node, property: 'name' });
        } else {
            const fqdn = node.fqdn.toLowerCase();
            if (fqdn.length > 63) {
                this.report(accept, IssueCodes.InvalidSbc, `The SBC FQDN has ${fqdn.length} characters; Teams allows at most 63.`, { node, property: 'fqdn' });
            } else if (!FQDN.test(fqdn)) {
                this.report(accept, IssueCodes.InvalidSbc, `'${node.fqdn}' is not a fully qualified domain name.`, { node, property: 'fqdn' });
            } else if (fqdn.endsWith('.onmicrosoft.com')) {
                this.report(accept, IssueCodes.InvalidSbc,
                    `An SBC cannot use a *.onmicrosoft.com domain; use a domain registered in the tenant.`, { node, property: 'fqdn' });
            }
        }
        if (node.port !== undefined && (!Number.isInteger(node.port) || node.port < 1 || node.port > 65535)) {
            this.report(accept, IssueCodes.InvalidSbc, `Port ${node.port} is not a port number (1-65535).`, { node, property: 'port' });
        }
        if (node.usage === undefined) {
            this.report(accept, IssueCodes.MissingProperty,
                `Trunk '${node.name}' needs a PSTN usage: add 'usage "<name>"'.`, { node, property: 'name' }, `usage "${node.name}"`);
        } else if (!node.usage.trim()) {
            this.report(accept, IssueCodes.MissingProperty, `The PSTN usage name cannot be empty.`, { node, property: 'usage' });
        }
        if (node.pidfLo !== 'on') {
            // [GW-NEW]: off by default; without it the SBC gets no location with an emergency call.
            const why = `so the SBC receives the caller's location with emergency calls (New-CsOnlinePSTNGateway -PidfLoSupported $true; Teams leaves it off)`;
            if (node.pidfLo === 'off') {
                this.report(accept, IssueCodes.TrunkWithoutPidfLo, `PIDF-LO is off: turn it on ${why}.`, { node, property: 'pidfLo' }, 'on');
            } else {
                this.report(accept, IssueCodes.TrunkWithoutPidfLo, `Trunk '${node.name}' does not pass the caller's location: add 'pidf-lo on' ${why}.`,
                    { node, property: 'name' }, 'pidf-lo on');
            }
        }
    };

    checkResourceAccount = (node: ResourceAccount, accept: ValidationAcceptor): void => {
        if (node.upn === undefined) {
            this.report(accept, IssueCodes.MissingProperty, `Resource account '${node.name}' needs a 'upn'.`, { node, property: 'name' });
        } else if (!UPN.test(node.upn)) {
            this.report(accept, IssueCodes.InvalidUpn, `'${node.upn}' is not a user principal name (name@domain).`, { node, property: 'upn' });
        }
        if (node.usageLocation === undefined) {
            this.report(accept, IssueCodes.MissingProperty,
                `Resource account '${node.name}' needs a 'usage-location': a licence cannot be assigned without one.`, { node, property: 'name' });
        } else if (!isIsoCountry(node.usageLocation)) {
            this.report(accept, IssueCodes.InvalidCountry,
                `'${node.usageLocation}' is not an ISO 3166-1 alpha-2 country code ${countryHint(node.usageLocation)}.`, { node, property: 'usageLocation' },
                upperIfCountry(node.usageLocation));
        }
    };

    checkPolicy = (node: SharedCallingPolicy, accept: ValidationAcceptor): void => {
        if (node.account === undefined) {
            this.report(accept, IssueCodes.MissingProperty,
                `Shared calling policy '${node.name}' needs a 'resource-account': it is the number users share.`, { node, property: 'name' });
        }
        const seen = new Set<PhoneNumber>();
        node.callbacks.forEach((ref, index) => {
            if (ref.ref && seen.has(ref.ref)) {
                this.report(accept, IssueCodes.EmergencyNumberReused,
                    `'${ref.$refText}' is listed twice in this policy.`, { node, property: 'callbacks', index });
            }
            if (ref.ref) seen.add(ref.ref);
        });
    };

    checkGroup = (node: Group, accept: ValidationAcceptor): void => {
        if (node.objectId !== undefined && !GUID.test(node.objectId)) {
            this.report(accept, IssueCodes.InvalidGroupId,
                `'${node.objectId}' is not an Entra object id (a GUID such as 0b5e8a1c-...); or name the group by display name.`, { node, property: 'objectId' });
        }
        if (node.displayName !== undefined && !node.displayName.trim()) {
            this.report(accept, IssueCodes.InvalidGroupId, `A group's display name cannot be empty.`, { node, property: 'displayName' });
        }
    };

    checkGrantRank = (node: Grant, accept: ValidationAcceptor): void => {
        if (typeof node.rank !== 'number') return;
        if (!Number.isInteger(node.rank) || node.rank < 1) {
            this.report(accept, IssueCodes.RankConflict,
                `Rank ${node.rank} is not valid: ranks are whole numbers from 1 (highest priority).`, { node, property: 'rank' });
        }
    };

    checkCoverage = (node: EmergencyCoverage, accept: ValidationAcceptor): void => {
        if (node.legacyAt) {
            this.report(accept, IssueCodes.LegacyEmergencyAt,
                `'at' here never set a location: an emergency call carries the client's dynamic location, else the location of the shared number. ` +
                `Write 'works-at ${node.address?.$refText ?? '<address>'}' to say where the members work; the tool checks that location against it.`,
                { node, keyword: 'at' }, 'works-at');
        }
        node.dialStrings.forEach((dial, index) => {
            if (/^\d{1,10}$/.test(dial)) return;
            const fix = /^\+\d{1,10}$/.test(dial) ? `"${dial.slice(1)}"` : undefined;
            const reason = dial.includes('+')
                ? `Teams clients do not prepend '+' to emergency numbers, so '${dial}' would never match`
                : `'${dial}' must be 1 to 10 digits`;
            this.report(accept, IssueCodes.EmergencyDialString, `${reason}.`, { node, property: 'dialStrings', index }, fix);
        });
        this.checkNotification(node, accept);
    };

    /**
     * In the US, Kari's Law expects a multi-line telephone system to notify someone (a security
     * desk) when 911 is dialled; Teams does it with the emergency calling policy [ECP-NEW,
     * ECP-GRANT; EMERG-US]. A warning, not an error: the tenant's Global policy or a network site's
     * policy may notify, which the files cannot show (the readiness report reads it).
     */
    private checkNotification(node: EmergencyCoverage, accept: ValidationAcceptor): void {
        if (node.address?.ref?.country !== 'US') return;
        const policy = node.notification?.ref;
        if (node.notification && !policy) return;
        if (policy && (policy.notify.length > 0 || policy.dialOut !== undefined)) return;
        const group = node.group?.$refText ?? 'this group';
        this.report(accept, IssueCodes.EmergencyWithoutNotification, policy
            ? `'${policy.name}' notifies no one: in the US, Kari's Law expects someone (a security desk) to be notified when a member of '${group}' dials 911; add 'notify "<address>"' to it.`
            : `No one is notified when a member of '${group}' dials 911: in the US, Kari's Law expects a security desk to be; ` +
              `declare an emergency-calling-policy with 'notify' and add 'notify <policy>' here (unless the tenant's Global emergency calling policy notifies).`,
        policy ? { node, property: 'notification' } : { node, property: 'group' });
    }

    /** The documented limits of New-CsTeamsEmergencyCallingPolicy [ECP-NEW]. */
    checkAutoAttendantHours = (node: AutoAttendant, accept: ValidationAcceptor): void => {
        checkBusinessHours(node, (code, message, info) => this.report(accept, code, message, info as DiagnosticInfo<AstNode>));
    };

    checkEmergencyCallingPolicy = (node: EmergencyCallingPolicy, accept: ValidationAcceptor): void => {
        const seen = new Set<string>();
        node.notify.forEach((address, index) => {
            const problem = notificationAddressProblem(address, seen);
            if (problem) this.report(accept, IssueCodes.InvalidNotificationGroup, problem, { node, property: 'notify', index });
            seen.add(address.trim().toLowerCase());
            if (index === MAX_NOTIFICATION_ADDRESSES) {
                this.report(accept, IssueCodes.InvalidNotificationGroup,
                    `${node.notify.length} addresses: Teams notifies at most ${MAX_NOTIFICATION_ADDRESSES} (users or groups, and 50 users in all); ` +
                    `name a group that holds the others instead.`, { node, property: 'notify', index });
            }
        });
        if (node.dialOut !== undefined) {
            const parsed = parseNumber(node.dialOut);
            if (!isParsedNumber(parsed) || parsed.extension !== undefined) {
                this.report(accept, IssueCodes.InvalidPhoneNumber,
                    `'${node.dialOut}' is not a PSTN number in E.164 form (a +, the country code and the number, no extension).`, { node, property: 'dialOut' });
            }
            if (!node.mode?.startsWith('conference-')) {
                this.report(accept, IssueCodes.DialOutWithoutConference,
                    `Teams calls the dial-out number only when the notified people are conferenced in: set 'mode conference-muted' (or conference-unmuted), or remove 'dial-out'.`,
                    { node, property: 'dialOut' });
            }
        }
    };

    checkTrustedIp = (node: TrustedIp, accept: ValidationAcceptor): void => {
        if (typeof node.ip === 'string' && !parseIpRange(node.ip)) {
            this.report(accept, IssueCodes.InvalidNetworkId,
                `'${node.ip}' is not an IP address: write an IPv4 or IPv6 address, optionally with a prefix length ("198.51.100.0/24"; without one, 32 or 128).`,
                { node, property: 'ip' });
        }
    };

    checkNetworkSite = (node: NetworkSite, accept: ValidationAcceptor): void => {
        if (node.region === undefined) {
            this.report(accept, IssueCodes.MissingProperty,
                `Network site '${node.name}' needs a 'region': New-CsTenantNetworkSite puts every site in a network region.`, { node, property: 'name' });
        }
        node.subnets.forEach((subnet, index) => {
            const range = parseIpRange(subnet);
            if (range?.prefix === undefined) {
                this.report(accept, IssueCodes.InvalidNetworkId,
                    `'${subnet}' is not a subnet with its prefix length: write it as "10.1.0.0/16" (New-CsTenantNetworkSubnet needs -MaskBits).`,
                    { node, property: 'subnets', index });
            }
        });
    };

    checkEmergencyLocation = (node: EmergencyLocation, accept: ValidationAcceptor): void => {
        if (node.address === undefined) {
            this.report(accept, IssueCodes.MissingProperty,
                `Emergency location '${node.name}' needs an 'address': the civic address a client found here calls from.`, { node, property: 'name' });
        }
        if (node.subnets.length + node.accessPoints.length + node.switches.length + node.ports.length === 0) {
            this.report(accept, IssueCodes.MissingProperty,
                `Emergency location '${node.name}' puts no client there: add a 'subnet', 'access-point', 'switch' or 'switch-port'.`, { node, property: 'name' });
        }
        node.subnets.forEach((subnet, index) => {
            const range = parseIpRange(subnet);
            if (!range || range.prefix !== undefined) {
                const fix = range ? `"${range.address}"` : undefined;
                this.report(accept, IssueCodes.InvalidNetworkId,
                    `'${subnet}' is not a subnet's network id: write the address alone ("10.1.2.0"), as Set-CsOnlineLisSubnet takes it.`,
                    { node, property: 'subnets', index }, fix);
            }
        });
        node.accessPoints.forEach((bssid, index) => {
            if (!isBssid(bssid)) {
                this.report(accept, IssueCodes.InvalidNetworkId,
                    `'${bssid}' is not a BSSID: write six hex pairs ("00-11-22-33-44-55"), with * for the last one or two characters of a range ("F0-6E-0B-C2-04-*").`,
                    { node, property: 'accessPoints', index });
            }
        });
        node.switches.forEach((chassis, index) => {
            if (!chassis.trim()) this.report(accept, IssueCodes.InvalidNetworkId, `A switch's chassis id cannot be empty.`, { node, property: 'switches', index });
        });
        node.ports.forEach((port, index) => {
            if (!port.chassis?.trim() || !port.port?.trim()) {
                this.report(accept, IssueCodes.InvalidNetworkId, `A switch port needs a chassis id and a port id, e.g. "B8-BE-BF-4A-A3-00" "G1/0/30".`,
                    { node, property: 'ports', index });
            }
        });
    };

    // ---- the setup as a whole ------------------------------------------------------------

    /**
     * The rules that span statements run once per setup (setup-rules.ts); each file takes the
     * findings on its own statements, from every setup it belongs to. Not a registered check:
     * VoiceDocumentValidator runs it after the file's own checks, and alone when only another
     * file of the setup changed (the file's own diagnostics cannot have changed then).
     */
    checkSetupWide(model: Model, accept: ValidationAcceptor): void {
        if (!this.setups) return;
        const document = AstUtils.getDocument(model);
        const setups = this.setups.setupsOf(document.uri);
        this.checkUnassignedNumbers(model, setups, accept);
        const seen = new Set<string>();
        for (const setup of setups) {
            for (const finding of this.findingsIn(setup, document)) {
                const id = `${finding.code}|${finding.message}|${finding.node.$cstNode?.offset}|${finding.property}|${finding.index}`;
                if (seen.has(id)) continue;
                seen.add(id);
                this.report(accept, finding.code, finding.message, {
                    node: finding.node, property: finding.property as Properties<AstNode>, index: finding.index,
                    relatedInformation: finding.related.map(r => ({ location: locationOf(r), message: r.message }))
                }, finding.replacement, finding.fix);
            }
        }
    }

    /** The setup's findings on one file's statements (grouped once per setup and build: a setup of 50 files has thousands). */
    private findingsIn(setup: Setup, document: LangiumDocument): SetupFinding[] {
        return this.setupFindings!.get(setup.key, () => groupByDocument(checkSetupRules(setup, this.memoryOf(setup)))).get(document) ?? [];
    }

    private memoryOf(setup: Setup): SetupMemory {
        if (!this.keepSetupMemory) return new SetupMemory(false);
        let memory = this.setupMemories.get(setup.key);
        if (!memory) {
            // A folder that no longer has a setup (its files closed or deleted) lets its memory go.
            const current = new Set(this.setups!.all().map(s => s.key));
            for (const key of this.setupMemories.keys()) if (!current.has(key)) this.setupMemories.delete(key);
            this.setupMemories.set(setup.key, memory = new SetupMemory(true));
        }
        return memory;
    }

    /** A statement may only use what an earlier statement (or an imported file) created. */
    checkSetupOrder = (model: Model, accept: ValidationAcceptor): void => {
        const topLevel = topLevelOf(model);
        const index = new Map(topLevel.map((s, i) => [s as AstNode, i]));
        const late = statementsUsingLaterOnes(model, index);
        topLevel.forEach((statement, position) => {
            if (late && !late.has(statement)) return;
            for (const ref of AstUtils.streamReferences(statement)) {
                const target = 'ref' in ref.reference ? ref.reference.ref : undefined;
                if (!target || AstUtils.getDocument(target) !== AstUtils.getDocument(statement)) continue;
                const targetStatement = statementOf(target);
                const targetPosition = targetStatement ? index.get(targetStatement) : undefined;
                if (targetPosition === undefined || targetPosition <= position) continue;
                this.report(accept, IssueCodes.SetupOrder,
                    `'${ref.reference.$refText}' is created later (line ${(targetStatement!.$cstNode?.range.start.line ?? 0) + 1}); ` +
                    `statements take effect top to bottom, so move this statement below it.`,
                    { node: ref.container, property: ref.property as Properties<AstNode>, index: ref.index });
            }
        });
    };

    /** A number is used when any setup the file belongs to assigns it or lists it as a callback. */
    private checkUnassignedNumbers(model: Model, setups: readonly Setup[], accept: ValidationAcceptor): void {
        // Looked up in each setup's set: copying them into one set per file cost a setup's numbers per file.
        const used = setups.map(setup => this.usedNumbers!.get(setup.key, () => this.memoryOf(setup).usedNumbers.keys(setup.models)));
        for (const statement of model.statements) {
            if (statement.$type === 'PhoneNumber' && !used.some(numbers => numbers.has(statement))) {
                this.report(accept, IssueCodes.UnassignedNumber,
                    `Number '${statement.name}' is never assigned to a resource account nor used as an emergency callback number; assign it or remove it.`,
                    { node: statement, property: 'name' });
            }
        }
    }

}

/**
 * The quick fix for a number written without '+': the same digits after a '+', when that is
 * a valid number and, if the number has an address, one in the address's country (so that
 * "206 555 0100" at a US address is not "fixed" into an Egyptian +20 number).
 */
function plusFix(node: PhoneNumber): string | undefined {
    const withPlus = parseNumber(`+${node.value}`);
    if (!isParsedNumber(withPlus)) return undefined;
    const addressCountry = node.address?.ref?.country;
    if (isIsoCountry(addressCountry) && !withPlus.countries.includes(addressCountry)) return undefined;
    return `"+${node.value}"`;
}

/** At most 10 e-mail addresses in -NotificationGroup [ECP-NEW]. */
const MAX_NOTIFICATION_ADDRESSES = 10;

/** Why a notification address cannot be one: Teams takes users and groups by UPN or SMTP address, ";" between them [ECP-NEW]. */
function notificationAddressProblem(address: string, seen: ReadonlySet<string>): string | undefined {
    if (address.includes(';')) return `Write each address as its own string, separated by commas ("a@contoso.com", "b@contoso.com"); the tool joins them with ';'.`;
    if (!UPN.test(address.trim())) return `'${address}' is not an e-mail address or UPN of a user or group (name@domain).`;
    if (seen.has(address.trim().toLowerCase())) return `'${address}' is listed twice.`;
    return undefined;
}

/** Codes people write for a country that ISO 3166-1 spells otherwise. */
const COMMON_MISTAKES: Record<string, string> = { UK: 'GB', EL: 'GR' };

/** The ISO code meant by a country written in lower case (or as UK for GB), for a quick fix. */
function upperIfCountry(written: string): string | undefined {
    const upper = written.toUpperCase();
    return ISO_COUNTRY_CODES.has(upper) ? upper : COMMON_MISTAKES[upper];
}

/** "(e.g. US)", or the code the user most likely meant. */
function countryHint(written: string): string {
    const meant = upperIfCountry(written);
    return meant ? `(did you mean ${meant}?)` : '(e.g. US, GB, DE)';
}


function groupByDocument(findings: readonly SetupFinding[]): Map<LangiumDocument, SetupFinding[]> {
    const byDocument = new Map<LangiumDocument, SetupFinding[]>();
    for (const finding of findings) {
        const document = AstUtils.getDocument(finding.node);
        const list = byDocument.get(document);
        if (list) list.push(finding);
        else byDocument.set(document, [finding]);
    }
    return byDocument;
}

/**
 * The statements with a reference to a later statement of the same file, from the references
 * the linker collected (walking every statement's references costs a stream per statement);
 * undefined when a reference does not say where it is written, so that every statement is looked at.
 */
function statementsUsingLaterOnes(model: Model, index: ReadonlyMap<AstNode, number>): Set<AstNode> | undefined {
    const document = AstUtils.getDocument(model);
    const late = new Set<AstNode>();
    for (const reference of document.references) {
        const target = 'ref' in reference ? reference.ref : undefined;
        if (!target) continue;
        const container = reference.$refNode?.astNode;
        if (!container) return undefined;
        if (AstUtils.getDocument(target) !== document) continue;
        const source = statementOf(container);
        const targetStatement = statementOf(target);
        const sourcePosition = source ? index.get(source) : undefined;
        const targetPosition = targetStatement ? index.get(targetStatement) : undefined;
        if (sourcePosition !== undefined && targetPosition !== undefined && targetPosition > sourcePosition) late.add(source!);
    }
    return late;
}

/** The range of a finding's target (its property where it has one), for related information. */
function locationOf(target: FindingTarget): { uri: string; range: CstNode['range'] } {
    const node = target.property
        ? GrammarUtils.findNodeForProperty(target.node.$cstNode, target.property, target.index) ?? target.node.$cstNode
        : target.node.$cstNode;
    const range = node?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { uri: AstUtils.getDocument(target.node).uri.toString(), range };
}
