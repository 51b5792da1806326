/**
 * The VS Code extension's composition root: infrastructure first, then one feature
 * folder at a time. The language work happens in the server; nothing here touches the
 * network at activation.
 */
import * as vscode from 'vscode';
import { activateCompile } from './features/compile/index.js';
import { activateDocsLinks } from './features/docs-links/index.js';
import { activateEmergencyReadiness } from './features/emergency-readiness/index.js';
import { activateEmulator } from './features/emulator/index.js';
import { activateExportTenant } from './features/export-tenant/index.js';
import type { VoiceLanguage } from './features/language-client/index.js';
import { activateLanguageClient } from './features/language-client/index.js';
import type { Confirm } from './features/plan-apply/index.js';
import { activatePlanApply, modalConfirm } from './features/plan-apply/index.js';
import type { PlanPaneControl } from './features/plan-pane/index.js';
import { activatePlanPane } from './features/plan-pane/index.js';
import type { VisualizerControl } from './features/setup-visualizer/index.js';
import { activateSetupVisualizer } from './features/setup-visualizer/index.js';
import { activateEmulatorItem } from './features/status-bar/emulator-item.js';
import type { Answer } from './features/powershell/index.js';
import { activatePowerShell, warningAnswer } from './features/powershell/index.js';
import { activateStatusBar } from './features/status-bar/index.js';
import { activateTerminalCli } from './features/terminal-cli/index.js';
import { activateTenantChecks } from './features/tenant-checks/index.js';
import { activateWalkthrough } from './features/walkthrough/index.js';
import { VoiceCli } from './infrastructure/cli.js';
import { CommandRegistry, registerInfrastructureCommands } from './infrastructure/commands.js';
import { Log } from './infrastructure/log.js';

/** What the extension exports: tests wait on `ready` before asking the server anything. */
export interface VoiceExtensionApi {
    ready(): Promise<void>;
    language: VoiceLanguage;
    /** Replaces the modal questions of Apply, its confirmation and the Plan again offer (undefined restores them): for tests, where VS Code refuses modal dialogs. */
    overrideConfirmation(confirm: Confirm | undefined): void;
    /** Replaces the answer to the non-modal offers that wait for a choice (the PowerShell 7 acquisition offer); undefined restores them. For tests, which cannot click a notification. */
    overrideAnswer(answer: Answer | undefined): void;
    /** The plan pane and the setup visualizer as tests drive them: what their pages drew (counted in their DOM), and their buttons and nodes. */
    planPane: PlanPaneControl;
    visualizer: VisualizerControl;
}

export function activate(context: vscode.ExtensionContext): VoiceExtensionApi {
    const log = new Log();
    context.subscriptions.push(log);
    const commands = new CommandRegistry(context, log);
    registerInfrastructureCommands(commands, log);
    const cli = new VoiceCli(context.asAbsolutePath('out/cli.cjs'), log);

    const docsLinks = activateDocsLinks(context);
    const language = activateLanguageClient(context, commands, log, docsLinks);
    let confirm: Confirm = modalConfirm;
    let answer: Answer = warningAnswer;
    activateCompile(commands, language, log, () => confirm);
    const connected = activateStatusBar(context, commands, language);
    const powershell = activatePowerShell(context, { commands, cli, log, answer: () => answer });
    const emulator = activateEmulator(context, { commands, cli, log });
    activateEmulatorItem(context, commands, emulator);
    const planApply = { commands, language, cli, log, connected, emulator, powershell, confirm: () => confirm };
    activatePlanApply(context, planApply);
    const planPane = activatePlanPane(context, planApply);
    const visualizer = activateSetupVisualizer(context, commands, language, log);
    activateTenantChecks(context, { commands, language, cli, log, connected, docsLinks });
    activateEmergencyReadiness(context, { commands, language, cli, log, emulator, powershell });
    activateExportTenant({ commands, cli, log, emulator, powershell });
    activateWalkthrough(context, commands);
    void activateTerminalCli(context, cli.cliPath, log);

    log.info(`Voice ${context.extension.packageJSON.version as string} activated.`);
    return {
        ready: () => language.ready(),
        language,
        overrideConfirmation: replacement => { confirm = replacement ?? modalConfirm; },
        overrideAnswer: replacement => { answer = replacement ?? warningAnswer; },
        planPane,
        visualizer
    };
}

export function deactivate(): void {
    // Disposables in context.subscriptions stop the client and close the channel.
}
