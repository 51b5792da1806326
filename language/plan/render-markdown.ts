/**
 * The plan as a pull-request comment (`voice plan --format markdown`): the counts per action,
 * a table per setup step, the tenant checks, what is not managed, and the promise that
 * nothing is deleted. Pure formatting of the plan document.
 */
import type { PlanDocument, PlanDocumentChange } from './plan-document.js';
import { changesByStep, hasChanges } from './plan-document.js';
import { show } from './render.js';

const SYMBOL = { create: '+', update: '~', unchanged: '=' } as const;

/** Text inside a table cell: no line breaks, pipes escaped, HTML-ish brackets neutralised. */
function cell(text: string): string {
    return text.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code inside a table cell: one line, pipes escaped (GFM), a double fence when the text holds a backtick. */
function code(text: string): string {
    const inner = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
    return inner.includes('`') ? `\`\` ${inner} \`\`` : `\`${inner}\``;
}

function fieldsOf(change: PlanDocumentChange): string {
    const parts = change.fields.map(f => `${f.field}: ${show(f.before)} → ${show(f.after)}`);
    if (change.note) parts.push(change.note);
    return cell(parts.join('; '));
}

export function renderDocumentMarkdown(doc: PlanDocument): string {
    const { create, update, unchanged } = doc.summary;
    const lines = [
        `### voice plan for ${cell(doc.tenant.target)}`,
        '',
        hasChanges(doc)
            ? `**${create} to create, ${update} to update, ${unchanged} unchanged.** Nothing will be deleted.`
            : `**No changes.** The tenant matches the files (${unchanged} objects checked). Nothing will be deleted.`,
        '',
        '| Action | Objects |',
        '| --- | ---: |',
        `| ${SYMBOL.create} create | ${create} |`,
        `| ${SYMBOL.update} update | ${update} |`,
        `| ${SYMBOL.unchanged} unchanged | ${unchanged} |`,
        ''
    ];
    for (const { title, changes } of changesByStep(doc)) {
        const shown = changes.filter(c => c.action !== 'unchanged');
        const quiet = changes.length - shown.length;
        lines.push(`#### ${cell(title)}`, '');
        if (shown.length > 0) {
            lines.push('| Action | Kind | Name | Changes | Source |', '| --- | --- | --- | --- | --- |');
            for (const c of shown) {
                lines.push(`| ${SYMBOL[c.action]} ${c.action} | ${c.kind} | ${code(c.name)} | ${fieldsOf(c)} | ${cell(`${c.file}:${c.line}`)} |`);
            }
            lines.push('');
        }
        if (quiet > 0) lines.push(`${quiet} unchanged.`, '');
    }
    if (doc.findings.length > 0) {
        lines.push('#### Tenant checks', '');
        for (const f of doc.findings) lines.push(`- **${f.severity}** ${code(f.code)} ${cell(f.message)} (${cell(`${f.file}:${f.line}`)})`);
        lines.push('');
    }
    if (doc.not_managed.length > 0) {
        lines.push('#### Not managed (in the tenant, not in the files; left alone, never deleted)', '');
        for (const n of doc.not_managed) lines.push(`- ${n.kind} ${code(n.name)}`);
        lines.push('');
    }
    lines.push(`<sub>voice ${cell(doc.tool.version)}, plan format ${doc.format_version}</sub>`);
    return lines.join('\n');
}
