/**
 * The extension CSV at scale (issue 13): `voice check` of the frontline setup whose
 * `extensions from "extensions.csv"` names a generated file of 50,000 rows (unique users
 * and extensions on the stores' Direct Routing numbers). The whole command is measured,
 * start-up included; the target is under 5 s.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runMeasured, type MeasuredRun } from './processes.js';

export interface ExtensionsMeasure { rows: number; run: MeasuredRun }

/** `rows` users over the three stores' main numbers, extensions 100000 on. */
export function extensionCsv(rows: number): string {
    const numbers = ['+1 206 555 0100', '+1 503 555 0100', '+1 509 555 0100'];
    const lines = ['upn,number,extension'];
    for (let i = 0; i < rows; i++) lines.push(`user${i}@contoso.com,${numbers[i % numbers.length]},${100_000 + i}`);
    return `${lines.join('\n')}\n`;
}

export async function benchExtensions(rows: number, scratch: string): Promise<ExtensionsMeasure> {
    const folder = path.join(scratch, `extensions-${rows}`);
    mkdirSync(folder, { recursive: true });
    for (const file of ['stores.voice', 'network.voice']) copyFileSync(path.join('examples', 'frontline', file), path.join(folder, file));
    writeFileSync(path.join(folder, 'extensions.csv'), extensionCsv(rows), 'utf8');
    const run = await runMeasured(['check', folder]);
    if (run.status !== 0) throw new Error(`bench: check of ${rows} extension rows failed (exit ${run.status}): ${run.stdout.slice(0, 2000)}${run.stderr.slice(0, 2000)}`);
    return { rows, run };
}
