import type { LangiumCoreServices, URI } from 'langium';
import { DefaultServiceRegistry } from 'langium';

/**
 * Langium finds a document's language by its open text document, else by its file extension.
 * An untitled `.voice` document closed while its build is still pending has neither, and the
 * lookup threw out of the build and stopped the language server. Only `untitled:` documents
 * fall back to Voice: the workspace scan asks this registry which files to load, and every
 * other file without a Voice extension (a compiled .ps1, its map) must stay out.
 */
export class VoiceServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const languages = this.all;
            if (uri.scheme === 'untitled' && languages.length === 1) return languages[0]!;
            throw error;
        }
    }
}
