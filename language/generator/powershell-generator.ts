/**
 * Compiles a validated setup to one reviewable PowerShell script. Pure: the caller loads
 * the documents, names the files and decides where the text goes; the same input gives
 * byte-identical output. The script is written block by block to a sink (a 5,000-store
 * setup compiles to about 90 MB of script: holding it, and a generator tree for it, took a
 * gigabyte), and each statement's block is traced to the statement for the source map.
 */
import type { CstNode } from 'langium';
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

/** Which script lines (1-based, inclusive) one statement's block takes, and where the statement is. */
export interface TracedBlock {
    fileURI: string;
    range: CstNode['range'];
    scriptLines: [number, number];
}

export interface GeneratedScript {
    text: string;
    blocks: TracedBlock[];
}

/** MicrosoftTeams 5.5.0 is the Shared Calling cmdlets' minimum [SC-PLAN]. */
export const MICROSOFT_TEAMS_MIN_VERSION = '5.5.0';

/** Renders a planned setup (planSetup) into one string; the caller plans once and checks the plan first. */
export function generatePowerShell(plans: readonly StatementPlan[], options: GenerateOptions): GeneratedScript {
    const chunks: string[] = [];
    const blocks = writePowerShell(plans, options, chunk => chunks.push(chunk));
    return { text: chunks.join(''), blocks };
}

/**
 * Renders a planned setup block by block into `write`, in order; returns where each
 * statement's block landed. Blocks are separated by one empty line.
 */
export function writePowerShell(plans: readonly StatementPlan[], options: GenerateOptions, write: (chunk: string) => void): TracedBlock[] {
    const source = options.sourceName(options.mainUri);
    const tenant = plans.map(p => p.statement).find(s => s.$type === 'Tenant');
    const blocks: TracedBlock[] = [];
    let nextLine = 1;
    const emit = (content: Lines): [number, number] => {
        if (nextLine > 1) {
            write('\n');
            nextLine++;
        }
        const text = `${flattenLines(content).join('\n')}\n`;
        write(text);
        const first = nextLine;
        nextLine += lineCount(text);
        return [first, nextLine - 1];
    };
    emit(header(source, options.toolVersion, tenant?.$type === 'Tenant' ? tenant.domain : ''));
    emit([CONNECT_STEP]);
    emit([HELPERS]);
    for (const plan of plans) {
        const scriptLines = emit(statementBlock(plan, options));
        const range = plan.statement.$cstNode?.range;
        const fileURI = statementDocumentUri(plan.statement);
        if (range && fileURI) blocks.push({ fileURI, range, scriptLines });
    }
    emit([
        '# ---- Summary ---------------------------------------------------------------------------------',
        `Write-VoiceSummary -Source ${psString(source)}`
    ]);
    return blocks;
}

function lineCount(text: string): number {
    let count = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    return count;
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
        case 'Extensions': return 'extensions';
        case 'NetworkRegion': return `network-region ${statement.name}`;
        case 'NetworkSite': return `network-site ${statement.name}`;
        case 'EmergencyLocation': return `emergency-location ${statement.name}`;
    }
}

function statementBlock(plan: StatementPlan, options: GenerateOptions): Lines {
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
    return content;
}

function statementDocumentUri(statement: TopLevel): string {
    let node: { $container?: unknown; $document?: { uri: { toString(): string } } } = statement;
    while (node.$container) node = node.$container as typeof node;
    return node.$document?.uri.toString() ?? '';
}
