import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentBuilder, DocumentState } from 'langium';
import type { SetupResolver } from './setups.js';

/**
 * Langium rebuilds a changed file and the files that reference it. A setup's rules span
 * files that need not reference each other (two store files in one folder that grant the
 * same rank), so an edit also re-validates every file that shares a setup with the
 * changed one. Those files are only validated again, not re-linked.
 */
export class VoiceDocumentBuilder extends DefaultDocumentBuilder {
    constructor(shared: LangiumSharedCoreServices, private readonly setups: () => SetupResolver) {
        super(shared);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.shouldRelink(document, changedUris)) return true;
        if (document.state >= DocumentState.Validated && this.setups().sharesSetupWith(document.uri, changedUris)) {
            this.resetToState(document, DocumentState.IndexedReferences);
        }
        return false;
    }
}
