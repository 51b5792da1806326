/**
 * The shapes every compiled block shares: nested lines, and the ShouldProcess guard that
 * records what happened (Add-VoiceResult). Kind modules build their blocks from these.
 */
import { psString } from './powershell-quote.js';

/** Lines of PowerShell; nested arrays are indented one level (4 spaces). */
export type Lines = (string | Lines)[];

export function flattenLines(lines: Lines, indent = ''): string[] {
    // Into one array: a flatMap per nesting level made and copied an array per block (a third of a second at 5,000 stores).
    const out: string[] = [];
    appendLines(lines, indent, out);
    return out;
}

function appendLines(lines: Lines, indent: string, out: string[]): void {
    for (const line of lines) {
        if (typeof line === 'string') out.push(line === '' ? '' : indent + line);
        else appendLines(line, `${indent}    `, out);
    }
}

/**
 * Writes, each sent again while it is refused "not found": an object it names (a policy,
 * gateway or location created moments ago) may not have replicated yet. The one place the
 * script waits for a write's references (New-VoiceRetry, Wait-VoiceRetry in
 * script-runtime.ts). Each statement gets its own loop, so a retry never repeats a write
 * before it (a Remove before a Grant); loops of statements keep the calls plain invocations,
 * outside any script block. Comment lines stay with the statement after them.
 */
export function retried(body: Lines): Lines {
    const out: Lines = [];
    let comments: string[] = [];
    for (const line of body) {
        if (typeof line === 'string' && line.trimStart().startsWith('#')) {
            comments.push(line);
            continue;
        }
        out.push(...comments, 'for ($retry = New-VoiceRetry; ; ) {', ['try {', [line, 'break'], '} catch { Wait-VoiceRetry -Retry $retry -ErrorRecord $_ }'], '}');
        comments = [];
    }
    return [...out, ...comments];
}

/** `if ShouldProcess { body; record outcome } else { record Pending }`. `target` is a PowerShell expression. */
export function guarded(target: string, action: string, body: Lines, outcome: 'Created' | 'Changed', label: string): Lines {
    return [
        `if ($PSCmdlet.ShouldProcess(${target}, ${psString(action)})) {`,
        [...retried(body), `Add-VoiceResult ${outcome} ${psString(label)} ${target}`],
        `} else { Add-VoiceResult Pending ${psString(label)} ${target} }`
    ];
}

/**
 * Read, then create / change / leave alone: the shape of most idempotent blocks. A create
 * that finds the object already there (an earlier run's object not yet visible to reads
 * because of replication, or a concurrent run) is no error: the block waits until the read
 * sees it, then compares and changes it as for any existing object.
 */
export function createOrUpdate(opts: {
    read: string; target: string; label: string; create: Lines; differs: string[]; update: Lines; createAction?: string; updateAction?: string;
}): Lines {
    const lines: Lines = [
        `$current = ${opts.read}`, 'if ($null -eq $current) {',
        [
            `if ($PSCmdlet.ShouldProcess(${opts.target}, ${psString(opts.createAction ?? `Create ${opts.label}`)})) {`,
            [
                'try {',
                [...retried(opts.create), `Add-VoiceResult Created ${psString(opts.label)} ${opts.target}`],
                '} catch {',
                ['if (-not (Test-VoiceAlreadyExists $_)) { throw }', `$current = Wait-VoiceRead -What ${opts.target} -Read { ${opts.read} }`],
                '}'
            ],
            `} else { Add-VoiceResult Pending ${psString(opts.label)} ${opts.target} }`
        ],
        '}',
        'if ($null -ne $current) {'
    ];
    const unchanged = `Add-VoiceResult Unchanged ${psString(opts.label)} ${opts.target}`;
    if (opts.differs.length > 0) {
        lines.push([
            `if (${opts.differs.join(' -or ')}) {`,
            guarded(opts.target, opts.updateAction ?? `Update ${opts.label}`, opts.update, 'Changed', opts.label),
            `} else { ${unchanged} }`
        ]);
    } else {
        lines.push([unchanged]);
    }
    lines.push('}');
    return lines;
}
