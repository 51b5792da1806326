/**
 * Checks one parsed cmdlet invocation against the documented contract, as PowerShell would
 * bind it against Microsoft's module: every named parameter exists (by name or documented
 * alias), the parameters fit one documented parameter set, that set's mandatory parameters
 * are present, literal values are accepted (documented values, numbers for numeric types,
 * $true/$false or numbers for Boolean, GUIDs for Guid), and a list-modifier hashtable uses
 * only the keys Add and Remove (Teams PowerShell 4.2.0 release notes).
 *
 * A splatted argument (`@x`) is unknown but allowed: its keys are not known to the parser,
 * so an invocation with one is not held to the mandatory parameters, and its positional
 * binding is not checked.
 */
import { findCmdlet, resolveParameter, type CmdletContract, type ContractCmdlet, type ContractSet } from './contract.js';
import type { ArgumentValue, Invocation } from './invocation-reader.js';

export type ViolationKind =
    | 'unknown-parameter' | 'no-parameter-set' | 'missing-mandatory' | 'ambiguous-parameter-set' | 'positional-argument'
    | 'value-not-accepted' | 'list-modifier-key' | 'parse-error';

export interface Violation {
    kind: ViolationKind;
    cmdlet: string;
    line: number;
    parameter?: string;
    detail: string;
}

