/**
 * No token, client secret or certificate material in anything the tool writes, at debug
 * log level (VOICE_DEBUG=1, which adds stack traces): stdout and stderr of plan, apply
 * (clean, throttled to failure, crashed mid-way) and compile, the journal and every other
 * file under the state folder, the compiled script and its source map. Tokens also travel
 * base64-encoded inside PowerShell payloads, so base64 runs in the output are decoded and
 * searched too. (The VS Code output channel is covered by the end-to-end suite.)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { EmulatorHandle } from '../../tenant/emulator/index.js';
import { startEmulator } from '../../tenant/emulator/index.js';
import { REPO_ROOT, runVoiceAsync, type CliResult } from '../support/cli.js';
import { findPwsh } from '../support/pwsh.js';

/** A token shaped like a real one (a JWT), unique to this run. */
const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(48).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
const CLIENT_SECRET = `Qx8~${randomBytes(24).toString('base64url')}`;
const DEBUG_ENV = { VOICE_DEBUG: '1', AZURE_CLIENT_SECRET: CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PASSWORD: CLIENT_SECRET };

let scratch: string;
let folder: string;
let emulator: EmulatorHandle | undefined;
let keyBody: string[] = [];
let certificatePath: string;
const outputs: { label: string; text: string }[] = [];

function walk(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** What must never appear: the token (also inside decoded base64), the client secret, private key lines, bearer headers. */
function leaks(text: string): string[] {
    const found: string[] = [];
    const haystacks = [text];
    for (const run of text.match(/[A-Za-z0-9+/=_-]{40,}/g) ?? []) {
        for (const encoding of ['base64', 'base64url'] as const) haystacks.push(Buffer.from(run, encoding).toString('utf8'));
    }
    for (const hay of haystacks) {
        if (hay.includes(TOKEN) || hay.includes(TOKEN.split('.')[1]!)) found.push('token');
        if (hay.includes(CLIENT_SECRET)) found.push('client secret');
        if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(hay)) found.push('private key header');
        if (keyBody.some(line => hay.includes(line))) found.push('private key material');
        if (/Bearer\s+[A-Za-z0-9._-]{20,}/.test(hay)) found.push('bearer header');
    }
    return [...new Set(found)];
}

function record(label: string, result: CliResult): CliResult {
    outputs.push({ label, text: `${result.stdout}\n${result.stderr}` });
    return result;
}

const target = (e: EmulatorHandle, stateDir: string) => ['--tenant', 'emulator', '--emulator-url', e.url, '--state-dir', stateDir];

beforeAll(() => {
    process.env.VOICE_PWSH = findPwsh();
    scratch = mkdtempSync(path.join(tmpdir(), 'voice-secrets-'));
    folder = path.join(scratch, 'frontline');
    cpSync(path.join(REPO_ROOT, 'examples', 'frontline'), folder, { recursive: true });
    // A real key pair and self-signed certificate, as an app registration would use.
    const key = path.join(scratch, 'key.pem');
    const cert = path.join(scratch, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=voice-test'], { stdio: 'ignore' });
    const keyText = readFileSync(key, 'utf8');
    keyBody = keyText.split('\n').filter(l => l.length >= 40 && !l.startsWith('-----'));
    certificatePath = path.join(scratch, 'app.pem');
    writeFileSync(certificatePath, keyText + readFileSync(cert, 'utf8'));
});

afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
});

describe('secrets at debug log level', () => {
    test('plan, apply (clean, throttled to failure, crashed) and compile print and write no token or secret', async () => {
        const stateDir = path.join(scratch, 'state');
        emulator = await startEmulator({ port: 0, token: TOKEN });
        record('plan', await runVoiceAsync(['plan', folder, ...target(emulator, stateDir)], { env: DEBUG_ENV }));
        const applied = record('apply', await runVoiceAsync(['apply', folder, ...target(emulator, stateDir), '--auto-approve'], { env: DEBUG_ENV }));
        expect(applied.status, applied.stderr).toBe(0);
        await emulator.stop();

        // Errors print more (and stack traces at debug level): a tenant throttling everything, then one that crashes mid-apply.
        emulator = await startEmulator({ port: 0, token: TOKEN, faults: { throttleRate: 1, retryAfterSeconds: 0 } });
        const throttled = record('apply, throttled', await runVoiceAsync(['apply', folder, ...target(emulator, stateDir), '--auto-approve'], { env: DEBUG_ENV }));
        expect(throttled.status).not.toBe(0);
        await emulator.stop();
        emulator = await startEmulator({ port: 0, token: TOKEN, faults: { crashAfter: 25 } });
        const crashed = record('apply, crashed', await runVoiceAsync(['apply', folder, ...target(emulator, stateDir), '--auto-approve'], { env: DEBUG_ENV, timeoutMs: 240_000 }));
        // It did crash mid-apply, so its error output is among the ones scanned.
        expect(emulator.crashed).toBe(true);
        expect(crashed.status).not.toBe(0);
        await emulator.stop();

        const script = path.join(scratch, 'stores.ps1');
        const compiled = record('compile', await runVoiceAsync(['compile', path.join(folder, 'stores.voice'), '-o', script], { env: DEBUG_ENV }));
        expect(compiled.status).toBe(0);
        for (const file of [script, `${script}.map`, ...walk(stateDir)]) outputs.push({ label: path.relative(scratch, file), text: readFileSync(file, 'utf8') });
        expect(walk(stateDir).some(f => f.endsWith('journal.jsonl'))).toBe(true);

        const found = outputs.flatMap(o => leaks(o.text).map(l => `${o.label}: ${l}`));
        expect(found).toEqual([]);
    }, 360_000);

    test('certificate sign-in that fails shows no certificate material', async () => {
        const result = record('plan, certificate', await runVoiceAsync(['plan', folder, '--tenant', 'contoso.onmicrosoft.com', '--sign-in', 'certificate',
            '--client-id', '00000000-0000-0000-0000-000000000001', '--certificate', certificatePath], {
            // No network to the identity platform here: the proxy points nowhere, so sign-in fails fast.
            env: { ...DEBUG_ENV, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' }, timeoutMs: 120_000
        }));
        expect(result.status).not.toBe(0);
        expect(leaks(`${result.stdout}\n${result.stderr}`)).toEqual([]);
        expect(`${result.stdout}${result.stderr}`).not.toContain(readFileSync(certificatePath, 'utf8').split('\n')[1]!);
    }, 180_000);

    test('the scan itself finds a planted token, secret and key (so a clean result means something)', () => {
        expect(leaks(`Authorization: Bearer ${TOKEN}`)).toEqual(expect.arrayContaining(['token', 'bearer header']));
        expect(leaks(Buffer.from(JSON.stringify([{ parameters: { AccessTokens: ['x', TOKEN] } }])).toString('base64'))).toContain('token');
        expect(leaks(`secret=${CLIENT_SECRET}`)).toContain('client secret');
        expect(leaks(readFileSync(certificatePath, 'utf8'))).toEqual(expect.arrayContaining(['private key header', 'private key material']));
    });
});
