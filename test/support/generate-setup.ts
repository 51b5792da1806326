/**
 * Generates large, valid .voice setups for scale tests and benchmarks: one store per
 * block (address, two numbers, resource account, assignment, policy, group, grant,
 * emergency coverage) behind one trunk.
 */
export interface GeneratedSetup {
    text: string;
    statements: number;
}

export function generateStores(stores: number, options: { grants?: boolean } = {}): GeneratedSetup {
    const lines: string[] = [
        'tenant "contoso.onmicrosoft.com" domains "contoso.com"',
        'trunk CteloUS {',
        '    sbc "sbc1.contoso.com" port 5061',
        '    usage "Ctelo-US"',
        '}'
    ];
    let statements = 2;
    const withGrants = options.grants ?? true;
    for (let i = 0; i < stores; i++) {
        const n = String(i).padStart(5, '0');
        // Distinct 10-digit NANP numbers: area codes 201.. and subscriber digits from the store index.
        const area = 201 + Math.floor(i / 4000);
        const main = `+1 ${area} 555 ${String((i % 4000) * 2).padStart(4, '0')}`;
        const callback = `+1 ${area} 555 ${String((i % 4000) * 2 + 1).padStart(4, '0')}`;
        lines.push(
            `address Store${n} {`,
            `    company "Contoso Retail" street "${i + 1} Main St" city "Seattle" region "WA" postal-code "98101" country US geo 47.6, -122.3`,
            '}',
            `number Main${n} "${main}" direct-routing via CteloUS at Store${n}`,
            `number Callback${n} "${callback}" direct-routing via CteloUS at Store${n}`,
            `resource-account Account${n} { upn "sc-store${n}@contoso.com" display-name "Store ${n}" usage-location US }`,
            `assign Main${n} to Account${n}`,
            `shared-calling-policy Policy${n} { resource-account Account${n} emergency-callback Callback${n} description "Store ${n}" }`,
            `group Associates${n} "Store Associates ${n}"`
        );
        statements += 7;
        if (withGrants && i < 64) {
            lines.push(`grant Policy${n} to Associates${n} rank ${i + 1}`, `emergency Associates${n} at Store${n} via CteloUS`);
            statements += 2;
        }
    }
    return { text: lines.join('\n') + '\n', statements };
}
