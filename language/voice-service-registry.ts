import type { LangiumCoreServices, URI } from 'langium';
import { DefaultServiceRegistry } from 'langium';

/**
 * Langium finds a document's language by its open text document, else by its file extension.
 * An untitled `.voice` document closed while its build is still pending has neither, and the
 * lookup threw out of the build and stopped the language server. This registry holds one
 * language, so a document it does not recognise is a Voice document.
 */
export class VoiceServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const languages = this.all;
            if (languages.length === 1) return languages[0]!;
            throw error;
        }
    }
}
