/**
 * The list-modifier rule of MicrosoftTeams 4.2.0 and later: a list modifier hashtable takes
 * only Add or Remove; a whole list is set by passing the values directly [teams-facts
 * Corrections 2]. Checks for compiled scripts (their pwsh AST) and for the calls the
 * emulator received (its call log).
 */
import type { CallRecord } from '../../tenant/emulator/call-log.js';
import type { ParsedScript } from '../compiler/pwsh-ast.js';

const ALLOWED = new Set(['add', 'remove']);
/** Keys a list modifier hashtable may be written with (allowed or not). */
const MODIFIER_KEYS = new Set(['add', 'remove', 'replace']);

const isTeamsCmdlet = (command: string): boolean => /^[A-Za-z]+-Cs/.test(command);
const bareKey = (key: string): string => key.replace(/^['"]|['"]$/g, '').toLowerCase();

/** Violations in a compiled script: a `replace` key anywhere, or a Teams cmdlet's hashtable argument with a key other than Add/Remove. */
export function scriptViolations(script: ParsedScript): string[] {
    const found = script.hashtableKeys.filter(k => bareKey(k) === 'replace').map(k => `${script.file}: hashtable key ${k}`);
    for (const call of script.calls.filter(c => isTeamsCmdlet(c.command))) {
        for (const table of call.hashtables) {
            const bad = table.split(',').filter(k => k !== '' && !ALLOWED.has(bareKey(k)));
            if (bad.length > 0) found.push(`${script.file}: ${call.command} list modifier keys ${bad.join(', ')}`);
        }
    }
    return found;
}

/** Violations among the Teams calls the emulator received: a list modifier object with a key other than add/remove. */
export function callLogViolations(entries: readonly CallRecord[]): string[] {
    const found: string[] = [];
    for (const entry of entries) {
        for (const [name, value] of Object.entries(entry.parameters ?? {})) {
            if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
            const keys = Object.keys(value).map(k => k.toLowerCase());
            const isModifier = keys.length > 0 && keys.every(k => MODIFIER_KEYS.has(k));
            if (isModifier && keys.some(k => !ALLOWED.has(k))) found.push(`${entry.route} -${name} keys ${keys.join(', ')}`);
        }
    }
    return found;
}
