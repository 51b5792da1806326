import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';

/** The getting-started walkthrough's step: open the frontline example shipped with the extension. */
export function activateWalkthrough(context: vscode.ExtensionContext, commands: CommandRegistry): void {
    commands.register(Commands.openWalkthroughExample, async () => {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const inWorkspace = folder && vscode.Uri.joinPath(folder, 'examples', 'frontline', 'stores.voice');
        const shipped = vscode.Uri.joinPath(context.extensionUri, 'examples', 'frontline', 'stores.voice');
        let uri = shipped;
        if (inWorkspace) {
            try {
                await vscode.workspace.fs.stat(inWorkspace);
                uri = inWorkspace;
            } catch {
                uri = shipped;
            }
        }
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        return document;
    });
}
