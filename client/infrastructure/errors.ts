import * as vscode from 'vscode';

/** Thrown when the user backs out (a dismissed confirmation or sign-in): never reported. */
export class UserCancelled extends Error {
    constructor(message = 'Cancelled by the user.') {
        super(message);
        this.name = 'UserCancelled';
    }
}

/** A CLI run the user cancelled while it ran; `output` is what it printed until it stopped. */
export class CliCancelled extends UserCancelled {
    constructor(readonly output: string) {
        super('Cancelled; the log shows what was done.');
    }
}

/** An error whose message is written for the user as is (no stack, no prefix). */
export class UserFacingError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UserFacingError';
    }
}

export function isCancellation(error: unknown): boolean {
    if (error instanceof UserCancelled || error instanceof vscode.CancellationError) return true;
    const name = (error as { name?: unknown } | undefined)?.name;
    // A cancelled sign-in (e.g. @azure/identity's AbortError) or request is silent too.
    return name === 'Canceled' || name === 'AbortError' || name === 'CancellationError';
}
