import * as vscode from 'vscode';
import { Commands, SetupInfoRequest } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import { readSettings, writeSetting } from '../../infrastructure/settings.js';
import { EMULATOR } from '../../../shared/settings.js';
import type { VoiceLanguage } from '../language-client/index.js';

/**
 * A status bar item for the target tenant: the configured target (the emulator by default)
 * and the tenant the active setup declares; "connected" once a plan or apply reached it.
 * Clicking it picks the target. Nothing here touches the network.
 */
export function activateStatusBar(context: vscode.ExtensionContext, commands: CommandRegistry, language: VoiceLanguage): (target: string) => void {
    const item = vscode.window.createStatusBarItem('voice.tenant', vscode.StatusBarAlignment.Left, 50);
    item.name = 'Voice tenant';
    item.command = Commands.selectTenant;
    context.subscriptions.push(item);
    let connected: string | undefined;

    const update = async (): Promise<void> => {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document.languageId !== 'voice') {
            item.hide();
            return;
        }
        const settings = readSettings(editor.document.uri);
        const target = settings.tenant === EMULATOR ? 'emulator' : settings.tenant;
        item.text = `$(${connected ? 'cloud' : 'cloud-upload'}) Shared Calling: ${target}`;
        let declared: string | undefined;
        try {
            declared = (await language.request(SetupInfoRequest, { uri: editor.document.uri.toString() })).tenant;
        } catch {
            declared = undefined;
        }
        item.tooltip = new vscode.MarkdownString([
            `**Target:** ${settings.tenant === EMULATOR ? `tenant emulator (${settings.emulatorUrl})` : settings.tenant}`,
            declared ? `**Setup declares:** ${declared}` : '**Setup declares:** no tenant statement',
            connected ? `**Connected:** ${connected}` : '**Connected:** not yet (plan or apply connects)',
            '', 'Click to choose the target.'
        ].join('\n\n'));
        item.show();
    };

    commands.register(Commands.selectTenant, async () => {
        const editor = vscode.window.activeTextEditor;
        const settings = readSettings(editor?.document.uri);
        const picks: (vscode.QuickPickItem & { value?: string })[] = [
            { label: '$(vm) Tenant emulator', description: settings.emulatorUrl, value: EMULATOR },
            { label: '$(cloud) Enter a tenant domain...', value: undefined }
        ];
        const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Where should Plan and Apply go?' });
        if (!pick) return;
        const value = pick.value ?? await vscode.window.showInputBox({ prompt: 'Tenant domain', placeHolder: 'contoso.onmicrosoft.com', value: settings.tenant === EMULATOR ? '' : settings.tenant });
        if (!value) return;
        await writeSetting('tenant', value, editor?.document.uri);
    });

    context.subscriptions.push(
        vscode.window.onDidChangeActiveTextEditor(() => void update()),
        vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('voice') && void update()),
        vscode.workspace.onDidSaveTextDocument(d => d.languageId === 'voice' && void update())
    );
    void update();
    return target => {
        connected = target;
        void update();
    };
}
