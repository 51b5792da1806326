/** The Emergency Readiness command without VS Code: its command line, its exit codes, and the report's page in a webview. */
import { describe, expect, test } from 'vitest';
import { readinessArgs, readinessCounts, readinessOutcome, webviewHtml } from '../../client/logic/readiness-report.js';
import type { GroupReport, ReadinessReport } from '../../language/report/emergency-readiness.js';
import { renderReadinessHtml } from '../../language/report/render-readiness-html.js';
import { readVoiceSettings } from '../../shared/settings.js';

const DEFAULT_SETTINGS = readVoiceSettings(() => undefined);

const NONCE = 'c2VjcmV0LW5vbmNlLTEyMzQ1Ng==';

/** The CLI's own HTML for a report with these counts (the renderer the CLI uses). */
function page(ready: number, members: number, groupGap?: GroupReport): string {
    const report: ReadinessReport = {
        target: 'the tenant emulator at http://127.0.0.1:7780', ready: ready === members && !groupGap,
        summary: { groups: 3, members, ready, withGaps: members - ready },
        dynamic: { trustedIps: [], sites: [], lis: [] }, findings: [], groups: groupGap ? [groupGap] : []
    };
    return renderReadinessHtml(report);
}

/** A group whose own line has a gap (no member of it has one). */
const groupWithGap: GroupReport = {
    key: 'SpokaneAssociates', displayName: 'Store Associates Spokane', ready: false,
    sharedCallingPolicy: { name: 'WashingtonStores', rank: 2 }, emergencyRoutingPolicy: 'SharedCalling-Emergency-SpokaneAssociates',
    fallback: { policy: 'WashingtonStores', address: '1 Main St, Seattle' }, dynamicHere: [],
    location: { status: 'gap', value: '1 Main St, Seattle', sources: ['SC-SETUP'] }, findings: [], members: []
};

describe('the Emergency Readiness command', () => {
    test('runs the report of the setup\'s files against the target, as HTML', () => {
        const emulator = { ...DEFAULT_SETTINGS, tenant: 'emulator', emulatorUrl: 'http://127.0.0.1:7791' };
        expect(readinessArgs(['/w/a.voice', '/w/b.voice'], emulator)).toEqual(
            ['report', 'emergency', '/w/a.voice', '/w/b.voice', '--tenant', 'emulator', '--emulator-url', 'http://127.0.0.1:7791', '--format', 'html']);
        const tenant = { ...DEFAULT_SETTINGS, tenant: 'contoso.onmicrosoft.com', signIn: 'azure-cli' as const };
        expect(readinessArgs(['/w/a.voice'], tenant)).toEqual(
            ['report', 'emergency', '/w/a.voice', '--tenant', 'contoso.onmicrosoft.com', '--sign-in', 'azure-cli', '--format', 'html']);
    });

    test('exit 0 is ready, exit 2 a report with gaps (not an error), exit 1 the CLI\'s message', () => {
        const ready = readinessOutcome({ code: 0, stdout: page(10, 10), stderr: 'Read 16 users.' });
        expect(ready).toMatchObject({ kind: 'ready', status: 'Emergency readiness: 10 of 10 member(s) ready.' });
        const gaps = readinessOutcome({ code: 2, stdout: page(7, 10), stderr: '' });
        expect(gaps).toMatchObject({ kind: 'gaps', status: 'Emergency readiness: 3 member(s) and 0 group(s) with gaps; 7 of 10 member(s) ready.' });
        expect(gaps.kind !== 'error' && gaps.html).toBe(page(7, 10));
        expect(readinessOutcome({ code: 2, stdout: page(4, 4, groupWithGap), stderr: '' })).toMatchObject(
            { kind: 'gaps', status: 'Emergency readiness: 0 member(s) and 1 group(s) with gaps; 4 of 4 member(s) ready.' });
        expect(readinessOutcome({ code: 1, stdout: '', stderr: 'voice report: unknown format \'pdf\'\nmore' })).toEqual(
            { kind: 'error', message: 'Emergency readiness report failed (exit 1): unknown format \'pdf\'' });
        expect(readinessOutcome({ code: 130, stdout: '', stderr: '' })).toMatchObject({ kind: 'error', message: /exit 130\): no message$/ });
    });

    test('reads the counts from the report\'s summary line', () => {
        expect(readinessCounts(page(0, 10))).toEqual({ ready: 0, members: 10, membersWithGaps: 10, groupsWithGaps: 0 });
        expect(readinessCounts(page(4, 4))).toEqual({ ready: 4, members: 4, membersWithGaps: 0, groupsWithGaps: 0 });
        expect(readinessCounts('<p>nothing</p>')).toBeUndefined();
    });

    test('in the webview, the page runs no script and loads nothing; only its own <style>, by nonce', () => {
        const html = webviewHtml(page(7, 10), NONCE);
        const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map(m => m[1]);
        expect(policies).toEqual([`default-src 'none'; style-src 'nonce-${NONCE}'`]);
        expect(html).not.toContain('unsafe-inline');
        expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style'));
        expect([...html.matchAll(/<style[^>]*>/g)].map(m => m[0])).toEqual([`<style nonce="${NONCE}">`]);
        expect(html).toContain('7 of 10 member(s) in 3 group(s) ready');
        // A page without a head still gets the policy; a weak nonce is refused.
        expect(webviewHtml('<p>x</p>', NONCE)).toMatch(/^<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Security-Policy"/);
        expect(() => webviewHtml('<p>x</p>', 'abc')).toThrow(/nonce/);
    });
});
