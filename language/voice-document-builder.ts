import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentBuilder, DocumentState } from 'langium';
import type { SetupResolver } from './setups.js';
import type { VoiceDocumentValidator } from './voice-document-validator.js';

/**
 * Langium rebuilds a changed file and the files that reference it. A setup's rules span
 * files that need not reference each other (two store files in one folder that grant the
 * same rank), so an edit also re-validates every file that shares a setup with the
 * changed one. Those files are only validated again, not re-linked, and only against the
 * setup's rules: their own diagnostics still hold (VoiceDocumentValidator keeps them).
 */
export class VoiceDocumentBuilder extends DefaultDocumentBuilder {
    constructor(shared: LangiumSharedCoreServices, private readonly setups: () => SetupResolver,
        private readonly validatorOf: (document: LangiumDocument) => VoiceDocumentValidator | undefined) {
        super(shared);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        if (document.state >= DocumentState.Validated && this.setups().sharesSetupWith(document.uri, changedUris)) {
            this.resetToState(document, DocumentState.IndexedReferences);
            this.validatorOf(document)?.revalidateSetupOnly(document);
        }
        return false;
    }
}
