/**
 * The shapes every compiled block shares: nested lines, and the ShouldProcess guard that
 * records what happened (Add-VoiceResult). Kind modules build their blocks from these.
 */
import { psString } from './powershell-quote.js';

/** Lines of PowerShell; nested arrays are indented one level (4 spaces). */
export type Lines = (string | Lines)[];

export function flattenLines(lines: Lines, indent = ''): string[] {
    return lines.flatMap(line => (typeof line === 'string' ? [line === '' ? '' : indent + line] : flattenLines(line, indent + '    ')));
}

/** `if ShouldProcess { body; record outcome } else { record Pending }`. `target` is a PowerShell expression. */
export function guarded(target: string, action: string, body: Lines, outcome: 'Created' | 'Changed', label: string): Lines {
    return [
        `if ($PSCmdlet.ShouldProcess(${target}, ${psString(action)})) {`,
        [...body, `Add-VoiceResult ${outcome} ${psString(label)} ${target}`],
        `} else { Add-VoiceResult Pending ${psString(label)} ${target} }`
    ];
}

/** Read, then create / change / leave alone: the shape of most idempotent blocks. */
export function createOrUpdate(opts: {
    read: string; target: string; label: string; create: Lines; differs: string[]; update: Lines; createAction?: string; updateAction?: string;
}): Lines {
    const lines: Lines = [
        `$current = ${opts.read}`, 'if ($null -eq $current) {',
        guarded(opts.target, opts.createAction ?? `Create ${opts.label}`, opts.create, 'Created', opts.label)
    ];
    if (opts.differs.length > 0) {
        lines.push(`} elseif (${opts.differs.join(' -or ')}) {`, guarded(opts.target, opts.updateAction ?? `Update ${opts.label}`, opts.update, 'Changed', opts.label));
    }
    lines.push(`} else { Add-VoiceResult Unchanged ${psString(opts.label)} ${opts.target} }`);
    return lines;
}
