/**
 * The extension CSV checker on its own (language/extensions/extension-csv.ts): columns by
 * header name, RFC 4180 quotes, the CSV's own line numbers (blank lines and CRLF counted), and
 * 50,000 rows in well under the 5 s the issue allows (the bench case measures it through
 * `voice check`).
 */
import { describe, expect, test } from 'vitest';
import { checkExtensionCsv } from '../../language/extensions/extension-csv.js';

const problems = (text: string, types?: Map<string, string>) => checkExtensionCsv(text, types).problems.map(p => `${p.line}:${p.column} ${p.code}`);

describe('extension CSV', () => {
    test('columns in any order, by name or alias, other columns ignored; quoted cells; CRLF', () => {
        const csv = 'Extension,"Phone Number",Department,UserPrincipalName\r\n"12","+1 (206) 555-0100",Sales,"avery.chen@contoso.com"\r\n';
        expect(checkExtensionCsv(csv.replace('Phone Number', 'PhoneNumber'))).toEqual({
            rows: [{ line: 2, userPrincipalName: 'avery.chen@contoso.com', number: '+12065550100', extension: '12', telephoneNumber: '+12065550100;ext=12' }],
            problems: []
        });
    });

    test('line numbers are the file\'s: blank lines count, the header may come after them', () => {
        expect(problems('\n\nupn,number,extension\n\nbad,+12065550100,1\n')).toEqual(['5:1 extension-invalid-upn']);
    });

    test('an empty file, a header without the columns, an unclosed quote', () => {
        expect(problems('')).toEqual(['1:1 extension-csv-malformed']);
        expect(problems('upn,number\na@b.com,+12065550100\n')).toEqual(['1:1 extension-csv-malformed']);
        expect(problems('upn,number,extension\n"a@b.com,+12065550100,1\n')).toEqual(['2:1 extension-csv-malformed']);
    });

    test('a malformed extension, a number with its own ;ext=, a number the setup declares as Operator Connect', () => {
        expect(problems('upn,number,extension\na@b.com,+12065550100,12345678901\nb@b.com,+12065550100;ext=1,2\nc@b.com,+16175550100,3\n',
            new Map([['+16175550100', 'operator-connect']]))).toEqual([
            '2:22 extension-csv-malformed', '3:9 extension-csv-malformed', '4:9 extension-not-direct-routing'
        ]);
    });

    test('50,000 rows check in under 5 s, every row kept', () => {
        const lines = ['upn,number,extension'];
        for (let i = 0; i < 50_000; i++) lines.push(`user${i}@contoso.com,+1 206 555 ${String(i % 10_000).padStart(4, '0')},${10_000 + i}`);
        const started = performance.now();
        const csv = checkExtensionCsv(lines.join('\n'));
        const elapsed = performance.now() - started;
        expect(csv.problems).toEqual([]);
        expect(csv.rows).toHaveLength(50_000);
        // The bound for the whole check; alone the checker takes a small part of it (bench: extension-csv-50k).
        expect(elapsed).toBeLessThan(5_000);
    });
});
