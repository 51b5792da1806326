import * as vscode from 'vscode';
import { Commands, CompileRequest } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { targetDocument, untilText } from '../../infrastructure/documents.js';
import { UserCancelled, UserFacingError } from '../../infrastructure/errors.js';
import type { Log } from '../../infrastructure/log.js';
import { compileOutputs, foreignOutputs, overwritePrompt } from '../../logic/compile-output.js';
import type { VoiceLanguage } from '../language-client/index.js';
import type { Confirm } from '../plan-apply/index.js';

/**
 * "Compile": the server compiles the file (and its imports) to PowerShell; the script and its
 * source map are written beside the source (`<name>.ps1`, `<name>.ps1.map`, as `voice compile
 * -o` writes them), asking before replacing a file Compile did not write, and the script opens
 * beside the source. An untitled source has no "beside": its script opens unsaved. Returns the
 * script document.
 */
export function activateCompile(commands: CommandRegistry, language: VoiceLanguage, log: Log, confirm: () => Confirm): void {
    commands.register(Commands.compile, async (arg?: unknown) => {
        const source = await targetDocument(arg);
        const result = await language.request(CompileRequest, { uri: source.uri.toString() });
        if (result.errors.length > 0) {
            result.errors.forEach(e => log.error(e));
            throw new UserFacingError(`${result.errors.length} error(s) block compiling ${fileName(source)}: ${result.errors[0]}`);
        }
        if (result.script === undefined) throw new UserFacingError(result.message ?? 'Nothing was compiled.');
        const script = source.uri.scheme === 'untitled' || !result.fileName
            ? await vscode.workspace.openTextDocument({ language: 'powershell', content: result.script })
            : await writeBeside(source.uri, result.fileName, result.script, result.sourceMap, confirm());
        log.info(`Compiled ${fileName(source)} to ${script.isUntitled ? 'an unsaved script' : script.uri.fsPath} (${result.script.split('\n').length} lines).`);
        await vscode.window.showTextDocument(script, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return script;
    });
}

async function writeBeside(source: vscode.Uri, name: string, script: string, sourceMap: string | undefined, confirm: Confirm): Promise<vscode.TextDocument> {
    const paths = compileOutputs(source.path, name);
    const scriptUri = source.with({ path: paths.script });
    const mapUri = source.with({ path: paths.map });
    const foreign = foreignOutputs(name, { script: await existingText(scriptUri), map: sourceMap === undefined ? undefined : await existingText(mapUri) });
    // An open script with unsaved edits would lose them: ask too.
    if (isEdited(scriptUri) && !foreign.includes(name)) foreign.unshift(name);
    if (foreign.length > 0) {
        const question = overwritePrompt(foreign);
        if (!(await confirm(question.message, question.detail, question.button))) throw new UserCancelled();
    }
    const encode = (text: string) => new TextEncoder().encode(text);
    await vscode.workspace.fs.writeFile(scriptUri, encode(script));
    if (sourceMap !== undefined) await vscode.workspace.fs.writeFile(mapUri, encode(sourceMap));
    const document = await vscode.workspace.openTextDocument(scriptUri);
    // An editor open on the previous script reloads it from disk: wait for the new text.
    await untilText(document, script);
    return document;
}

function isEdited(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString() && d.isDirty);
}

/** A file's text on disk; undefined when there is none. */
async function existingText(uri: vscode.Uri): Promise<string | undefined> {
    try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
        return undefined;
    }
}

function fileName(document: vscode.TextDocument): string {
    return document.uri.path.split('/').pop() ?? document.uri.toString();
}
