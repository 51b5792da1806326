import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createVoiceServices } from './voice-server-module.js';
import { registerVoiceRequests } from './voice-requests.js';
import { readExtensionFilesBeforeValidation } from './extension-files.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Voice } = createVoiceServices({ connection, ...NodeFileSystem });
// Diagnostic codes link to the catalogue shipped inside the extension (out/../docs/diagnostics.md).
Voice.validation.VoiceValidator.docsBase = pathToFileURL(join(__dirname, '..', 'docs', 'diagnostics.md')).href;
registerVoiceRequests(connection, shared, Voice);
readExtensionFilesBeforeValidation(shared);
startLanguageServer(shared);
