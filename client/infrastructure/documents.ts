import * as vscode from 'vscode';
import { UserFacingError } from './errors.js';

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
