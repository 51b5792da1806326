import * as vscode from 'vscode';
import { SetupInfoRequest } from '../../../shared/protocol.js';
import { requireSaved } from '../../infrastructure/documents.js';
import type { VoiceLanguage } from './index.js';

/**
 * The files Plan, Apply and tenant checks give `voice` for a document: the root files of its
 * setup (its folder's .voice files, as the server resolves them), each saved first, so the
 * command line sees exactly the setup the editor checks (docs/language.md, "Setups").
 */
export async function setupPaths(language: VoiceLanguage, document: vscode.TextDocument): Promise<string[]> {
    await requireSaved(document);
    const info = await language.request(SetupInfoRequest, { uri: document.uri.toString() });
    const roots = (info.roots ?? [document.uri.toString()]).map(uri => vscode.Uri.parse(uri));
    for (const root of roots) {
        const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === root.toString());
        if (open && open !== document) await requireSaved(open);
    }
    return roots.map(root => root.fsPath);
}

/** The URI paths of every file of a document's setup (it, its folder's files and what they import): where a plan's source links go. */
export async function setupFiles(language: VoiceLanguage, document: vscode.TextDocument): Promise<string[]> {
    const info = await language.request(SetupInfoRequest, { uri: document.uri.toString() });
    return [document.uri.toString(), ...info.roots ?? [], ...info.otherFiles ?? []].map(uri => vscode.Uri.parse(uri).path);
}
