import { afterEach, describe, expect, test } from 'vitest';
import { BASE, clearAll, parse, services } from '../language/helpers.js';

afterEach(clearAll);

describe('code lenses', () => {
    test('Compile, Plan and Apply on the setup and on each policy, with the document URI', async () => {
        const document = await parse(BASE);
        const lenses = await services.Voice.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.textDocument.uri } }) ?? [];
        const titles = lenses.map(l => `${l.range.start.line}:${l.command?.command}`);
        expect(titles).toEqual([
            '0:voice.compile', '0:voice.plan', '0:voice.apply',
            `${BASE.split('\n').findIndex(l => l.startsWith('shared-calling-policy'))}:voice.compile`,
            `${BASE.split('\n').findIndex(l => l.startsWith('shared-calling-policy'))}:voice.plan`,
            `${BASE.split('\n').findIndex(l => l.startsWith('shared-calling-policy'))}:voice.apply`
        ]);
        expect(lenses.every(l => l.command?.arguments?.[0] === document.textDocument.uri)).toBe(true);
    });

    test('an empty file has no lenses', async () => {
        const document = await parse('// nothing yet\n');
        const lenses = await services.Voice.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.textDocument.uri } });
        expect(lenses).toEqual([]);
    });
});

describe('the compile request behind the Compile lens', () => {
    test('compiles a valid setup with imports to one script naming its sources relatively', async () => {
        const { compileSetup } = await import('../../language/compile-setup.js');
        const { readFileSync } = await import('node:fs');
        await parse(readFileSync('examples/frontline/network.voice', 'utf8'), { documentUri: 'file:///ws/frontline/network.voice' });
        const stores = await parse(readFileSync('examples/frontline/stores.voice', 'utf8'), { documentUri: 'file:///ws/frontline/stores.voice' });
        const { setupOfDocument } = await import('../../language/setups.js');
        const { script } = compileSetup(setupOfDocument(services.shared.voice.Setups, stores.uri)!.models, stores.uri, { toolVersion: '0.0.0-test' });
        expect(script).toContain('New-CsTeamsSharedCallingRoutingPolicy');
        expect(script).toContain('stores.voice');
        expect(script).not.toContain('/ws/');
    });

    test('desired state lists the tenant objects per seed step', async () => {
        const { desiredStateText } = await import('../../server/voice-requests.js');
        const document = await parse(BASE);
        const text = desiredStateText([document.parseResult.value], 'base.voice');
        expect(text).toContain('## Step 4: Create the Shared Calling policy');
        expect(text).toContain('Shared Calling policy `Frontline`');
    });
});
