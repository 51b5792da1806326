/**
 * The rules of one auto attendant's business hours and holidays (docs/diagnostics.md):
 * days and "hh:mm-hh:mm" ranges that New-CsOnlineTimeRange takes (start before end, on
 * 15-minute boundaries [AA-TIMERANGE]), no two ranges of a day overlapping, holidays as real
 * dates with their end not before their start and one label each, and a transfer to the operator
 * only where there is one.
 */
import type { AstNode } from 'langium';
import type { AutoAttendant, BusinessHours, ClosedAction, Holiday } from './generated/ast.js';
import { clock, daySpan, holidayDays, timeRange, type TimeRange, type Weekday } from './business-hours.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';

export type HoursReport = (code: IssueCode, message: string, info: { node: AstNode; property: string; index?: number }) => void;

export function checkBusinessHours(node: AutoAttendant, report: HoursReport): void {
    const open = new Map<Weekday, { range: TimeRange; clause: BusinessHours; index: number }[]>();
    for (const clause of node.hours) {
        // A day span cut short by a syntax error (`hours to fri …`) has no first day; the parser already reported it.
        if (clause.days.some(span => typeof span.first !== 'string')) continue;
        clause.days.forEach((span, i) => {
            const days = daySpan(span.first, span.last);
            if (typeof days === 'string') report(IssueCodes.InvalidBusinessHours, days, { node: clause, property: 'days', index: i });
        });
        clause.ranges.forEach((text, index) => {
            const range = timeRange(text);
            if (typeof range === 'string') {
                report(IssueCodes.InvalidBusinessHours, range, { node: clause, property: 'ranges', index });
                return;
            }
            for (const span of clause.days) {
                const days = daySpan(span.first, span.last);
                if (typeof days === 'string') continue;
                for (const day of days) {
                    const earlier = open.get(day) ?? [];
                    const clash = earlier.find(e => e.range.start < range.end && range.start < e.range.end);
                    if (clash) {
                        report(IssueCodes.OverlappingHours,
                            `On ${day[0]!.toUpperCase()}${day.slice(1)}, ${clock(range.start)}-${clock(range.end)} overlaps ${clock(clash.range.start)}-${clock(clash.range.end)}: ` +
                            `a day's open hours are separate time ranges; join them into one or move one.`,
                            { node: clause, property: 'ranges', index });
                        return;
                    }
                    open.set(day, [...earlier, { range, clause, index }]);
                }
            }
        });
    }
    const labels = new Set<string>();
    node.holidays.forEach(holiday => {
        // A holiday cut short by a syntax error lacks its name or date; the parser already reported it.
        if (typeof holiday.label !== 'string' || typeof holiday.start !== 'string') return;
        const days = holidayDays(holiday.start, holiday.end);
        if (typeof days === 'string') report(IssueCodes.InvalidHoliday, days, { node: holiday, property: holiday.end !== undefined && !days.includes(`"${holiday.start}"`) ? 'end' : 'start' });
        if (holiday.label.trim() === '') report(IssueCodes.InvalidHoliday, 'A holiday needs a name: it names its schedule and call flow in Teams.', { node: holiday, property: 'label' });
        else if (labels.has(holiday.label.trim().toLowerCase())) {
            report(IssueCodes.InvalidHoliday, `A holiday named "${holiday.label}" is already declared on this auto attendant; give each its own name.`, { node: holiday, property: 'label' });
        }
        labels.add(holiday.label.trim().toLowerCase());
    });
    const toOperator = [node.afterHours, ...node.holidays.map((h: Holiday) => h.action)].find((a): a is ClosedAction => a?.toOperator === true);
    if (toOperator && node.operatorAccount === undefined && node.operatorNumber === undefined) {
        report(IssueCodes.MissingProperty, `'transfer operator' needs an operator: add 'operator <resource account>' or 'operator "<number>"' to this auto attendant.`,
            { node: toOperator, property: 'toOperator' });
    }
}
