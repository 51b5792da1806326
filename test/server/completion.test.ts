import { afterEach, describe, expect, test } from 'vitest';
import { expectCompletion } from 'langium/test';
import { BASE, clearAll, edit, parse, services } from '../language/helpers.js';

const complete = expectCompletion(services.Voice);
afterEach(clearAll);

const labels = (items: { label: string }[]) => items.map(i => i.label);

describe('completion knows the domain', () => {
    test('statement keywords and setup snippets where a statement may start', async () => {
        await complete({
            text: `${BASE}\n<|>`, index: 0,
            assert: list => {
                const names = labels(list.items);
                for (const keyword of ['address', 'trunk', 'number', 'resource-account', 'assign', 'shared-calling-policy', 'group', 'grant', 'emergency']) {
                    expect(names).toContain(keyword);
                }
                expect(names).toContain('Shared Calling setup');
                const setup = list.items.find(i => i.label === 'Shared Calling setup')!;
                expect(setup.insertTextFormat).toBe(2);
            }
        });
    });

    test('after set: the parameters a values file can set, not the other declarations', async () => {
        await complete({
            text: 'param Customer string\nparam MainNumber phone-number\nnumber Main "+1 206 555 0100" operator-connect\nset <|>', index: 0,
            assert: list => {
                expect(labels(list.items).filter(l => /^[A-Z]/.test(l)).sort()).toEqual(['Customer', 'MainNumber']);
            }
        });
    });

    test('after an emergency statement\'s group: works-at, never the old at', async () => {
        await complete({
            text: `${BASE}\nemergency StoreAssociates <|>`, index: 0,
            assert: list => {
                expect(labels(list.items)).toContain('works-at');
                expect(labels(list.items)).not.toContain('at');
            }
        });
    });

    test('the dynamic emergency statements where a statement may start, and addresses in an emergency location', async () => {
        await complete({
            text: `${BASE}\n<|>`, index: 0,
            assert: list => expect(labels(list.items)).toEqual(expect.arrayContaining(['trusted-ip', 'network-region', 'network-site', 'emergency-location']))
        });
        await complete({
            text: `${BASE}\nemergency-location L {\n    address <|>\n}`, index: 0,
            assert: list => expect(labels(list.items)).toEqual(['SeattleStore'])
        });
    });

    test('number types after a number value', async () => {
        await complete({
            text: 'number Main "+1 206 555 0100" <|>', index: 0,
            assert: list => expect(labels(list.items)).toEqual(expect.arrayContaining(['direct-routing', 'calling-plan', 'operator-connect']))
        });
    });

    test('ISO country codes for country and usage-location, common ones first', async () => {
        await complete({
            text: 'address A {\n    country <|>\n}\nresource-account R {\n    usage-location <|>\n}', index: 0,
            assert: list => {
                const names = labels(list.items);
                expect(names).toContain('US');
                expect(names).toContain('DE');
                expect(names).toContain('ZW');
                expect(names).not.toContain('XX');
                const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
                expect(sorted[0].label).toBe('US');
            }
        });
        await complete({
            text: 'address A {\n    country <|>\n}\nresource-account R {\n    usage-location <|>\n}', index: 1,
            assert: list => expect(labels(list.items)).toContain('GB')
        });
    });

    test('only declarations of the right kind, created before this statement', async () => {
        const text = edit(BASE, ['assign MainLine to FrontlineRA', 'assign <|> to FrontlineRA\nnumber Later "+1 206 555 0199" direct-routing']);
        await complete({
            text, index: 0,
            assert: list => {
                const names = labels(list.items);
                expect(names).toEqual(expect.arrayContaining(['MainLine', 'Callback1']));
                expect(names).not.toContain('FrontlineRA');
                expect(names).not.toContain('SeattleStore');
                expect(names).not.toContain('Later');
            }
        });
    });

    test('policy account reference offers resource accounts only', async () => {
        await complete({
            text: edit(BASE, ['    resource-account   FrontlineRA\n', '    resource-account   <|>\n']), index: 0,
            assert: list => {
                const names = labels(list.items);
                expect(names).toContain('FrontlineRA');
                expect(names).not.toContain('MainLine');
            }
        });
    });

    test('ranks not yet taken, next free first', async () => {
        const text = `${BASE}\ngroup Others "Others"\ngrant Frontline to Others rank <|>\nemergency Others works-at SeattleStore via CteloUS`;
        await complete({
            text, index: 0,
            assert: list => {
                const names = labels(list.items);
                expect(names).not.toContain('1');
                expect(names[0] === '2' || names.includes('2')).toBe(true);
                const next = list.items.find(i => i.detail === 'next free rank');
                expect(next?.label).toBe('2');
            }
        });
    });

    test('imported declarations are offered and marked as imported', async () => {
        await parse('address Hq {\n    company "C"\n    country US\n    geo 1, 2\n}', { documentUri: 'file:///ws/network.voice' });
        await complete({
            text: 'import "network.voice"\nnumber N "+1 206 555 0100" operator-connect at <|>', index: 0,
            parseOptions: { documentUri: 'file:///ws/stores.voice' },
            assert: list => {
                const hq = list.items.find(i => i.label === 'Hq');
                expect(hq?.detail).toBe('civic address (imported)');
            }
        });
    });
});
