/**
 * The "Export Tenant to Folder…" command's logic without VS Code: the `voice export` command
 * line for the configured target, and what its exit code means (0 written, 1 written with
 * errors the tenant holds, 2 refused: cli/commands/export.ts, docs/export.md).
 */
import type { VoiceSettings } from '../../shared/settings.js';
import { targetArgs } from './cli-args.js';

export type ExportScope = 'shared-calling' | 'all-voice';

/** `voice export <target> --out <folder> --scope <scope> [--force]`. */
export function exportArgs(settings: VoiceSettings, folder: string, scope: ExportScope, force: boolean): string[] {
    return ['export', ...targetArgs(settings), '--out', folder, '--scope', scope, ...(force ? ['--force'] : [])];
}

export type ExportOutcome =
    | { kind: 'written' | 'errors'; status: string }
    | { kind: 'error'; message: string };

/** The CLI's own summary line ("A plan of the export ... no changes.", "3 error(s) in the export ..."), else a generic one. */
export function exportOutcome(result: { code: number; stdout: string; stderr: string }): ExportOutcome {
    const lines = result.stderr.trim().split('\n').map(l => l.trim()).filter(Boolean);
    if (result.code === 0) {
        const roundTrip = lines.find(l => l.startsWith('A plan of the export'));
        return { kind: 'written', status: `Exported the tenant. ${roundTrip ?? ''}`.trim() };
    }
    if (result.code === 1) {
        const errors = lines.find(l => /error\(s\) in the export/.test(l));
        if (errors) return { kind: 'errors', status: `Exported the tenant as it is: ${errors}` };
    }
    const line = (lines.find(l => l.startsWith('voice export: ')) ?? lines[lines.length - 1] ?? result.stdout.trim().split('\n')[0] ?? '').replace(/^voice export: /, '');
    return { kind: 'error', message: `Export failed (exit ${result.code}): ${line || 'no message'}` };
}

/** The files to show after an export: network.voice first (what the others import), then the rest by name. */
export function filesToOpen(names: readonly string[]): string[] {
    const voice = names.filter(n => n.endsWith('.voice')).sort();
    return [...voice.filter(n => n === 'network.voice'), ...voice.filter(n => n !== 'network.voice')];
}
