import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserCancelled, UserFacingError } from './errors.js';

/** The `.voice` document a command acts on: its argument (a URI or URI string) or the active editor's. */
export async function targetDocument(arg: unknown): Promise<vscode.TextDocument> {
    let uri: vscode.Uri | undefined;
    if (arg instanceof vscode.Uri) uri = arg;
    else if (typeof arg === 'string') uri = vscode.Uri.parse(arg);
    else uri = vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new UserFacingError('Open a .voice file first.');
    const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri!.toString()) ?? await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'voice') throw new UserFacingError(`${uri.path.split('/').pop()} is not a .voice file.`);
    return document;
}

/** Where the CLI runs for a document: its workspace folder (so `.voice-state/` lands there), else its directory. */
export function cliCwdOf(document: vscode.TextDocument): string | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    return vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
}

/** The CLI reads files from disk: saves a dirty file, refuses an untitled one. */
export async function requireSaved(document: vscode.TextDocument): Promise<void> {
    if (document.uri.scheme !== 'file') throw new UserFacingError('Save the file first: plan and apply read it from disk, with what it imports.');
    if (document.isDirty && !(await document.save())) throw new UserCancelled();
}

/**
 * Resolves once an open document shows `text`: a document refreshed from outside (its file
 * rewritten, its content provider's onDidChange) updates a moment later. Gives up after
 * `timeoutMs`, leaving the document as VS Code has it.
 */
export function untilText(document: vscode.TextDocument, text: string, timeoutMs = 5000): Promise<void> {
    if (document.getText() === text) return Promise.resolve();
    return new Promise(resolve => {
        const done = () => { listener.dispose(); clearTimeout(timer); resolve(); };
        const listener = vscode.workspace.onDidChangeTextDocument(e => { if (e.document === document && document.getText() === text) done(); });
        const timer = setTimeout(done, timeoutMs);
    });
}
