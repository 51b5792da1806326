import { describe, expect, it } from 'vitest';
import { exportArgs, exportOutcome, filesToOpen } from '../../client/logic/export-tenant.js';
import { readVoiceSettings } from '../../shared/settings.js';

const settings = (values: Record<string, unknown>) => readVoiceSettings(key => values[key]);

describe('Export Tenant to Folder (logic)', () => {
    it('runs voice export against the configured target', () => {
        expect(exportArgs(settings({ tenant: 'emulator', emulatorUrl: 'http://127.0.0.1:7799' }), '/tmp/x', 'all-voice', false))
            .toEqual(['export', '--tenant', 'emulator', '--emulator-url', 'http://127.0.0.1:7799', '--out', '/tmp/x', '--scope', 'all-voice']);
        expect(exportArgs(settings({ tenant: 'contoso.onmicrosoft.com' }), '/tmp/x', 'shared-calling', true))
            .toEqual(['export', '--tenant', 'contoso.onmicrosoft.com', '--sign-in', 'device-code', '--out', '/tmp/x', '--scope', 'shared-calling', '--force']);
    });

    it('reads the exit code: written, written with errors, refused', () => {
        expect(exportOutcome({ code: 0, stdout: '', stderr: 'Reading x...\nExported x to y: network.voice.\nA plan of the export against the tenant shows no changes.\n' }))
            .toEqual({ kind: 'written', status: 'Exported the tenant. A plan of the export against the tenant shows no changes.' });
        expect(exportOutcome({ code: 1, stdout: 'a.voice:1:1 error x', stderr: 'Exported x.\n2 error(s) in the export: the tenant holds them as written.\n' }))
            .toEqual({ kind: 'errors', status: 'Exported the tenant as it is: 2 error(s) in the export: the tenant holds them as written.' });
        expect(exportOutcome({ code: 2, stdout: '', stderr: 'voice export: y already holds .voice files (a.voice): choose another --out, or --force to replace them\n' }))
            .toEqual({ kind: 'error', message: 'Export failed (exit 2): y already holds .voice files (a.voice): choose another --out, or --force to replace them' });
        expect(exportOutcome({ code: 1, stdout: '', stderr: 'voice export: Sign-in returned no token.\n' }))
            .toEqual({ kind: 'error', message: 'Export failed (exit 1): Sign-in returned no token.' });
    });

    it('opens network.voice first', () => {
        expect(filesToOpen(['b.voice', 'network.voice', 'notes.txt', 'a.voice'])).toEqual(['network.voice', 'a.voice', 'b.voice']);
    });
});
