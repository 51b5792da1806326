/**
 * The "Emergency Readiness" command's logic without VS Code: the `voice report emergency`
 * command line, what its exit code means (0 ready, 2 gaps found, 1 error: cli/commands/report.ts),
 * and the report's self-contained HTML made fit for a webview.
 */
import type { VoiceSettings } from '../../shared/settings.js';
import { targetArgs } from './cli-args.js';

/** `voice report emergency <setup files> <target> --format html`. */
export function readinessArgs(files: string[], settings: VoiceSettings): string[] {
    return ['report', 'emergency', ...files, ...targetArgs(settings), '--format', 'html'];
}

export type ReadinessOutcome =
    | { kind: 'ready' | 'gaps'; html: string; status: string }
    | { kind: 'error'; message: string };

/** The counts from the report's summary line ("7 of 10 member(s) in 3 group(s) ready; 3 member(s) and 1 group(s) with gaps."). */
export function readinessCounts(html: string): { ready: number; members: number; membersWithGaps: number; groupsWithGaps: number } | undefined {
    const match = /(\d+) of (\d+) member\(s\) in \d+ group\(s\) ready(?:; (\d+) member\(s\) and (\d+) group\(s\) with gaps)?/.exec(html);
    if (!match) return undefined;
    return { ready: Number(match[1]), members: Number(match[2]), membersWithGaps: Number(match[3] ?? 0), groupsWithGaps: Number(match[4] ?? 0) };
}

/** Exit 2 is a report too (gaps found), not an error; any other code than 0 or 2 is the CLI's message. */
export function readinessOutcome(result: { code: number; stdout: string; stderr: string }): ReadinessOutcome {
    if (result.code === 0 || result.code === 2) {
        const counts = readinessCounts(result.stdout);
        const ready = counts ? `${counts.ready} of ${counts.members} member(s) ready` : 'report ready';
        if (result.code === 0) return { kind: 'ready', html: result.stdout, status: `Emergency readiness: ${ready}.` };
        // A group can have a gap of its own (not found, a call's location) with no member's gap.
        const gaps = counts ? `${counts.membersWithGaps} member(s) and ${counts.groupsWithGaps} group(s) with gaps` : 'gaps found';
        return { kind: 'gaps', html: result.stdout, status: `Emergency readiness: ${gaps}; ${ready}.` };
    }
    const line = (result.stderr || result.stdout).trim().split('\n')[0]?.replace(/^voice report: /, '');
    return { kind: 'error', message: `Emergency readiness report failed (exit ${result.code}): ${line || 'no message'}` };
}

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi;

/**
 * The report's page for a webview: its own policy replaced by a stricter one (nothing loads,
 * no script runs; only the report's own <style> blocks, by nonce, not any inline style).
 */
export function webviewHtml(html: string, nonce: string): string {
    if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('a webview nonce is at least 16 base64 characters');
    const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'">`;
    const page = html.replace(CSP_META, '').replace(/<style(\s[^>]*)?>/gi, `<style nonce="${nonce}">`);
    const head = /<head[^>]*>/i.exec(page);
    if (head) return page.slice(0, head.index + head[0].length) + '\n' + policy + page.slice(head.index + head[0].length);
    return `<!DOCTYPE html>\n<html><head>${policy}</head><body>${page}</body></html>`;
}
