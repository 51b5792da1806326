/**
 * "Not replicated yet", for as long as a test needs it: the emulator hides objects until the
 * test releases them, at a step of the run under test, instead of for a delay in milliseconds
 * that a loaded machine can outlast before the run even starts.
 */
import type { EmulatorHandle } from '../../tenant/emulator/index.js';

/** Releases the emulator's replication once `route` has been called (after the calls made so far), and tells whether it did. */
export function releaseWhenCalled(emulator: EmulatorHandle, route: string): { stop(): boolean } {
    const after = emulator.callLog.entries.length;
    let released = false;
    const timer = setInterval(() => {
        if (emulator.callLog.entries.slice(after).some(c => c.route === route)) {
            clearInterval(timer);
            released = true;
            emulator.tenant.releaseReplication();
        }
    }, 20);
    return {
        stop: () => {
            clearInterval(timer);
            return released;
        }
    };
}
