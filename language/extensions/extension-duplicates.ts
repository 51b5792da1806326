/**
 * Extensions across the CSV files of one setup: each file is checked on its own
 * (extension-csv.ts), but a user or an extension in two files of a setup would give that
 * user two numbers, or two users one extension, and each apply would flip between them.
 */
import type { ExtensionCsvProblem, ExtensionRow } from './extension-csv.js';

/** Another `extensions from` file of the setup, with the rows it holds. */
export interface OtherExtensionFile {
    path: string;
    rows: readonly ExtensionRow[];
}

/** The rows of this file whose user or extension another file of the setup has too, as extension-duplicate problems. */
export function duplicatesAcrossFiles(rows: readonly ExtensionRow[], others: readonly OtherExtensionFile[]): ExtensionCsvProblem[] {
    const byUser = new Map<string, { path: string; line: number }>();
    const byExtension = new Map<string, { path: string; line: number }>();
    for (const other of others) {
        for (const row of other.rows) {
            const at = { path: other.path, line: row.line };
            if (!byUser.has(row.userPrincipalName.toLowerCase())) byUser.set(row.userPrincipalName.toLowerCase(), at);
            if (!byExtension.has(row.extension)) byExtension.set(row.extension, at);
        }
    }
    const problems: ExtensionCsvProblem[] = [];
    for (const row of rows) {
        const user = byUser.get(row.userPrincipalName.toLowerCase());
        const extension = byExtension.get(row.extension);
        if (user) {
            problems.push({ code: 'extension-duplicate', line: row.line, column: 1, length: row.userPrincipalName.length,
                message: `${row.userPrincipalName} is also on line ${user.line} of ${user.path}: a user gets one number and extension in a setup.` });
        } else if (extension) {
            problems.push({ code: 'extension-duplicate', line: row.line, column: 1, length: 0,
                message: `Extension ${row.extension} is also on line ${extension.line} of ${extension.path}: each user of a setup needs a unique extension.` });
        }
    }
    return problems;
}
