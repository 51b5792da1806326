/**
 * Langium wraps every check in two async functions (so that a thrown error becomes a
 * diagnostic): each of the hundreds of thousands of check calls of a 5,000-store build makes
 * promises and waits a microtask, about a second of a full build in the profile. The voice
 * checks are synchronous, so the wrapper here calls a check directly, hands a promise (if a
 * check returns one) to Langium's handling, and turns a thrown error into Langium's same
 * diagnostic. VoiceDocumentValidator awaits only what returns a promise.
 */
import type { ValidationCheck } from 'langium';
import { ValidationRegistry } from 'langium';

const CONTEXT = 'An error occurred during validation';

const isThenable = (value: unknown): value is PromiseLike<void> => typeof (value as PromiseLike<void> | undefined)?.then === 'function';

export class VoiceValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                // Langium's handling: a cancellation goes on up, anything else is logged and reported on the node.
                return this.handleException(() => { throw error; }, CONTEXT, accept, node);
            }
            return isThenable(result) ? this.handleException(() => result as PromiseLike<void> as Promise<void>, CONTEXT, accept, node) : undefined;
        };
    }
}
