/**
 * The editor's half of extension dialing (server/extension-files.ts): before validation the
 * language server reads the CSV an `extensions from` statement names, through the workspace's
 * file system, so the Problems panel shows the CSV's problems on the statement, naming the
 * line and linking to it; a file it cannot read is unresolved-import.
 */
import { EmptyFileSystem, URI, type FileSystemProvider, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/generated/ast.js';
import { readExtensionFilesBeforeValidation } from '../../server/extension-files.js';
import { createVoiceServices } from '../../server/voice-server-module.js';

const FILES: Record<string, Uint8Array> = {
    '/store/users.csv': new TextEncoder().encode('upn,number,extension\na@contoso.com,+12065550100,7\nb@contoso.com,+12065550100,7\n'),
    // Latin-1 "é" (0xE9) in a UPN: not UTF-8.
    '/store/latin1.csv': Uint8Array.from([...new TextEncoder().encode('upn,number,extension\nren'), 0xe9, ...new TextEncoder().encode('@contoso.com,+12065550100,7\n')])
};

/** The empty file system, but with the CSVs above, as the editor's workspace would have it. */
const fileSystem = {
    fileSystemProvider: (): FileSystemProvider => Object.assign(Object.create(EmptyFileSystem.fileSystemProvider()) as FileSystemProvider, {
        readBinarySync(uri: URI): Uint8Array {
            const bytes = FILES[uri.path];
            if (bytes === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
            return bytes;
        },
        readFileSync(uri: URI): string {
            return new TextDecoder().decode(this.readBinarySync(uri));
        }
    })
};

async function diagnosticsOf(text: string) {
    const { shared } = createVoiceServices(fileSystem);
    readExtensionFilesBeforeValidation(shared);
    const document: LangiumDocument<Model> = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/store/setup.voice'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document.diagnostics ?? [];
}

describe('the language server reads extension files', () => {
    test('a duplicate extension shows on the statement, naming and linking line 3 of the CSV', async () => {
        const found = (await diagnosticsOf('extensions from "users.csv"\n')).filter(d => d.code === 'extension-duplicate');
        expect(found.map(d => [d.message, d.range.start.line])).toEqual([['users.csv:3:28: Extension 7 is also on line 2: each user needs a unique extension.', 0]]);
        expect(found[0]!.relatedInformation).toEqual([{
            location: { uri: URI.file('/store/users.csv').toString(), range: { start: { line: 2, character: 27 }, end: { line: 2, character: 28 } } },
            message: 'line 3 of users.csv'
        }]);
    });

    test('a file that is not UTF-8 is unresolved-import naming the bad byte, as on the command line (not a silent U+FFFD)', async () => {
        const found = await diagnosticsOf('extensions from "latin1.csv"\n');
        expect(found.map(d => d.code)).toEqual(['unresolved-import']);
        expect(found[0]!.message).toMatch(/: not valid UTF-8 \(first bad byte at offset 24\); save it as UTF-8\./);
    });

    test('a missing file is unresolved-import', async () => {
        const found = await diagnosticsOf('extensions from "gone.csv"\n');
        expect(found.map(d => d.code)).toEqual(['unresolved-import']);
        expect(found[0]!.message).toMatch(/: no such file\./);
    });
});
