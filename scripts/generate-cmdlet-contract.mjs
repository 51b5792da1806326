// Writes contract/teams-cmdlets.json from a local git copy of MicrosoftDocs/office-docs-powershell:
//   node scripts/generate-cmdlet-contract.mjs <path-to-office-docs-powershell-git>
// The contract is Microsoft's documented reading of every cmdlet the compiler, live apply and
// the stand-in modules use: parameter sets (from SYNTAX), parameter details (from PARAMETERS),
// documented output properties, and the errors the product relies on. It records the source
// commit so a regeneration can be compared. Only facts derived from the pages are written,
// never the pages' prose.
//
// Where SYNTAX and PARAMETERS disagree, both readings are kept in `conflicts` and the safe one
// is used in `parameterSets`: a parameter is in the sets SYNTAX puts it in (SYNTAX is generated
// from the cmdlet; the table's set lists are kept by hand and incomplete: the pages' own
// examples use parameters outside them), it is mandatory if either reading says so (SYNTAX
// decides where the table gives both answers for one set), it is positional only if both say
// so, and its type is the SYNTAX type unless SYNTAX gives none.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const TEAMS_FOLDER = 'teams/teams-ps/MicrosoftTeams';

/** Every MicrosoftTeams cmdlet that the compiler, live apply or the stand-in module uses. */
export const TEAMS_CMDLETS = [
    'Connect-MicrosoftTeams', 'Disconnect-MicrosoftTeams', 'Get-CsTenant', 'Get-CsOnlineUser',
    'Get-CsOnlineApplicationInstance', 'New-CsOnlineApplicationInstance', 'Set-CsOnlineApplicationInstance',
    'New-CsOnlineApplicationInstanceAssociation',
    // Inbound: the auto attendant on a shared number [SC-SETUP step 3].
    'Get-CsAutoAttendant', 'New-CsAutoAttendant', 'Set-CsAutoAttendant', 'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantMenu',
    'New-CsAutoAttendantMenuOption', 'New-CsAutoAttendantDialScope', 'New-CsAutoAttendantCallableEntity',
    // Business hours and holidays, and call queues associated by name.
    'New-CsOnlineSchedule', 'New-CsOnlineTimeRange', 'New-CsOnlineDateTimeRange', 'New-CsAutoAttendantCallHandlingAssociation', 'Get-CsCallQueue',
    'Get-CsPhoneNumberAssignment', 'Set-CsPhoneNumberAssignment', 'Remove-CsPhoneNumberAssignment',
    'Get-CsOnlineLisCivicAddress', 'New-CsOnlineLisCivicAddress', 'Set-CsOnlineLisCivicAddress',
    'Get-CsOnlineLisLocation', 'New-CsOnlineLisLocation',
    'Get-CsOnlinePSTNGateway', 'New-CsOnlinePSTNGateway', 'Set-CsOnlinePSTNGateway',
    'Get-CsOnlinePstnUsage', 'Set-CsOnlinePstnUsage',
    'Get-CsOnlineVoiceRoute', 'New-CsOnlineVoiceRoute', 'Set-CsOnlineVoiceRoute',
    'Get-CsOnlineVoiceRoutingPolicy', 'New-CsOnlineVoiceRoutingPolicy', 'Set-CsOnlineVoiceRoutingPolicy',
    'Grant-CsOnlineVoiceRoutingPolicy',
    'New-CsTeamsEmergencyNumber', 'Get-CsTeamsEmergencyCallRoutingPolicy', 'New-CsTeamsEmergencyCallRoutingPolicy',
    'Set-CsTeamsEmergencyCallRoutingPolicy', 'Grant-CsTeamsEmergencyCallRoutingPolicy',
    'Get-CsTeamsEmergencyCallingPolicy', 'New-CsTeamsEmergencyCallingPolicy', 'Set-CsTeamsEmergencyCallingPolicy',
    'Grant-CsTeamsEmergencyCallingPolicy',
    'Get-CsTeamsSharedCallingRoutingPolicy', 'New-CsTeamsSharedCallingRoutingPolicy', 'Set-CsTeamsSharedCallingRoutingPolicy',
    'Remove-CsTeamsSharedCallingRoutingPolicy', 'Grant-CsTeamsSharedCallingRoutingPolicy',
    'Get-CsGroupPolicyAssignment', 'Get-CsUserPolicyAssignment', 'Remove-CsGroupPolicyAssignment',
    // Dynamic emergency calling (network objects and the LIS map) [DYN-EMERG].
    'Get-CsTenantTrustedIPAddress', 'New-CsTenantTrustedIPAddress', 'Get-CsTenantNetworkRegion', 'New-CsTenantNetworkRegion',
    'Set-CsTenantTrustedIPAddress', 'Set-CsTenantNetworkRegion',
    'Get-CsTenantNetworkSite', 'New-CsTenantNetworkSite', 'Set-CsTenantNetworkSite',
    'Get-CsTenantNetworkSubnet', 'New-CsTenantNetworkSubnet', 'Set-CsTenantNetworkSubnet',
    'Get-CsOnlineLisSubnet', 'Set-CsOnlineLisSubnet', 'Get-CsOnlineLisWirelessAccessPoint', 'Set-CsOnlineLisWirelessAccessPoint',
    'Get-CsOnlineLisSwitch', 'Set-CsOnlineLisSwitch', 'Get-CsOnlineLisPort', 'Set-CsOnlineLisPort'
];

