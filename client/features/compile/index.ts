import * as vscode from 'vscode';
import { Commands, CompileRequest } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { targetDocument } from '../../infrastructure/documents.js';
import { UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import type { VoiceLanguage } from '../language-client/index.js';

/**
 * "Compile": the server compiles the file (and its imports) to PowerShell; the script
 * opens beside the source, unsaved, to review and save or run. Returns the script document.
 */
export function activateCompile(commands: CommandRegistry, language: VoiceLanguage, log: Log): void {
    commands.register(Commands.compile, async (arg?: unknown) => {
        const source = await targetDocument(arg);
        const result = await language.request(CompileRequest, { uri: source.uri.toString() });
        if (result.errors.length > 0) {
            result.errors.forEach(e => log.error(e));
            throw new UserFacingError(`${result.errors.length} error(s) block compiling ${fileName(source)}: ${result.errors[0]}`);
        }
        if (result.script === undefined) throw new UserFacingError(result.message ?? 'Nothing was compiled.');
        log.info(`Compiled ${fileName(source)} to ${result.fileName} (${result.script.split('\n').length} lines).`);
        const script = await vscode.workspace.openTextDocument({ language: 'powershell', content: result.script });
        await vscode.window.showTextDocument(script, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return script;
    });
}

function fileName(document: vscode.TextDocument): string {
    return document.uri.path.split('/').pop() ?? document.uri.toString();
}
