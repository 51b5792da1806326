import type { ValidationSeverity } from 'langium';

/**
 * The diagnostics catalogue: stable kebab-case codes, each documented in
 * docs/diagnostics.md#<code>. Codes never change once published: pipelines filter on them.
 */
export const IssueCodes = {
    SetupOrder: 'setup-order',
    UnassignedNumber: 'unassigned-number',
    ResourceAccountWithoutNumber: 'resource-account-without-number',
    MissingEmergencyLocation: 'missing-emergency-location',
    InvalidPhoneNumber: 'invalid-phone-number',
    EmergencyNumberMismatch: 'emergency-number-mismatch',
    EmergencyNumberReused: 'emergency-number-reused',
    NumberAssignedTwice: 'number-assigned-twice',
    DuplicateName: 'duplicate-name',
    RankConflict: 'rank-conflict',
    UsageLocationMismatch: 'usage-location-mismatch',
    DirectRoutingWithoutRoute: 'direct-routing-without-route',
    CallingPlanUnsupportedCountry: 'calling-plan-unsupported-country',
    IncompleteAddress: 'incomplete-address',
    InvalidUpn: 'invalid-upn',
    EmergencyDialString: 'emergency-dial-string',
    // Beyond the minimum catalogue: rules from teams-facts.md with no code of their own there.
    InvalidSbc: 'invalid-sbc',
    MissingProperty: 'missing-property',
    InvalidCountry: 'invalid-country',
    InvalidGroupId: 'invalid-group-id',
    UnresolvedImport: 'unresolved-import',
    DuplicateTenant: 'duplicate-tenant',
    TollFreeWithoutCallback: 'toll-free-without-callback',
    EmergencyRoutingMismatch: 'emergency-routing-mismatch',
    ImportCycle: 'import-cycle',
    DuplicateCoverage: 'duplicate-coverage',
    // Emergency calling that is right (docs/emergency.md).
    EmergencyLocationMismatch: 'emergency-location-mismatch',
    TrunkWithoutPidfLo: 'trunk-without-pidf-lo',
    CarrierEmergencyAddress: 'carrier-emergency-address',
    LegacyEmergencyAt: 'legacy-emergency-at',
    InvalidNetworkId: 'invalid-network-id',
    // Who is notified of an emergency call (emergency-calling-policy, docs/emergency.md).
    InvalidNotificationGroup: 'invalid-notification-group',
    DialOutWithoutConference: 'dial-out-without-conference',
    EmergencyWithoutNotification: 'emergency-without-notification',
    // Template parameters and values files (docs/parameters.md).
    InvalidParameter: 'invalid-parameter',
    InvalidParameterValue: 'invalid-parameter-value',
    UnknownParameter: 'unknown-parameter',
    // Number types and extension dialing (issue 13).
    OperatorConnectSupport: 'operator-connect-support',
    ExtensionCsvMalformed: 'extension-csv-malformed',
    ExtensionInvalidUpn: 'extension-invalid-upn',
    ExtensionDuplicate: 'extension-duplicate',
    ExtensionNotDirectRouting: 'extension-not-direct-routing',
    // Adopting objects whose Teams identity is not their .voice name (`identity`, docs/language.md).
    DuplicateIdentity: 'duplicate-identity',
    InvalidIdentity: 'invalid-identity',
    // Inbound: who answers a call to the shared number (auto-attendant, answer).
    SharedNumberWithoutInbound: 'shared-number-without-inbound',
    DuplicateInbound: 'duplicate-inbound',
    InboundKindMismatch: 'inbound-kind-mismatch',
    AutoAttendantWithoutDirectory: 'auto-attendant-without-directory',
    // An auto attendant's business hours and holidays.
    InvalidBusinessHours: 'invalid-business-hours',
    OverlappingHours: 'overlapping-hours',
    InvalidHoliday: 'invalid-holiday'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

/** Default severity of each code: errors block compile and apply, warnings do not. */
export const defaultSeverity: Record<IssueCode, ValidationSeverity> = {
    'setup-order': 'error',
    'unassigned-number': 'warning',
    'resource-account-without-number': 'error',
    'missing-emergency-location': 'error',
    'invalid-phone-number': 'error',
    'emergency-number-mismatch': 'error',
    'emergency-number-reused': 'error',
    'number-assigned-twice': 'error',
    'duplicate-name': 'error',
    'rank-conflict': 'error',
    'usage-location-mismatch': 'warning',
    'direct-routing-without-route': 'error',
    'calling-plan-unsupported-country': 'error',
    'incomplete-address': 'error',
    'invalid-upn': 'error',
    'emergency-dial-string': 'error',
    'invalid-sbc': 'error',
    'missing-property': 'error',
    'invalid-country': 'error',
    'invalid-group-id': 'error',
    'unresolved-import': 'error',
    'duplicate-tenant': 'error',
    'toll-free-without-callback': 'error',
    'emergency-routing-mismatch': 'warning',
    'import-cycle': 'error',
    'duplicate-coverage': 'error',
    'emergency-location-mismatch': 'warning',
    'trunk-without-pidf-lo': 'warning',
    'carrier-emergency-address': 'info',
    'legacy-emergency-at': 'warning',
    'invalid-network-id': 'error',
    'invalid-notification-group': 'error',
    'dial-out-without-conference': 'warning',
    'emergency-without-notification': 'warning',
    'invalid-parameter': 'error',
    'invalid-parameter-value': 'error',
    'unknown-parameter': 'error',
    'operator-connect-support': 'info',
    'extension-csv-malformed': 'error',
    'extension-invalid-upn': 'error',
    'extension-duplicate': 'error',
    'extension-not-direct-routing': 'error',
    'duplicate-identity': 'error',
    'invalid-identity': 'error',
    'shared-number-without-inbound': 'warning',
    'duplicate-inbound': 'error',
    'inbound-kind-mismatch': 'error',
    'auto-attendant-without-directory': 'error',
    'invalid-business-hours': 'error',
    'overlapping-hours': 'error',
    'invalid-holiday': 'error'
};

export const allIssueCodes: readonly IssueCode[] = Object.values(IssueCodes);

/**
 * Which quick fix a diagnostic offers, where its code alone does not say (an invalid number
 * gets a '+' or loses a stray character; a rank conflict gets a free rank or loses a duplicate).
 */
export type FixKind = 'remove-stray-characters' | 'remove-duplicate-grant';

/**
 * Where codes are explained. The default is the repository-relative document; the language
 * server replaces it with the file URI of the copy shipped inside the extension.
 */
export const DEFAULT_DOCS_BASE = 'docs/diagnostics.md';

export function docsLink(code: string, base: string = DEFAULT_DOCS_BASE): string {
    return `${base}#${code}`;
}
