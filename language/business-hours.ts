/**
 * An auto attendant's business hours and holidays as the `.voice` file writes them, read into
 * values both the validator and the auto-attendant kind use: days by name, "hh:mm-hh:mm" time
 * ranges on 15-minute boundaries (New-CsOnlineTimeRange [AA-TIMERANGE]), holidays as whole
 * days "yyyy-mm-dd" (New-CsOnlineDateTimeRange takes "d/m/yyyy" [AA-DATERANGE]). Pure.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since midnight; an end may be 24:00 (1440). */
export interface TimeRange { start: number; end: number }
export type WeekHours = Record<Weekday, TimeRange[]>;

/** "mon" or "monday", any case; undefined when it is no day. */
export function weekday(text: string): Weekday | undefined {
    const lower = text.toLowerCase();
    return WEEKDAYS.find(d => d === lower || d.slice(0, 3) === lower);
}

/** The days `first [to last]` covers, Monday first; a span that runs backwards (fri to mon) is refused. */
export function daySpan(first: string, last?: string): Weekday[] | string {
    const from = weekday(first);
    if (!from) return `'${first}' is not a day: write mon, tue, wed, thu, fri, sat or sun (or the full name).`;
    if (last === undefined) return [from];
    const to = weekday(last);
    if (!to) return `'${last}' is not a day: write mon, tue, wed, thu, fri, sat or sun (or the full name).`;
    const [a, b] = [WEEKDAYS.indexOf(from), WEEKDAYS.indexOf(to)];
    if (b < a) return `'${first} to ${last}' runs backwards: the week starts on Monday; write the days in order (or two spans).`;
    return WEEKDAYS.slice(a, b + 1);
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;

function minutes(text: string): number | undefined {
    const match = CLOCK.exec(text.trim());
    if (!match) return undefined;
    const [h, m] = [Number(match[1]), Number(match[2])];
    if (m > 59 || h > 24 || (h === 24 && m > 0)) return undefined;
    return h * 60 + m;
}

/** "09:00-17:00" -> minutes, or why it is not a time range [AA-TIMERANGE]. */
export function timeRange(text: string): TimeRange | string {
    const parts = text.split('-');
    const [start, end] = parts.length === 2 ? [minutes(parts[0]!), minutes(parts[1]!)] : [undefined, undefined];
    if (start === undefined || end === undefined || start === 1440) {
        return `"${text}" is not a time range: write "hh:mm-hh:mm" on a 24-hour clock, e.g. "09:00-17:00" (an end may be 24:00).`;
    }
    if (end <= start) return `"${text}" ends before it starts: the start of a time range must be less than its end (New-CsOnlineTimeRange).`;
    if (start % 15 !== 0 || end % 15 !== 0) return `"${text}" is not on 15-minute boundaries: time ranges of a weekly schedule must align with them (New-CsOnlineTimeRange).`;
    return { start, end };
}

export const clock = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The week's ranges, each day's sorted; the text plan shows and compares: "mon 09:00-17:00; sat 10:00-14:00". */
export function hoursText(week: WeekHours): string {
    const days = WEEKDAYS.filter(d => week[d].length > 0)
        .map(d => `${d.slice(0, 3)} ${[...week[d]].sort((a, b) => a.start - b.start).map(r => `${clock(r.start)}-${clock(r.end)}`).join(' ')}`);
    return days.length > 0 ? days.join('; ') : 'never open';
}

export const emptyWeek = (): WeekHours => ({ monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as UTC midnight (days only: no time zone enters), or undefined. */
export function isoDate(text: string): Date | undefined {
    const match = ISO_DATE.exec(text.trim());
    if (!match) return undefined;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]) ? date : undefined;
}

export const isoText = (date: Date): string => date.toISOString().slice(0, 10);

/** "d/m/yyyy", the form New-CsOnlineDateTimeRange takes [AA-DATERANGE]. */
export const dayMonthYear = (date: Date): string => `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;

export const nextDay = (date: Date): Date => new Date(date.getTime() + 86_400_000);

/** Holiday days, the end day included; or why they are not. */
export function holidayDays(start: string, end?: string): { first: Date; last: Date } | string {
    const first = isoDate(start);
    if (!first) return `"${start}" is not a date: write "yyyy-mm-dd", e.g. "2026-12-25".`;
    const last = end === undefined ? first : isoDate(end);
    if (!last) return `"${end}" is not a date: write "yyyy-mm-dd", e.g. "2026-12-26".`;
    if (last < first) return `The holiday ends (${end}) before it starts (${start}).`;
    return { first, last };
}
