/**
 * Completion parses from a statement near the cursor, not from the start of the file (the
 * cost of a completion in a file of 1,000 stores; server/voice-completion.ts). It must offer
 * exactly what parsing from the start offers, at every kind of position, including mid-token,
 * inside a statement cut short, and after the imports.
 */
import { URI } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { generateStores } from '../support/generate-setup.js';
import { clearAll, services } from '../language/helpers.js';

afterEach(clearAll);

type Provider = { parseStart(offset: number): number };

async function labelsAt(text: string, offsets: number[], fromFileStart: boolean): Promise<string[][]> {
    const { LangiumDocuments, LangiumDocumentFactory, DocumentBuilder } = services.shared.workspace;
    const document = LangiumDocumentFactory.fromString(text, URI.parse('file:///completion/stores.voice'));
    LangiumDocuments.addDocument(document);
    await DocumentBuilder.build([document], { validation: false });
    const provider = services.Voice.lsp.CompletionProvider!;
    const windowed = (provider as unknown as Provider).parseStart;
    if (fromFileStart) (provider as unknown as Provider).parseStart = () => 0;
    try {
        const result: string[][] = [];
        for (const offset of offsets) {
            const list = await provider.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
            result.push((list?.items ?? []).map(i => `${i.kind}:${i.label}`).sort());
        }
        return result;
    } finally {
        (provider as unknown as Provider).parseStart = windowed;
        LangiumDocuments.deleteDocument(document.uri);
    }
}

describe('completion from a statement near the cursor', () => {
    test('offers what parsing from the start of the file offers, at every position of a store and of a broken statement', async () => {
        const stores = generateStores(6, { coverage: 'all' }).text;
        // A statement cut short near the end, then more statements: parser recovery in the window.
        const text = `import "network.voice"\n${stores}\ngrant Policy00002 to \ngroup Extra "Extra"\nemergency Extra works-at Store00003 \n`;
        const from = text.indexOf('address Store00004');
        const offsets = [...Array(text.length - from + 1).keys()].map(i => from + i).filter((_, i) => i % 3 === 0);
        const windowed = await labelsAt(text, offsets, false);
        const whole = await labelsAt(text, offsets, true);
        expect(windowed).toEqual(whole);
        // And `import` is not offered after the statements (it may only come first).
        expect(windowed.at(-1)).not.toContain('14:import');
        expect(windowed.at(-1)).toContain('14:address');
    });
});
