import type {
    DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices
} from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import type { Module } from 'langium';
import { inject } from 'langium';
import { VoiceGeneratedModule, VoiceGeneratedSharedModule } from '../language/generated/module.js';
import type { VoiceAddedServices, VoiceSharedAddedServices } from '../language/voice-module.js';
import { VoiceCoreModule, VoiceSharedModule } from '../language/voice-module.js';
import { registerValidationChecks } from '../language/voice-validator.js';
import { VoiceCodeActionProvider } from './voice-code-actions.js';
import { VoiceCodeLensProvider } from './voice-code-lens.js';
import { VoiceCompletionProvider } from './voice-completion.js';
import { VoiceDocumentSymbolProvider } from './voice-document-symbols.js';
import { VoiceFormatter } from './voice-formatter.js';
import { VoiceHoverProvider } from './voice-hover.js';
import { VoiceNodeKindProvider } from './voice-node-kinds.js';
import { VoiceSemanticTokenProvider } from './voice-semantic-tokens.js';

export type VoiceSharedServices = LangiumSharedServices & VoiceSharedAddedServices;
export type VoiceServices = LangiumServices & VoiceAddedServices & { shared: VoiceSharedServices };

/** Editor services layered over the language core. */
export const VoiceEditorModule: Module<VoiceServices, PartialLangiumServices> = {
    lsp: {
        CodeActionProvider: () => new VoiceCodeActionProvider(),
        CodeLensProvider: () => new VoiceCodeLensProvider(),
        CompletionProvider: (services) => new VoiceCompletionProvider(services),
        DocumentSymbolProvider: () => new VoiceDocumentSymbolProvider(),
        Formatter: (services) => new VoiceFormatter(services),
        HoverProvider: (services) => new VoiceHoverProvider(services),
        SemanticTokenProvider: (services) => new VoiceSemanticTokenProvider(services)
    }
};

/** Editor services shared across documents: the icon of each kind in the outline and completion. */
export const VoiceEditorSharedModule: Module<VoiceSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new VoiceNodeKindProvider()
    }
};

/** The full language server: core language, editor features, shared LSP services. */
export function createVoiceServices(context: DefaultSharedModuleContext): {
    shared: VoiceSharedServices;
    Voice: VoiceServices;
} {
    const shared = inject(createDefaultSharedModule(context), VoiceGeneratedSharedModule, VoiceSharedModule, VoiceEditorSharedModule);
    const Voice = inject(createDefaultModule({ shared }), VoiceGeneratedModule, VoiceCoreModule, VoiceEditorModule) as VoiceServices;
    shared.ServiceRegistry.register(Voice);
    registerValidationChecks(Voice);
    // Edits run the setup's rules again and again: each file's keys are kept between builds.
    Voice.validation.VoiceValidator.keepSetupMemory = true;
    return { shared, Voice };
}
