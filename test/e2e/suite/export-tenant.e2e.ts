/// <reference types="mocha" />
/**
 * "Export Tenant to Folder…" runs `voice export` against the emulator (the configured target)
 * and opens network.voice: after examples/frontline is applied, the export holds its trunk,
 * addresses and both policies, and a second export into the same folder (replacing the files)
 * gives the same bytes.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, emulatorCall, exampleUri } from './support.js';

interface ExportShown {
    folder: string;
    files: string[];
    status: string;
}

const stores = () => exampleUri('frontline', 'stores.voice');
const contents = (folder: string) => readdirSync(folder).sort().map(f => readFileSync(path.join(folder, f), 'utf8'));

async function exportTo(folder: string, force = false): Promise<ExportShown> {
    const shown = await vscode.commands.executeCommand<ExportShown | undefined>('voice.exportTenant', { folder, scope: 'all-voice', force });
    assert.ok(shown, 'the command exported nothing (see the Voice log)');
    return shown;
}

describe('Export Tenant to Folder in the editor', function () {
    this.timeout(300_000);
    before(activated);
    beforeEach(async () => { await emulatorCall('POST', '/emulator/reset'); });

    it('exports the applied frontline tenant, opens network.voice, and exports the same bytes again', async () => {
        const api = await activated();
        api.overrideConfirmation(async () => true);
        try {
            await vscode.commands.executeCommand('voice.plan', stores().toString());
            const applied = await vscode.commands.executeCommand<string | undefined>('voice.apply', stores().toString());
            assert.match(applied ?? '', /Apply complete/);
        } finally {
            api.overrideConfirmation(undefined);
        }

        const folder = mkdtempSync(path.join(tmpdir(), 'voice-e2e-export-'));
        const first = await exportTo(folder);
        // Both policies' groups notify one security desk, declared once: their statements share one file.
        assert.deepEqual(first.files, ['network.voice', 'OregonStores.voice']);
        assert.equal(first.status, 'Exported the tenant. A plan of the export against the tenant shows no changes.');
        assert.equal(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), 'network.voice');
        assert.match(vscode.window.activeTextEditor!.document.getText(), /trunk CteloUS \{/);
        const bytes = contents(folder);

        const again = await exportTo(folder, true);
        assert.equal(again.status, first.status);
        assert.deepEqual(contents(folder), bytes);
    });
});
