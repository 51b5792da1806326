/** The tenant checks' findings mapped to the setup's files, without VS Code. */
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../client/logic/findings.js';
import { findingsSummary, lineWithin, parseFindings, placeFindings } from '../../client/logic/findings.js';

const finding = (file: string, line: number, code = 'group-not-found'): Finding => ({ code, severity: 'error', message: `${code} here`, file, line });

const STORES = 'file:///ws/stores.voice';
const NETWORK = 'file:///ws/network.voice';
const SHARED_NETWORK = 'file:///ws/shared/network.voice';

describe('tenant check findings', () => {
    test('the plan JSON gives its findings; anything else is no plan', () => {
        const json = JSON.stringify({ target: 'emulator', changes: [], findings: [finding('stores.voice', 3)] });
        expect(parseFindings(json)).toEqual([finding('stores.voice', 3)]);
        expect(parseFindings('Error: cannot reach the emulator')).toBeUndefined();
        expect(parseFindings('{"target":"emulator"}')).toBeUndefined();
    });

    test('each finding goes to the file it names, with its 0-based line and its own message', () => {
        const placed = placeFindings([finding('stores.voice', 3), finding('network.voice', 10, 'number-not-in-inventory')], [STORES, NETWORK]);
        expect([...placed.keys()]).toEqual([STORES, NETWORK]);
        expect(placed.get(STORES)).toEqual([{ finding: finding('stores.voice', 3), line: 2, message: 'group-not-found here' }]);
        expect(placed.get(NETWORK)![0]).toMatchObject({ line: 9, message: 'number-not-in-inventory here' });
    });

    test('a finding naming no setup file sits on the checked file and says where it came from', () => {
        const placed = placeFindings([finding('elsewhere.voice', 7)], [STORES, NETWORK]);
        expect([...placed.keys()]).toEqual([STORES]);
        expect(placed.get(STORES)![0]).toMatchObject({ line: 6, message: 'elsewhere.voice:7: group-not-found here' });
    });

    test('two files with one base name: the one nearer the checked file wins', () => {
        const placed = placeFindings([finding('network.voice', 1)], [STORES, NETWORK, SHARED_NETWORK]);
        expect([...placed.keys()]).toEqual([NETWORK]);
    });

    test('file names are compared decoded', () => {
        const placed = placeFindings([finding('my stores.voice', 1)], ['file:///ws/my%20stores.voice']);
        expect(placed.get('file:///ws/my%20stores.voice')![0]!.message).toBe('group-not-found here');
    });

    test('lines stay inside the file; the summary counts', () => {
        expect(lineWithin(12, 5)).toBe(4);
        expect(lineWithin(-1, 5)).toBe(0);
        expect(lineWithin(3, 0)).toBe(0);
        expect(findingsSummary([])).toBe('no findings');
        expect(findingsSummary([finding('a.voice', 1), finding('b.voice', 2)])).toBe('2 finding(s)');
    });
});
