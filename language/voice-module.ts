import type {
    DefaultSharedCoreModuleContext, LangiumCoreServices, LangiumSharedCoreServices, Module, PartialLangiumCoreServices
} from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule, inject } from 'langium';
import { VoiceGeneratedModule, VoiceGeneratedSharedModule } from './generated/module.js';
import { VoiceScopeProvider } from './voice-scope.js';
import { VoiceValidator, registerValidationChecks } from './voice-validator.js';

/** Services the Voice language adds to Langium's defaults. */
export type VoiceAddedServices = {
    validation: {
        VoiceValidator: VoiceValidator;
    };
};

export type VoiceCoreServices = LangiumCoreServices & VoiceAddedServices;

export const VoiceCoreModule: Module<VoiceCoreServices, PartialLangiumCoreServices & VoiceAddedServices> = {
    references: {
        ScopeProvider: (services) => new VoiceScopeProvider(services)
    },
    validation: {
        VoiceValidator: () => new VoiceValidator()
    }
};

/**
 * The language core without editor services: used by the CLI and the compiler.
 * File access comes from `context` (Node's file system in the CLI, none in tests).
 */
export function createVoiceCoreServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    Voice: VoiceCoreServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), VoiceGeneratedSharedModule);
    const Voice = inject(createDefaultCoreModule({ shared }), VoiceGeneratedModule, VoiceCoreModule);
    shared.ServiceRegistry.register(Voice);
    registerValidationChecks(Voice);
    return { shared, Voice };
}
