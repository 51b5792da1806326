/**
 * The extension CSV of an `extensions from "<file>"` statement, read and checked with the
 * CSV's own line numbers. Pure: the loader (CLI) or the language server reads the file and
 * hands its text in. One linear pass, so that 50,000 rows check in well under a second.
 *
 * Extension dialing gives a Shared Calling user a Direct Routing number with a unique
 * extension, `+12065550100;ext=1234` (whose digits may be the resource account's number)
 * [SC-SETUP]; `;ext=` exists only for Direct Routing [SET-PNA].
 */
import { UPN } from '../patterns.js';
import { isParsedNumber, parseNumber } from '../phone-numbers.js';

export type ExtensionCsvCode =
    | 'extension-csv-malformed' | 'extension-invalid-upn' | 'extension-duplicate' | 'extension-not-direct-routing';

export interface ExtensionRow {
    /** 1-based line of the CSV. */
    line: number;
    userPrincipalName: string;
    /** The Direct Routing number without extension, E.164 ("+12065550100"). */
    number: string;
    extension: string;
    /** What Set-CsPhoneNumberAssignment gets: "+12065550100;ext=1234". */
    telephoneNumber: string;
}

export interface ExtensionCsvProblem {
    code: ExtensionCsvCode;
    /** 1-based line, 1-based column and length of the cell (the whole line for a malformed row). */
    line: number;
    column: number;
    length: number;
    message: string;
}

export interface ExtensionCsv {
    rows: ExtensionRow[];
    problems: ExtensionCsvProblem[];
}

/** The columns, by header name (case-insensitive); other columns are ignored. */
const COLUMNS = {
    upn: ['upn', 'userprincipalname', 'user'],
    number: ['number', 'phonenumber', 'telephonenumber'],
    extension: ['extension', 'ext']
} as const;

type Column = keyof typeof COLUMNS;

interface Cell { text: string; column: number }

/**
 * Checks the CSV. `numberTypes` maps the setup's declared numbers (E.164, no extension) to
 * their type: a row whose number the setup declares as Calling Plan or Operator Connect is
 * not a Direct Routing number.
 */
