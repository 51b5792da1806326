import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Model } from '../language/generated/ast.js';
import { isSharedCallingPolicy, isTenant } from '../language/generated/ast.js';
import { Commands } from '../shared/protocol.js';

/**
 * "Compile", "Plan" and "Apply" on the setup (above the tenant statement, or the first
 * statement) and on each shared calling policy. Each runs for the whole file: a file is
 * one setup. The client's commands take the document URI as their argument.
 */
export class VoiceCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const model = document.parseResult.value as Model;
        const uri = document.textDocument.uri;
        const anchors = [
            model.statements.find(isTenant) ?? model.statements[0],
            ...model.statements.filter(isSharedCallingPolicy)
        ].filter((s, i, all) => s?.$cstNode && all.indexOf(s) === i);
        return anchors.flatMap(statement => {
            const start = statement!.$cstNode!.range.start;
            const range = { start, end: start };
            return [
                { range, command: { title: '$(file-code) Compile', command: Commands.compile, arguments: [uri] } },
                { range, command: { title: '$(checklist) Plan', command: Commands.plan, arguments: [uri] } },
                { range, command: { title: '$(cloud-upload) Apply', command: Commands.apply, arguments: [uri] } }
            ];
        });
    }
}