/**
 * Microsoft.Graph.Authentication cmdlets: their reference lives in msgraph-sdk-powershell, not
 * in office-docs-powershell, so they are recorded as undocumented here and not checked.
 */
export const UNDOCUMENTED_HERE = {
    'Connect-MgGraph': 'Microsoft.Graph.Authentication; its reference is in microsoftgraph/msgraph-sdk-powershell, not in office-docs-powershell',
    'Disconnect-MgGraph': 'Microsoft.Graph.Authentication; its reference is in microsoftgraph/msgraph-sdk-powershell, not in office-docs-powershell',
    'Get-MgContext': 'Microsoft.Graph.Authentication; its reference is in microsoftgraph/msgraph-sdk-powershell, not in office-docs-powershell',
    'Invoke-MgGraphRequest': 'Microsoft.Graph.Authentication; its reference is in microsoftgraph/msgraph-sdk-powershell, not in office-docs-powershell'
};

/**
 * Errors the product relies on, per cmdlet. Neither page documents how a missing identity
 * fails, so the product reads it defensively (Test-VoiceNotFound in the compiled script:
 * the ObjectNotFound category, an error id with NotFound, or a "not found" message).
 */
const NOT_FOUND = {
    documented: false,
    readAs: 'ObjectNotFound category, an error id containing NotFound, or a message matching not found / does not exist / couldn\'t be found'
};
const RELIED_ERRORS = {
    'Get-CsOnlineUser': [{ when: 'no user or resource account has that identity', ...NOT_FOUND }],
    'Get-CsOnlineApplicationInstance': [{ when: 'no resource account has that identity', ...NOT_FOUND }]
};

// Parameters PowerShell adds itself: never part of a cmdlet's own contract.
export const COMMON_PARAMETERS = [
    'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction', 'ErrorVariable', 'WarningVariable',
    'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable'
];
// SupportsShouldProcess adds these; recorded as `supportsShouldProcess`, not as parameters.
const SHOULD_PROCESS = ['WhatIf', 'Confirm'];

const TYPE_NAMES = {
    string: 'String', int: 'Int32', int32: 'Int32', integer: 'Int32', long: 'Int64', int64: 'Int64', bool: 'Boolean', boolean: 'Boolean',
    switch: 'SwitchParameter', switchparameter: 'SwitchParameter', guid: 'Guid', object: 'Object', double: 'Double',
    psobject: 'PSObject', pscredential: 'PSCredential', securestring: 'SecureString', hashtable: 'Hashtable', uint32: 'UInt32'
};

