import type {
    DefaultSharedCoreModuleContext, LangiumCoreServices, LangiumSharedCoreServices, Module, PartialLangiumCoreServices
} from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule, inject } from 'langium';
import { VoiceGeneratedModule, VoiceGeneratedSharedModule } from './generated/module.js';
import { SetupResolver } from './setups.js';
import { ExtensionSources } from './extensions/extension-sources.js';
import { VoiceLexerErrorMessages, VoiceParserErrorMessages } from './syntax-messages.js';
import { VoiceDocumentValidator } from './voice-document-validator.js';
import { VoiceDocumentBuilder } from './voice-document-builder.js';
import { VoiceScopeProvider } from './voice-scope.js';
import { BatchedInterruptModule } from './batched-interrupts.js';
import { VoiceValidationRegistry } from './voice-validation-registry.js';
import { VoiceServiceRegistry } from './voice-service-registry.js';
import { VoiceValidator, registerValidationChecks } from './voice-validator.js';

/** Services the Voice language adds to Langium's defaults. */
export type VoiceAddedServices = {
    validation: {
        VoiceValidator: VoiceValidator;
    };
};

/** Services that span documents: which files form one setup. */
export type VoiceSharedAddedServices = {
    voice: {
        Setups: SetupResolver;
        /** The extension CSVs' text, handed in by whoever reads files (language/extensions/extension-sources.ts). */
        ExtensionSources: ExtensionSources;
    };
};

export type VoiceSharedCoreServices = LangiumSharedCoreServices & VoiceSharedAddedServices;

export type VoiceCoreServices = LangiumCoreServices & VoiceAddedServices & { shared: VoiceSharedCoreServices };

export const VoiceSharedModule: Module<VoiceSharedCoreServices, VoiceSharedAddedServices & {
    ServiceRegistry: VoiceServiceRegistry;
    workspace: { DocumentBuilder: (shared: VoiceSharedCoreServices) => VoiceDocumentBuilder };
}> = {
    ServiceRegistry: (shared) => new VoiceServiceRegistry(shared),
    voice: {
        Setups: (shared) => new SetupResolver(shared),
        ExtensionSources: () => new ExtensionSources()
    },
    workspace: {
        DocumentBuilder: (shared) => new VoiceDocumentBuilder(shared, () => shared.voice.Setups, document => {
            const validator = shared.ServiceRegistry.getServices(document.uri).validation.DocumentValidator;
            return validator instanceof VoiceDocumentValidator ? validator : undefined;
        })
    }
};

export const VoiceCoreModule: Module<VoiceCoreServices, PartialLangiumCoreServices & VoiceAddedServices> = {
    references: {
        ...BatchedInterruptModule.references,
        ScopeProvider: (services) => new VoiceScopeProvider(services)
    },
    workspace: BatchedInterruptModule.workspace,
    parser: {
        ParserErrorMessageProvider: (services) => new VoiceParserErrorMessages(services.Grammar),
        LexerErrorMessageProvider: () => new VoiceLexerErrorMessages()
    },
    validation: {
        VoiceValidator: () => new VoiceValidator(),
        DocumentValidator: (services) => new VoiceDocumentValidator(services),
        ValidationRegistry: (services) => new VoiceValidationRegistry(services)
    }
};

/**
 * The language core without editor services: used by the CLI and the compiler.
 * File access comes from `context` (Node's file system in the CLI, none in tests).
 */
export function createVoiceCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: VoiceSharedCoreServices;
    Voice: VoiceCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), VoiceGeneratedSharedModule, VoiceSharedModule);
    const Voice = inject(createDefaultCoreModule({ shared }), VoiceGeneratedModule, VoiceCoreModule) as VoiceCoreServices;
    shared.ServiceRegistry.register(Voice);
    registerValidationChecks(Voice);
    return { shared, Voice };
}
