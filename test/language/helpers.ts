/**
 * Shared set-up for the language tests: one set of services with the validator and the
 * quick fixes, and a small valid setup that near-miss inputs edit in one place.
 */
import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import type { ValidationResult } from 'langium/test';
import { clearDocuments, parseHelper, testCodeAction, validationHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/generated/ast.js';
import { createVoiceServices } from '../../server/voice-server-module.js';

export const services = createVoiceServices(EmptyFileSystem);
export const parse = parseHelper<Model>(services.Voice);
export const validate = validationHelper<Model>(services.Voice);
export const codeAction = testCodeAction<Model>(services.Voice);

/** Forgets every document, so that one test's files never leak into the next. */
export async function clearAll(): Promise<void> {
    await clearDocuments(services.shared);
}

/**
 * A complete, valid Shared Calling setup (the product sketch): checks with no diagnostics.
 * Near-miss inputs are one `edit` of it.
 */
/** The base setup's inbound path: an auto attendant on the shared number. */
export const RECEPTION = `auto-attendant Reception answers FrontlineRA {
    display-name "Contoso Frontline Reception"
    time-zone    "Pacific Standard Time"
}`;

export const BASE = `tenant "contoso.onmicrosoft.com" domains "contoso.com"

address SeattleStore {
    company     "Contoso Retail"
    street      "1 Pike St"
    city        "Seattle"
    region      "WA"
    postal-code "98101"
    country     US
    geo         47.6097, -122.3422
}

trunk CteloUS {
    sbc     "sbc1.contoso.com" port 5061
    usage   "Ctelo-US"
    pidf-lo on
}

number MainLine  "+1 206 555 0100" direct-routing via CteloUS at SeattleStore
number Callback1 "+1 206 555 0111" direct-routing via CteloUS at SeattleStore

resource-account FrontlineRA {
    upn            "sc-frontline@contoso.com"
    display-name   "Contoso Frontline"
    usage-location US
}

assign MainLine to FrontlineRA

shared-calling-policy Frontline {
    resource-account   FrontlineRA
    emergency-callback Callback1
    description        "Store associates share the main line"
}

group StoreAssociates "Store Associates"
grant Frontline to StoreAssociates rank 1

${RECEPTION}

emergency-calling-policy SecurityDesk {
    notify      "security@contoso.com"
    mode        conference-muted
    dial-out    "+1 206 555 0199"
    description "Store security desk"
}

emergency StoreAssociates works-at SeattleStore via CteloUS dial "911", "933" notify SecurityDesk
`;

/** Dynamic emergency locations for the base setup: with them, the base declares every resource kind. */
export const NETWORK = `
trusted-ip SeattleEgress "198.51.100.0/24" description "Seattle store egress"
network-region PacificNW description "Pacific Northwest stores"
network-site SeattleSite {
    region PacificNW
    subnet "10.10.0.0/16"
}
emergency-location SeattleFloor1 {
    address      SeattleStore
    place        "Floor 1"
    subnet       "10.10.1.0"
    access-point "00-11-22-33-44-55"
    switch       "B8-BE-BF-4A-A3-00"
    switch-port  "B8-BE-BF-4A-A3-01" "G1/0/30"
}
`;

/**
 * Extension dialing from a CSV beside the test documents (file:///<n>.voice resolves "extensions.csv" to
 * file:///extensions.csv), its text handed to the services as a loader would.
 */
export const EXTENSIONS = '\nextensions from "extensions.csv"\n';
export const EXTENSIONS_CSV = 'upn,number,extension\navery.chen@contoso.com,+1 206 555 0100,101\n';
services.shared.voice.ExtensionSources.set(URI.parse('file:///extensions.csv'), { text: EXTENSIONS_CSV });

/** The base setup with dynamic emergency locations and extension dialing: one object of every kind. */
export const FULL = `${BASE}${NETWORK}${EXTENSIONS}`;

/**
 * `text` with each `[from, to]` substitution applied once; every `from` must occur exactly
 * once, so a test fails loudly when the base setup changes under it.
 */
export function edit(text: string, ...substitutions: Array<[string, string]>): string {
    let result = text;
    for (const [from, to] of substitutions) {
        const first = result.indexOf(from);
        if (first < 0) throw new Error(`edit: '${from}' not found`);
        if (result.indexOf(from, first + 1) >= 0) throw new Error(`edit: '${from}' occurs more than once`);
        result = result.slice(0, first) + to + result.slice(first + from.length);
    }
    return result;
}

/** `text` with `line` (a whole line, without its line break) removed. */
export function without(text: string, line: string): string {
    return edit(text, [`${line}\n`, '']);
}

/** The base setup with extra statements appended. */
export function withExtra(extra: string, text: string = BASE): string {
    return `${text}\n${extra}\n`;
}

/** The code of a diagnostic: ours in `code`, Langium's (lexing, parsing, linking) in `data.code`. */
export function codeOf(diagnostic: Diagnostic): string | undefined {
    if (typeof diagnostic.code === 'string') return diagnostic.code;
    return (diagnostic.data as { code?: string } | undefined)?.code;
}

export function codesOf(result: ValidationResult<Model> | LangiumDocument<Model>): string[] {
    const diagnostics = 'diagnostics' in result && Array.isArray(result.diagnostics) ? result.diagnostics : [];
    return diagnostics.map(d => codeOf(d) ?? '?');
}

/** A diagnostic's message as plain text. */
export function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** One line per diagnostic, for readable assertion failures. */
export function listed(diagnostics: readonly Diagnostic[] | undefined): string {
    return (diagnostics ?? [])
        .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${messageOf(d)}`)
        .join('\n');
}
