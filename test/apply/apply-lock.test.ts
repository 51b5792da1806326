/** The apply lock beside the journal: exclusive, named, released, stale locks of this machine taken over (tenant/apply/lock.ts). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApplyLock, LockHeldError } from '../../tenant/apply/lock.js';

const folder = () => mkdtempSync(path.join(tmpdir(), 'voice-lock-'));
/** The pid of a process that has ended. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('apply lock', () => {
    test('a second lock of the same folder is refused, naming the holder; after unlock it is free', () => {
        const dir = folder();
        const lock = ApplyLock.acquire(dir, 'apply stores.voice');
        const owner = JSON.parse(readFileSync(lock.file, 'utf8')) as { pid: number; host: string };
        expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
        expect(() => ApplyLock.acquire(dir, 'apply other.voice')).toThrow(LockHeldError);
        expect(() => ApplyLock.acquire(dir, 'apply other.voice')).toThrow(new RegExp(`process ${process.pid} on ${hostname()} \\(apply stores\\.voice\\)`));
        lock.unlock();
        expect(existsSync(lock.file)).toBe(false);
        ApplyLock.acquire(dir, 'apply other.voice').unlock();
    });

    test('a lock left by an ended process of this machine is taken over, and says so', () => {
        const dir = folder();
        const pid = deadPid();
        writeFileSync(path.join(dir, 'apply.lock'), JSON.stringify({ pid, host: hostname(), since: '2020-01-01T00:00:00Z', command: 'apply x' }));
        const notes: string[] = [];
        const lock = ApplyLock.acquire(dir, 'apply stores.voice', note => notes.push(note));
        expect(notes).toEqual([`Taking over the lock of an apply that is no longer running (process ${pid} on ${hostname()}, since 2020-01-01T00:00:00Z).`]);
        lock.unlock();
    });

    test('a lock from another machine is never judged stale: refused, with how to remove it', () => {
        const dir = folder();
        writeFileSync(path.join(dir, 'apply.lock'), JSON.stringify({ pid: 1, host: 'build-agent-7', since: '2020-01-01T00:00:00Z', command: 'apply x' }));
        expect(() => ApplyLock.acquire(dir, 'apply stores.voice')).toThrow(/process 1 on build-agent-7 .*delete .*apply\.lock/);
    });
});
