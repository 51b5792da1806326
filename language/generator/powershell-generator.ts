/**
 * Compiles a validated setup to one reviewable PowerShell script. Pure: the caller loads
 * the documents and names the files; the same input gives byte-identical output. Each
 * statement's block is traced to the statement, so the trace becomes the source map.
 */
import type { Generated } from 'langium/generate';
import { joinToNode, NL, toStringAndTrace, traceToNode } from 'langium/generate';
import type { TraceRegion } from 'langium/generate';
import type { TopLevel } from '../setup-context.js';
import type { StatementPlan } from '../plan/desired-setup.js';
import { SEED_STEPS } from '../plan/resources.js';
import { psCommentText, psString, psStringArray } from './powershell-quote.js';
import { flattenLines, requiredNumber, resourceBlock, type Lines } from './resource-blocks.js';
import { CONNECT_STEP, HELPERS } from './script-runtime.js';

export interface GenerateOptions {
    /** How the script names a source document (e.g. a path relative to the compiled file); never absolute, for reproducible output. */
    sourceName(documentUri: string): string;
    /** The document being compiled (its statements come last in setup order). */
    mainUri: string;
    toolVersion: string;
}

export interface GeneratedScript {
    text: string;
    trace: TraceRegion;
}

/** MicrosoftTeams 5.5.0 is the Shared Calling cmdlets' minimum [SC-PLAN]. */
export const MICROSOFT_TEAMS_MIN_VERSION = '5.5.0';

/** Renders a planned setup (planSetup); the caller plans once and checks the plan first. */
export function generatePowerShell(plans: readonly StatementPlan[], options: GenerateOptions): GeneratedScript {
    const source = options.sourceName(options.mainUri);
    const tenant = plans.map(p => p.statement).find(s => s.$type === 'Tenant');
    const parts: Generated[] = [
        lines(header(source, options.toolVersion, tenant?.$type === 'Tenant' ? tenant.domain : '')),
        lines([CONNECT_STEP]),
        lines([HELPERS]),
        ...plans.map(plan => statementBlock(plan, options)),
        lines([
            '# ---- Summary ---------------------------------------------------------------------------------',
            `Write-VoiceSummary -Source ${psString(source)}`
        ])
    ];
    const node = joinToNode(parts, { separator: NL })!;
    return toStringAndTrace(node);
}

function lines(content: Lines): Generated {
    return joinToNode(flattenLines(content).flatMap(l => l.split('\n')), { suffix: NL });
}

function header(source: string, version: string, tenantDomain: string): Lines {
    const file = psCommentText(source);
    return [
        '<#',
        '.SYNOPSIS',
        `    Applies the Shared Calling setup declared in ${file} to a Microsoft Teams tenant.`,
        '.DESCRIPTION',
        `    Compiled by voice ${psCommentText(version)} from ${file} and the files it imports. Do not edit:`,
        '    change the .voice files and compile again (voice compile). One block per .voice statement,',
        '    in setup order, each headed by the seed step and the file and line it came from.',
        '    Every create is guarded by a read and every change by a comparison, so a second run',
        '    changes nothing and says so. -WhatIf shows what would change; -Confirm asks before each change.',
        '.PARAMETER TenantId',
        '    Tenant to sign in to when there is no session yet (default: the tenant statement).',
        '.PARAMETER AccountId',
        '    Delegated sign-in as this account (User Administrator and a Teams admin role).',
        '.PARAMETER ApplicationId',
        '    App-only sign-in: the application (client) id, with -CertificateThumbprint.',
        '.PARAMETER CertificateThumbprint',
        '    App-only sign-in: the certificate in the current user store.',
        '.PARAMETER UseDeviceAuthentication',
        '    Sign in with a device code.',
        '.PARAMETER ReplicationTimeoutSeconds',
        '    How long to wait for a new resource account to reach Graph and Teams.',
        '#>',
        '#Requires -Version 7.0',
        `#Requires -Modules @{ ModuleName = 'MicrosoftTeams'; ModuleVersion = '${MICROSOFT_TEAMS_MIN_VERSION}' }`,
        '#Requires -Modules Microsoft.Graph.Authentication',
        '[CmdletBinding(SupportsShouldProcess)]',
        'param(',
        [
            `[string]$TenantId = ${psString(tenantDomain)},`,
            '[string]$AccountId,',
            '[string]$ApplicationId,',
            '[string]$CertificateThumbprint,',
            '[switch]$UseDeviceAuthentication,',
            '[ValidateRange(10, 3600)][int]$ReplicationTimeoutSeconds = 300'
        ],
        ')'
    ];
}

/** A short, identifier-only description of a statement for its heading comment (never its strings). */
function signature(statement: TopLevel): string {
    switch (statement.$type) {
        case 'Tenant': return 'tenant';
        case 'Address': return `address ${statement.name}`;
        case 'Trunk': return `trunk ${statement.name}`;
        case 'PhoneNumber': return `number ${statement.name}`;
        case 'ResourceAccount': return `resource-account ${statement.name}`;
        case 'Assignment': return `assign ${statement.number.$refText} to ${statement.account.$refText}`;
        case 'SharedCallingPolicy': return `shared-calling-policy ${statement.name}`;
        case 'Group': return `group ${statement.name}`;
        case 'Grant': return `grant ${statement.policy.$refText} to ${statement.group.$refText} rank ${statement.rank}`;
        case 'AutoAttendant': return `auto-attendant ${statement.name} answers ${statement.account.$refText}`;
        case 'Answer': return `answer ${statement.account.$refText} with auto-attendant`;
        case 'EmergencyCallingPolicy': return `emergency-calling-policy ${statement.name}`;
        case 'EmergencyCoverage': return `emergency ${statement.group.$refText} at ${statement.address.$refText}${statement.notification ? ` notify ${statement.notification.$refText}` : ''}`;
        case 'TrustedIp': return `trusted-ip ${statement.name}`;
        case 'NetworkRegion': return `network-region ${statement.name}`;
        case 'NetworkSite': return `network-site ${statement.name}`;
        case 'EmergencyLocation': return `emergency-location ${statement.name}`;
    }
}

function statementBlock(plan: StatementPlan, options: GenerateOptions): Generated {
    const { statement } = plan;
    const document = statementDocumentUri(statement);
    const line = (statement.$cstNode?.range.start.line ?? 0) + 1;
    const content: Lines = [
        `# ---- ${SEED_STEPS[plan.step]}`,
        `# ${psCommentText(`${options.sourceName(document)}:${line}`)}  ${psCommentText(signature(statement))}`
    ];
    if (statement.$type === 'Tenant') {
        content.push(`Assert-VoiceTenant -Domains ${psStringArray([statement.domain, ...statement.domains])}`);
    }
    for (const number of plan.requiredNumbers) content.push(...requiredNumber(number));
    for (const resource of plan.resources) content.push(...resourceBlock(resource));
    if (content.length === 2) content.push('# Nothing to do in the tenant for this statement (declared again earlier, or used by later blocks).');
    return traceToNode(statement)(lines(content));
}

function statementDocumentUri(statement: TopLevel): string {
    let node: { $container?: unknown; $document?: { uri: { toString(): string } } } = statement;
    while (node.$container) node = node.$container as typeof node;
    return node.$document?.uri.toString() ?? '';
}