/** A documented type as one comparable name: the last dotted segment, C# keywords mapped ("int[]" -> "Int32[]"). */
export function normalizeType(type) {
    if (!type) return null;
    const trimmed = type.trim().replace(/^System\.Nullable`1\[(.+)\]$/, '$1');
    const array = trimmed.endsWith('[]');
    const bare = array ? trimmed.slice(0, -2) : trimmed;
    const generic = bare.match(/^([^[`]+)(?:`\d+)?\[(.+)\]$/);
    const base = (generic ? generic[1] : bare).split('.').pop();
    const mapped = TYPE_NAMES[base.toLowerCase()] ?? base;
    const argument = generic ? `[${normalizeType(generic[2])}]` : '';
    return `${mapped}${argument}${array ? '[]' : ''}`;
}

function git(dir, args) {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text between `## <title>` and the next `## ` heading. */
function section(markdown, title) {
    const match = markdown.match(new RegExp(`^## ${title}[^\\n]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm'));
    return match ? match[1] : '';
}

function codeBlocks(text) {
    // Some pages indent the closing fence.
    return [...text.matchAll(/^```[a-z]*\n([\s\S]*?)^[ \t]*```/gm)].map(m => m[1]);
}

/** SYNTAX: one entry per parameter set, its parameters with mandatory/positional/type as written. */
export function parseSyntax(markdown, cmdlet) {
    const text = section(markdown, 'SYNTAX');
    const sets = [];
    const parts = text.split(/^### /m);
    const unnamed = parts[0].includes('```') ? [parts[0]] : [];
    for (const part of [...unnamed.map(p => `\n${p}`), ...parts.slice(1)]) {
        const heading = part.slice(0, part.indexOf('\n')).trim();
        const name = heading ? heading.replace(/\s*\(Default\)\s*$/, '') : '__AllParameterSets';
        const isDefault = /\(Default\)/.test(heading);
        for (const block of codeBlocks(part)) {
            const line = block.replace(/\s+/g, ' ').trim();
            if (!line.startsWith(cmdlet)) continue;
            sets.push({ name: sets.some(s => s.name === name) ? `${name}#${sets.length}` : name, isDefault, ...parseSyntaxLine(line.slice(cmdlet.length)) });
        }
    }
    if (sets.length === 1 && !sets[0].isDefault && sets[0].name === '__AllParameterSets') sets[0].isDefault = true;
    return sets;
}

function parseSyntaxLine(line) {
    const parameters = [];
    let shouldProcess = false;
    // [[-Name] <type>] | [-Name] <type> | [-Name <type>] | -Name <type> | [-Switch] | -Switch
    const token = /(\[\[-(\w+)\]\s+<([^>]+)>\])|(\[-(\w+)\]\s+<([^>]+)>)|(\[-(\w+)\s+<([^>]+)>\])|(-(\w+)\s+<([^>]+)>)|(\[-(\w+)\])|(-(\w+))|(\[<CommonParameters>\])/g;
    for (const m of line.matchAll(token)) {
        let p;
        if (m[1]) p = { name: m[2], type: m[3], mandatory: false, positional: true };
        else if (m[4]) p = { name: m[5], type: m[6], mandatory: true, positional: true };
        else if (m[7]) p = { name: m[8], type: m[9], mandatory: false, positional: false };
        else if (m[10]) p = { name: m[11], type: m[12], mandatory: true, positional: false };
        // A bare [-Name] shows no type: read as a switch unless the table names another type (typeless below).
        else if (m[13]) p = { name: m[14], type: 'SwitchParameter', mandatory: false, positional: false, typeless: true };
        else if (m[15]) p = { name: m[16], type: 'SwitchParameter', mandatory: true, positional: false, typeless: true };
        else continue;
        if (SHOULD_PROCESS.includes(p.name)) { shouldProcess = true; continue; }
        if (COMMON_PARAMETERS.includes(p.name)) continue;
        parameters.push({ ...p, type: normalizeType(p.type) });
    }
    return { parameters, shouldProcess };
}

function yamlField(block, field) {
    const m = block.match(new RegExp(`^${field}:[ \\t]*(.*)$`, 'm'));
    return m ? m[1].trim() : undefined;
}

/** Values listed in a parameter's description ("Supported values are A, B, and C." or a list after "Possible values:"). */
export function describedValues(description) {
    const sentence = description.match(/(?:[Ss]upported|[Pp]ossible|[Aa]ccepted|[Vv]alid) values(?: are| include|:)\s+([^\n]+?)\.(?:\s|$)/);
    const word = /^[A-Za-z][A-Za-z0-9]*$/;
    if (sentence) {
        const items = sentence[1].split(/,|\band\b|\bor\b|\|/).map(s => s.trim().replace(/^['"]+|['"]+$/g, '')).filter(Boolean);
        if (items.length > 1 && items.every(i => word.test(i) || /^\d+$/.test(i))) return items;
    }
    const list = description.match(/(?:[Pp]ossible|[Ss]upported) values:\s*\n((?:[ \t]*(?:[-*][ \t]+)?[A-Za-z0-9]+[ \t]*\n|[ \t]*\n)+)/);
    if (list) {
        const items = list[1].split('\n').map(s => s.trim().replace(/^[-*]\s+/, '')).filter(Boolean);
        if (items.length > 1 && items.every(i => word.test(i))) return items;
    }
    return [];
}

/** PARAMETERS: per parameter its yaml blocks (type, sets, aliases, required, position) and accepted values. */
export function parseParameters(markdown) {
    const text = section(markdown, 'PARAMETERS');
    const parameters = {};
    for (const part of text.split(/^### -/m).slice(1)) {
        const name = part.slice(0, part.indexOf('\n')).trim();
        if (!/^\w+$/.test(name) || SHOULD_PROCESS.includes(name) || COMMON_PARAMETERS.includes(name)) continue;
        const blocks = [...part.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map(m => m[1]);
        let description = part.replace(/^```yaml\n[\s\S]*?^```/gm, '');
        const readings = blocks.map(block => ({
            type: normalizeType(yamlField(block, 'Type')),
            parameterSets: (yamlField(block, 'Parameter Sets') ?? '(All)').replace(/^\((.*)\)$/, '$1').split(',').map(s => s.trim()).filter(Boolean),
            aliases: (yamlField(block, 'Aliases') ?? '').split(',').map(s => s.trim()).filter(Boolean),
            required: /^true$/i.test(yamlField(block, 'Required') ?? ''),
            position: yamlField(block, 'Position') ?? 'Named',
            acceptedValues: (yamlField(block, 'Accepted values') ?? '').split(',').map(s => s.trim()).filter(Boolean)
        }));
        // A page may give one parameter two sections: both are readings of it.
        if (parameters[name]) {
            readings.unshift(...parameters[name].readings);
            description = `${parameters[name].description}\n${description}`;
        }
        const accepted = readings.flatMap(r => r.acceptedValues);
        parameters[name] = {
            readings,
            description,
            acceptedValues: accepted.length > 0 ? [...new Set(accepted)] : describedValues(description),
            acceptedValuesFrom: accepted.length > 0 ? 'Accepted values' : 'description'
        };
        if (parameters[name].acceptedValues.length === 0) delete parameters[name].acceptedValuesFrom;
    }
    return parameters;
}

/** Output property names: `### Name` headings under OUTPUTS, and the columns or `Name : value` lines of example output. */
export function parseOutputs(markdown, cmdlet) {
    const outputs = section(markdown, 'OUTPUTS');
    const documented = [...outputs.matchAll(/^### ([A-Za-z][\w.]*)\s*$/gm)].map(m => m[1]);
    const types = documented.filter(n => n.includes('.'));
    const fromOutputs = documented.filter(n => !n.includes('.'));
    const fromExamples = new Set();
    for (const block of codeBlocks(section(markdown, 'EXAMPLES'))) {
        // Output only of this cmdlet: what follows a command line that starts with it (or a block without commands).
        let ours = true;
        const lines = block.split('\n');
        for (let i = 0; i < lines.length; i++) {
            const command = lines[i].match(/^(?:PS[^>]*>\s*)?(?:\$\w+\s*=\s*)?([A-Z][a-z]+-[A-Za-z]+)\b/);
            if (command && !/^[A-Za-z]\w*\s+:/.test(lines[i])) { ours = command[1] === cmdlet; continue; }
            if (!ours) continue;
            // A table: a header row above a row of dashes.
            if (i > 0 && /^-{2,}(\s+-{2,})*\s*$/.test(lines[i]) && /^[A-Za-z]/.test(lines[i - 1])) {
                for (const column of lines[i - 1].trim().split(/\s+/)) if (/^[A-Za-z]\w*$/.test(column)) fromExamples.add(column);
            }
            const list = lines[i].match(/^([A-Za-z]\w*)\s+:\s?/);
            if (list) fromExamples.add(list[1]);
        }
    }
    const result = {};
    if (fromOutputs.length > 0) result.properties = fromOutputs;
    if (types.length > 0) result.types = types;
    if (fromExamples.size > 0) result.exampleProperties = [...fromExamples];
    return result;
}

/** The safe reading of one cmdlet's page, with every SYNTAX/PARAMETERS disagreement recorded. */
export function cmdletContract(markdown, cmdlet, docPath) {
    const syntax = parseSyntax(markdown, cmdlet);
    const details = parseParameters(markdown);
    const conflicts = [];
    const inSyntax = new Set(syntax.flatMap(s => s.parameters.map(p => p.name)));
    for (const name of Object.keys(details)) {
        if (!inSyntax.has(name)) conflicts.push({ parameter: name, field: 'presence', syntax: 'absent', parameters: 'present', used: 'absent', why: 'a parameter only the table lists may not exist: it is not used' });
    }
    const parameterSets = syntax.map(set => ({
        name: set.name,
        isDefault: set.isDefault,
        parameters: set.parameters.flatMap(p => {
            const detail = details[p.name];
            if (!detail) {
                conflicts.push({ parameter: p.name, set: set.name, field: 'presence', syntax: 'present', parameters: 'absent', used: 'present', why: 'SYNTAX is generated from the cmdlet; the table just lacks an entry' });
                return [{ name: p.name, type: p.type, mandatory: p.mandatory, position: p.positional ? 'positional' : 'named' }];
            }
            const listed = detail.readings.filter(r => r.parameterSets.includes('All') || r.parameterSets.includes(set.name));
            if (listed.length === 0) {
                conflicts.push({ parameter: p.name, set: set.name, field: 'parameterSets', syntax: set.name, parameters: detail.readings.flatMap(r => r.parameterSets), used: set.name, why: 'SYNTAX is generated from the cmdlet; the table\'s set lists are kept by hand and are incomplete' });
            }
            const reading = listed[0] ?? detail.readings[0] ?? {};
            // Where the table does not list this set it has no answer for it: SYNTAX decides.
            const answers = new Set((listed.length > 0 ? listed : []).map(r => !!r.required));
            const selfContradicting = answers.size > 1;
            const required = selfContradicting || answers.size === 0 ? p.mandatory : answers.has(true);
            if (selfContradicting) {
                conflicts.push({ parameter: p.name, set: set.name, field: 'mandatory', syntax: p.mandatory, parameters: 'both True and False', used: p.mandatory, why: 'the table contradicts itself for this set: SYNTAX is used' });
            } else if (required !== p.mandatory) {
                conflicts.push({ parameter: p.name, set: set.name, field: 'mandatory', syntax: p.mandatory, parameters: required, used: true, why: 'mandatory if either reading says so' });
            }
            const tablePositional = reading.position !== undefined && reading.position !== 'Named';
            if (tablePositional !== p.positional) {
                conflicts.push({ parameter: p.name, set: set.name, field: 'position', syntax: p.positional ? 'positional' : 'named', parameters: reading.position, used: 'named', why: 'positional only if both readings say so' });
            }
            const tableType = reading.type ?? null;
            // SYNTAX writes no type for a bare [-Name] (New-CsAutoAttendantMenu -DirectorySearchMethod): the table's type is the only one written.
            const type = p.typeless && tableType ? tableType : p.type ?? tableType;
            if (tableType && tableType !== p.type) {
                conflicts.push(p.typeless
                    ? { parameter: p.name, set: set.name, field: 'type', syntax: p.type, parameters: tableType, used: type, why: 'SYNTAX shows no type ([-Name], read as a switch); the table names one' }
                    : { parameter: p.name, set: set.name, field: 'type', syntax: p.type, parameters: tableType, used: p.type ?? tableType, why: 'the SYNTAX type is generated from the cmdlet' });
            }
            const position = p.positional && tablePositional ? Number(reading.position) : 'named';
            return [{ name: p.name, type, mandatory: p.mandatory || required, position }];
        })
    }));
    const parameters = {};
    for (const [name, detail] of Object.entries(details)) {
        if (!inSyntax.has(name)) continue;
        const aliases = [...new Set(detail.readings.flatMap(r => r.aliases))];
        parameters[name] = {
            type: detail.readings[0]?.type ?? null,
            aliases,
            parameterSets: [...new Set(detail.readings.flatMap(r => r.parameterSets))],
            ...(detail.acceptedValues.length > 0 ? { acceptedValues: detail.acceptedValues, acceptedValuesFrom: detail.acceptedValuesFrom } : {})
        };
    }
    return {
        module: 'MicrosoftTeams',
        doc: docPath,
        supportsShouldProcess: syntax.some(s => s.shouldProcess),
        parameterSets,
        parameters,
        outputs: parseOutputs(markdown, cmdlet),
        errors: RELIED_ERRORS[cmdlet] ?? [],
        conflicts: dedupe(conflicts)
    };
}

function dedupe(list) {
    const seen = new Set();
    return list.filter(item => {
        const key = JSON.stringify(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function main() {
    const source = process.argv[2];
    if (!source) {
        console.error('usage: node scripts/generate-cmdlet-contract.mjs <path-to-office-docs-powershell-git>');
        process.exit(2);
    }
    const commit = git(source, ['rev-parse', 'HEAD']).trim();
    const commitDate = git(source, ['log', '-1', '--format=%cI', 'HEAD']).trim();
    const cmdlets = {};
    for (const cmdlet of TEAMS_CMDLETS) {
        const docPath = `${TEAMS_FOLDER}/${cmdlet}.md`;
        cmdlets[cmdlet] = cmdletContract(git(source, ['show', `${commit}:${docPath}`]).replace(/\r\n/g, '\n'), cmdlet, docPath);
    }
    const contract = {
        $comment: 'Generated by scripts/generate-cmdlet-contract.mjs from MicrosoftDocs/office-docs-powershell; do not edit by hand. conflicts[].used is the reading parameterSets follows.',
        source: { repository: 'MicrosoftDocs/office-docs-powershell', commit, commitDate, folder: TEAMS_FOLDER },
        commonParameters: COMMON_PARAMETERS,
        shouldProcessParameters: SHOULD_PROCESS,
        cmdlets,
        undocumentedHere: UNDOCUMENTED_HERE
    };
    const out = path.resolve('contract', 'teams-cmdlets.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(contract, null, 2) + '\n', 'utf8');
    console.log(`wrote ${path.relative(process.cwd(), out)}: ${TEAMS_CMDLETS.length} cmdlets from ${commit}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
