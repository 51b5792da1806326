/**
 * Workload identity sign-in's token source: GitHub Actions' OIDC endpoint (a local HTTP server
 * standing in for it) asked for Entra's audience with the job's request token, a token file,
 * and a clear refusal when the pipeline offers none.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEDERATION_AUDIENCE, federatedToken } from '../../tenant/auth/federated-token.js';

describe('federatedToken', () => {
    it('asks GitHub for a token with the api://AzureADTokenExchange audience and the request token', async () => {
        const seen: Array<{ url?: string; auth?: string }> = [];
        const server = createServer((request, response) => {
            seen.push({ url: request.url, auth: request.headers.authorization });
            response.end(JSON.stringify({ value: 'oidc-token' }));
        });
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`;
        try {
            await expect(federatedToken({ ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request' })).resolves.toBe('oidc-token');
        } finally {
            server.close();
        }
        expect(new URL(seen[0]!.url!, 'http://x').searchParams.get('audience')).toBe(FEDERATION_AUDIENCE);
        expect(new URL(seen[0]!.url!, 'http://x').searchParams.get('api-version')).toBe('2.0');
        expect(seen[0]!.auth).toBe('Bearer request');
    });

    it('reads AZURE_FEDERATED_TOKEN_FILE first, then VOICE_FEDERATED_TOKEN, and refuses without either', async () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'wif-')), 'token');
        writeFileSync(file, 'from-file\n');
        await expect(federatedToken({ AZURE_FEDERATED_TOKEN_FILE: file, VOICE_FEDERATED_TOKEN: 'given' })).resolves.toBe('from-file');
        await expect(federatedToken({ VOICE_FEDERATED_TOKEN: 'given' })).resolves.toBe('given');
        await expect(federatedToken({})).rejects.toThrow(/found no federated token/);
    });
});
