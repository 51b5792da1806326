/** A tenant call that failed for good (after retries): what was called and what the service said. */
export class TenantError extends Error {
    constructor(message: string, readonly status?: number, readonly code?: string) {
        super(message);
        this.name = 'TenantError';
    }
}

/** Thrown when the user cancels (Ctrl-C, a cancelled sign-in): callers stop quietly. */
export class CancelledError extends Error {
    constructor(message = 'Cancelled.') {
        super(message);
        this.name = 'CancelledError';
    }
}
