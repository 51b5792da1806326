/**
 * The readiness report as text (a terminal), JSON (pipelines) and markdown (a pull request).
 * Text shows a ready member in one line and spells out what a member lacks; markdown and the
 * HTML page (render-readiness-html.ts) show every column for every member.
 */
import { CHECK_TITLES, MEMBER_CHECKS, type Check, type Finding, type GroupReport, type ReadinessReport } from './emergency-readiness.js';

export const REPORT_FORMAT_VERSION = 1;

const cite = (sources: readonly string[]) => (sources.length > 0 ? ` [${sources.join(', ')}]` : '');
const MARK: Record<Check['status'], string> = { ok: '✓', gap: '✗', note: '!' };
const FINDING_MARK: Record<Finding['severity'], string> = { gap: '✗', warning: '!', info: 'i' };

/** One line of the summary, shared by every format. */
export function summaryLine(report: ReadinessReport): string {
    const { groups, members, ready, withGaps } = report.summary;
    const groupGaps = report.groups.filter(g => !g.ready).length;
    return `${ready} of ${members} member(s) in ${groups} group(s) ready` +
        (report.ready ? '.' : `; ${withGaps} member(s) and ${groupGaps} group(s) with gaps.`);
}

function policyLine(g: GroupReport): string {
    const sc = g.sharedCallingPolicy ? `Shared Calling policy ${g.sharedCallingPolicy.name} (rank ${g.sharedCallingPolicy.rank})` : 'no Shared Calling policy granted';
    return `${sc}; emergency call routing policy ${g.emergencyRoutingPolicy ?? '(no emergency statement)'}` +
        `; emergency calling policy ${g.emergencyCallingPolicy ?? '(none declared)'}`;
}

function dynamicLines(report: ReadinessReport): string[] {
    const { trustedIps, sites, lis } = report.dynamic;
    const list = (items: string[]) => (items.length > 0 ? items.join('; ') : 'none');
    return [`trusted IPs: ${list(trustedIps)}`, `network sites: ${list(sites)}`, `LIS entries: ${list(lis)}`];
}

export function renderReadinessText(report: ReadinessReport): string {
    const out = [`Emergency readiness of ${report.target}: ${summaryLine(report)}`, '', 'Dynamic emergency calling in the tenant [DYN-EMERG]:'];
    out.push(...dynamicLines(report).map(l => `  ${l}`));
    for (const f of report.findings) out.push(`  ${FINDING_MARK[f.severity]} ${f.message}${cite(f.sources)}`);
    for (const g of report.groups) {
        out.push('', `Group ${g.key} "${g.displayName}": ${g.ready ? 'ready' : 'GAPS'}`, `  ${policyLine(g)}`);
        out.push(`  ${MARK[g.location.status]} Without a dynamic location, a call carries: ${g.location.value}${cite(g.location.sources)}`);
        if (g.worksAt) out.push(`    members work at ${g.worksAt}; dynamic entries there: ${g.dynamicHere.length > 0 ? g.dynamicHere.join(', ') : 'none'}`);
        for (const f of g.findings) out.push(`  ${FINDING_MARK[f.severity]} ${f.message}${cite(f.sources)}`);
        if (g.members.length === 0) out.push('  (no direct members)');
        // A remark every member shares (the tenant's default emergency calling policy, say) is said once.
        const shared = MEMBER_CHECKS.filter(c => g.members.length > 1 && g.members.every(m => m.checks[c].status !== 'ok' && m.checks[c].value === g.members[0]!.checks[c].value));
        for (const c of shared) out.push(`  ${MARK[g.members[0]!.checks[c].status]} every member: ${CHECK_TITLES[c]}: ${g.members[0]!.checks[c].value}${cite(g.members[0]!.checks[c].sources)}`);
        for (const m of g.members) {
            out.push(`  ${m.ready ? '✓' : '✗'} ${m.displayName} <${m.userPrincipalName}>`);
            for (const c of MEMBER_CHECKS) {
                const check = m.checks[c];
                if (check.status !== 'ok' && !shared.includes(c)) out.push(`      ${MARK[check.status]} ${CHECK_TITLES[c]}: ${check.value}${cite(check.sources)}`);
            }
        }
    }
    return out.join('\n');
}

export function renderReadinessJson(report: ReadinessReport): string {
    return JSON.stringify({ format: 'voice-emergency-readiness', version: REPORT_FORMAT_VERSION, ...report }, null, 2);
}

/** Text inside a markdown table cell: no HTML, no table breaks, no emphasis or links from a display name. */
export function markdownCell(text: string): string {
    return text.replace(/[\\`*_[\]{}()#+!|~<>&]/g, ch => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`)).replace(/\s*\n\s*/g, ' ');
}

const MD_MARK: Record<Check['status'], string> = { ok: '✅', gap: '❌', note: '⚠️' };

export function renderReadinessMarkdown(report: ReadinessReport): string {
    const out = [`## Emergency readiness: ${report.ready ? '✅ ready' : '❌ gaps found'}`, '', `${markdownCell(report.target)}: ${markdownCell(summaryLine(report))}`, ''];
    out.push('**Dynamic emergency calling** [DYN-EMERG]', '', ...dynamicLines(report).map(l => `- ${markdownCell(l)}`));
    for (const f of report.findings) out.push(`- ${markdownCell(f.message)}${cite(f.sources)}`);
    for (const g of report.groups) {
        out.push('', `### ${g.ready ? '✅' : '❌'} ${markdownCell(g.key)}: ${markdownCell(g.displayName)}`, '', markdownCell(policyLine(g)), '');
        out.push(`${MD_MARK[g.location.status]} Without a dynamic location, a call carries: ${markdownCell(g.location.value)}${cite(g.location.sources)}`);
        for (const f of g.findings) out.push('', `${f.severity === 'info' ? 'ℹ️' : MD_MARK[f.severity === 'gap' ? 'gap' : 'note']} ${markdownCell(f.message)}${cite(f.sources)}`);
        if (g.members.length === 0) continue;
        out.push('', `| Member | ${MEMBER_CHECKS.map(c => CHECK_TITLES[c]).join(' | ')} |`, `|---|${MEMBER_CHECKS.map(() => '---').join('|')}|`);
        for (const m of g.members) {
            const cells = MEMBER_CHECKS.map(c => `${MD_MARK[m.checks[c].status]} ${markdownCell(m.checks[c].value)}`);
            out.push(`| ${markdownCell(m.displayName)} (${markdownCell(m.userPrincipalName)}) | ${cells.join(' | ')} |`);
        }
    }
    return out.join('\n') + '\n';
}
