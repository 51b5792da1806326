/**
 * Names for exported declarations: valid `.voice` identifiers (a letter or `_`, then letters,
 * digits or `_`; never a keyword), derived from what Teams shows (display names, policy
 * identities). Some names are fixed by the tenant object itself (a policy's identity, a civic
 * address's `voice:<name>` description); the others are made unique deterministically, in the
 * order they are asked for, so the same tenant always gets the same names.
 */
import { GrammarAST, GrammarUtils, type Grammar } from 'langium';
import { VoiceGrammar } from '../generated/grammar.js';

const ID = /^[_a-zA-Z]\w*$/;
/** Long enough to read, short enough to keep statements on one line. */
const MAX_LENGTH = 48;

let keywords: ReadonlySet<string> | undefined;

/** Every keyword of the grammar: a name may not be one (`number`, `group`, `on`, ...). */
function grammarKeywords(grammar: Grammar = VoiceGrammar()): ReadonlySet<string> {
    keywords ??= new Set([...GrammarUtils.getAllReachableRules(grammar, true)]
        .flatMap(rule => [...streamKeywords(rule)]));
    return keywords;
}

function* streamKeywords(rule: GrammarAST.AbstractRule): Generator<string> {
    const stack: unknown[] = [rule];
    while (stack.length > 0) {
        const node = stack.pop() as Record<string, unknown> | null;
        if (!node || typeof node !== 'object') continue;
        if (GrammarAST.isKeyword(node)) yield node.value;
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            if (Array.isArray(value)) stack.push(...value);
            else if (value && typeof value === 'object') stack.push(value);
        }
    }
}

/** Whether the text can be written as a name as it is. */
export function isVoiceName(text: string): boolean {
    return ID.test(text) && !grammarKeywords().has(text);
}

/**
 * A name from free text: accents dropped, words joined in PascalCase ("Contoso Stores
 * Washington" -> ContosoStoresWashington), a leading digit prefixed with the fallback
 * ("7th Ave" -> Store7thAve), the fallback alone when nothing is left.
 */
export function nameFrom(text: string | undefined, fallback: string): string {
    const ascii = (text ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const words = ascii.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let name = words.map(w => w[0]!.toUpperCase() + w.slice(1)).join('').slice(0, MAX_LENGTH);
    if (name === '') return fallback;
    if (/^\d/.test(name)) name = `${fallback}${name}`;
    return isVoiceName(name) ? name : `${name}_`;
}

/**
 * The names of one export. Fixed names are claimed first (they are what the tenant object is
 * found by); free names then take the first of `Name`, `Name_2`, `Name_3`... not yet taken.
 * Names compare without case, so no two differ by case alone.
 */
export class NameBook {
    private readonly taken = new Set<string>();

    /** A name the tenant object fixes; false when another object already holds it (the export then reports a duplicate). */
    claim(name: string): boolean {
        const key = name.toLowerCase();
        if (this.taken.has(key)) return false;
        this.taken.add(key);
        return true;
    }

    /** A free name: the wanted one, or the wanted one with the lowest free suffix. */
    unique(wanted: string): string {
        for (let i = 1; ; i++) {
            const name = i === 1 ? wanted : `${wanted}_${i}`;
            if (this.claim(name)) return name;
        }
    }
}
