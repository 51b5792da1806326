import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createVoiceServices } from './voice-server-module.js';

const connection = createConnection(ProposedFeatures.all);
const { shared } = createVoiceServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
