/**
 * The editor's half of extension dialing: before a document is validated, reads the CSV files
 * its `extensions from "<file>"` statements name and hands their text to the language
 * (language/ reads no files). The CLI does the same in cli/workspace.ts. A CSV edited on its own
 * is read again at the next build of the .voice file that names it.
 */
import type { LangiumSharedCoreServices } from 'langium';
import { DocumentState } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { extensionFilesOf, extensionSourceOf, type ExtensionSource } from '../language/extensions/extension-sources.js';
import type { VoiceSharedAddedServices } from '../language/voice-module.js';

export function readExtensionFilesBeforeValidation(shared: LangiumSharedCoreServices & VoiceSharedAddedServices): void {
    const files = shared.workspace.FileSystemProvider;
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedContent, document => {
        for (const uri of extensionFilesOf(document.parseResult.value as Model, document.uri)) {
            let source: ExtensionSource;
            try {
                // Bytes, so the size cap and the UTF-8 check are the CLI's (a lenient decode would hide bad bytes).
                source = extensionSourceOf(files.readBinarySync(uri));
            } catch (error) {
                source = { problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it' };
            }
            shared.voice.ExtensionSources.set(uri, source);
        }
    });
}