const LIST_MODIFIER_KEYS = new Set(['add', 'remove']);
const NUMERIC = new Set(['Int16', 'Int32', 'Int64', 'UInt32', 'Double']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Bound {
    name: string;
    value?: ArgumentValue;
}

function typeOf(cmdlet: ContractCmdlet, parameter: string): string | null {
    for (const set of cmdlet.parameterSets) {
        const p = set.parameters.find(x => x.name === parameter);
        if (p) return p.type;
    }
    return null;
}

function literalProblem(cmdlet: ContractCmdlet, parameter: string, value: ArgumentValue): string | undefined {
    const type = typeOf(cmdlet, parameter);
    const accepted = cmdlet.parameters[parameter]?.acceptedValues;
    const literals = value.t === 'array' ? value.items : [value];
    for (const item of literals) {
        if (item.t === 'string' && accepted && !accepted.some(a => a.toLowerCase() === item.v.toLowerCase())) {
            return `'${item.v}' is not one of the documented values ${accepted.join(', ')}`;
        }
        if (type && NUMERIC.has(type) && (item.t === 'string' || item.t === 'bool') && !(item.t === 'string' && /^-?\d+(\.\d+)?$/.test(item.v))) {
            return `${item.t === 'bool' ? `$${item.v}` : `'${item.v}'`} is not a number (${type})`;
        }
        if (type === 'Boolean' && item.t === 'string') return `'${item.v}' is a string; a Boolean parameter takes only $true, $false or a number`;
        if (type === 'Guid' && item.t === 'string' && !GUID.test(item.v)) return `'${item.v}' is not a GUID`;
    }
    return undefined;
}

/** The violations of one invocation; none for commands the contract does not document. */
export function checkInvocation(contract: CmdletContract, invocation: Invocation): Violation[] {
    const found = findCmdlet(contract, invocation.command);
    if (!found) return [];
    const [cmdletName, cmdlet] = found;
    const violations: Violation[] = [];
    const report = (kind: ViolationKind, detail: string, parameter?: string): void => { violations.push({ kind, cmdlet: cmdletName, line: invocation.line, parameter, detail }); };
    const ignored = new Set([...contract.commonParameters, ...(cmdlet.supportsShouldProcess ? contract.shouldProcessParameters : [])].map(p => p.toLowerCase()));

    const bound: Bound[] = [];
    const positional: ArgumentValue[] = [];
    let splatted = false;
    const elements = invocation.elements;
    for (let i = 0; i < elements.length; i++) {
        const element = elements[i]!;
        if (element.k === 'arg') {
            if (element.t === 'splat') splatted = true;
            else positional.push(element);
            continue;
        }
        if (ignored.has(element.name.toLowerCase())) {
            // A common parameter with a value takes the next element (-ErrorAction Stop).
            const next = elements[i + 1];
            if (!element.arg && next?.k === 'arg' && !/^(whatif|confirm|verbose|debug)$/i.test(element.name)) i++;
            continue;
        }
        const name = resolveParameter(cmdlet, element.name);
        if (!name) {
            report('unknown-parameter', `-${element.name} is not a documented parameter of ${cmdletName}`, element.name);
            const next = elements[i + 1];
            if (!element.arg && next?.k === 'arg' && next.t !== 'splat') i++;
            continue;
        }
        let value = element.arg;
        if (!value && typeOf(cmdlet, name) !== 'SwitchParameter') {
            const next = elements[i + 1];
            if (next?.k === 'arg' && next.t !== 'splat') { value = next; i++; }
        }
        bound.push({ name, value });
    }

    for (const b of bound) {
        if (!b.value) continue;
        if (b.value.t === 'hashtable') {
            for (const key of b.value.keys) {
                if (!LIST_MODIFIER_KEYS.has(key.toLowerCase())) report('list-modifier-key', `-${b.name} @{ ${key} = ... }: a list modifier takes only Add or Remove`, b.name);
            }
            continue;
        }
        const problem = literalProblem(cmdlet, b.name, b.value);
        if (problem) report('value-not-accepted', `-${b.name}: ${problem}`, b.name);
    }

    const names = new Set(bound.map(b => b.name));
    const fits = (set: ContractSet): boolean => [...names].every(n => set.parameters.some(p => p.name === n));
    let candidates = cmdlet.parameterSets.filter(fits);
    if (candidates.length === 0) {
        report('no-parameter-set', `no documented parameter set of ${cmdletName} takes ${[...names].map(n => `-${n}`).join(', ')} together`);
        return violations;
    }
    if (positional.length > 0 && !splatted) {
        // Positional arguments bind to the set's positional parameters in position order.
        candidates = candidates.filter(set => set.parameters.filter(p => typeof p.position === 'number' && !names.has(p.name)).length >= positional.length);
        if (candidates.length === 0) {
            report('positional-argument', `${positional.length} positional argument(s), and no documented set of ${cmdletName} has that many positional parameters left`);
            return violations;
        }
        for (const set of candidates) {
            const open = set.parameters.filter(p => typeof p.position === 'number' && !names.has(p.name)).sort((a, b) => (a.position as number) - (b.position as number));
            positional.forEach((_, i) => names.add(open[i]!.name));
        }
    }
    if (splatted) return violations;
    const complete = candidates.filter(set => set.parameters.every(p => !p.mandatory || names.has(p.name)));
    if (complete.length === 0) {
        const nearest = candidates.map(set => ({ set, missing: set.parameters.filter(p => p.mandatory && !names.has(p.name)).map(p => p.name) })).sort((a, b) => a.missing.length - b.missing.length)[0]!;
        report('missing-mandatory', `set ${nearest.set.name} of ${cmdletName} needs ${nearest.missing.map(n => `-${n}`).join(', ')}`, nearest.missing[0]);
    } else if (complete.length > 1 && !complete.some(s => s.isDefault)) {
        report('ambiguous-parameter-set', `${cmdletName} could bind to ${complete.map(s => s.name).join(' or ')}; PowerShell cannot choose`);
    }
    return violations;
}

/** Every violation of the scripts' invocations. */
export function checkScripts(contract: CmdletContract, scripts: { file: string; errors: string[]; invocations: Invocation[] }[]): Violation[] {
    return scripts.flatMap(s => [
        ...s.errors.map(e => ({ kind: 'parse-error' as const, cmdlet: '', line: Number(e.split(':')[0]), detail: `${s.file}: ${e}` })),
        ...s.invocations.flatMap(i => checkInvocation(contract, i).map(v => ({ ...v, detail: `${s.file}:${v.line}: ${v.detail}` })))
    ]);
}
