/** The carrier example's customers (examples/carrier), each an emulator tenant of its own. */
import type { SeedFile } from '../../tenant/emulator/index.js';
import { defaultSeedPath, readSeedFile } from '../../tenant/emulator/index.js';

export const CUSTOMERS = [
    { name: 'fabrikam', tenant: 'fabrikam.onmicrosoft.com', domain: 'fabrikam.com' },
    { name: 'northwind', tenant: 'northwind.onmicrosoft.com', domain: 'northwindtraders.com' },
    { name: 'tailspin', tenant: 'tailspin.onmicrosoft.com', domain: 'tailspintoys.com' }
] as const;

/** The frontline seed as the customer's tenant: its domains, the same groups, users and numbers. */
export function customerSeed(customer: { tenant: string; domain: string }): SeedFile {
    const text = JSON.stringify(readSeedFile(defaultSeedPath()))
        .replaceAll('contoso.onmicrosoft.com', customer.tenant).replaceAll('contoso.com', customer.domain);
    return JSON.parse(text) as SeedFile;
}
