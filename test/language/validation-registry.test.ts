/**
 * VoiceValidationRegistry calls checks without Langium's two async wrappers. A check that
 * throws, or returns a promise that rejects, still becomes Langium's diagnostic on its node,
 * and an asynchronous check's findings are still awaited.
 */
import { EmptyFileSystem } from 'langium';
import { validationHelper } from 'langium/test';
import { expect, test, vi } from 'vitest';
import type { Model, VoiceAstType } from '../../language/generated/ast.js';
import { createVoiceServices } from '../../server/voice-server-module.js';
import { BASE, messageOf } from './helpers.js';

test('a check that throws or rejects is reported on its node; an async check is awaited', async () => {
    const services = createVoiceServices(EmptyFileSystem);
    services.Voice.validation.ValidationRegistry.register<VoiceAstType>({
        Group: () => { throw new Error('thrown by a check'); },
        Trunk: () => Promise.reject(new Error('rejected by a check')),
        Address: async (node, accept) => {
            await new Promise(resolve => setTimeout(resolve, 5));
            accept('warning', 'found after a wait', { node });
        }
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
        const { diagnostics } = await validationHelper<Model>(services.Voice)(BASE);
        const messages = diagnostics.map(messageOf);
        expect(messages).toContain('An error occurred during validation: thrown by a check');
        expect(messages).toContain('An error occurred during validation: rejected by a check');
        expect(messages).toContain('found after a wait');
        const thrown = diagnostics.find(d => messageOf(d).endsWith('thrown by a check'))!;
        expect(BASE.split('\n')[thrown.range.start.line]).toMatch(/^group /);
    } finally {
        logged.mockRestore();
    }
});
