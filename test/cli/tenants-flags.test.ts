/**
 * The flags that go with `--tenants`, decided before any tenant runs: the sign-in flags of the
 * command line are every tenant's default (an entry's own win), the connection flags clash,
 * and a dry run is summed up as planned, not applied.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { tenantsFrom } from '../../cli/tenants-file.js';
import { summaryTable } from '../../cli/tenants-run.js';

function tenantsFile(tenants: object[]): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'voice-tenants-flags-')), 'tenants.json');
    writeFileSync(file, JSON.stringify({ tenants }));
    return file;
}

describe('--tenants with sign-in flags on the command line', () => {
    test('they are each tenant\'s default; an entry\'s own sign-in wins', () => {
        const file = tenantsFile([
            { name: 'fabrikam', tenant: 'fabrikam.onmicrosoft.com' },
            { name: 'northwind', tenant: 'northwind.onmicrosoft.com', signIn: 'device-code' }
        ]);
        const { tenants } = tenantsFrom({ tenants: file, 'sign-in': 'workload-identity', 'client-id': '00000000-0000-0000-0000-000000000001', certificate: 'app.pem' });
        expect(tenants[0]).toMatchObject({ signIn: 'workload-identity', clientId: '00000000-0000-0000-0000-000000000001', certificate: path.resolve('app.pem') });
        expect(tenants[1]).toMatchObject({ signIn: 'device-code', clientId: '00000000-0000-0000-0000-000000000001' });
    });

    test('a connection flag clashes with the file', () => {
        const file = tenantsFile([{ name: 'fabrikam', tenant: 'fabrikam.onmicrosoft.com' }]);
        expect(() => tenantsFrom({ tenants: file, tenant: 'emulator' })).toThrow(/drop --tenant/);
    });
});

describe('the summary of a dry run', () => {
    test('a tenant with changes reads "planned (dry run)"', () => {
        const table = summaryTable([{ name: 'fabrikam', exitCode: 0, changes: { create: 3, update: 0 }, result: 'planned (dry run)' }]);
        expect(table).toMatch(/^fabrikam\s+3 \(3 create, 0 update\)\s+planned \(dry run\)$/m);
    });
});
