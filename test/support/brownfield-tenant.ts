/**
 * One emulator seeded as a brownfield tenant (brownfield.ts) for a test file: an admin to make
 * objects with cmdlets, a connection to read it as plan and export do, a scratch folder.
 * Started in beforeAll, stopped in afterAll.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connectTenant, type TenantConnection } from '../../tenant/connection.js';
import { startEmulator, type EmulatorHandle } from '../../tenant/emulator/index.js';
import { brownfieldSeed } from './brownfield.js';
import { findPwsh } from './pwsh.js';
import { TenantAdmin } from './tenant-admin.js';

export interface BrownfieldTenant { emulator: EmulatorHandle; connection: TenantConnection; admin: TenantAdmin; scratch: string }

export function useBrownfieldTenant(prefix: string): BrownfieldTenant {
    const tenant = {} as BrownfieldTenant;
    beforeAll(async () => {
        process.env.VOICE_PWSH = findPwsh();
        tenant.scratch = mkdtempSync(path.join(tmpdir(), prefix));
        tenant.emulator = await startEmulator({ port: 0, seed: brownfieldSeed() });
        tenant.connection = await connectTenant({ tenant: 'emulator', emulatorUrl: tenant.emulator.url });
        tenant.admin = new TenantAdmin(tenant.emulator.url, tenant.emulator.token);
    }, 60_000);
    afterAll(async () => {
        await tenant.connection?.dispose();
        await tenant.emulator?.stop();
    });
    return tenant;
}
