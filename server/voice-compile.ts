import type { LangiumDocument, LangiumDocuments } from 'langium';
import { URI, UriUtils } from 'langium';
import { toolVersion } from '../cli/version.js';
import { generatePowerShell } from '../language/generator/powershell-generator.js';
import { modelsInSetupOrder } from '../language/setup-context.js';

/**
 * The one place the editor reaches the PowerShell compiler (language/generator): the
 * script for `document` and what it imports, with sources named relative to the file,
 * exactly as `voice compile` names them.
 */
export function compileDocument(documents: LangiumDocuments, document: LangiumDocument): string {
    const models = modelsInSetupOrder(documents, document.uri);
    const folder = UriUtils.dirname(document.uri);
    const sourceName = (uri: string): string => {
        const target = URI.parse(uri);
        return (target.scheme === folder.scheme && UriUtils.relative(folder, target)) || UriUtils.basename(target);
    };
    return generatePowerShell(models, { mainUri: document.uri.toString(), sourceName, toolVersion: toolVersion() }).text;
}

