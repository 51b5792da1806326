import { RequestType } from 'vscode-languageclient/node';
import type { VoiceRequest } from '../../shared/protocol.js';

/** The client's typed `RequestType` for a Voice request (shared/protocol.ts). */
export function requestType<P, R>(request: VoiceRequest<P, R>): RequestType<P, R, void> {
    return new RequestType<P, R, void>(request.method);
}
