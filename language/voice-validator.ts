import type {
    AstNode, DiagnosticInfo, LangiumDocuments, Properties, ValidationAcceptor, ValidationChecks, ValidationSeverity
} from 'langium';
import { AstUtils, WorkspaceCache } from 'langium';
import type {
    Address, Assignment, EmergencyCoverage, Grant, Group, Import, Model, PhoneNumber, ResourceAccount,
    SharedCallingPolicy, Trunk, VoiceAstType
} from './generated/ast.js';
import { isAssignment, isModel, isSharedCallingPolicy } from './generated/ast.js';
import { CALLING_PLAN_UNSUPPORTED, COUNTRIES_WITHOUT_GEO, ISO_COUNTRIES as ISO_COUNTRY_CODES, isIsoCountry } from './countries.js';
import type { IssueCode } from './issue-codes.js';
import { DEFAULT_DOCS_BASE, IssueCodes, defaultSeverity, docsLink } from './issue-codes.js';
import { importClosure, resolveImportUri } from './imports.js';
import type { ParsedNumber } from './phone-numbers.js';
import { canonicalNumber, isParsedNumber, parseNumber } from './phone-numbers.js';
import type { Declaration } from './setup-context.js';
import { SetupContext, modelsInSetupOrder, statementOf } from './setup-context.js';
import type { VoiceCoreServices } from './voice-module.js';

/** Microsoft's limit on groups per policy type in group policy assignment [GPA-NEW]. */
export const MAX_GROUPS_PER_POLICY_TYPE = 64;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^@\s"'<>()[\],;:\\]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/i;
const FQDN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** What a quick fix needs to know beyond the diagnostic's range; carried in `data`. */
export interface VoiceDiagnosticData {
    code: IssueCode;
    /** Text the fix inserts or substitutes. */
    replacement?: string;
}

export function registerValidationChecks(services: VoiceCoreServices): void {
    const registry = services.validation.ValidationRegistry;
    const validator = services.validation.VoiceValidator;
    validator.attach(services);
    const checks: ValidationChecks<VoiceAstType> = {
        Model: validator.checkSetup,
        Import: validator.checkImport,
        PhoneNumber: validator.checkPhoneNumber,
        Address: validator.checkAddress,
        Trunk: validator.checkTrunk,
        ResourceAccount: validator.checkResourceAccount,
        SharedCallingPolicy: validator.checkPolicy,
        Group: validator.checkGroup,
        Grant: validator.checkGrantRank,
        EmergencyCoverage: validator.checkDialStrings
    };
    registry.register(checks, validator);
}

/** Every rule of the diagnostics catalogue (docs/diagnostics.md). */
export class VoiceValidator {
    private documents?: LangiumDocuments;
    private usedNumbers?: WorkspaceCache<'used', Set<PhoneNumber>>;
    /** Base of the `codeDescription` links; the language server points it at the shipped docs. */
    docsBase = DEFAULT_DOCS_BASE;
    /** Per-code severity overrides (editor settings); 'off' silences a code. */
    severityOverrides: Partial<Record<IssueCode, ValidationSeverity | 'off'>> = {};

    attach(services: VoiceCoreServices): void {
        this.documents = services.shared.workspace.LangiumDocuments;
        this.usedNumbers = new WorkspaceCache(services.shared);
    }

