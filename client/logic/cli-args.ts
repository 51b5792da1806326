import type { VoiceSettings } from '../../shared/settings.js';
import { EMULATOR } from '../../shared/settings.js';

/** Arguments for `voice plan` / `voice apply` against the configured target (cli/commands/plan.ts, apply.ts). */
export function targetArgs(settings: VoiceSettings): string[] {
    return settings.tenant === EMULATOR
        ? ['--tenant', EMULATOR, '--emulator-url', settings.emulatorUrl]
        : ['--tenant', settings.tenant, '--sign-in', settings.signIn];
}
