/**
 * The readiness report as one self-contained HTML page: inline CSS, no script, no remote
 * content (a Content-Security-Policy says so), and every piece of tenant text HTML-escaped,
 * since display names and addresses come from the directory, not from us.
 */
import { CHECK_TITLES, MEMBER_CHECKS, type Check, type Finding, type GroupReport, type ReadinessReport } from './emergency-readiness.js';
import { summaryLine } from './render-readiness.js';

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.ok { background: #eef8ee; } .gap { background: #fdecec; font-weight: 600; } .note { background: #fff7e0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .85rem; }
.badge.ok { color: #185c18; } .badge.gap { color: #8a1010; }
.sources { color: #666; font-size: .8rem; }
ul.findings li.gap { color: #8a1010; } ul.findings li.warning { color: #7a5200; }
`;

const cite = (sources: readonly string[]) => (sources.length > 0 ? ` <span class="sources">[${escapeHtml(sources.join(', '))}]</span>` : '');

function findingsList(findings: Finding[]): string {
    if (findings.length === 0) return '';
    return `<ul class="findings">${findings.map(f => `<li class="${f.severity}">${escapeHtml(f.message)}${cite(f.sources)}</li>`).join('')}</ul>`;
}

function cell(check: Check): string {
    return `<td class="${check.status}">${escapeHtml(check.value)}${cite(check.sources)}</td>`;
}

function groupSection(g: GroupReport): string {
    const status = g.ready ? '<span class="badge ok">ready</span>' : '<span class="badge gap">gaps</span>';
    const policy = g.sharedCallingPolicy ? `Shared Calling policy ${g.sharedCallingPolicy.name} (rank ${g.sharedCallingPolicy.rank})` : 'No Shared Calling policy granted';
    const rows = g.members.map(m => `<tr><td>${escapeHtml(m.displayName)}<br><span class="sources">${escapeHtml(m.userPrincipalName)}</span></td>${MEMBER_CHECKS.map(c => cell(m.checks[c])).join('')}</tr>`);
    return [
        `<section><h2>${escapeHtml(g.key)}: ${escapeHtml(g.displayName)} ${status}</h2>`,
        `<p>${escapeHtml(policy)}; emergency call routing policy ${escapeHtml(g.emergencyRoutingPolicy ?? '(no emergency statement)')}; ` +
            `emergency calling policy ${escapeHtml(g.emergencyCallingPolicy ?? '(none declared)')}.</p>`,
        `<p class="${g.location.status}">Without a dynamic location, a call carries: ${escapeHtml(g.location.value)}${cite(g.location.sources)}</p>`,
        findingsList(g.findings),
        rows.length > 0
            ? `<table><thead><tr><th>Member</th>${MEMBER_CHECKS.map(c => `<th>${escapeHtml(CHECK_TITLES[c])}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`
            : '<p>No direct members.</p>',
        '</section>'
    ].filter(Boolean).join('\n');
}

export function renderReadinessHtml(report: ReadinessReport): string {
    const list = (title: string, items: string[]) => `<li>${escapeHtml(title)}: ${items.length > 0 ? items.map(escapeHtml).join('; ') : 'none'}</li>`;
    return [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        // Nothing may load from anywhere: the page is one file, styles inline.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        `<title>Emergency readiness: ${escapeHtml(report.target)}</title>`,
        `<style>${CSS}</style>`,
        '</head>',
        '<body>',
        `<h1>Emergency readiness ${report.ready ? '<span class="badge ok">ready</span>' : '<span class="badge gap">gaps found</span>'}</h1>`,
        `<p>${escapeHtml(report.target)}: ${escapeHtml(summaryLine(report))}</p>`,
        `<h2>Dynamic emergency calling in the tenant${cite(['DYN-EMERG'])}</h2>`,
        `<ul>${list('Trusted IPs', report.dynamic.trustedIps)}${list('Network sites', report.dynamic.sites)}${list('LIS entries', report.dynamic.lis)}</ul>`,
        findingsList(report.findings),
        ...report.groups.map(groupSection),
        '</body>',
        '</html>',
        ''
    ].join('\n');
}
