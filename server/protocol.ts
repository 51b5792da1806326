/**
 * Messages between the VS Code client and the Voice language server, beyond LSP: one
 * place for their names and shapes (vscode-eslint style). Dependency-free, so both the
 * client bundle and the server bundle import it.
 */

/** The commands the code lenses run; the client registers them. */
export const Commands = {
    compile: 'voice.compile',
    plan: 'voice.plan',
    apply: 'voice.apply',
    restartServer: 'voice.restartServer',
    showLog: 'voice.showLog',
    selectTenant: 'voice.selectTenant',
    openWalkthroughExample: 'voice.openExample',
    checkTenant: 'voice.checkTenant'
} as const;

export interface DocumentParams {
    /** The URI of the `.voice` document, as the client knows it (file:, untitled:, vscode-remote:, ...). */
    uri: string;
}

/** `voice/compile`: compile one file (and what it imports) to a PowerShell script. */
export const CompileRequest = { method: 'voice/compile' } as const;
export interface CompileResult {
    /** The script, when the setup compiled. */
    script?: string;
    /** Suggested file name of the script, beside the source (e.g. stores.ps1). */
    fileName?: string;
    /** Error diagnostics that block compiling, one line each (file:line: code message). */
    errors: string[];
    /** Why nothing was compiled, when it is not because of errors (e.g. compiler not available). */
    message?: string;
}

/** `voice/desiredState`: what the setup declares in the tenant, statement by statement (no tenant read). */
export const DesiredStateRequest = { method: 'voice/desiredState' } as const;
export interface DesiredStateResult {
    /** Markdown: one section per seed step, one line per tenant object. */
    text?: string;
    /** The tenant the setup targets, when it declares one. */
    tenant?: string;
    errors: string[];
}

/** `voice/setupInfo`: cheap facts about a file for the client (status bar, confirmation text). */
export const SetupInfoRequest = { method: 'voice/setupInfo' } as const;
export interface SetupInfoResult {
    tenant?: string;
    errorCount: number;
    /** The URIs of the files the setup imports, transitively (not the file itself). */
    imports?: string[];
}
