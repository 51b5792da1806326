/**
 * One error type for both surfaces: Graph answers `{"error":{"code","message"}}`, and the
 * Teams admin surface uses the same body so the stand-in module can surface the message.
 */
export class EmulatorError extends Error {
    constructor(readonly status: number, readonly code: string, message: string) {
        super(message);
    }
}

export function badRequest(message: string, code = 'BadRequest'): EmulatorError {
    return new EmulatorError(400, code, message);
}

export function notFound(message: string, code = 'Request_ResourceNotFound'): EmulatorError {
    return new EmulatorError(404, code, message);
}

export function conflict(message: string, code = 'Conflict'): EmulatorError {
    return new EmulatorError(409, code, message);
}

export function errorBody(code: string, message: string): { error: { code: string; message: string; innerError: { date: string } } } {
    return { error: { code, message, innerError: { date: new Date().toISOString() } } };
}
