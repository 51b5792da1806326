/** The id of the tenant a connection reached, as Teams reports it: what a saved plan is bound to. */
import { TenantError } from './errors.js';
import type { CmdletRunner } from './teams/session-pool.js';

export async function readTenantId(teams: CmdletRunner): Promise<string> {
    const [tenant] = await teams.invoke({ command: 'Get-CsTenant' }) as { TenantId?: unknown }[];
    const id = tenant?.TenantId;
    if (typeof id !== 'string' || id === '') throw new TenantError('Get-CsTenant returned no TenantId: cannot tell which tenant this is.');
    return id;
}
