import { describe, expect, test } from 'vitest';
import { psCommentText, psDecimalString, psInteger, psString, psStringArray, SINGLE_QUOTES } from '../../language/generator/powershell-quote.js';

describe('psString', () => {
    test('plain text becomes one single-quoted constant', () => {
        expect(psString('Contoso Retail')).toBe("'Contoso Retail'");
        expect(psString('')).toBe("''");
    });

    test.each([...SINGLE_QUOTES])('doubles the single quote %s', quote => {
        expect(psString(`a${quote}b`)).toBe(`'a${quote}${quote}b'`);
    });

    test('leaves double quotes, $(), backticks, ; and #> alone inside single quotes', () => {
        const text = '“x” „y" $(Remove-Item /) `n ; #> <#';
        expect(psString(text)).toBe(`'${text}'`);
    });

    test('spells invisible characters as [char] values, starting from a string', () => {
        expect(psString('a\nb')).toBe("('a' + [char]0x000A + 'b')");
        expect(psString('\r\n')).toBe("('' + [char]0x000D + [char]0x000A)");
        expect(psString('x\u202Ey')).toBe("('x' + [char]0x202E + 'y')");
        expect(psString('\u2028')).toBe("('' + [char]0x2028)");
    });

    test('keeps surrogate pairs, escapes lone surrogates', () => {
        expect(psString('☎️📞')).toBe("'☎️📞'");
        expect(psString('a\uD800')).toBe("('a' + [char]0xD800)");
    });

    test('every quote character in the output is paired (no way out of the string)', () => {
        const nasty = `'‘’‚‛'x'`;
        const body = psString(nasty).slice(1, -1);
        expect(body.replace(/(['\u2018-\u201B])\1/gu, '')).not.toMatch(/['\u2018\u2019\u201A\u201B]/u);
    });
});

describe('other literals', () => {
    test('integers only', () => {
        expect(psInteger(5061)).toBe('5061');
        expect(() => psInteger(1.5)).toThrow();
        expect(() => psInteger(Number.NaN)).toThrow();
    });

    test('decimals as string constants', () => {
        expect(psDecimalString(-122.3422)).toBe("'-122.3422'");
        expect(() => psDecimalString(Infinity)).toThrow();
    });

    test('arrays of constants', () => {
        expect(psStringArray([])).toBe('@()');
        expect(psStringArray(["it's", 'b'])).toBe("@('it''s', 'b')");
    });

    test('comments keep identifiers, file names and numbers only', () => {
        expect(psCommentText('stores.voice:12  grant A to B rank 1')).toBe('stores.voice:12  grant A to B rank 1');
        expect(psCommentText('evil\n#> Remove-Item')).toBe('evil__> Remove-Item'.replace('>', '_'));
    });
});
