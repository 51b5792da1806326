import { AstUtils, DocumentState } from 'langium';
import type { Model } from '../language/generated/ast.js';

/**
 * Whether every file of a setup is validated and has no error. A file still being built
 * counts as not clean: its diagnostics are not known yet, and a statement's tenant effect
 * must never be shown for a setup that may not be valid.
 */
export function isSetupCheckedClean(models: readonly Model[]): boolean {
    return models.every(model => {
        const document = AstUtils.getDocument(model);
        return document.state >= DocumentState.Validated && !(document.diagnostics ?? []).some(d => d.severity === 1);
    });
}
