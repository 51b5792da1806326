/**
 * The editor's formatter (server/voice-formatter.ts) over text, for `voice format` and
 * `voice export`: the command line and the editor never disagree on the house style.
 */
import { URI } from 'langium';
import { EmptyFileSystem } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from '../language/generated/ast.js';
import { createVoiceCoreServices } from '../language/voice-module.js';
import { VoiceFormatter } from '../server/voice-formatter.js';

export type TextFormatter = (text: string, file: string) => Promise<string>;

/** A formatter for many files (one set of language services); text with syntax errors comes back as it was. */
export function voiceTextFormatter(): TextFormatter {
    const { Voice } = createVoiceCoreServices(EmptyFileSystem);
    const formatter = new VoiceFormatter(Voice);
    const factory = Voice.shared.workspace.LangiumDocumentFactory;
    return async (text, file) => {
        const document = factory.fromString<Model>(text, URI.file(file));
        const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        return TextDocument.applyEdits(document.textDocument, edits);
    };
}
