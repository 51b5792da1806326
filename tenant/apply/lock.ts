/**
 * One apply at a time per tenant and state folder: a lock file beside the journal, created
 * exclusively (O_EXCL), naming the process that holds it. A second apply refuses with who
 * holds it and since when. A lock left by a process of this machine that is no longer
 * running (a crash, a kill) is stale and taken over; one from another machine is not
 * judged (its process cannot be checked): the message says how to remove it.
 * It protects one machine (or one shared state folder); docs/apply.md, "Concurrent runs".
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';

export interface LockOwner {
    pid: number;
    host: string;
    /** ISO time the lock was taken. */
    since: string;
    /** What the holder is doing, e.g. `apply examples/frontline`. */
    command: string;
}

export class LockHeldError extends Error {
    constructor(readonly file: string, readonly owner: LockOwner | undefined) {
        super(owner
            ? `Another apply to this tenant is running: process ${owner.pid} on ${owner.host} (${owner.command}), since ${owner.since}. ` +
              `Wait for it to finish, then plan again. If that process is gone (it ran on another machine), delete ${file}.`
            : `Another apply to this tenant holds the lock ${file}, which cannot be read. If no apply is running, delete it.`);
    }
}

export class ApplyLock {
    private held = false;
    private readonly release = () => this.unlock();

    private constructor(readonly file: string) {}

    /** Takes the lock of a state folder's tenant folder, or throws LockHeldError. `note` is called when a stale lock is taken over. */
    static acquire(tenantFolder: string, command: string, note: (message: string) => void = () => {}): ApplyLock {
        const lock = new ApplyLock(path.join(tenantFolder, 'apply.lock'));
        mkdirSync(tenantFolder, { recursive: true });
        const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
        for (let attempt = 0; ; attempt++) {
            try {
                const fd = openSync(lock.file, 'wx');
                try {
                    writeSync(fd, JSON.stringify(owner) + '\n');
                } finally {
                    closeSync(fd);
                }
                break;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw asHeld(error, lock.file);
                const holder = readOwner(lock.file);
                if (!holder || !isStale(holder)) throw new LockHeldError(lock.file, holder);
                note(`Taking over the lock of an apply that is no longer running (process ${holder.pid} on ${holder.host}, since ${holder.since}).`);
                rmSync(lock.file, { force: true });
            }
        }
        lock.held = true;
        // A second Ctrl-C ends the process at once (process.exit): the lock still goes.
        process.once('exit', lock.release);
        return lock;
    }

    unlock(): void {
        if (!this.held) return;
        this.held = false;
        process.off('exit', this.release);
        // Only our own lock: never one another process took over meanwhile.
        if (readOwner(this.file)?.pid === process.pid) rmSync(this.file, { force: true });
    }
}

function asHeld(error: unknown, file: string): Error {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? new LockHeldError(file, readOwner(file)) : error as Error;
}

function readOwner(file: string): LockOwner | undefined {
    try {
        const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
        return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner as LockOwner : undefined;
    } catch {
        return undefined;
    }
}

/** A lock of this machine whose process has ended. Another machine's lock is never stale to us. */
function isStale(owner: LockOwner): boolean {
    if (owner.host !== hostname()) return false;
    if (owner.pid === process.pid) return false;
    try {
        process.kill(owner.pid, 0);
        return false;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
}
