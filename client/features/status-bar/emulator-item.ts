import * as vscode from 'vscode';
import { Commands } from '../../../shared/protocol.js';
import type { CommandRegistry } from '../../infrastructure/commands.js';
import type { EmulatorState, LocalEmulator } from '../emulator/index.js';

const TEXT: Record<EmulatorState, string> = {
    stopped: '$(debug-stop) Emulator: stopped',
    starting: '$(loading~spin) Emulator: starting',
    running: '$(vm-running) Emulator: running',
    external: '$(vm-running) Emulator: running (not started here)'
};

/**
 * The local tenant emulator's state beside the target item, while a .voice file is open:
 * clicking it starts a stopped emulator, or offers Stop and Reset for a running one.
 */
export function activateEmulatorItem(context: vscode.ExtensionContext, commands: CommandRegistry, emulator: LocalEmulator): void {
    const item = vscode.window.createStatusBarItem('voice.emulator', vscode.StatusBarAlignment.Left, 49);
    item.name = 'Local tenant emulator';
    item.command = Commands.emulatorActions;
    context.subscriptions.push(item);

    const update = (): void => {
        if (vscode.window.activeTextEditor?.document.languageId !== 'voice') {
            item.hide();
            return;
        }
        item.text = TEXT[emulator.state];
        item.tooltip = emulator.url ? `Local tenant emulator at ${emulator.url}` : 'Local tenant emulator: click to start it';
        item.show();
    };

    commands.register(Commands.emulatorActions, async () => {
        if (emulator.state === 'stopped') return vscode.commands.executeCommand(Commands.startEmulator);
        const picks = [
            { label: '$(debug-stop) Stop the emulator', command: Commands.stopEmulator },
            { label: '$(discard) Reset the emulator to its seed', command: Commands.resetEmulator }
        ];
        const pick = await vscode.window.showQuickPick(picks, { placeHolder: `Local tenant emulator: ${emulator.state}` });
        return pick ? vscode.commands.executeCommand(pick.command) : undefined;
    });

    context.subscriptions.push(
        emulator.onDidChange(update),
        vscode.window.onDidChangeActiveTextEditor(update)
    );
    update();
}
