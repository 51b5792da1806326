// Types for the parts of generate-cmdlet-contract.mjs that test/contract/generator.test.ts uses.
export function normalizeType(type: string | undefined): string | null;
export function describedValues(description: string): string[];
export function cmdletContract(markdown: string, cmdlet: string, docPath: string): {
    supportsShouldProcess: boolean;
    parameterSets: { name: string; isDefault: boolean; parameters: { name: string; type: string | null; mandatory: boolean; position: number | 'named' | 'positional' }[] }[];
    parameters: Record<string, { type: string | null; aliases: string[]; parameterSets: string[]; acceptedValues?: string[] }>;
    outputs: { properties?: string[]; types?: string[]; exampleProperties?: string[] };
    conflicts: { parameter: string; set?: string; field: string; syntax: unknown; parameters: unknown; used: unknown; why: string }[];
};
export const TEAMS_CMDLETS: string[];
