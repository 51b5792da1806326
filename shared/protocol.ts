/**
 * Messages between the VS Code client and the Voice language server, beyond LSP: one
 * place for their names and shapes (vscode-eslint style). Each request carries its
 * parameter and result types; each side turns it into its own `RequestType<P, R>`
 * (`requestType` in client/infrastructure/requests.ts and server/voice-requests.ts), so
 * `sendRequest` and `onRequest` agree at compile time. Not a `RequestType` here: the
 * client and the server each bundle their own copy of vscode-jsonrpc, whose class types do
 * not mix. Dependency-free, so both bundles import it.
 */

/** A request beyond LSP: its method name, with its parameter and result types attached. */
export interface VoiceRequest<P, R> {
    readonly method: `voice/${string}`;
    /** Never set: only carries the types. */
    readonly types?: { params: P; result: R };
}

function voiceRequest<P, R>(method: `voice/${string}`): VoiceRequest<P, R> {
    return { method };
}

/** The commands the code lenses run; the client registers them. */
export const Commands = {
    compile: 'voice.compile',
    plan: 'voice.plan',
    apply: 'voice.apply',
    restartServer: 'voice.restartServer',
    showLog: 'voice.showLog',
    selectTenant: 'voice.selectTenant',
    openWalkthroughExample: 'voice.openExample',
    checkTenant: 'voice.checkTenant',
    emergencyReadiness: 'voice.emergencyReadiness',
    exportTenant: 'voice.exportTenant',
    startEmulator: 'voice.startEmulator',
    stopEmulator: 'voice.stopEmulator',
    resetEmulator: 'voice.resetEmulator',
    /** Finds PowerShell 7, or offers to get it (the walkthrough's prerequisite step). */
    findPowerShell: 'voice.findPowerShell',
    /** The emulator status bar item's click: start, or pick stop / reset. */
    emulatorActions: 'voice.emulatorActions',
    /** The plan pane: the setup's plan as a view, with Plan again, Apply and Cancel. */
    planPane: 'voice.planPane',
    /** The setup visualizer: the setup's graph, live as you type. */
    showVisualizer: 'voice.showVisualizer'
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export interface DocumentParams {
    /** The URI of the `.voice` document, as the client knows it (file:, untitled:, vscode-remote:, ...). */
    uri: string;
}

export interface CompileResult {
    /** The script, when the setup compiled. */
    script?: string;
    /** The source map of the script (`voice compile -o`'s `.map`), when the setup compiled. */
    sourceMap?: string;
    /** Suggested file name of the script, beside the source (e.g. stores.ps1). */
    fileName?: string;
    /** Error diagnostics that block compiling, one line each (file:line: code message). */
    errors: string[];
    /** Why nothing was compiled, when it is not because of errors (e.g. compiler not available). */
    message?: string;
}

/** `voice/compile`: compile one file (and what it imports) to a PowerShell script. */
export const CompileRequest = voiceRequest<DocumentParams, CompileResult>('voice/compile');

export interface DesiredStateResult {
    /** Markdown: one section per seed step, one line per tenant object. */
    text?: string;
    /** The tenant the setup targets, when it declares one. */
    tenant?: string;
    errors: string[];
}

/** `voice/desiredState`: what the setup declares in the tenant, statement by statement (no tenant read). */
export const DesiredStateRequest = voiceRequest<DocumentParams, DesiredStateResult>('voice/desiredState');

export interface SetupInfoResult {
    tenant?: string;
    errorCount: number;
    /** The URIs of the setup's other files: its folder's files and what they import (docs/language.md, "Setups"). */
    otherFiles?: string[];
    /** The URIs of the setup's root files (its folder's .voice files): what Plan and Apply give `voice`, so it sees the editor's setup. */
    roots?: string[];
}

/** `voice/setupInfo`: cheap facts about a file for the client (status bar, confirmation text). */
export const SetupInfoRequest = voiceRequest<DocumentParams, SetupInfoResult>('voice/setupInfo');

export interface GraphParams extends DocumentParams {
    /** Only what the nodes named like this lead to and what leads to them (`voice graph --filter`); empty: the whole setup. */
    filter?: string;
}

/** Where a drawn node or edge comes from: the statement to go to. 1-based, like `voice check`. */
export interface GraphLink {
    uri: string;
    line: number;
    column: number;
}

export interface GraphResult {
    /** The picture, laid out by Graphviz; its `<g class="node" id>` are the keys of `links`. */
    svg?: string;
    /** overview: too many nodes to draw one by one, so one node per kind (language/graph/overview.ts). */
    view: 'setup' | 'filtered' | 'overview';
    /** What the picture draws. */
    nodes: number;
    edges: number;
    /** What the whole setup has. */
    setupNodes: number;
    setupEdges: number;
    /** Counts of the whole setup: groups without emergency coverage, numbers not assigned or without an address, nodes with errors or warnings. */
    marks: { missingCoverage: number; unassigned: number; withoutAddress: number; withDiagnostics: number };
    /** Node and edge id → its statement. */
    links: Record<string, GraphLink>;
    /** Why nothing is drawn (not open, a filter that matches nothing), or what the overview is. */
    message?: string;
}

/** `voice/graph`: the setup of a file as a picture (the visualizer; docs/graph.md). */
export const GraphRequest = voiceRequest<GraphParams, GraphResult>('voice/graph');

/** Every request the server answers (a test holds the server's handlers to it). */
export const VoiceRequests = [CompileRequest, DesiredStateRequest, SetupInfoRequest, GraphRequest] as const;
