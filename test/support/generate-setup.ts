/**
 * Generates large, valid .voice setups for scale tests and benchmarks: one store per
 * block (address, two numbers, resource account, assignment, policy, group, emergency
 * coverage, and a grant for the first 64 stores) behind one trunk.
 *
 * Teams allows at most 64 groups per policy type in group policy assignment [GPA-NEW], for
 * the whole tenant, so only the first 64 stores (0-based index < 64) get a `grant`: the
 * rest are set up and covered for emergency calls but not yet granted. That keeps every
 * generated setup valid for the checker and appliable to the emulator at any size.
 */
export interface GeneratedSetup {
    text: string;
    statements: number;
}

export interface StoreOptions {
    /** Grants for the first 64 stores (default true). */
    grants?: boolean;
    /** Grant only the first N stores (at most 64; default 64): a smaller setup with the mix of a larger one. */
    grantedStores?: number;
    /** Emergency coverage: 'granted' (the default: only stores with a grant) or 'all' stores. */
    coverage?: 'granted' | 'all';
}

/** The tenant this generator's setups target. */
export const GENERATED_TENANT = 'contoso.onmicrosoft.com';
export const MAX_GRANTED_STORES = 64;

const HEADER = [
    `tenant "${GENERATED_TENANT}" domains "contoso.com"`,
    'trunk CteloUS {',
    '    sbc "sbc1.contoso.com" port 5061',
    '    usage "Ctelo-US"',
    '    pidf-lo on',
    '}'
];

const storeName = (i: number): string => String(i).padStart(5, '0');

/** The display name of store i's group (the emulator must be seeded with it before a plan). */
export const storeGroupName = (i: number): string => `Store Associates ${storeName(i)}`;

/** Distinct 10-digit NANP numbers: area codes 201.. and subscriber digits from the store index. */
export function storeNumbers(i: number): { main: string; callback: string } {
    const area = 201 + Math.floor(i / 4000);
    return {
        main: `+1 ${area} 555 ${String((i % 4000) * 2).padStart(4, '0')}`,
        callback: `+1 ${area} 555 ${String((i % 4000) * 2 + 1).padStart(4, '0')}`
    };
}

/** The statements of one store. */
export function storeLines(i: number, options: StoreOptions = {}): { lines: string[]; statements: number } {
    const n = storeName(i);
    const { main, callback } = storeNumbers(i);
    const lines = [
        `address Store${n} {`,
        `    company "Contoso Retail" street "${i + 1} Main St" city "Seattle" region "WA" postal-code "98101" country US geo 47.6, -122.3`,
        '}',
        `number Main${n} "${main}" direct-routing via CteloUS at Store${n}`,
        `number Callback${n} "${callback}" direct-routing via CteloUS at Store${n}`,
        `resource-account Account${n} { upn "sc-store${n}@contoso.com" display-name "Store ${n}" usage-location US }`,
        `assign Main${n} to Account${n}`,
        `shared-calling-policy Policy${n} { resource-account Account${n} emergency-callback Callback${n} description "Store ${n}" }`,
        `group Associates${n} "${storeGroupName(i)}"`
    ];
    let statements = 7;
    const granted = (options.grants ?? true) && i < Math.min(MAX_GRANTED_STORES, options.grantedStores ?? MAX_GRANTED_STORES);
    if (granted) {
        lines.push(`grant Policy${n} to Associates${n} rank ${i + 1}`);
        statements++;
    }
    if (granted || options.coverage === 'all') {
        lines.push(`emergency Associates${n} works-at Store${n} via CteloUS`);
        statements++;
    }
    return { lines, statements };
}

/** One file with every store. */
export function generateStores(stores: number, options: StoreOptions = {}): GeneratedSetup {
    const lines = [...HEADER];
    let statements = 2;
    for (let i = 0; i < stores; i++) {
        const store = storeLines(i, options);
        lines.push(...store.lines);
        statements += store.statements;
    }
    return { text: lines.join('\n') + '\n', statements };
}

export interface GeneratedWorkspace {
    /** File name -> text: network.voice (tenant and trunk) and stores-NNN.voice files importing it. */
    files: Record<string, string>;
    statements: number;
    stores: number;
}

/**
 * A workspace as a large retailer would keep it: network.voice with the tenant and the
 * trunk, and one file per region of `storesPerFile` stores, each importing network.voice.
 */
export function generateWorkspace(stores: number, options: StoreOptions & { storesPerFile?: number } = {}): GeneratedWorkspace {
    const perFile = options.storesPerFile ?? 100;
    const files: Record<string, string> = { 'network.voice': HEADER.join('\n') + '\n' };
    let statements = 2;
    for (let first = 0, file = 0; first < stores; first += perFile, file++) {
        const lines = ['import "network.voice"', ''];
        for (let i = first; i < Math.min(stores, first + perFile); i++) {
            const store = storeLines(i, options);
            lines.push(...store.lines);
            statements += store.statements;
        }
        files[`stores-${String(file).padStart(3, '0')}.voice`] = lines.join('\n') + '\n';
        statements++;
    }
    return { files, statements, stores };
}

/** An emulator seed for a generated setup: the domains, enough licences, and every store's group. */
export function generatedSeed(stores: number): {
    tenant: { domain: string; verifiedDomains: string[] };
    skus: { skuId: string; skuPartNumber: string; prepaidUnits: number }[];
    groups: { displayName: string }[];
} {
    return {
        tenant: { domain: GENERATED_TENANT, verifiedDomains: ['contoso.com', GENERATED_TENANT] },
        skus: [{ skuId: '440eaaa8-b3e0-484b-a8be-62870b9ba70a', skuPartNumber: 'PHONESYSTEM_VIRTUALUSER', prepaidUnits: stores + 10 }],
        groups: Array.from({ length: stores }, (_, i) => ({ displayName: storeGroupName(i) }))
    };
}