    /** Reports one catalogue diagnostic with its code, docs link and fix data. */
    private report<N extends AstNode>(
        accept: ValidationAcceptor, code: IssueCode, message: string,
        info: Omit<DiagnosticInfo<N>, 'code' | 'codeDescription' | 'data'>, replacement?: string
    ): void {
        const severity = this.severityOverrides[code] ?? defaultSeverity[code];
        if (severity === 'off') return;
        const data: VoiceDiagnosticData = replacement === undefined ? { code } : { code, replacement };
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
            const fix = parsed.kind === 'missing-plus' ? plusFix(node) : undefined;
            this.report(accept, IssueCodes.InvalidPhoneNumber,
                `'${node.value}' is not an E.164 number: ${why[parsed.kind]}.`, { node, property: 'value' }, fix);
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
        if (needsGeo && (node.latitude === undefined || node.longitude === undefined)) {
            this.report(accept, IssueCodes.IncompleteAddress,
                `Address '${node.name}' needs coordinates ('geo <latitude>, <longitude>'): they are required everywhere except Australia and Japan.`,
                { node, property: 'name' });
        }
        if (node.latitude !== undefined && Math.abs(node.latitude) > 90) {
            this.report(accept, IssueCodes.IncompleteAddress, `Latitude ${node.latitude} is outside -90..90.`, { node, property: 'latitude' });
        }
        if (node.longitude !== undefined && Math.abs(node.longitude) > 180) {
            this.report(accept, IssueCodes.IncompleteAddress, `Longitude ${node.longitude} is outside -180..180.`, { node, property: 'longitude' });
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

    checkDialStrings = (node: EmergencyCoverage, accept: ValidationAcceptor): void => {
        node.dialStrings.forEach((dial, index) => {
            if (/^\d{1,10}$/.test(dial)) return;
            const fix = /^\+\d{1,10}$/.test(dial) ? `"${dial.slice(1)}"` : undefined;
            const reason = dial.includes('+')
                ? `Teams clients do not prepend '+' to emergency numbers, so '${dial}' would never match`
                : `'${dial}' must be 1 to 10 digits`;
            this.report(accept, IssueCodes.EmergencyDialString, `${reason}.`, { node, property: 'dialStrings', index }, fix);
        });
    };

    // ---- the setup as a whole ------------------------------------------------------------

    checkSetup = (model: Model, accept: ValidationAcceptor): void => {
        if (!this.documents) return;
        const uri = AstUtils.getDocument(model).uri;
        const context = new SetupContext(modelsInSetupOrder(this.documents, uri));
        const own = new Set(model.statements);
        this.checkSetupOrder(model, accept);
        this.checkDuplicateNames(context, own, accept);
        this.checkTenants(context, own, accept);
        this.checkUnassignedNumbers(model, accept);
        this.checkAssignments(context, own, accept);
        this.checkPolicies(context, own, accept);
        this.checkGrants(context, own, accept);
        this.checkCoverages(context, own, accept);
    };

    /** A statement may only use what an earlier statement (or an imported file) created. */
    private checkSetupOrder(model: Model, accept: ValidationAcceptor): void {
        const index = new Map(model.statements.map((s, i) => [s as AstNode, i]));
        model.statements.forEach((statement, position) => {
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
    }

    private checkDuplicateNames(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        const first = new Map<string, Declaration>();
        for (const declaration of context.declarations) {
            if (!declaration.name) continue;
            const earlier = first.get(declaration.name);
            if (!earlier) {
                first.set(declaration.name, declaration);
                continue;
            }
            if (!own.has(declaration)) continue;
            const where = own.has(earlier) ? `line ${(earlier.$cstNode?.range.start.line ?? 0) + 1}`
                : AstUtils.getDocument(earlier).uri.path.split('/').pop();
            this.report(accept, IssueCodes.DuplicateName,
                `'${declaration.name}' is already declared (${where}); give each declaration its own name.`,
                { node: declaration, property: 'name' });
        }
    }

    private checkTenants(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        const [first, ...others] = context.tenants;
        for (const tenant of others) {
            if (own.has(tenant) && tenant.domain?.toLowerCase() !== first.domain?.toLowerCase()) {
                this.report(accept, IssueCodes.DuplicateTenant,
                    `This setup already targets tenant '${first.domain}'; a setup applies to one tenant.`, { node: tenant, property: 'domain' });
            }
        }
        const domains = context.tenantDomains();
        if (!domains) return;
        for (const statement of context.statements) {
            if (!own.has(statement)) continue;
            if (statement.$type === 'ResourceAccount' && statement.upn && UPN.test(statement.upn)) {
                const domain = statement.upn.split('@')[1].toLowerCase();
                if (!domains.includes(domain)) {
                    this.report(accept, IssueCodes.InvalidUpn,
                        `'${domain}' is not a domain of the tenant (${domains.join(', ')}); use one of them or add it to 'domains' on the tenant statement.`,
                        { node: statement, property: 'upn' });
                }
            }
            if (statement.$type === 'Trunk' && statement.fqdn && FQDN.test(statement.fqdn)) {
                const fqdn = statement.fqdn.toLowerCase();
                const onTenantDomain = domains.some(d => !d.endsWith('.onmicrosoft.com') && (fqdn === d || fqdn.endsWith(`.${d}`)));
                if (!onTenantDomain && !fqdn.endsWith('.onmicrosoft.com')) {
                    this.report(accept, IssueCodes.InvalidSbc,
                        `The SBC's domain must be registered in the tenant (${domains.join(', ')}), else Teams answers "Can not use the domain as it was not configured for this tenant".`,
                        { node: statement, property: 'fqdn' });
                }
            }
        }
    }

    /** Numbers in any loaded file that an assignment or a policy uses. */
    private usedNumbersInWorkspace(): Set<PhoneNumber> {
        return this.usedNumbers!.get('used', () => {
            const used = new Set<PhoneNumber>();
            for (const doc of this.documents!.all) {
                const root = doc.parseResult.value;
                if (!isModel(root)) continue;
                for (const statement of root.statements) {
                    if (isAssignment(statement) && statement.number?.ref) used.add(statement.number.ref);
                    if (isSharedCallingPolicy(statement)) statement.callbacks.forEach(c => c.ref && used.add(c.ref));
                }
            }
            return used;
        });
    }

    private checkUnassignedNumbers(model: Model, accept: ValidationAcceptor): void {
        const used = this.usedNumbersInWorkspace();
        for (const statement of model.statements) {
            if (statement.$type === 'PhoneNumber' && !used.has(statement)) {
                this.report(accept, IssueCodes.UnassignedNumber,
                    `Number '${statement.name}' is never assigned to a resource account nor used as an emergency callback number; assign it or remove it.`,
                    { node: statement, property: 'name' });
            }
        }
    }

    private checkAssignments(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        const byNumber = new Map<string, Assignment>();
        const byAccount = new Map<ResourceAccount, Assignment>();
        const trunks = context.declarations.filter(d => d.$type === 'Trunk');
        const addresses = context.declarations.filter(d => d.$type === 'Address');
        for (const assignment of context.assignments) {
            const number = assignment.number?.ref;
            const account = assignment.account?.ref;
            if (!number) continue;
            const key = canonicalNumber(number.value) ?? number.value;
            const earlier = byNumber.get(key);
            if (!earlier) byNumber.set(key, assignment);
            const accountsEarlier = account ? byAccount.get(account) : undefined;
            if (account && !accountsEarlier) byAccount.set(account, assignment);
            if (!own.has(assignment)) continue;
            if (accountsEarlier && !earlier && accountsEarlier.number?.ref !== number) {
                this.report(accept, IssueCodes.NumberAssignedTwice,
                    `'${account!.name}' already has number ${accountsEarlier.number?.ref?.value ?? accountsEarlier.number?.$refText}; ` +
                    `a resource account shares one number: give this number its own resource account.`,
                    { node: assignment, property: 'account' });
            }
            if (earlier && earlier.account?.ref !== account) {
                this.report(accept, IssueCodes.NumberAssignedTwice,
                    `${number.value} is already assigned to '${earlier.account?.$refText}'; a number can be assigned to one account only.`,
                    { node: assignment, property: 'number' });
            } else if (earlier) {
                this.report(accept, IssueCodes.NumberAssignedTwice,
                    `${number.value} is already assigned to '${earlier.account?.$refText}' above; remove this repeat.`, { node: assignment, property: 'number' });
            }
            if (!number.address) {
                const only = addresses.length === 1 ? addresses[0].name : undefined;
                this.report(accept, IssueCodes.MissingEmergencyLocation,
                    `Number '${number.name}' has no emergency address: add 'at <address>' to it, so Shared Calling users get a location for emergency calls.`,
                    { node: assignment, property: 'number' }, only);
            }
            if (number.numberType === 'direct-routing') {
                const trunk = number.trunk?.ref;
                if (!trunk) {
                    const only = trunks.length === 1 ? trunks[0].name : undefined;
                    this.report(accept, IssueCodes.DirectRoutingWithoutRoute,
                        `Direct Routing number '${number.name}' has no trunk: add 'via <trunk>' so the resource account gets a voice routing policy with a PSTN usage.`,
                        { node: assignment, property: 'number' }, only);
                } else if (!trunk.usage || !trunk.fqdn) {
                    this.report(accept, IssueCodes.DirectRoutingWithoutRoute,
                        `Trunk '${trunk.name}' has no ${trunk.fqdn ? 'PSTN usage' : 'SBC'}, so it cannot route number '${number.name}'.`,
                        { node: assignment, property: 'number' });
                }
            }
            if (account?.usageLocation && isIsoCountry(account.usageLocation)) {
                const countries = numberCountries(number);
                if (countries.length > 0 && !countries.includes(account.usageLocation)) {
                    const fix = countries.length === 1 ? countries[0] : undefined;
                    this.report(accept, IssueCodes.UsageLocationMismatch,
                        `'${account.name}' has usage location ${account.usageLocation} but number ${number.value} is in ${countries.slice(0, 3).join('/')}; the licence's usage location should match the number's country.`,
                        { node: assignment, property: 'account' }, fix);
                }
            }
        }
    }

    private checkPolicies(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        // Keyed by the canonical number: one number may be declared twice under two names.
        const assigned = new Map<string, Assignment>();
        for (const a of context.assignments) {
            const number = a.number?.ref;
            const key = number ? canonicalNumber(number.value) ?? number.value : undefined;
            if (key !== undefined && !assigned.has(key)) assigned.set(key, a);
        }
        const callbackOwner = new Map<string, SharedCallingPolicy>();
        for (const policy of context.policies) {
            const account = policy.account?.ref;
            const position = context.orderOf(policy) ?? 0;
            // The account's first assignment, if it comes before the policy (assignmentsOf is in setup order).
            const firstAssignment = account ? context.assignmentsOf(account)[0] : undefined;
            const accountNumber = firstAssignment && (context.orderOf(firstAssignment) ?? 0) < position ? firstAssignment.number.ref : undefined;
            const isOwn = own.has(policy);
            if (isOwn && account && !accountNumber) {
                this.report(accept, IssueCodes.ResourceAccountWithoutNumber,
                    `Resource account '${account.name}' has no number assigned before this policy; add 'assign <number> to ${account.name}' above it.`,
                    { node: policy, property: 'account' });
            }
            policy.callbacks.forEach((ref, index) => {
                const callback = ref.ref;
                if (!callback) return;
                const key = canonicalNumber(callback.value) ?? callback.value;
                const owner = callbackOwner.get(key);
                if (!owner) callbackOwner.set(key, policy);
                if (!isOwn) return;
                if (owner && owner !== policy) {
                    this.report(accept, IssueCodes.EmergencyNumberReused,
                        `${callback.value} is already an emergency callback number of policy '${owner.name}'; each can be used by one policy only.`,
                        { node: policy, property: 'callbacks', index });
                }
                const assignment = assigned.get(key);
                if (assignment) {
                    this.report(accept, IssueCodes.EmergencyNumberReused,
                        `${callback.value} is assigned to '${assignment.account?.$refText}'; an emergency callback number cannot also be assigned to an account.`,
                        { node: policy, property: 'callbacks', index });
                }
                if (accountNumber) {
                    const sameType = callback.numberType === accountNumber.numberType;
                    const a = numberCountries(callback);
                    const b = numberCountries(accountNumber);
                    const sameCountry = a.length === 0 || b.length === 0 || a.some(c => b.includes(c));
                    if (!sameType || !sameCountry) {
                        this.report(accept, IssueCodes.EmergencyNumberMismatch,
                            `Callback number ${callback.value} (${callback.numberType}, ${a.slice(0, 2).join('/') || '?'}) must have the same type and country as ` +
                            `the resource account's number ${accountNumber.value} (${accountNumber.numberType}, ${b.slice(0, 2).join('/') || '?'}).`,
                            { node: policy, property: 'callbacks', index });
                    } else if (callback.tollFree && accountNumber.numberType === 'calling-plan') {
                        this.report(accept, IssueCodes.EmergencyNumberMismatch,
                            `Callback number ${callback.value} is toll-free: when the resource account has a Calling Plan service number, ` +
                            `emergency callback numbers must be Calling Plan subscriber numbers; use a geographic number.`,
                            { node: policy, property: 'callbacks', index });
                    }
                }
            });
            if (isOwn && accountNumber?.numberType === 'calling-plan' && accountNumber.tollFree && policy.callbacks.length === 0) {
                this.report(accept, IssueCodes.TollFreeWithoutCallback,
                    `'${account!.name}' shares a toll-free Calling Plan number: Teams requires emergency callback numbers (Calling Plan subscriber numbers) in this policy.`,
                    { node: policy, property: 'name' });
            }
        }
    }

    private checkGrants(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        const byRank = new Map<number, Grant>();
        const byGroup = new Map<Group, Grant>();
        const covered = new Set(context.coverages.map(c => c.group?.ref).filter(g => g !== undefined));
        const ranks = new Set(context.grants.map(g => g.rank));
        const freeRank = (): number => { let r = 1; while (ranks.has(r)) r++; return r; };
        context.grants.forEach((grant, count) => {
            const isOwn = own.has(grant);
            const earlier = byRank.get(grant.rank);
            if (!earlier) byRank.set(grant.rank, grant);
            const group = grant.group?.ref;
            const sameGroup = group ? byGroup.get(group) : undefined;
            if (group && !sameGroup) byGroup.set(group, grant);
            if (!isOwn) return;
            if (earlier) {
                this.report(accept, IssueCodes.RankConflict,
                    `Rank ${grant.rank} is already used by the grant to '${earlier.group?.$refText}'; group ranks must be unique per policy type.`,
                    { node: grant, property: 'rank' }, String(freeRank()));
            }
            if (sameGroup) {
                this.report(accept, IssueCodes.RankConflict,
                    `Group '${grant.group?.$refText}' is already granted '${sameGroup.policy?.$refText}'; a group gets one shared calling policy.`,
                    { node: grant, property: 'group' });
            }
            if (count >= MAX_GROUPS_PER_POLICY_TYPE) {
                this.report(accept, IssueCodes.RankConflict,
                    `This is grant ${count + 1}: Teams allows at most ${MAX_GROUPS_PER_POLICY_TYPE} groups per policy type.`, { node: grant, property: 'group' });
            }
            if (group && !covered.has(group)) {
                this.report(accept, IssueCodes.MissingEmergencyLocation,
                    `Group '${group.name}' has no emergency coverage: every Shared Calling user needs emergency routing and a location; add 'emergency ${group.name} at <address>'.`,
                    { node: grant, property: 'group' }, coverageFor(grant, context));
            }
        });
    }

    private checkCoverages(context: SetupContext, own: Set<AstNode>, accept: ValidationAcceptor): void {
        const grantOf = new Map<Group, Grant>();
        for (const g of context.grants) {
            const group = g.group?.ref;
            if (group && !grantOf.has(group)) grantOf.set(group, g);
        }
        for (const coverage of context.coverages) {
            if (!own.has(coverage)) continue;
            const group = coverage.group?.ref;
            const grant = group ? grantOf.get(group) : undefined;
            const account = grant?.policy?.ref?.account?.ref;
            const number = account ? context.assignmentsOf(account)[0]?.number?.ref : undefined;
            if (coverage.trunk) {
                if (number && number.numberType !== 'direct-routing') {
                    this.report(accept, IssueCodes.EmergencyRoutingMismatch,
                        `'${coverage.group?.$refText}' shares ${number.numberType === 'calling-plan' ? 'a Calling Plan' : 'an Operator Connect'} number, ` +
                        `so its emergency call routing should have no PSTN usages: remove 'via ${coverage.trunk.$refText}'.`,
                        { node: coverage, property: 'trunk' }, '');
                }
                continue;
            }
            if (number?.numberType === 'direct-routing') {
                this.report(accept, IssueCodes.DirectRoutingWithoutRoute,
                    `'${coverage.group?.$refText}' shares a Direct Routing number, so its emergency calls must route through a trunk: add 'via <trunk>'.`,
                    { node: coverage, property: 'group' }, number.trunk?.ref?.name);
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

/**
 * Countries of a parsed number: its calling code decides. Where several countries share the
 * code (+1, +44, +7, ...), the number's address picks one of them; an address in a country
 * outside the calling code does not change the number's country.
 */
function countriesOf(number: PhoneNumber, parsed: ParsedNumber): string[] {
    const addressCountry = number.address?.ref?.country;
    if (isIsoCountry(addressCountry) && parsed.countries.includes(addressCountry)) return [addressCountry];
    return [...parsed.countries];
}

/** The country of a number: the one its address picks among its calling code's countries, else the code's main country. */
function numberCountry(number: PhoneNumber, parsed: ParsedNumber): string | undefined {
    return countriesOf(number, parsed)[0];
}

/** Countries a number may belong to (see countriesOf); none when the number is not valid E.164. */
export function numberCountries(number: PhoneNumber): string[] {
    const parsed = parseNumber(number.value);
    return isParsedNumber(parsed) ? countriesOf(number, parsed) : [];
}

/** The emergency statement a quick fix adds for a granted group: the shared number's address and trunk. */
function coverageFor(grant: Grant, context: SetupContext): string | undefined {
    const account = grant.policy?.ref?.account?.ref;
    const number = account ? context.assignmentsOf(account)[0]?.number?.ref : undefined;
    const address = number?.address?.$refText;
    if (!address || !grant.group?.ref) return undefined;
    const via = number?.numberType === 'direct-routing' && number.trunk ? ` via ${number.trunk.$refText}` : '';
    return `emergency ${grant.group.ref.name} at ${address}${via}`;
}
