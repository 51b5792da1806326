import * as vscode from 'vscode';

/** The "Voice" output channel: every command logs here; nothing secret is ever written. */
export class Log implements vscode.Disposable {
    readonly channel: vscode.LogOutputChannel;

    constructor() {
        this.channel = vscode.window.createOutputChannel('Voice', { log: true });
    }

    info(message: string): void { this.channel.info(message); }
    warn(message: string): void { this.channel.warn(message); }
    error(message: string): void { this.channel.error(message); }
    /** Raw output of a child process (CLI engine), line by line. */
    append(text: string): void {
        for (const line of text.split(/\r?\n/)) if (line.trim()) this.channel.info(line);
    }
    show(): void { this.channel.show(true); }
    dispose(): void { this.channel.dispose(); }
}
