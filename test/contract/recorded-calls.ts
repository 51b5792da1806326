/**
 * Records the Teams calls live apply sends (a CmdletRunner in front of the real one) and
 * turns each into an Invocation the contract checker reads, as if it had been written
 * `Cmdlet -Name:value ...`: every parameter named, no splatting, so nothing goes unchecked.
 */
import type { CmdletCall } from '../../tenant/teams/powershell-session.js';
import type { CmdletRunner } from '../../tenant/teams/session-pool.js';
import type { ArgumentValue, Invocation } from './invocation-reader.js';

function isNested(value: unknown): value is { $invoke: CmdletCall } {
    return typeof value === 'object' && value !== null && '$invoke' in value;
}

/** A runner that passes every call on and keeps it, nested `$invoke` calls included (they run too). */
export function recordingRunner(inner: CmdletRunner): { runner: CmdletRunner; calls: CmdletCall[] } {
    const calls: CmdletCall[] = [];
    const keep = (call: CmdletCall): void => {
        calls.push(call);
        const visit = (value: unknown): void => {
            if (isNested(value)) keep(value.$invoke);
            else if (Array.isArray(value)) value.forEach(visit);
            else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
        };
        Object.values(call.parameters ?? {}).forEach(visit);
    };
    return {
        calls,
        runner: {
            run: (batch, options) => { batch.forEach(keep); return inner.run(batch, options); },
            invoke: call => { keep(call); return inner.invoke(call); }
        }
    };
}

function argumentOf(value: unknown): ArgumentValue {
    if (typeof value === 'string') return { t: 'string', v: value };
    if (typeof value === 'number') return { t: 'number', v: String(value) };
    if (typeof value === 'boolean') return { t: 'bool', v: value };
    if (value === null || value === undefined) return { t: 'null' };
    if (Array.isArray(value)) return { t: 'array', items: value.map(argumentOf) };
    if (isNested(value)) return { t: 'expression', text: `(${value.$invoke.command} ...)` };
    // The Id of a nested call's output (a call flow's, a schedule's): an expression, as the compiled script writes it.
    if (typeof value === 'object' && '$idOf' in value) return { t: 'expression', text: '(...).Id' };
    return { t: 'hashtable', keys: Object.keys(value) };
}

export function invocationOf(call: CmdletCall, line: number): Invocation {
    const parameters = Object.entries(call.parameters ?? {});
    return {
        command: call.command,
        line,
        text: `${call.command} ${parameters.map(([name, value]) => `-${name}:${JSON.stringify(value)}`).join(' ')}`.slice(0, 200),
        elements: parameters.map(([name, value]) => ({ k: 'param' as const, name, arg: argumentOf(value) }))
    };
}