export function checkExtensionCsv(text: string, numberTypes: ReadonlyMap<string, string> = new Map()): ExtensionCsv {
    const rows: ExtensionRow[] = [];
    const problems: ExtensionCsvProblem[] = [];
    const lines = text.split(/\r?\n/);
    const headerIndex = lines.findIndex(l => l.trim() !== '');
    if (headerIndex < 0) {
        problems.push({ code: 'extension-csv-malformed', line: 1, column: 1, length: 0, message: 'The extension file is empty: it needs a header line "upn,number,extension" and a row per user.' });
        return { rows, problems };
    }
    const header = splitRow(lines[headerIndex]!);
    const at = columnsOf(header ?? []);
    if (!header || !at) {
        problems.push({
            code: 'extension-csv-malformed', line: headerIndex + 1, column: 1, length: lines[headerIndex]!.length,
            message: `The first line must name the columns upn, number and extension (in any order), e.g. "upn,number,extension".`
        });
        return { rows, problems };
    }
    const byExtension = new Map<string, number>();
    const byUser = new Map<string, number>();
    for (let i = headerIndex + 1; i < lines.length; i++) {
        const raw = lines[i]!;
        if (raw.trim() === '') continue;
        const line = i + 1;
        const cells = splitRow(raw);
        const problem = (code: ExtensionCsvCode, cell: Cell | undefined, message: string) =>
            problems.push({ code, line, column: cell?.column ?? 1, length: cell ? Math.max(cell.text.length, 1) : raw.length, message });
        if (!cells) {
            problem('extension-csv-malformed', undefined, 'This row has an unclosed quote ("): close it, or write the cell without quotes.');
            continue;
        }
        const upn = cells[at.upn];
        const number = cells[at.number];
        const extension = cells[at.extension];
        if (!upn?.text || !number?.text || !extension?.text) {
            const missing = ([['upn', upn], ['number', number], ['extension', extension]] as const).filter(([, c]) => !c?.text);
            problem('extension-csv-malformed', cells.length < header.length ? undefined : missing[0]![1],
                `This row has ${cells.length} cell(s) and no ${missing.map(([name]) => name).join(', ')}: every row needs a upn, a number and an extension.`);
            continue;
        }
        let ok = true;
        if (!UPN.test(upn.text)) {
            problem('extension-invalid-upn', upn, `'${upn.text}' is not a user principal name (name@domain).`);
            ok = false;
        }
        const parsed = parseNumber(number.text);
        if (!isParsedNumber(parsed) || parsed.extension !== undefined) {
            problem('extension-csv-malformed', number, `'${number.text}' is not an E.164 number without extension (for example +12065550100); the extension goes in its own column.`);
            ok = false;
        } else {
            const type = numberTypes.get(parsed.e164);
            if (type !== undefined && type !== 'direct-routing') {
                problem('extension-not-direct-routing', number,
                    `${parsed.e164} is a ${type} number in this setup: extensions exist only on Direct Routing numbers; use a Direct Routing number.`);
                ok = false;
            }
        }
        if (!/^\d{1,10}$/.test(extension.text)) {
            problem('extension-csv-malformed', extension, `'${extension.text}' is not an extension: write 1 to 10 digits.`);
            ok = false;
        }
        if (!ok || !isParsedNumber(parsed)) continue;
        const firstExtension = byExtension.get(extension.text);
        if (firstExtension !== undefined) {
            problem('extension-duplicate', extension, `Extension ${extension.text} is also on line ${firstExtension}: each user needs a unique extension.`);
            continue;
        }
        const key = upn.text.toLowerCase();
        const firstUser = byUser.get(key);
        if (firstUser !== undefined) {
            problem('extension-duplicate', upn, `${upn.text} is also on line ${firstUser}: a user gets one number and extension.`);
            continue;
        }
        byExtension.set(extension.text, line);
        byUser.set(key, line);
        rows.push({ line, userPrincipalName: upn.text, number: parsed.e164, extension: extension.text, telephoneNumber: `${parsed.e164};ext=${extension.text}` });
    }
    return { rows, problems };
}

/** The column index of each needed column, or undefined when one is missing. */
function columnsOf(header: Cell[]): Record<Column, number> | undefined {
    const names = header.map(h => h.text.toLowerCase().replace(/[\s_-]/g, ''));
    const result = {} as Record<Column, number>;
    for (const column of Object.keys(COLUMNS) as Column[]) {
        const index = names.findIndex(n => (COLUMNS[column] as readonly string[]).includes(n));
        if (index < 0) return undefined;
        result[column] = index;
    }
    return result;
}

/** One CSV line (RFC 4180 quoting, no line breaks inside quotes), cells trimmed; undefined for an unclosed quote. */
function splitRow(line: string): Cell[] | undefined {
    if (!line.includes('"')) {
        const cells: Cell[] = [];
        let start = 0;
        for (const part of line.split(',')) {
            const lead = part.length - part.trimStart().length;
            cells.push({ text: part.trim(), column: start + lead + 1 });
            start += part.length + 1;
        }
        return cells;
    }
    const cells: Cell[] = [];
    let i = 0;
    while (i <= line.length) {
        while (line[i] === ' ' || line[i] === '\t') i++;
        const column = i + 1;
        let text = '';
        if (line[i] === '"') {
            i++;
            for (;;) {
                if (i >= line.length) return undefined;
                if (line[i] === '"') {
                    if (line[i + 1] === '"') { text += '"'; i += 2; continue; }
                    i++;
                    break;
                }
                text += line[i++];
            }
            while (i < line.length && line[i] !== ',') i++;
        } else {
            const end = line.indexOf(',', i);
            text = line.slice(i, end < 0 ? line.length : end).trim();
            i = end < 0 ? line.length : end;
        }
        cells.push({ text: text.trim(), column });
        i++;
    }
    return cells;
}
